"""Caps on what one request may send: its size, its number of fields, and no files but
where a view takes one."""

from flask import Flask, abort, current_app, request

from web.access import View

# The whole body: ample for the longest form (a plan is some 30 kB at every limit).
MAX_CONTENT_LENGTH = 1024 * 1024
# Fields in one form: the plan form with its most rows and 100 entries to cite is ~230.
MAX_FORM_PARTS = 500
BODIES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def defaults() -> dict[str, object]:
    """The caps' settings, before LEARNLOOP_MAX_CONTENT_LENGTH and the like override them."""
    return {"MAX_CONTENT_LENGTH": MAX_CONTENT_LENGTH, "MAX_FORM_PARTS": MAX_FORM_PARTS}


def init_app(app: Flask) -> None:
    """Refuse, before any view runs, a form with too many fields or with a file in it."""
    app.before_request(_within_caps)


def _within_caps() -> None:
    # Reading the form applies MAX_CONTENT_LENGTH (and MAX_FORM_PARTS to multipart
    # bodies); Werkzeug does not count the fields of a urlencoded one, so count here.
    if request.method not in BODIES:
        return
    fields = sum(len(values) for values in request.form.listvalues())
    view = current_app.view_functions.get(request.endpoint or "")
    files = request.files and not getattr(view, "takes_a_file", False)
    if files or fields > current_app.config["MAX_FORM_PARTS"]:
        abort(413)


def takes_a_file(view: View) -> View:
    """This view takes a file upload (every other refuses a body with a file in it)."""
    view.takes_a_file = True  # type: ignore[attr-defined]
    return view
