"""Hostile input at every state-changing form, at the form and the Application: never an
unexpected exception, and a refusal writes nothing.

Each form gets random and hostile bodies (see hostile_values.py) as the web hands them
over: the form class, with its prefix and the choices its page offers, reads them from a
MultiDict inside a request context. A body the form accepts goes to the Application
command the form's post runs, from the facilitator (now and then from a member or an
outsider). For every body:

* validating the form and rendering its fields (as a refused form is shown back) raise
  nothing;
* the command raises nothing but a DomainError, and a refusal wrote no event (a refused
  sign-in records nothing at all);
* what was recorded reads back from the event store, and the pages showing it render.

How a refusal reaches the person (422 beside the field, 409, 413, a body of the wrong
encoding, signed out or outside the group, htmx or whole page) is tested over HTTP in
test_hostile_input.py, test_refusals.py and test_caps.py.

The number of inputs tried is printed at the end of the run and, when
LEARNLOOP_HOSTILE_COUNT is set, written to a file: the variable's value if it is a path,
else `learnloop-hostile-count` in the temporary directory (tests/conftest.py adds up the
counts of every xdist worker).
"""

import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pytest
from flask import Flask
from flask_wtf import FlaskForm
from hypothesis import given, note
from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage, MultiDict

from domain.application import Recorded
from domain.entries import ACT_KINDS, ADAPT, OUTCOMES
from domain.errors import DomainError
from domain.measure_values import BETTER, KINDS, PERIODS
from domain.methods import CATALOGUE
from domain.roles import ROLES
from tests.builders import entry_ids
from tests.conftest import HOSTILE_COUNT, register
from tests.web.conftest import events_in, services_of
from tests.web.hostile_values import (
    HOSTILE,
    QUESTION,
    Draw,
    Field,
    Values,
    choice,
    clean,
    email,
    hostile_text,
    integer,
    number,
    one_of_ids,
    pairs_for,
    password,
    past_date,
    plan_fields,
    rows,
    text,
    tick,
    utf8,
)
from tests.web.hostile_world import World
from web.forms import (
    AcceptForm,
    ActForm,
    AdaptForm,
    AdviceForm,
    AdviceRequestForm,
    AimForm,
    AnswerForm,
    AstronomicalForm,
    BaselineForm,
    ChoiceForm,
    CommentForm,
    CompareForm,
    CorrectionForm,
    CorrectPointForm,
    DecisionForm,
    ExcludeForm,
    GroupForm,
    HelpForm,
    IncludeForm,
    InviteForm,
    MeasureForm,
    MistakeForm,
    NewCycleForm,
    NoteForm,
    PasteForm,
    PhaseForm,
    PointForm,
    ReflectionForm,
    ReviseMeasureForm,
    RevisionForm,
    RoleForm,
    SharingForm,
    SignInForm,
    StoryForm,
    UploadForm,
    WithdrawForm,
    choices,
)
from web.forms.measures import decoded

COUNT = HOSTILE_COUNT  # the user property each test reports its count under


@dataclass
class Try:
    """One form to fill in, the command its post runs, and the pages that show the result."""

    fields: list[Field]
    form: Callable[[MultiDict[str, str]], FlaskForm]  # the form, as its page offers it
    command: Callable[[FlaskForm, str], Recorded | None]  # (valid form, actor)
    views: list[str]
    actor: str = ""  # who posts; "" means drawn (mostly the facilitator)


def offered(form: FlaskForm, name: str, values: list[str]) -> FlaskForm:
    """Let a select, radio or tick-box field offer these values, as its page does."""
    getattr(form, name).choices = choices((v, v) for v in values)
    return form


def cycle_views(cycle: UUID) -> list[str]:
    return [f"/cycles/{cycle}", f"/cycles/{cycle}/history", f"/cycles/{cycle}/revise"]


def method_views(w: World, cycle: UUID) -> list[str]:
    """Where a method's records show: the cycle, both groups, the timeline, the library."""
    groups = [f"/groups/{w.group}", f"/groups/{w.other}", f"/groups/{w.group}/timeline"]
    return [*cycle_views(cycle), *groups, "/library"]


def slug(value: str) -> str:
    """A person's part of a form prefix, as the people forms make it."""
    return "".join(ch for ch in value if ch.isalnum())


def form_group(w: World, draw: Draw, chaos: int) -> Try:
    return Try(
        [Field("name", text("name")), Field("aim", text("aim"))],
        lambda data: GroupForm(formdata=data),
        lambda f, actor: w.s.form_group(f.name.data, f.aim.data, actor),
        ["/"],
    )


def revise_aim(w: World, draw: Draw, chaos: int) -> Try:
    group = w.new_group()
    fields = [
        Field("aim_form-aim", text("aim")),
        Field("aim_form-reason", text("aim_reason")),
    ]
    return Try(
        fields,
        lambda data: AimForm(formdata=data, prefix="aim_form"),
        lambda f, actor: w.s.revise_aim(group, f.aim.data, f.reason.data, actor),
        [f"/groups/{group}"],
    )


def invite(w: World, draw: Draw, chaos: int) -> Try:
    fields = [Field("invite_form-email", email()), Field("invite_form-role", choice(*ROLES))]
    return Try(
        fields,
        lambda data: InviteForm(formdata=data, prefix="invite_form"),
        lambda f, actor: w.s.invite(w.group, f.email.data, f.role.data, actor)[0],
        [f"/groups/{w.group}"],
    )


def someone(w: World, draw: Draw) -> str:
    """Whose role or membership to change: a member, oneself, a stranger, or junk."""
    people = st.sampled_from([str(w.bob), str(w.ann), str(uuid.uuid4())])
    who: str = draw(st.one_of(people, hostile_text()))
    return clean(who)  # a path part, decoded as the web decodes it


def change_role(w: World, draw: Draw, chaos: int) -> Try:
    group, who = w.new_group(with_bob=True), someone(w, draw)
    fields = [Field(f"r{slug(who)}-role", choice(*ROLES)), Field("rnobody-role", choice(*ROLES))]
    return Try(
        fields,
        lambda data: RoleForm(formdata=data, prefix=f"r{slug(who)}"),
        lambda f, actor: w.s.change_role(group, who, f.role.data, actor),
        [f"/groups/{group}"],
    )


def remove_member(w: World, draw: Draw, chaos: int) -> Try:
    group, who = w.new_group(with_bob=True), someone(w, draw)
    return Try(
        [],
        lambda data: FlaskForm(formdata=data, prefix=f"x{slug(who)}"),
        lambda f, actor: w.s.remove_member(group, who, actor),
        [f"/groups/{group}"],
    )


def sharing(w: World, draw: Draw, chaos: int) -> Try:
    group = w.new_group()
    return Try(
        [Field("sharing_form-shared", tick())],
        lambda data: SharingForm(formdata=data, prefix="sharing_form"),
        lambda f, actor: w.s.set_sharing(group, bool(f.shared.data), actor),
        [f"/groups/{group}"],
    )


def open_cycle(w: World, draw: Draw, chaos: int) -> Try:
    return Try(
        [Field("method", choice(*CATALOGUE)), *plan_fields(draw, chaos)],
        lambda data: NewCycleForm(formdata=data),
        lambda f, actor: w.s.open_cycle(w.group, f.plan_input(), actor, f.method.data),
        [f"/groups/{w.group}"],
    )


def act(w: World, draw: Draw, chaos: int) -> Try:
    cycle = w.new_cycle(observed=False)
    fields = [
        Field("act_form-kind", choice(*ACT_KINDS)),
        Field("act_form-question", choice("", QUESTION)),
        Field("act_form-text", text("text")),
    ]
    return Try(
        fields,
        lambda data: offered(
            ActForm(formdata=data, prefix="act_form"), "question", ["", QUESTION]
        ),
        lambda f, actor: w.s.record_act_entry(
            cycle, f.kind.data, f.text.data, f.question.data or "", actor
        ),
        cycle_views(cycle),
    )


def compare(w: World, draw: Draw, chaos: int) -> Try:
    cycle = w.new_cycle()
    fields = [
        Field("compare_form-question", choice(QUESTION)),
        Field("compare_form-outcome", choice(*OUTCOMES)),
        Field("compare_form-text", text("text")),
    ]
    return Try(
        fields,
        lambda data: offered(
            CompareForm(formdata=data, prefix="compare_form"), "question", [QUESTION]
        ),
        lambda f, actor: w.s.compare_prediction(
            cycle, f.question.data, f.outcome.data, f.text.data, actor
        ),
        cycle_views(cycle),
    )


def one_text(
    form_class: type[FlaskForm], prefix: str, command: str, with_group: bool = False
) -> "Former":
    """A journal form of one text field on an acting cycle, and the command it runs."""

    def former(w: World, draw: Draw, chaos: int) -> Try:
        cycle = w.new_cycle()
        run = getattr(w.s, command)
        views = [*cycle_views(cycle), *([f"/groups/{w.group}"] if with_group else [])]
        return Try(
            [Field(f"{prefix}-text", text("text"))],
            lambda data: form_class(formdata=data, prefix=prefix),
            lambda f, actor: run(cycle, f.text.data, actor),
            views,
        )

    return former


reflection = one_text(ReflectionForm, "reflection_form", "record_reflection")
mistake = one_text(MistakeForm, "mistake_form", "own_mistake")
ask_for_help = one_text(HelpForm, "help_form", "ask_for_help", with_group=True)


def help_request(w: World) -> tuple[UUID, UUID]:
    cycle = w.new_cycle()
    return cycle, w.done(w.s.ask_for_help(cycle, "Who has torches?", str(w.ann)))


def answer_help(w: World, draw: Draw, chaos: int) -> Try:
    cycle, request = help_request(w)
    return Try(
        [Field(f"a{request.hex}-text", text("comment"))],
        lambda data: AnswerForm(formdata=data, prefix=f"a{request.hex}"),
        lambda f, actor: w.s.answer_help(request, f.text.data, actor),
        [f"/cycles/{cycle}", f"/groups/{w.group}"],
    )


def close_help(w: World, draw: Draw, chaos: int) -> Try:
    cycle, request = help_request(w)
    return Try(
        [],
        lambda data: FlaskForm(formdata=data),
        lambda f, actor: w.s.close_help(request, actor),
        [f"/cycles/{cycle}", f"/groups/{w.group}"],
    )


def ask_for_advice(w: World, draw: Draw, chaos: int) -> Try:
    cycle = w.new_cycle(observed=False, method="peer_assist")
    asked = one_of_ids(str(w.other), not_offered=(str(w.group),))
    fields = [
        Field("advice_request_form-to_group", asked),
        Field("advice_request_form-question", text("advice_question")),
    ]

    def form(data: MultiDict[str, str]) -> FlaskForm:
        made = AdviceRequestForm(formdata=data, prefix="advice_request_form")
        return offered(made, "to_group", ["", str(w.other)])

    return Try(
        fields,
        form,
        lambda f, actor: w.s.request_advice(cycle, UUID(f.to_group.data), f.question.data, actor),
        method_views(w, cycle),
    )


def give_advice(w: World, draw: Draw, chaos: int) -> Try:
    cycle, request = w.peer_assist()
    # The web answers 404 to advice posted for a group that was not asked; the command
    # must still refuse it if told so.
    asked = w.other if chaos == 0 else draw(st.sampled_from([w.other] * 3 + [w.group]))
    return Try(
        [Field(f"adv{request.hex}-text", text("advice"))],
        lambda data: AdviceForm(formdata=data, prefix=f"adv{request.hex}"),
        lambda f, actor: w.s.give_advice(cycle, request, asked, f.text.data, actor),
        method_views(w, cycle),
    )


def bring_story(w: World, draw: Draw, chaos: int) -> Try:
    cycle = w.new_cycle(observed=False, method="most_significant_change")
    fields = [
        Field("story_form-from_group", one_of_ids(str(w.group), str(w.other))),
        Field("story_form-title", text("story_title")),
        Field("story_form-teller", text("teller")),
        Field("story_form-text", text("story")),
        Field("story_form-why", text("why")),
    ]

    def form(data: MultiDict[str, str]) -> FlaskForm:
        made = StoryForm(formdata=data, prefix="story_form")
        return offered(made, "from_group", [str(w.group), str(w.other)])

    def command(f: FlaskForm, actor: str) -> Recorded:
        story = {"title": f.title.data, "teller": f.teller.data, "text": f.text.data}
        story["why"] = f.why.data
        return w.s.collect_story(cycle, UUID(f.from_group.data), story, actor)

    return Try(fields, form, command, method_views(w, cycle))


def choose_story(w: World, draw: Draw, chaos: int) -> Try:
    cycle, story = w.panel()
    fields = [
        Field("choice_form-story", one_of_ids(str(story), not_offered=(str(cycle),))),
        Field("choice_form-reasons", text("reasons")),
    ]
    return Try(
        fields,
        lambda data: offered(
            ChoiceForm(formdata=data, prefix="choice_form"), "story", [str(story)]
        ),
        lambda f, actor: w.s.choose_story(cycle, UUID(f.story.data), f.reasons.data, actor),
        method_views(w, cycle),
    )


def comment_on(w: World, draw: Draw, chaos: int, target: str) -> Try:
    cycle = w.new_cycle(reflected=True)
    entry = entry_ids(w.s, cycle)[0].hex
    on = target if target == "plan" else entry
    if chaos:
        on = clean(draw(st.one_of(st.just(on), hostile_text())))
    fields = [Field(f"c{on}-text", text("comment")), Field("con-text", text("comment"))]
    return Try(
        fields,
        lambda data: CommentForm(formdata=data, prefix=f"c{on}"),
        lambda f, actor: w.s.comment(cycle, on, f.text.data, actor),
        cycle_views(cycle),
    )


def comment_on_plan(w: World, draw: Draw, chaos: int) -> Try:
    return comment_on(w, draw, chaos, "plan")


def comment_on_entry(w: World, draw: Draw, chaos: int) -> Try:
    return comment_on(w, draw, chaos, "entry")


def task_done(w: World, draw: Draw, chaos: int) -> Try:
    cycle = w.new_cycle()
    task: str = w.cycle(cycle).plan.tasks[0].id
    if chaos:
        task = clean(draw(st.one_of(st.just(task), st.just(uuid.uuid4().hex), hostile_text())))
    return Try(
        [],
        lambda data: FlaskForm(formdata=data),
        lambda f, actor: w.s.complete_task(cycle, task, actor),
        cycle_views(cycle),
    )


def decide(w: World, draw: Draw, chaos: int) -> Try:
    cycle = w.new_cycle(reflected=True)
    fields = [
        Field("decision_form-decision", choice("adopt", "abandon")),
        Field("decision_form-reason", text("decision_reason")),
    ]
    return Try(
        fields,
        lambda data: DecisionForm(formdata=data, prefix="decision_form"),
        lambda f, actor: w.s.decide(cycle, f.decision.data, f.reason.data, actor),
        cycle_views(cycle),
    )


def revision_fields(w: World, cycle: UUID, draw: Draw, chaos: int) -> list[Field]:
    entries = [str(e) for e in entry_ids(w.s, cycle)]
    cites = Values(st.sampled_from(entries), st.one_of(st.uuids().map(str), hostile_text()))
    return [
        Field("based_on", integer(1)),
        Field("change", text("change")),
        Field("cites", cites),
        Field("cites", cites),
        *plan_fields(draw, chaos),
    ]


def citing(form: RevisionForm, w: World, cycle: UUID) -> RevisionForm:
    """Offer the cycle's entries to cite, as the revise and adapt pages do."""
    offered(form, "cites", [str(e) for e in entry_ids(w.s, cycle)])
    return form


def cited(form: FlaskForm) -> list[UUID]:
    return [UUID(c) for c in form.cites.data]


def revise_plan(w: World, draw: Draw, chaos: int) -> Try:
    cycle = w.new_cycle(reflected=True)
    return Try(
        revision_fields(w, cycle, draw, chaos),
        lambda data: citing(RevisionForm(formdata=data), w, cycle),
        lambda f, actor: w.s.revise_plan(
            cycle, f.based_on.data or 0, f.plan_input(), f.change.data, cited(f), actor
        ),
        cycle_views(cycle),
    )


def adapt(w: World, draw: Draw, chaos: int) -> Try:
    cycle = w.new_cycle(reflected=True)
    fields = revision_fields(w, cycle, draw, chaos)
    return Try(
        fields,
        lambda data: citing(AdaptForm(formdata=data), w, cycle),
        lambda f, actor: w.s.decide(
            cycle,
            ADAPT,
            f.change.data,
            actor,
            next_plan=f.plan_input(),
            cites=cited(f),
        ),
        [*cycle_views(cycle), f"/cycles/{cycle}/adapt", f"/groups/{w.group}"],
    )


def correct(w: World, draw: Draw, chaos: int) -> Try:
    cycle = w.new_cycle(reflected=True)
    entry = entry_ids(w.s, cycle)[0]
    fields = [
        Field("based_on", integer(1)),
        Field("action", choice("amend", "withdraw")),
        Field("text", text("text")),
        Field("reason", text("amendment_reason")),
    ]

    def command(f: FlaskForm, actor: str) -> Recorded:
        based_on = f.based_on.data or 0
        if f.action.data == "withdraw":
            return w.s.withdraw_entry(cycle, entry, based_on, f.reason.data, actor)
        return w.s.amend_entry(cycle, entry, based_on, f.text.data, f.reason.data, actor)

    url = f"/cycles/{cycle}/entries/{entry}/correct"
    return Try(
        fields, lambda data: CorrectionForm(formdata=data), command, [*cycle_views(cycle), url]
    )


def signin(w: World, draw: Draw, chaos: int) -> Try:
    n = w.next()
    register(w.s, f"User{n} Person")  # a fresh account
    mine = Values(
        st.sampled_from([f"user{n}@example.org", f"  USER{n}@Example.org "]), hostile_text(254)
    )

    def command(f: FlaskForm, actor: str) -> None:
        w.s.sign_in(f.email.data, f.password.data)  # records nothing, refused or not

    return Try(
        [Field("email", mine), Field("password", password())],
        lambda data: SignInForm(formdata=data),
        command,
        ["/"],
        actor="anyone",
    )


def accept_invitation(w: World, draw: Draw, chaos: int) -> Try:
    n = w.next()
    address = f"new{n}@example.org"
    invited, token = w.s.invite(w.group, address, draw(st.sampled_from(ROLES)), str(w.ann))
    w.done(invited)
    holder = draw(st.sampled_from(["new", "new", "invited account", "facilitator"]))
    account = {"facilitator": w.ann, "new": None}.get(holder)
    if holder == "invited account":
        account = register(w.s, f"New{n} Person")
    link = token if chaos == 0 else clean(draw(st.one_of(st.just(token), hostile_text())))

    def command(f: FlaskForm, actor: str) -> Recorded:
        w.s.check_invitation(invited.id, link)  # the page refuses a link it cannot use
        if account is not None:  # signed in: the form's fields are not needed
            return w.s.accept_invitation(invited.id, link, account)
        return w.s.accept_invitation_as_new(invited.id, link, f.name.data, f.password.data)

    return Try(
        [Field("name", text("actor")), Field("password", password())],
        lambda data: AcceptForm(formdata=data),
        command,
        ["/", f"/groups/{w.group}"],
        actor=holder,
    )


def measure_views(w: World, measure: UUID, point: str = "") -> list[str]:
    """Where a measure's data shows: the group's measures, the measure, a point."""
    views = [f"/groups/{w.group}/measures", f"/measures/{measure}", f"/groups/{w.group}"]
    return views + ([f"/measures/{measure}/points/{point}"] if point else [])


def described(prefix: str = "") -> list[Field]:
    """The fields a definition and its revision share."""
    p = f"{prefix}-" if prefix else ""
    return [
        Field(f"{p}name", text("measure_name")),
        Field(f"{p}definition", text("definition")),
        Field(f"{p}unit", text("unit")),
        Field(f"{p}kind", choice(*KINDS)),
        Field(f"{p}better", choice(*BETTER)),
        Field(f"{p}target", number()),
        Field(f"{p}target_by", past_date()),
    ]


def define_measure(w: World, draw: Draw, chaos: int) -> Try:
    fields = [*described(), Field("period", choice(*PERIODS)), Field("ratio", tick())]
    return Try(
        fields,
        lambda data: MeasureForm(formdata=data),
        lambda f, actor: w.s.define_measure(w.group, f.as_definition(), actor),
        [f"/groups/{w.group}/measures"],
    )


def revise_measure(w: World, draw: Draw, chaos: int) -> Try:
    measure = w.new_measure()
    return Try(
        [*described("revise_form"), Field("revise_form-reason", text("measure_reason"))],
        lambda data: ReviseMeasureForm(formdata=data, prefix="revise_form"),
        lambda f, actor: w.s.revise_measure(
            measure, f.definition_data("month", False), f.reason.data, actor
        ),
        measure_views(w, measure),
    )


def value_fields(prefix: str, ratio: bool) -> list[Field]:
    """A value, or for a percentage a numerator over a denominator (and now and then the
    other fields, as a tampered form would send them)."""
    if not ratio:
        return [Field(f"{prefix}-value", number()), Field(f"{prefix}-denominator", odd(number()))]
    return [
        Field(f"{prefix}-numerator", number(0, 20)),
        Field(f"{prefix}-denominator", number(20, 40)),
        Field(f"{prefix}-value", odd(number())),
    ]


def odd(values: Values) -> Values:
    """A field the form has but this measure does not use: blank, unless hostile."""
    return Values(st.just(""), values.hostile)


def record_point(w: World, draw: Draw, chaos: int) -> Try:
    ratio = draw(st.booleans())
    measure = w.new_measure(ratio=ratio)
    return Try(
        [Field("point_form-day", past_date()), *value_fields("point_form", ratio)],
        lambda data: PointForm(formdata=data, prefix="point_form"),
        lambda f, actor: w.s.record_point(measure, f.day.data, actor, **f.given()),
        measure_views(w, measure),
    )


def paste_rows(w: World, draw: Draw, chaos: int) -> Try:
    ratio = draw(st.booleans())
    measure = w.new_measure(ratio=ratio)
    return Try(
        [Field("paste_form-rows", rows(ratio))],
        lambda data: PasteForm(formdata=data, prefix="paste_form"),
        lambda f, actor: w.s.import_points(measure, f.rows.data, "paste", actor),
        measure_views(w, measure),
    )


def as_files(data: MultiDict[str, str], name: str) -> MultiDict[str, Any]:
    """The form's data with the named field's text sent as a file, as a browser uploads it."""
    sent: MultiDict[str, Any] = MultiDict()
    for key, value in data.items(multi=True):
        upload = FileStorage(io.BytesIO(utf8(value)), "data.csv") if key == name else value
        sent.add(key, upload)
    return sent


def upload_file(w: World, draw: Draw, chaos: int) -> Try:
    ratio = draw(st.booleans())
    measure = w.new_measure(ratio=ratio)
    return Try(
        [Field("upload_form-file", rows(ratio))],
        lambda data: UploadForm(formdata=as_files(data, "upload_form-file"), prefix="upload_form"),
        lambda f, actor: w.s.import_points(measure, decoded(f.file.data.read()), "file", actor),
        measure_views(w, measure),
    )


def baseline(w: World, draw: Draw, chaos: int) -> Try:
    measure = w.new_measure()
    fields = [
        Field("baseline_form-first", integer(1)),
        Field("baseline_form-until", past_date()),
        Field("baseline_form-reason", text("measure_reason")),
    ]
    return Try(
        fields,
        lambda data: BaselineForm(formdata=data, prefix="baseline_form"),
        lambda f, actor: w.s.freeze_baseline(
            measure, f.reason.data, actor, until=f.until.data, first=f.first.data
        ),
        measure_views(w, measure),
    )


def new_phase(w: World, draw: Draw, chaos: int) -> Try:
    measure = w.new_measure()
    fields = [
        Field("phase_form-start", past_date()),
        Field("phase_form-reason", text("measure_reason")),
    ]
    return Try(
        fields,
        lambda data: PhaseForm(formdata=data, prefix="phase_form"),
        lambda f, actor: w.s.recalculate_limits(measure, f.start.data, f.reason.data, actor),
        measure_views(w, measure),
    )


def a_point(w: World, draw: Draw, chaos: int, ratio: bool = False) -> tuple[UUID, str]:
    """A measure and one of its points (now and then a point it does not have)."""
    measure = w.new_measure(ratio=ratio)
    point = w.point(measure)
    if chaos:
        point = draw(st.sampled_from([point, point, uuid.uuid4().hex]))
    return measure, point


def correct_point(w: World, draw: Draw, chaos: int) -> Try:
    ratio = draw(st.booleans())
    measure, point = a_point(w, draw, chaos, ratio=ratio)
    reason = Field("correct_form-reason", text("measure_reason"))
    fields = [*value_fields("correct_form", ratio), reason]
    return Try(
        fields,
        lambda data: CorrectPointForm(formdata=data, prefix="correct_form"),
        lambda f, actor: w.s.correct_point(measure, point, f.reason.data, actor, **f.given()),
        measure_views(w, measure, point),
    )


def point_reason(form_class: type[FlaskForm], prefix: str, command: str) -> "Former":
    """A form of one reason about a point, and the command it runs."""

    def former(w: World, draw: Draw, chaos: int) -> Try:
        measure, point = a_point(w, draw, chaos)
        if command == "include_point" and draw(st.booleans()):
            w.done(w.s.exclude_point(measure, w.point(measure), "Closure", str(w.ann)))
        run = getattr(w.s, command)
        return Try(
            [Field(f"{prefix}-reason", text("measure_reason"))],
            lambda data: form_class(formdata=data, prefix=prefix),
            lambda f, actor: run(measure, point, f.reason.data, actor),
            measure_views(w, measure, point),
        )

    return former


def note_point(w: World, draw: Draw, chaos: int) -> Try:
    measure, point = a_point(w, draw, chaos)
    return Try(
        [Field("note_form-text", text("annotation"))],
        lambda data: NoteForm(formdata=data, prefix="note_form"),
        lambda f, actor: w.s.annotate_point(measure, point, f.text.data, actor),
        measure_views(w, measure, point),
    )


Former = Callable[[World, Draw, int], Try]
FORMS: dict[str, Former] = {
    "form a group": form_group,
    "revise aim": revise_aim,
    "invite": invite,
    "change role": change_role,
    "remove member": remove_member,
    "sharing": sharing,
    "open a cycle": open_cycle,
    "act entry": act,
    "comparison": compare,
    "reflection": reflection,
    "mistake": mistake,
    "help ask": ask_for_help,
    "help answer": answer_help,
    "help close": close_help,
    "comment on plan": comment_on_plan,
    "comment on entry": comment_on_entry,
    "task done": task_done,
    "decision": decide,
    "revise plan": revise_plan,
    "adapt": adapt,
    "correction": correct,
    "sign in": signin,
    "invitation acceptance": accept_invitation,
    "advice request": ask_for_advice,
    "advice": give_advice,
    "story": bring_story,
    "panel choice": choose_story,
    "define a measure": define_measure,
    "revise a measure": revise_measure,
    "record a value": record_point,
    "paste rows": paste_rows,
    "upload a file": upload_file,
    "baseline": baseline,
    "new phase": new_phase,
    "correct a point": correct_point,
    "withdraw a point": point_reason(WithdrawForm, "withdraw_form", "withdraw_point"),
    "leave a point out": point_reason(ExcludeForm, "exclude_form", "exclude_point"),
    "take a point back": point_reason(IncludeForm, "include_form", "include_point"),
    "astronomical point": point_reason(AstronomicalForm, "astronomical_form", "mark_astronomical"),
    "note on a point": note_point,
}


def shown_back(form: FlaskForm) -> str:
    """The form's fields and errors as a refused form's page shows them."""
    parts = [str(field()) for field in form if field.type != "CSRFTokenField"]
    return "".join(parts) + repr(form.errors)


@pytest.fixture
def world(app: Flask, ann: UUID) -> World:
    return World(app, ann, catch_up=False)


@pytest.mark.parametrize("form", list(FORMS))
@HOSTILE
@given(data=st.data())
def test_hostile_input_never_breaks_a_form_or_its_command_and_a_refusal_writes_nothing(
    app: Flask, world: World, form: str, data: st.DataObject, request: pytest.FixtureRequest
) -> None:
    # 0: plausible values in a well-formed body (reaches the commands and the pages that
    # show what they stored); 10: every value hostile, fields missing, doubled and extra.
    chaos: int = data.draw(st.sampled_from([0, 0, 1, 3, 10]), label="chaos")
    attempt = FORMS[form](world, data.draw, chaos)
    actor = attempt.actor or data.draw(st.sampled_from(["facilitator"] * 8 + ["bob", "cat"]))
    ids = {"facilitator": world.ann, "bob": world.bob, "cat": world.cat}
    # What the web hands a form: lone surrogates arrive as U+FFFD (test_hostile_input.py
    # sends them raw over HTTP).
    pairs = [(clean(k), clean(v)) for k, v in pairs_for(attempt.fields, data.draw, chaos)]
    note(f"{form} by {actor}: {pairs!r:.2000}")

    before = events_in(app)
    with app.test_request_context(method="POST"):
        filled = attempt.form(MultiDict(pairs))
        valid = filled.validate()
        shown_back(filled)
        outcome, recorded = "refused by the form", None
        if valid:
            try:
                recorded = attempt.command(filled, str(ids.get(actor, world.ann)))
                outcome = "accepted"
            except DomainError:
                outcome = "refused by the Application"
    wrote = events_in(app) - before
    count(request, form, "recorded" if wrote else outcome)

    if recorded is None or not wrote:  # refused, or a sign-in (or a no-op) that records nothing
        assert wrote == 0, f"{form}: {outcome} but wrote {wrote} events"
        return
    services_of(app).caught_up(recorded.notification_id)
    for touched in touched_since(world, before):  # each reads back from the event store
        world.s.repository.get(touched)
    facilitator = world.clients["facilitator"]
    for view in attempt.views:
        shown = facilitator.get(view)
        assert shown.status_code < 500, f"{form}: {view} broke after a write"


def touched_since(world: World, before: int) -> set[UUID]:
    """The aggregates the events recorded after notification `before` belong to."""
    found = world.s.recorder.select_notifications(start=before + 1, limit=1000)
    return {n.originator_id for n in found if isinstance(n.originator_id, UUID)}


def count(request: pytest.FixtureRequest, form: str, outcome: str) -> None:
    """Count one input tried, by form and outcome (tests/conftest.py adds them up)."""
    tally: dict[str, int] = request.node.stash.setdefault(TALLY, {})
    tally[outcome] = tally.get(outcome, 0) + 1
    if not any(name == COUNT for name, _ in request.node.user_properties):
        request.node.user_properties.append((COUNT, (form, tally)))


TALLY = pytest.StashKey[dict[str, int]]()
