"""Error pages: friendly words and the right status, never a stack trace."""

import logging

from flask import Flask, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from domain.errors import NotFoundError
from web.outage import guarded

log = logging.getLogger(__name__)
MESSAGES = {
    403: "Your role in this group does not let you do that. A facilitator can change it.",
    404: "There is nothing here. It may have been a mistyped address.",
    405: "That page cannot be used that way. Go back and use its form.",
    413: "That was too much to send at once (Learnloop takes text, not files). Nothing was "
    "recorded: go back, shorten it, and send it again.",
}


def init_app(app: Flask) -> None:
    """Register the error handlers; each answers 503 instead when the database is out of reach."""
    app.register_error_handler(HTTPException, guarded(_http_error))
    app.register_error_handler(CSRFError, guarded(_csrf_error))
    app.register_error_handler(NotFoundError, guarded(_not_found))
    app.register_error_handler(Exception, guarded(_unexpected))


def _http_error(error: HTTPException) -> tuple[str, int]:
    code = error.code or 500
    message = MESSAGES.get(code, "")
    return render_template("errors/error.html", code=code, title=error.name, message=message), code


def _csrf_error(error: CSRFError) -> ResponseReturnValue:
    view = current_app.view_functions.get(request.endpoint or "")
    if not current_user.is_authenticated and getattr(view, "access", "public") != "public":
        # The session, and the CSRF token kept in it, is gone: go to sign in, as the view would.
        response: ResponseReturnValue = current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
        return response
    message = "Your form had expired or came from another site. Reload the page and try again."
    return render_template(
        "errors/error.html", code=400, title="Form expired", message=message
    ), 400


def _not_found(error: NotFoundError) -> tuple[str, int]:
    message = "There is nothing here. It may have been a mistyped address."
    return render_template("errors/error.html", code=404, title="Not found", message=message), 404


def _unexpected(error: Exception) -> tuple[str, int]:
    log.exception("Unexpected error")
    message = "Something went wrong on our side and it has been logged. Please try again."
    return render_template("errors/error.html", code=500, title="Sorry", message=message), 500
