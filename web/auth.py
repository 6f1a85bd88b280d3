"""Signing in and out, accepting invitations, and the signed-in user."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from uuid import UUID

from flask import (
    Blueprint,
    Flask,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_htmx import make_response as htmx_response
from flask_login import LoginManager, current_user, login_user, logout_user

from domain.accounts import account_id
from domain.errors import DomainError, InvitationError, NotFoundError
from projections import queries
from web.access import public, requires
from web.forms import AcceptForm, SignInForm, attach
from web.rendering import connection, reading
from web.services import services
from web.sessions import store
from web.throttle import client_address, throttle

bp = Blueprint("auth", __name__)


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
    manager.user_loader(_load_user)
    manager.unauthorized_handler(_unauthorized)
    manager.session_protection = "strong"


def current_actor() -> str:
    """The signed-in account's id: the actor on every event this request makes."""
    return str(current_user.id)


@bp.route("/signin", methods=["GET", "POST"])
@public
def signin() -> ResponseReturnValue:
    """Sign in with email and password."""
    form = SignInForm()
    if not form.is_submitted():
        return render_template("auth/signin.html", form=form, no_accounts=_no_accounts())
    if not form.validate():
        return render_template("auth/signin.html", form=form), 422
    email, password = form.email.data, form.password.data
    try:
        account_id = throttle().guarded(
            email, client_address(), lambda: services().app.sign_in(email, password)
        )
    except DomainError as error:
        current_app.logger.info("Sign-in refused from %s: %s", client_address(), error)
        attach(form, error)
        return render_template("auth/signin.html", form=form), 422
    _start_session(account_id)
    return redirect(safe_next(request.args.get("next")), code=303)


@bp.post("/signout")
@requires("signed_in")
def signout() -> ResponseReturnValue:
    """Sign out: the session ends on the server, so a copy of the cookie opens nothing."""
    store().end(current_user.session)
    logout_user()
    session.clear()
    return redirect(url_for("auth.signin"), code=303)


@bp.route("/invitations/<uuid:invitation_id>/<token>", methods=["GET", "POST"])
@public
def invitation(invitation_id: UUID, token: str) -> ResponseReturnValue:
    """Accept an invitation: as the signed-in invited person, or by creating an account."""
    app = services().app
    try:
        offer = app.check_invitation(invitation_id, token)
    except (InvitationError, NotFoundError) as error:
        return render_template("auth/invitation_invalid.html", message=str(error)), 410
    form = AcceptForm()
    if not form.is_submitted():
        return render_template("auth/invitation.html", offer=offer, form=form)
    try:
        if current_user.is_authenticated:
            recorded = app.accept_invitation(invitation_id, token, UUID(current_user.id))
        elif form.validate():
            recorded = app.accept_invitation_as_new(
                invitation_id, token, form.name.data, form.password.data
            )
            _start_session(account_id(str(offer["email"])))
        else:
            return render_template("auth/invitation.html", offer=offer, form=form), 422
    except DomainError as error:
        attach(form, error)
        return render_template("auth/invitation.html", offer=offer, form=form), 422
    services().caught_up(recorded.notification_id)
    return redirect(url_for("groups.show", group_id=offer["group_id"]), code=303)


def safe_next(target: str | None) -> str:
    """Only ever return to a path on this site."""
    if not target:
        return url_for("groups.index")
    try:
        parts = urlsplit(target)
    except ValueError:
        return url_for("groups.index")
    path = parts.path or "/"
    if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith("//"):
        return url_for("groups.index")
    return path + (f"?{parts.query}" if parts.query else "")


def _start_session(account_id: UUID) -> None:
    # A fresh session on sign-in: nothing from before (say a planted cookie) carries over,
    # and a session this browser held before ends.
    if current_user.is_authenticated:
        store().end(current_user.session)
    session.clear()
    user = _load_user(store().start(account_id))
    assert user is not None
    login_user(user)
    session.permanent = True  # the cookie expires with the session


def _load_user(token: str) -> User | None:
    # One indexed query on every request finds the live session and its account in
    # today's read model (even on a past view, which holds one group's past only).
    found = store().signed_in(connection(services().engine), token)
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


def _unauthorized() -> Any:
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


def _no_accounts() -> bool:
    with reading() as conn:
        return not queries.list_accounts(conn, limit=1)[0]
