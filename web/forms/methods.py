"""Forms of particular methods: choosing one, Peer Assist's advice, MSC's stories and choice."""

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField
from wtforms.validators import DataRequired

from domain.methods import CATALOGUE, PDSA
from projections.queries import GroupChoice, StoryRow
from web.forms.fields import Worded, choices, text_field
from web.forms.plan import PlanForm
from web.forms.when import WhenForm, time_field, when_field


class NewCycleForm(Worded, PlanForm, WhenForm):
    """A new ramp's first plan, the method the group will follow, and when the cycle
    was opened (a ramp run before the group joined is entered with its real dates)."""

    said = "Cycle opened"

    method = RadioField(
        "Method",
        choices=choices((m.key, m.name) for m in CATALOGUE.values()),
        default=PDSA,
    )
    happened_on = when_field("was the cycle opened")
    happened_time = time_field("was the cycle opened")


class AdviceRequestForm(Worded, FlaskForm):
    """Peer Assist: which group to ask, and what about."""

    said = "Request for advice sent"

    to_group = SelectField(
        "Ask the group",
        choices=choices([]),
        validators=[DataRequired("Choose the group to ask: one that has done it before.")],
    )
    question = text_field(
        "What you would like their advice on",
        "advice_question",
        area=True,
        noun="what you would like their advice on",
    )

    def offer(self, groups: Iterable[GroupChoice]) -> None:
        """Offer these groups to ask (nothing is chosen until someone chooses)."""
        self.to_group.choices = choices([("", "—"), *((g.id, g.name) for g in groups)])


class AdviceForm(Worded, FlaskForm):
    """Advice for another group that asked."""

    said = "Advice given"

    text = text_field("Your group's advice", "advice", area=True, noun="your group's advice")


class StoryForm(Worded, WhenForm):
    """Most Significant Change: a story of change, and whose it is."""

    said = "Story recorded"

    from_group = SelectField("From the group", choices=choices([]))
    title = text_field("Title", "story_title")
    teller = text_field("Told by", "teller")
    text = text_field("The story — what changed?", "story", area=True)
    why = text_field(
        "Why it matters to the person who told it",
        "why",
        area=True,
        noun="why it matters to the person who told it",
    )
    happened_on = when_field("was the story told")
    happened_time = time_field("was the story told")

    def offer(self, groups: Iterable[GroupChoice]) -> None:
        """Offer the groups the story may come from."""
        self.from_group.choices = choices((g.id, g.name) for g in groups)


class ChoiceForm(Worded, WhenForm):
    """The panel's choice of the most significant story, and why."""

    said = "The panel's choice recorded"

    story = RadioField("The most significant story", choices=choices([]), validators=[])
    reasons = text_field("Why the panel chose it", "reasons", area=True)
    happened_on = when_field("did the panel choose")
    happened_time = time_field("did the panel choose")

    def offer(self, stories: Iterable[StoryRow]) -> None:
        """Offer the stories the panel may choose: those not withdrawn."""
        self.story.choices = choices((s.entry_id, s.title) for s in stories if not s.withdrawn)

    def validate(self, extra_validators: Any = None) -> bool:
        """A story must be chosen."""
        ok = super().validate(extra_validators)
        if not self.story.data:
            self.story.errors = ["Choose the story the panel found most significant."]
            ok = False
        return ok
