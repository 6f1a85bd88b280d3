"""Plan forms: opening a cycle, revising its plan, and adapting it into the next cycle."""

from collections.abc import Iterator
from typing import Any

from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, IntegerField, widgets
from wtforms.utils import unset_value

from domain.errors import RevisionCitesNoLearningError
from domain.journal import require_learning
from domain.plan import PlanInput
from projections.queries import PlanVersion
from web.forms.fields import CitesField, attach, text_field

QUESTION_SLOTS = 3
TASK_SLOTS = 3


class RowList(FieldList):
    """Numbered rows, at most `max_entries`: more are refused with a message, not dropped.

    An index that is not a plain small number is ignored, not a crash.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent = 0

    def process(self, formdata: Any, data: Any = unset_value, extra_filters: Any = None) -> None:
        """Read the rows, counting how many were sent (WTForms keeps the first max_entries)."""
        self.sent = len(set(self._extract_indices(self.name, formdata))) if formdata else 0
        super().process(formdata, data, extra_filters)

    def validate(self, form: Any, extra_validators: Any = ()) -> bool:
        """Each row's fields, and no more rows than the form holds."""
        ok: bool = super().validate(form, extra_validators)
        if self.max_entries and self.sent > self.max_entries:
            self.errors.append(
                f"A plan has at most {self.max_entries} {self.short_name}; "
                f"this one had {self.sent}. Remove some and send it again."
            )
            return False
        return ok

    def _extract_indices(self, prefix: str, formdata: Any) -> Iterator[int]:
        offset = len(prefix) + 1
        for key in formdata:
            if key.startswith(prefix):
                index = key[offset:].split(self._field_separator, 1)[0]
                if index.isascii() and index.isdigit() and len(index) <= 9:
                    yield int(index)


class QuestionForm(Form):
    """One question the test should answer, with the team's prediction and why."""

    question = text_field("Question", "question", required=False)
    prediction = text_field("Prediction", "prediction", required=False)
    reason = text_field("Why you predict this", "reason", required=False)

    def validate(self, extra_validators: Any = None) -> bool:
        """A question needs its prediction, and a prediction its question."""
        ok = super().validate(extra_validators)
        filled = bool(self.question.data), bool(self.prediction.data)
        if filled[0] != filled[1] or (self.reason.data and not any(filled)):
            missing = self.question if not filled[0] else self.prediction
            name = missing.name.rsplit("-", 1)[-1]
            missing.errors = [*missing.errors, f"Add the {name} too."]
            ok = False
        return ok


class TaskForm(Form):
    """A set-up task: what, who, by when."""

    task_id = HiddenField()  # not "id": a FormField's id is its HTML id
    text = text_field("Task", "task", required=False)
    owner = text_field("Owner", "owner", required=False)
    due = text_field("Due", "when", required=False)


class PlanForm(FlaskForm):
    """A cycle's plan, after the IHI PDSA worksheet."""

    objective = text_field("Objective of this cycle", "objective")
    questions = RowList(FormField(QuestionForm), min_entries=QUESTION_SLOTS, max_entries=10)
    plan_text = text_field("What will be done", "plan_text", required=False, area=True)
    who = text_field("Who", "who", required=False)
    where = text_field("Where", "where", required=False)
    when = text_field("When", "when", required=False)
    tasks = RowList(FormField(TaskForm), min_entries=TASK_SLOTS, max_entries=20)
    data = text_field("Data to collect", "data", required=False, area=True)
    measures = text_field(
        "Measures that will show whether the predictions came true",
        "measures",
        required=False,
        area=True,
    )

    def validate(self, extra_validators: Any = None) -> bool:
        """At least one question with its prediction."""
        ok = super().validate(extra_validators)
        if not self.question_rows():
            self.questions.errors = ["Add at least one question with your prediction."]
            ok = False
        return ok

    def question_rows(self) -> list[tuple[str, str, str]]:
        """The filled-in question rows as (question, prediction, reason)."""
        return [
            (row["question"] or "", row["prediction"] or "", row["reason"] or "")
            for row in self.questions.data
            if row["question"] or row["prediction"]
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
            "questions": [q.as_data() for q in plan.questions],
            **{k: plan.detail(k) for k in ("who", "where", "when", "data", "measures")},
            "tasks": [{**t.as_data(), "task_id": t.id} for t in plan.tasks],
        }


def cites_field(label: str) -> Any:
    """Tick boxes for the learning a change is made in the light of."""
    return CitesField(
        label,
        option_widget=widgets.CheckboxInput(),
        widget=widgets.ListWidget(prefix_label=False),
    )


class RevisionForm(PlanForm):
    """A revised plan, what changed and the learning it was revised in the light of."""

    based_on = IntegerField(widget=widgets.HiddenInput())
    change = text_field("What changed, and why", "change", area=True)
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


class AdaptForm(RevisionForm):
    """Adapt: the revised plan the next cycle tests, and one reason that is also its change."""

    change = text_field(
        "What changes, and why — what did this cycle teach you?", "change", area=True
    )
