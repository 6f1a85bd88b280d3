"""Plan forms: opening a cycle, revising its plan, and adapting it into the next cycle."""

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Form, FormField, HiddenField, RadioField, widgets

from domain.errors import RevisionCitesNoLearningError
from domain.journal import require_learning
from domain.plan import EXPLORATORY, MAX_QUESTIONS, MAX_TASKS, PREDICTED, PlanInput
from projections.queries import PlanVersion
from web.forms.fields import CitesField, VersionField, Worded, attach, choices, text_field
from web.forms.rows import RowList
from web.forms.when import WhenForm, time_field, when_field

QUESTION_SLOTS = 3
TASK_SLOTS = 3
KINDS = [
    (PREDICTED, "We predict"),
    (EXPLORATORY, "Exploratory — we are finding out; no prediction"),
]


class QuestionForm(Form):
    """One question the test should answer: predicted (prediction and why) or exploratory."""

    question = text_field("Question", "question", required=False)
    kind = RadioField("Predicted or exploratory", choices=choices(KINDS), default=PREDICTED)
    prediction = text_field("Prediction", "prediction", required=False)
    reason = text_field("Why you predict this", "reason", required=False)
    n = 0  # the row's number, as the page shows it

    def number(self, n: int) -> None:
        """Label the row's fields with its number, so every label on the page is unique."""
        self.n = n
        self.question.label.text = f"Question {n}"
        self.kind.label.text = f"Predicted or exploratory (question {n})"
        self.kind.choices = choices((v, f"{words} (question {n})") for v, words in KINDS)
        self.prediction.label.text = f"Prediction for question {n}"
        self.reason.label.text = f"Why you predict this (question {n})"

    def validate(self, extra_validators: Any = None) -> bool:
        """A question needs its prediction unless exploratory; an exploratory one has none."""
        ok = super().validate(extra_validators)
        said = bool(self.prediction.data or self.reason.data)
        if said and not self.question.data:
            problem = self.question, f"Add question {self.n} too."
        elif self.kind.data == EXPLORATORY and said:
            problem = (
                self.prediction,
                (
                    f"Question {self.n} is exploratory, so it has no prediction: remove the "
                    "prediction and why, or choose “We predict”."
                ),
            )
        elif self.kind.data != EXPLORATORY and self.question.data and not self.prediction.data:
            problem = (
                self.prediction,
                (f"Add your prediction for question {self.n}, or mark it exploratory."),
            )
        else:
            return ok
        problem[0].errors = [*problem[0].errors, problem[1]]
        return False


class TaskForm(Form):
    """A set-up task: what, who, by when."""

    task_id = HiddenField()  # not "id": a FormField's id is its HTML id
    text = text_field("Task", "task", required=False)
    owner = text_field("Owner", "owner", required=False)
    due = text_field("Due", "when", required=False, noun="when it is due")

    def number(self, n: int) -> None:
        """Label the row's fields with its number, so every label on the page is unique."""
        self.text.label.text = f"Task {n}"
        self.owner.label.text = f"Owner of task {n}"
        self.due.label.text = f"Due date of task {n}"


class PlanForm(FlaskForm):
    """A cycle's plan, after the IHI PDSA worksheet."""

    objective = text_field("Objective of this cycle", "objective")
    questions = RowList(
        FormField(QuestionForm), min_entries=QUESTION_SLOTS, max_entries=MAX_QUESTIONS
    )
    plan_text = text_field(
        "What will be done", "plan_text", required=False, area=True, noun="what will be done"
    )
    who = text_field("Who", "who", required=False)
    where = text_field("Where", "where", required=False)
    when = text_field("When", "when", required=False)
    scale = text_field("Scale — how many, for how long", "scale", required=False)
    tasks = RowList(FormField(TaskForm), min_entries=TASK_SLOTS, max_entries=MAX_TASKS)
    data = text_field("Data to collect", "data", required=False, area=True)
    measures = text_field(
        "Measures that will show whether the predictions came true",
        "measures",
        required=False,
        area=True,
    )
    # "Add another": the name of the list a button asked to grow by a row.
    more = HiddenField()
    added = 0  # the number of the row "Add another" added, once it has

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._number()

    def grow(self) -> bool:
        """Whether "Add another" was pressed; if so its list has one row more (up to the
        plan's limit) and the form is drawn again with what was typed, nothing recorded."""
        rows = {"questions": self.questions, "tasks": self.tasks}.get(self.more.data or "")
        if rows is None:
            return False
        if len(rows) < (rows.max_entries or 0):
            rows.append_entry()
            self._number()
            self.added = len(rows)
        return True

    def grown(self) -> str:
        """The row just added, in words ("Question 4 added"), or why none was."""
        questions = self.more.data == "questions"
        noun, most = ("Question", MAX_QUESTIONS) if questions else ("Task", MAX_TASKS)
        if self.added:
            return f"{noun} {self.added} added"
        return f"A plan holds up to {most} {noun.lower()}s"

    def _number(self) -> None:
        for rows in (self.questions, self.tasks):
            for n, row in enumerate(rows, 1):
                row.form.number(n)

    def validate(self, extra_validators: Any = None) -> bool:
        """At least one question, with its prediction or marked exploratory."""
        ok = super().validate(extra_validators)
        if not self.question_rows():
            self.questions.errors = [
                "Add at least one question, with your prediction or marked exploratory."
            ]
            ok = False
        return ok

    def question_rows(self) -> list[tuple[str, str, str, str]]:
        """The filled-in question rows as (question, prediction, reason, kind)."""
        return [
            (
                row["question"] or "",
                row["prediction"] or "",
                row["reason"] or "",
                row["kind"] or PREDICTED,
            )
            for row in self.questions.data
            if row["question"] or row["prediction"] or row["reason"]
        ]

    def plan_input(self) -> PlanInput:
        """The plan as the Application takes it."""
        return {
            "objective": self.objective.data,
            "plan_text": self.plan_text.data or "",
            "questions": self.question_rows(),
            "who": self.who.data or "",
            "where": self.where.data or "",
            "when": self.when.data or "",
            "scale": self.scale.data or "",
            "data": self.data.data or "",
            "measures": self.measures.data or "",
            "tasks": [
                (t["text"] or "", t["owner"] or "", t["due"] or "", t["task_id"] or "")
                for t in self.tasks.data
                if t["text"] or t["owner"] or t["due"]
            ],
        }

    @staticmethod
    def data_from(plan: PlanVersion) -> dict[str, Any]:
        """Form data from a PlanVersion, to start a revision from the current plan."""
        return {
            "objective": plan.objective,
            "plan_text": plan.plan_text,
            "questions": [{**q.as_data(), "kind": q.kind} for q in plan.questions],
            **{k: plan.detail(k) for k in ("who", "where", "when", "scale", "data", "measures")},
            "tasks": [{**t.as_data(), "task_id": t.id} for t in plan.tasks],
        }


def cites_field(label: str) -> Any:
    """Tick boxes for the learning a change is made in the light of."""
    return CitesField(
        label,
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
    )


class RevisionForm(Worded, PlanForm):
    """A revised plan, what changed and the learning it was revised in the light of."""

    said = "Plan revised"

    based_on = VersionField()
    change = text_field("What changed, and why", "change", area=True, noun="what changed and why")
    cites = cites_field("Revised in the light of")

    def validate(self, extra_validators: Any = None) -> bool:
        """A revision cites at least one piece of learning."""
        ok = super().validate(extra_validators)
        try:  # the domain's rule, checked here too so it shows with any other mistake
            require_learning(self.cites.data or [])
        except RevisionCitesNoLearningError as refused:
            attach(self, refused)
            ok = False
        return ok

    def rebase(self, version: int) -> None:
        """Base the unsaved revision on a newer plan version, keeping all the typed text."""
        self.based_on.data = version
        self.based_on.raw_data = [str(version)]


class AdaptForm(RevisionForm, WhenForm):
    """Adapt: the revised plan the next cycle tests, one reason that is also its change,
    and when it was decided (the next cycle opened then too)."""

    said = "Plan adapted and the next cycle opened"

    happened_on = when_field("was it decided to adapt")
    happened_time = time_field("was it decided to adapt")

    change = text_field(
        "What changes, and why — what did this cycle teach you?",
        "change",
        area=True,
        noun="what changes and why",
    )


class ScaleUpForm(AdaptForm):
    """Adopt and scale up: the same change at a larger scale, and what this cycle showed."""

    said = "Next cycle opened at a larger scale"

    change = text_field(
        "Why scale up — what did this cycle show, and what grows?",
        "change",
        area=True,
        noun="why you are scaling up",
    )
    scale = text_field("Scale — how many, for how long", "scale")
    happened_on = when_field("was it decided to scale up")
    happened_time = time_field("was it decided to scale up")
