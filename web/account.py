"""The signed-in person's own account: changing their password."""

from uuid import UUID

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from domain.application import Recorded
from web.access import requires
from web.commands import submit
from web.forms import PasswordForm
from web.rendering import see_other
from web.services import services
from web.sessions import store
from web.throttle import client_address, throttle

bp = Blueprint("account", __name__)


@bp.route("/account/password", methods=["GET", "POST"])
@requires("signed_in")
def password() -> ResponseReturnValue:
    """Change your password: every other session of the account ends; this one stays."""
    form = PasswordForm()
    if not form.is_submitted():
        changed = request.args.get("changed") == "1"
        return render_template("auth/password.html", form=form, changed=changed)
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

    recorded, status = submit(form, change)
    if recorded is None:
        return render_template("auth/password.html", form=form), status
    store().end_all(account, keep=current_user.session)
    return see_other(url_for("account.password", changed=1))
