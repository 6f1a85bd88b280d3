"""The signed-in person's own account: changing their password."""

from dataclasses import dataclass
from uuid import UUID

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm

from domain.application import Recorded
from web.access import requires
from web.forms import PasswordForm
from web.forms.registry import posted
from web.pages import PageView
from web.posting import Landing, post
from web.services import services
from web.sessions import store
from web.throttle import client_address, throttle

bp = Blueprint("account", __name__)
PAGE = "auth/password.html"


@dataclass(frozen=True)
class PasswordView(PageView):
    """The form to change one's password, given back when refused."""

    form: FlaskForm


@bp.route("/account/password", methods=["GET", "POST"])
@requires("signed_in")
def password() -> ResponseReturnValue:
    """Change your password: every other session of the account ends; this one stays."""
    if request.method != "POST":
        changed = request.args.get("changed") == "1"
        return render_template(PAGE, form=PasswordForm(), changed=changed)
    sent = posted(PasswordForm)
    form = sent.form
    account = UUID(current_user.id)

    def change() -> Recorded:
        # A wrong current password counts as a failed sign-in: a borrowed session
        # cannot be used to guess it.
        return throttle().guarded(
            current_user.email,
            client_address(),
            lambda: services().app.change_password(
                account, form.current.data, form.new.data, str(account)
            ),
        )

    return post(sent, change, Landing(PAGE, PAGE, lambda sent: PasswordView(sent.form), _changed))


def _changed(_: Recorded) -> str:
    """Once changed: every other session ends, and the page says it is done."""
    store().end_all(UUID(current_user.id), keep=current_user.session)
    return url_for("account.password", changed=1)
