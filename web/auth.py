"""Signing in and out, and accepting invitations."""

from urllib.parse import urlsplit
from uuid import UUID

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_user, logout_user

from domain.accounts import account_id
from domain.errors import DomainError, InvitationError, NotFoundError
from projections import queries
from web.access import public, requires
from web.forms import AcceptForm, SignInForm, attach
from web.rendering import reading, render
from web.services import services
from web.sessions import store
from web.throttle import client_address, throttle
from web.users import load_user

bp = Blueprint("auth", __name__)
# Pages of their own, drawn whole for htmx too (a boosted form asks for the whole page).
SIGNIN = ("auth/signin.html", "auth/signin.html")
INVITATION = ("auth/invitation.html", "auth/invitation.html")


@bp.route("/signin", methods=["GET", "POST"])
@public
def signin() -> ResponseReturnValue:
    """Sign in with email and password."""
    form = SignInForm()
    if not form.is_submitted():
        return render(*SIGNIN, form=form, no_accounts=_no_accounts())
    if not form.validate():
        return render(*SIGNIN, 422, form=form)
    email, password = form.email.data, form.password.data
    try:
        account_id = throttle().guarded(
            email, client_address(), lambda: services().app.sign_in(email, password)
        )
    except DomainError as error:
        current_app.logger.info("Sign-in refused from %s: %s", client_address(), error)
        attach(form, error)
        return render(*SIGNIN, 422, form=form)
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
        return render(*INVITATION, offer=offer, form=form)
    try:
        if current_user.is_authenticated:
            recorded = app.accept_invitation(invitation_id, token, UUID(current_user.id))
        elif form.validate():
            recorded = app.accept_invitation_as_new(
                invitation_id, token, form.name.data, form.password.data
            )
            _start_session(account_id(str(offer["email"])))
        else:
            return render(*INVITATION, 422, offer=offer, form=form)
    except DomainError as error:
        attach(form, error)
        return render(*INVITATION, 422, offer=offer, form=form)
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
    user = load_user(store().start(account_id))
    assert user is not None
    login_user(user)
    session.permanent = True  # the cookie expires with the session


def _no_accounts() -> bool:
    with reading() as conn:
        return not queries.list_accounts(conn, limit=1)[0]
