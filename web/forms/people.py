"""Forms about people and groups: signing in, invitations, roles, forming a group, its aim."""

from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField
from wtforms.validators import DataRequired, EqualTo, Length

from domain.passwords import MAX_LENGTH, MIN_LENGTH
from domain.roles import ROLES
from web.forms.fields import Worded, choices, text_field


class SignInForm(FlaskForm):
    """Email and password."""

    email = text_field("Email", "email")
    password = PasswordField(
        "Password",
        validators=[DataRequired(message="Enter your password."), Length(max=MAX_LENGTH)],
    )


class AcceptForm(FlaskForm):
    """A new account, made while accepting an invitation."""

    name = text_field("Your name", "actor")
    password = PasswordField(
        "Choose a password",
        validators=[
            DataRequired(message="Choose a password."),
            Length(
                min=MIN_LENGTH,
                max=MAX_LENGTH,
                message=f"Choose a password of {MIN_LENGTH} to {MAX_LENGTH} characters.",
            ),
        ],
    )


class PasswordForm(Worded, FlaskForm):
    """Change one's password: the current one, and the new one twice."""

    said = "Password changed"

    current = PasswordField(
        "Current password",
        validators=[
            DataRequired(message="Enter your current password."),
            Length(max=MAX_LENGTH),
        ],
    )
    new = PasswordField(
        "New password",
        validators=[
            DataRequired(message="Choose a new password."),
            Length(
                min=MIN_LENGTH,
                max=MAX_LENGTH,
                message=f"Choose a password of {MIN_LENGTH} to {MAX_LENGTH} characters.",
            ),
        ],
    )
    again = PasswordField(
        "New password again",
        validators=[
            DataRequired(message="Type the new password again."),
            EqualTo("new", message="The two new passwords differ: type them again."),
        ],
    )


class InviteForm(Worded, FlaskForm):
    """Invite someone by email, for a role."""

    said = "Invitation made"

    email = text_field("Email", "email")
    role = SelectField(
        "Role", choices=choices((r, r.capitalize()) for r in ROLES), default="member"
    )


class RoleForm(Worded, FlaskForm):
    """Change someone's role."""

    said = "Role changed"

    role = SelectField("Role", choices=choices((r, r.capitalize()) for r in ROLES))


class RemovalForm(Worded, FlaskForm):
    """Someone removed from the group: a bare button."""

    said = "Removed from the group"


class SharingForm(Worded, FlaskForm):
    """Share the group's learning organisation-wide."""

    said = "Sharing changed"

    shared = BooleanField("Share this group's learning with everyone in the organisation")


class GroupForm(Worded, FlaskForm):
    """Form a pilot group."""

    said = "Group formed"

    name = text_field("Group name", "name", noun="the group's name")
    aim = text_field("Aim — what are you trying to improve?", "aim", area=True)


class AimForm(Worded, FlaskForm):
    """Revise the group's aim, saying why."""

    said = "Aim revised"

    aim = text_field("New aim", "aim", area=True, noun="the new aim")
    reason = text_field("Why the aim changed", "aim_reason", area=True, noun="why the aim changed")
