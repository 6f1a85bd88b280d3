"""Who is recording: a name kept in the session and stamped on every event they make."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_htmx import make_response as htmx_response

from web.forms import IdentityForm

bp = Blueprint("identity", __name__)


@bp.app_context_processor
def here_for_templates() -> dict[str, str]:
    """Where "say who you are" should return to: this page, or the page a post came from."""
    if request.method == "GET":
        return {"here": request.full_path.rstrip("?")}
    came_from = urlsplit(request.referrer or "")
    same_site = not came_from.netloc or came_from.netloc == request.host
    return {"here": came_from.path if same_site and came_from.path else url_for("groups.index")}


def current_actor() -> str:
    """The name of whoever is recording in this session."""
    return str(session["actor"])


def needs_actor(view: Callable[..., ResponseReturnValue]) -> Callable[..., ResponseReturnValue]:
    """Send someone who has not said who they are to the name page first."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        if "actor" in session:
            return view(*args, **kwargs)
        target = url_for("identity.who", next=_here())
        if request.headers.get("HX-Request"):
            # A name form swapped into a fragment would be confusing: go to the page.
            return htmx_response("", redirect=target)
        return redirect(target, code=303)

    return wrapped


def _here() -> str:
    # htmx tells us the page the user is on; a plain post came from its own path.
    current = urlsplit(request.headers.get("HX-Current-URL", ""))
    if current.path:
        return current.path + (f"?{current.query}" if current.query else "")
    return request.path


@bp.route("/who", methods=["GET", "POST"])
def who() -> ResponseReturnValue:
    """Ask for the name shown beside what this person records."""
    form = IdentityForm(data={"actor": session.get("actor", "")})
    if request.method == "POST":
        form = IdentityForm()
        if form.validate():
            session["actor"] = form.actor.data
            return redirect(_safe_next(request.args.get("next")), code=303)
        return render_template("identity/who.html", form=form), 422
    return render_template("identity/who.html", form=form)


def _safe_next(target: str | None) -> str:
    # Only ever return to a path on this site.
    if not target:
        return url_for("groups.index")
    parts = urlsplit(target)
    path = parts.path or "/"
    if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith("//"):
        return url_for("groups.index")
    return path + (f"?{parts.query}" if parts.query else "")
