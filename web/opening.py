"""Opening a cycle as a short sequence of questions, then "Check your answers".

After the GOV.UK Design System's question pages: one thing a page, each answered page
kept in a draft (web/cycle_drafts.py) and followed by a 303 to the next, so the back
button, a reload and "Change" all work without JavaScript (htmx boosts the same links
and forms). Nothing is recorded until the check page posts the whole plan to the one
command that opens a cycle (web/cycles.py, with its submission key); its answer, or
its refusal shown on the check page, comes through the one post pipeline.
"""

from uuid import UUID

from flask import Blueprint, abort, flash, make_response, request, url_for
from flask.typing import ResponseReturnValue

from web import cycle_drafts
from web.access import requires
from web.commands import KEY_FIELD
from web.forms.methods import NewCycleForm
from web.forms.opening import (
    BY_SLUG,
    QUESTIONS,
    Question,
    after,
    answered,
    answers_of,
    merged,
    only,
    plan_form,
)
from web.pages.opening import (
    ASKING,
    ASKING_FORM,
    CHECKING,
    check_url,
    check_view,
    question_url,
    question_view,
)
from web.posting import ANNOUNCE, Growing, told
from web.rendering import live, render, see_other
from web.users import current_actor

bp = Blueprint("opening", __name__)


@bp.get("/groups/<uuid:group_id>/cycles/new")
@requires("facilitate")
def start(group_id: UUID) -> ResponseReturnValue:
    """The first question (no draft is kept until it is answered)."""
    return _ask(group_id, None, QUESTIONS[0], plan_form([]))


@bp.post("/groups/<uuid:group_id>/cycles/new")
@requires("facilitate")
def begin(group_id: UUID) -> ResponseReturnValue:
    """Answer the first question: the draft starts with it."""
    return _answer(group_id, None, QUESTIONS[0])


@bp.get("/groups/<uuid:group_id>/cycles/new/<draft_id>/check")
@requires("facilitate")
def check(group_id: UUID, draft_id: str) -> ResponseReturnValue:
    """Every answer, to check and change, and the button that opens the cycle."""
    draft = _draft(group_id, draft_id)
    form = plan_form(draft.answers)
    form.validate()
    view = check_view(group_id, draft.id, form, draft.answers)
    return render(CHECKING, CHECKING, **view.context())


@bp.post("/groups/<uuid:group_id>/cycles/new/<draft_id>/discard")
@requires("facilitate")
def discard(group_id: UUID, draft_id: str) -> ResponseReturnValue:
    """Throw an unfinished plan away, back to the group page."""
    draft = _draft(group_id, draft_id)
    cycle_drafts.store().discard(draft.id, UUID(current_actor()))
    flash("Plan discarded: nothing of it was recorded", ANNOUNCE)
    return see_other(url_for("groups.show", group_id=group_id))


@bp.get("/groups/<uuid:group_id>/cycles/new/<draft_id>/<slug>")
@requires("facilitate")
def ask(group_id: UUID, draft_id: str, slug: str) -> ResponseReturnValue:
    """One question, with what the draft holds for it; a page answered before shows its
    problems, if the plan as a whole was refused for them."""
    question, draft = _question(slug), _draft(group_id, draft_id)
    form = plan_form(draft.answers)
    if answered(draft.answers, question):
        form.validate()
        only(form, question)
    return _ask(group_id, draft, question, form)


@bp.post("/groups/<uuid:group_id>/cycles/new/<draft_id>/<slug>")
@requires("facilitate")
def answer(group_id: UUID, draft_id: str, slug: str) -> ResponseReturnValue:
    """Keep one page's answers, then go to the next (or back to the check page)."""
    question, draft = _question(slug), _draft(group_id, draft_id)
    return _answer(group_id, draft, question)


def _answer(
    group_id: UUID, draft: cycle_drafts.Draft | None, question: Question
) -> ResponseReturnValue:
    """Check one page's answers against the plan's rules; keep them and go on, or show the
    page again with its problems (422), nothing kept."""
    answers = merged(draft.answers if draft else [], question, answers_of(request.form))
    form = plan_form(answers, request.form.get("more", ""))
    if isinstance(form, Growing) and form.grow():  # "Add another": the page, one row more
        return told(_ask(group_id, draft, question, form), form.grown())
    form.validate()
    if not only(form, question):
        return _ask(group_id, draft, question, form, 422)
    store = cycle_drafts.store()
    if draft is None:
        key = request.form.get(KEY_FIELD, "")
        draft_id = store.start(UUID(current_actor()), group_id, answers, key)
    else:
        store.keep(draft, answers)
        draft_id = draft.id
    following = after(question)
    if request.args.get("change") or following is None:
        return see_other(check_url(group_id, draft_id))
    return see_other(question_url(group_id, draft_id, following))


def _ask(
    group_id: UUID,
    draft: cycle_drafts.Draft | None,
    question: Question,
    form: NewCycleForm,
    status: int = 200,
) -> ResponseReturnValue:
    view = question_view(group_id, draft.id if draft else None, question, form)
    return render(ASKING, ASKING_FORM, status, **view.context())


def _question(slug: str) -> Question:
    if slug not in BY_SLUG:
        abort(404)
    return BY_SLUG[slug]


def _draft(group_id: UUID, draft_id: str) -> cycle_drafts.Draft:
    """This person's draft for the group, not yet opened; someone else's, or one expired,
    is not found, and one already opened (the back button after opening) leads to its
    cycle instead."""
    draft = cycle_drafts.store().find(live(), draft_id, UUID(current_actor()), group_id)
    if draft is None:
        abort(404)
    if draft.cycle_id is not None:
        abort(make_response(_opened(draft.cycle_id)))
    return draft


def _opened(cycle_id: UUID) -> ResponseReturnValue:
    """A draft already opened (the back button after opening): go to its cycle."""
    flash("This plan has been opened as a cycle: here it is.", ANNOUNCE)
    return see_other(url_for("cycles.show", cycle_id=cycle_id))
