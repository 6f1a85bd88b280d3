"""Opening a cycle, one question a page: which answers each page asks for, and the
form over all the answers so far.

The pages ask in the order a team thinks about a test (after the IHI PDSA worksheet):
the method, what the cycle is for, the questions and predictions, the change, what
must be ready, what will be collected, and when it was opened. Every page is a view
of one NewCycleForm, so a page's answers are checked by the same rules as the whole
plan, and the check page posts the whole plan to the one command that opens a cycle.
"""

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict
from wtforms import Field, FormField

from web.forms.methods import NewCycleForm

Answers = list[tuple[str, str]]
# The check page's hidden field naming the draft it posts, so the draft can be closed.
DRAFT = "draft"
# Posted with every page but not an answer.
NOT_ANSWERS = frozenset({"csrf_token", "submission", "more", DRAFT})


@dataclass(frozen=True)
class Question:
    """One page of questions: its address, its heading and the form fields it asks for."""

    slug: str
    heading: str
    fields: tuple[str, ...]
    optional: bool = False  # a page that may be left blank says so
    # A page that is one group of radios: its heading is the group's legend (GOV.UK's
    # pattern), so the question is said once, as the page's heading and the group's name.
    legend: bool = False

    def owns(self, name: str) -> bool:
        """Whether a posted name ("questions-0-prediction") answers this page."""
        return any(name == f or name.startswith(f"{f}-") for f in self.fields)


QUESTIONS = (
    Question("method", "Which method will the group follow?", ("method",), legend=True),
    Question("objective", "What is this cycle for?", ("objective",)),
    Question("questions", "What should this test find out?", ("questions",)),
    Question(
        "change",
        "What change will you test, and at what scale?",
        ("plan_text", "who", "where", "when", "scale"),
    ),
    Question("tasks", "What must be ready first?", ("tasks",), optional=True),
    Question("data", "What will you collect?", ("data", "measures"), optional=True),
    Question(
        "when", "When was the cycle opened?", ("happened_on", "happened_time"), optional=True
    ),
)
BY_SLUG = {q.slug: q for q in QUESTIONS}


def after(question: Question) -> Question | None:
    """The next page, or None: the check page comes next."""
    at = QUESTIONS.index(question)
    return QUESTIONS[at + 1] if at + 1 < len(QUESTIONS) else None


def before(question: Question) -> Question | None:
    """The page before, or None for the first."""
    at = QUESTIONS.index(question)
    return QUESTIONS[at - 1] if at else None


def answers_of(formdata: MultiDict[str, str]) -> Answers:
    """What a post answered, as (name, value) pairs, leaving out what is not an answer."""
    return [(k, v) for k, v in formdata.items(multi=True) if k not in NOT_ANSWERS]


def merged(kept: Answers, question: Question, sent: Answers) -> Answers:
    """The draft's answers with one page's replaced by what was sent for it."""
    others = [(k, v) for k, v in kept if not question.owns(k)]
    return others + [(k, v) for k, v in sent if question.owns(k)]


def answered(kept: Answers, question: Question) -> bool:
    """Whether the draft holds this page's answers (it has been through this page)."""
    return any(question.owns(k) for k, _ in kept)


def plan_form(answers: Answers, more: str = "") -> NewCycleForm:
    """The whole plan's form over these answers (the post's token is checked app-wide);
    `more` names the list "Add another" asked to grow, if it was pressed."""
    return NewCycleForm(formdata=MultiDict([*answers, ("more", more)]), meta={"csrf": False})


def only(form: NewCycleForm, question: Question) -> bool:
    """Keep the form's messages about this page's fields (and the form's own, such as a
    damaged token) and drop the rest: the page shows, and is refused for, its own."""
    for field in form:
        if field.name not in question.fields and field.name != "csrf_token":
            _clear(field)
    return not any(field.errors for field in form) and not form.form_errors


def _clear(field: Field) -> None:
    """Drop a field's messages, and those of its rows."""
    if isinstance(field, FormField):  # a row: its errors are its fields'
        field.form.form_errors = []
        for inner in field.form:
            _clear(inner)
        return
    field.errors = []
    for entry in getattr(field, "entries", ()):
        _clear(entry)
