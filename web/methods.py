"""The learning methods guide: each method's feature file, and each guide to reading a
chart, shown as living documentation."""

from pathlib import Path

from flask import Blueprint, abort, current_app, render_template
from flask.typing import ResponseReturnValue

from web.access import public
from web.method_guide import app_checks, for_readers, grouped, use_of
from web.method_pages import CHARTS_DIR, DEFAULT_DIR, find_method, list_methods, method_names

bp = Blueprint("methods", __name__)


def methods_dir() -> Path:
    """Where this app's method files are: METHODS_DIR if configured (tests set it)."""
    return Path(current_app.config.get("METHODS_DIR") or DEFAULT_DIR)


def charts_dir() -> Path:
    """Where the guides to reading charts are: CHARTS_DIR if configured (tests set it)."""
    return Path(current_app.config.get("CHARTS_DIR") or CHARTS_DIR)


def names() -> dict[str, str]:
    """Slug to method name, for other pages to link to url_for('methods.show', slug=...)."""
    return method_names(methods_dir())


@bp.get("/methods")
@public
def index() -> ResponseReturnValue:
    """The catalogue: the methods grouped by what they are for, then the chart guides."""
    return render_template(
        "methods/index.html",
        groups=grouped(list_methods(methods_dir())),
        charts=list_methods(charts_dir()),
    )


@bp.get("/methods/<slug>")
@public
def show(slug: str) -> ResponseReturnValue:
    """One method or chart guide: its description, then each scenario as a worked example."""
    method = find_method(methods_dir(), slug) or find_method(charts_dir(), slug)
    if method is None:
        abort(404)
    # Readers see the guidance only: scenarios tagged @app-check are tests of the app.
    return render_template(
        "methods/show.html",
        method=for_readers(method),
        use=use_of(method),
        app_checks=app_checks(method),
    )
