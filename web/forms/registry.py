"""Every form a page draws, found by the prefix its fields carry: the one place a prefix
is spelled. Templates name the same prefixes as keys (`forms.act_form`)."""

from dataclasses import dataclass
from uuid import UUID

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict

from web.forms.journal import (
    ActForm,
    CompareForm,
    DecisionForm,
    HelpForm,
    MistakeForm,
    ReflectionForm,
)
from web.forms.measures import (
    AstronomicalForm,
    BaselineForm,
    CorrectPointForm,
    ExcludeForm,
    IncludeForm,
    NoteForm,
    PasteForm,
    PhaseForm,
    PointForm,
    ReviseMeasureForm,
    UploadForm,
    WithdrawForm,
)
from web.forms.methods import AdviceRequestForm, ChoiceForm, StoryForm
from web.forms.people import AimForm, InviteForm, SharingForm

# The cycle page's journal forms. Every journal form sends the whole journal
# (hx-include), so a swap re-renders each form with what the user had typed.
JOURNAL_FORMS: dict[str, type[FlaskForm]] = {
    "act_form": ActForm,
    "compare_form": CompareForm,
    "reflection_form": ReflectionForm,
    "mistake_form": MistakeForm,
    "help_form": HelpForm,
    "decision_form": DecisionForm,
    "advice_request_form": AdviceRequestForm,
    "story_form": StoryForm,
    "choice_form": ChoiceForm,
}
# The group page's own forms.
GROUP_FORMS: dict[str, type[FlaskForm]] = {
    "aim_form": AimForm,
    "invite_form": InviteForm,
    "sharing_form": SharingForm,
}
# A measure's page: its data, its chart's lines and its definition.
MEASURE_FORMS: dict[str, type[FlaskForm]] = {
    "point_form": PointForm,
    "paste_form": PasteForm,
    "upload_form": UploadForm,
    "baseline_form": BaselineForm,
    "phase_form": PhaseForm,
    "revise_form": ReviseMeasureForm,
}
# One data point's page.
POINT_FORMS: dict[str, type[FlaskForm]] = {
    "correct_form": CorrectPointForm,
    "withdraw_form": WithdrawForm,
    "exclude_form": ExcludeForm,
    "include_form": IncludeForm,
    "astronomical_form": AstronomicalForm,
    "note_form": NoteForm,
}
_ALL = JOURNAL_FORMS | GROUP_FORMS | MEASURE_FORMS | POINT_FORMS
_PREFIXES = {cls: prefix for prefix, cls in _ALL.items()}
# A form alone on its page, or a bare button (close a help request), has no prefix.
UNPREFIXED = ""


@dataclass(frozen=True)
class Sent:
    """A posted form with the prefix it was drawn under, so its page can find its place;
    `status` is 0 until it has run, then 200 (recorded) or the refusal's 422/409."""

    prefix: str
    form: FlaskForm
    status: int = 0

    @property
    def refused(self) -> FlaskForm | None:
        """The form as sent, errors attached, if it was refused."""
        return self.form if self.status >= 400 else None


def posted(form_class: type[FlaskForm], prefix: str | None = None) -> Sent:
    """The form of this class as the request sent it, under its registered prefix or the
    per-item `prefix` given (made by one of the functions below)."""
    if prefix is None:
        prefix = _PREFIXES.get(form_class, UNPREFIXED)
    return Sent(prefix, form_class(prefix=prefix))


def drawn(prefix: str, formdata: MultiDict[str, str] | None = None) -> FlaskForm:
    """A fresh form of a registered prefix (with drafts sent along, if any)."""
    return _ALL[prefix](prefix=prefix, formdata=formdata)


def comment_prefix(on: str) -> str:
    """A comment form's prefix, by what it comments on ("plan", "decision", an entry's hex)."""
    return f"c{on}"


def answer_prefix(request_id: UUID) -> str:
    """The prefix of the form answering one help request."""
    return f"a{request_id.hex}"


def advice_prefix(request_id: UUID) -> str:
    """The prefix of the form giving advice to one request."""
    return f"adv{request_id.hex}"


def role_prefix(account_id: str) -> str:
    """The prefix of the form changing one person's role."""
    return f"r{_slug(account_id)}"


def removal_prefix(account_id: str) -> str:
    """The prefix of the button removing one person."""
    return f"x{_slug(account_id)}"


def _slug(account_id: str) -> str:
    return "".join(ch for ch in account_id if ch.isalnum())
