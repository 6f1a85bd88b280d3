"""The catalogue of learning methods: how each maps onto plan, act, reflect and revise.

A method changes what the group is asked at each step, not the rules of the cycle: every
method still plans with a prediction, acts, reflects before deciding, and cites learning
when it revises. Peer Assist and Most Significant Change also have records of their own
(advice from another group; stories and the panel's choice), kept by the Cycle.
The keys are stored in events; the words may change freely.
"""

from dataclasses import dataclass
from typing import Final

from domain.entries import ACT, ADVICE, PLAN, REFLECT, STORY
from domain.errors import InvalidChoiceError

REVISE: Final = "revise"
STEPS: Final = (PLAN, ACT, REFLECT, REVISE)


@dataclass(frozen=True)
class Step:
    """One of the four steps in a method's own words, with what it asks the group."""

    phase: str
    name: str
    prompts: tuple[str, ...]


@dataclass(frozen=True)
class Method:
    """A named way of learning, as a guide the app shows while a group works."""

    key: str
    name: str
    summary: str
    source: str
    steps: tuple[Step, ...]
    # What it records beyond the common cycle: ADVICE from another group, or STORY
    # (stories of change and the panel's choice).
    records: frozenset[str] = frozenset()

    def step(self, phase: str) -> Step:
        """The step for a phase of the cycle (plan, act, reflect or revise)."""
        for s in self.steps:
            if s.phase == phase:
                return s
        raise KeyError(phase)


def _method(
    key: str,
    name: str,
    summary: str,
    source: str,
    steps: list[tuple[str, list[str]]],
    records: frozenset[str] = frozenset(),
) -> Method:
    assert len(steps) == len(STEPS), key
    return Method(
        key,
        name,
        summary,
        source,
        tuple(Step(phase, n, tuple(p)) for phase, (n, p) in zip(STEPS, steps, strict=True)),
        records,
    )


PDSA: Final = "pdsa"

CATALOGUE: Final[dict[str, Method]] = {
    m.key: m
    for m in [
        _method(
            PDSA,
            "PDSA",
            "Plan, Do, Study, Act: test a change on a small scale, predict what will "
            "happen, compare, and decide to adopt (implement it, or test it at a larger "
            "scale), adapt or abandon.",
            "Langley et al., The Improvement Guide; IHI Model for Improvement",
            [
                (
                    "Plan",
                    [
                        "What is the objective of this cycle?",
                        "Which questions should the test answer, and what do you predict — why?",
                        "Who, what, where, when? Which data will show whether you were right?",
                    ],
                ),
                (
                    "Do",
                    [
                        "Carry out the test on a small scale.",
                        "Record what you did and saw; problems and surprises count.",
                    ],
                ),
                (
                    "Study",
                    [
                        "Compare what happened with each prediction.",
                        "What did you learn, including mistakes and surprises?",
                    ],
                ),
                (
                    "Act",
                    [
                        "Adopt and implement, adopt and test at a larger scale, adapt, or "
                        "abandon?",
                        "If you scale up or adapt: what changes for the next cycle, in the light "
                        "of which learning?",
                    ],
                ),
            ],
        ),
        _method(
            "after_action_review",
            "After Action Review",
            "Four questions asked straight after acting: what was supposed to happen, what "
            "actually happened, why they differed, and what we learn.",
            "US Army; Collison & Parcell, Learning to Fly",
            [
                (
                    "What was supposed to happen?",
                    ["State the intended result, and what you predict, before you start."],
                ),
                (
                    "What actually happened?",
                    ["Record the facts as they happened, soon after, without blame."],
                ),
                (
                    "Why were there differences?",
                    [
                        "Compare what happened with what was supposed to happen.",
                        "What worked, what did not, and why?",
                    ],
                ),
                (
                    "What can we learn?",
                    [
                        "What will we sustain, and what will we change?",
                        "Revise the plan citing what you learned.",
                    ],
                ),
            ],
        ),
        _method(
            "retrospect",
            "Retrospect",
            "A facilitated review at the end of a project: objectives, what happened, what "
            "went well and what could have gone better, and advice for the next project.",
            "Collison & Parcell, Learning to Fly",
            [
                (
                    "Revisit the objectives",
                    ["What were the project's objectives, and what did you expect to achieve?"],
                ),
                ("Walk through the project", ["What was done, and what happened, in order?"]),
                (
                    "What went well, what could have gone better",
                    [
                        "What went well, and why?",
                        "What could have gone better, and why? Own the mistakes.",
                    ],
                ),
                (
                    "What would we do differently",
                    [
                        "What do you recommend to the next project?",
                        "Adopt, adapt or abandon, naming the learning behind each change.",
                    ],
                ),
            ],
        ),
        _method(
            "peer_assist",
            "Peer Assist",
            "Before planning, ask a group that has done it before; plan in the light of "
            "their advice.",
            "Collison & Parcell, Learning to Fly (developed at BP)",
            [
                (
                    "Ask a group that has done it before",
                    [
                        "Name the challenge and ask a group with experience of it for advice.",
                        "Revise your plan citing the advice you take.",
                    ],
                ),
                ("Try it", ["Carry out the plan; record what you did and saw."]),
                ("What did the advice change?", ["Which advice did you use, and what happened?"]),
                (
                    "Feed back",
                    [
                        "Adopt, adapt or abandon.",
                        "Tell the advising group what you did with their advice.",
                    ],
                ),
            ],
            frozenset({ADVICE}),
        ),
        _method(
            "action_learning_set",
            "Action Learning Set",
            "A standing small group: one member presents a real problem, the others ask "
            "questions, the presenter commits to action and reports back next time.",
            "Revans, ABC of Action Learning",
            [
                (
                    "The presenter brings a real problem",
                    [
                        "One member presents a real problem they own.",
                        "What question should the set help with, and what do you expect?",
                    ],
                ),
                (
                    "The set asks questions",
                    [
                        "Ask open questions, not advice.",
                        "Record the questions and what the presenter noticed.",
                    ],
                ),
                (
                    "The presenter commits to action",
                    ["What did the presenter learn, and what will they do before next time?"],
                ),
                (
                    "Report back next time",
                    ["Adapt to bring the problem back to the set with what happened."],
                ),
            ],
        ),
        _method(
            "appreciative_inquiry",
            "Appreciative Inquiry",
            "Discovery, Dream, Design, Destiny: build on what already works.",
            "Cooperrider & Whitney, Appreciative Inquiry",
            [
                (
                    "Discovery and Dream",
                    [
                        "Discovery: when does this work at its best? Collect examples.",
                        "Dream: what might be, if the best were the norm?",
                    ],
                ),
                ("Design", ["Design a change that builds on what works, and try it."]),
                ("Destiny", ["What did we build on? What now works better, and why?"]),
                ("Sustain", ["How will the change be kept and spread? Adopt, adapt or abandon."]),
            ],
        ),
        _method(
            "most_significant_change",
            "Most Significant Change",
            "Collect stories of change; a panel chooses the most significant, says why, and "
            "feeds that back.",
            "Davies & Dart, The 'Most Significant Change' Technique (2005)",
            [
                (
                    "Choose the domain of change",
                    [
                        "Which kind of change are you looking for, over which period?",
                        "Who will sit on the panel that chooses?",
                    ],
                ),
                (
                    "Collect stories",
                    [
                        "Looking back, what was the most significant change?",
                        "Why is it significant to the person who tells it?",
                    ],
                ),
                (
                    "The panel chooses",
                    ["Read the stories together; choose the most significant and say why."],
                ),
                (
                    "Feed back",
                    ["Tell the storytellers which story was chosen and why; decide what next."],
                ),
            ],
            frozenset({STORY}),
        ),
        _method(
            "learning_log",
            "Learning Log",
            "A personal record of learning: what did I do, so what, now what.",
            "Rolfe, Freshwater & Jasper, Critical Reflection in Nursing (2001)",
            [
                ("What do I mean to try?", ["What will I try, and what do I expect?"]),
                ("What?", ["What did I do? What happened?"]),
                ("So what?", ["What does it mean? What did I learn?"]),
                ("Now what?", ["What will I do next, in the light of it?"]),
            ],
        ),
    ]
}


def method(key: str) -> Method:
    """The method stored under `key`, refusing keys not in the catalogue."""
    try:
        return CATALOGUE[key]
    except KeyError:
        raise InvalidChoiceError(
            f"Choose one of the methods: {', '.join(m.name for m in CATALOGUE.values())}."
        ) from None
