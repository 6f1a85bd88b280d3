"""What the cycle page shows: the read model for one cycle and every form, drafts kept."""

from typing import Any
from uuid import UUID

from flask import request
from flask_wtf import FlaskForm

from projections import queries
from web.forms import (
    KIND_LABELS,
    OUTCOME_LABELS,
    ActForm,
    AnswerForm,
    CommentForm,
    CompareForm,
    DecisionForm,
    HelpForm,
    MistakeForm,
    ReflectionForm,
    offer_questions,
)
from web.rendering import found, reading

# Each journal form, by the prefix its fields carry. Every journal form sends the whole
# journal (hx-include), so a swap re-renders each form with what the user had typed.
JOURNAL_FORMS: dict[str, type[FlaskForm]] = {
    "act_form": ActForm,
    "compare_form": CompareForm,
    "reflection_form": ReflectionForm,
    "mistake_form": MistakeForm,
    "help_form": HelpForm,
    "decision_form": DecisionForm,
}


def cycle_context(cycle_id: UUID, submitted: FlaskForm | None = None) -> dict[str, Any]:
    """The cycle, its plan, entries, comments, help and forms, ready for the templates."""
    with reading() as conn:
        cycle = found(queries.get_cycle(conn, cycle_id))
        context: dict[str, Any] = {
            "cycle": cycle,
            "group": queries.get_group(conn, cycle.group_id),
            "plan": queries.current_plan(conn, cycle_id),
            "entries": queries.cycle_entries(conn, cycle_id),
            "corrections": queries.entry_corrections(conn, cycle_id),
            "comments": queries.cycle_comments(conn, cycle_id),
            "tasks_done": queries.cycle_tasks_done(conn, cycle_id),
            "help": queries.group_help(conn, cycle_id=cycle_id),
            "previous": _cycle(conn, cycle.previous_cycle_id),
            "next": _cycle(conn, cycle.next_cycle_id),
        }
    context["kinds"] = KIND_LABELS
    context["outcomes"] = OUTCOME_LABELS
    context["forms"] = _forms(context, submitted)
    context["comment_form"] = lambda on: _comment_form(on, submitted)
    context["answer_form"] = lambda request_id: _answer_form(request_id, submitted)
    return context


def _cycle(conn: Any, cycle_id: UUID | None) -> Any:
    return queries.get_cycle(conn, cycle_id) if cycle_id else None


def _forms(context: dict[str, Any], submitted: FlaskForm | None) -> dict[str, FlaskForm]:
    forms = {}
    for prefix, form_class in JOURNAL_FORMS.items():
        if submitted is not None and submitted._prefix == f"{prefix}-":
            forms[prefix] = submitted
        else:
            forms[prefix] = form_class(prefix=prefix, formdata=_drafts(submitted))
    questions = [q["question"] for q in context["plan"].questions] if context["plan"] else []
    for name in ("act_form", "compare_form"):
        offer_questions(forms[name], questions)
    return forms


def _drafts(submitted: FlaskForm | None) -> Any:
    # Only a post from the journal carries drafts; a page load starts every form empty.
    return request.form if submitted is not None and request.method == "POST" else None


def _comment_form(on: str, submitted: FlaskForm | None) -> FlaskForm:
    if isinstance(submitted, CommentForm) and submitted._prefix == f"c{on}-":
        return submitted
    form = CommentForm(prefix=f"c{on}", formdata=_drafts(submitted))
    form.on.data = on
    return form


def _answer_form(request_id: UUID, submitted: FlaskForm | None) -> FlaskForm:
    if isinstance(submitted, AnswerForm) and submitted._prefix == f"a{request_id.hex}-":
        return submitted
    return AnswerForm(prefix=f"a{request_id.hex}", formdata=_drafts(submitted))
