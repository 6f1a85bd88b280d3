"""Who is signed in: Flask-Login's user, loaded from the session store, and the actor."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_htmx import make_response as htmx_response
from flask_login import LoginManager, current_user

from web.rendering import live
from web.services import services
from web.sessions import store


@dataclass
class User:
    """The signed-in person, as Flask-Login needs them."""

    id: str
    name: str
    email: str
    is_admin: bool
    session: str
    is_authenticated: bool = True
    is_active: bool = True
    is_anonymous: bool = False

    def get_id(self) -> str:
        """What the cookie keeps: the session's token, good only while its record lives."""
        return self.session


def init_app(app: Flask) -> None:
    """Set up Flask-Login: users load from the Application, never from a form field."""
    manager = LoginManager(app)
    manager.user_loader(load_user)
    manager.unauthorized_handler(_unauthorized)
    manager.session_protection = "strong"


def current_actor() -> str:
    """The signed-in account's id: the actor on every event this request makes."""
    return str(current_user.id)


def load_user(token: str) -> User | None:
    """The person a session token belongs to, if the session is live."""
    # One indexed query on every request finds the live session and its account in
    # today's read model (even on a past view, which holds one group's past only).
    found = store().signed_in(live(), token)
    if found is None:
        return None
    if found.name is not None and found.email is not None:
        return User(str(found.account_id), found.name, found.email, bool(found.is_admin), token)
    # An account made a moment ago (by `learnloop users create`, say) may not be in the
    # read model yet, so the Application is asked then.
    account = services().app.account(found.account_id)
    if account is None:
        return None
    return User(
        id=str(account["id"]),
        name=str(account["name"]),
        email=str(account["email"]),
        is_admin=bool(account["is_admin"]),
        session=token,
    )


def _unauthorized() -> ResponseReturnValue:
    target = url_for("auth.signin", next=_here())
    if request.headers.get("HX-Request"):
        # A sign-in form swapped into a fragment would be confusing: go to the page.
        return htmx_response("", 401, redirect=target)
    return redirect(target, code=303)


def _here() -> str:
    # htmx tells us the page the user is on; a plain request came from its own path.
    try:
        current = urlsplit(request.headers.get("HX-Current-URL", ""))
    except ValueError:
        current = urlsplit("")
    if current.path:
        return current.path + (f"?{current.query}" if current.query else "")
    return request.full_path.rstrip("?") if request.method == "GET" else request.path
