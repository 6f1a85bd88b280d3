"""Charts drawn on the server as SVG: geometry computed here, rendered by templates/charts."""

from web.charts.draw import draw
from web.charts.model import Annotation, Drawing, PointDetail, Sparkline
from web.charts.spark import sparkline

__all__ = ["Annotation", "Drawing", "PointDetail", "Sparkline", "draw", "sparkline"]
