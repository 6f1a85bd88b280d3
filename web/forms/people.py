"""Forms about people and groups: who is recording, forming a group, its aim and members."""

from flask_wtf import FlaskForm

from web.forms.fields import text_field


class IdentityForm(FlaskForm):
    """Who is recording: the name shown beside everything they log."""

    actor = text_field("Your name", "actor")


class GroupForm(FlaskForm):
    """Form a pilot group."""

    name = text_field("Group name", "name")
    aim = text_field("Aim — what are you trying to improve?", "aim", area=True)


class AimForm(FlaskForm):
    """Revise the group's aim, saying why."""

    aim = text_field("New aim", "aim", area=True)
    reason = text_field("Why the aim changed", "decision_reason", area=True)


class MemberForm(FlaskForm):
    """Add a member by name."""

    member = text_field("Name", "member")
