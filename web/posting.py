"""Every post's one way to its answer: form → command → read your writes → page,
fragment or 303; a refusal (422, or 409 when someone else changed things first) gives
the page back with what was typed."""

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

from flask import flash, g, make_response
from flask.typing import ResponseReturnValue
from flask_wtf import FlaskForm

from domain.application import Recorded
from web.commands import submit
from web.forms.problems import problems
from web.forms.registry import Sent
from web.outage import is_outage
from web.pages import PageView
from web.rendering import close, render, see_other, wants_fragment

log = logging.getLogger(__name__)

# What a person is told once a post is recorded, when its form says nothing of its own.
SAVED = "Saved"
# The event learnloop.js says aloud (in the page's polite live region, #announcer), and the
# flash category that carries the same words across a redirect (templates/base.html).
ANNOUNCE = "learnloop:announce"


@dataclass(frozen=True)
class Landing:
    """Where a post's answer lands: a page, the part of it htmx swaps, and where to go
    once the command is recorded."""

    whole: str  # the page's template
    fragment: str  # the part htmx swaps
    page: Callable[[Sent], PageView]  # the page, with the sent form in its place
    then: Callable[[Recorded], str]  # once recorded: where to go (a 303)
    swap: bool = False  # htmx: swap the fragment in place rather than follow the 303
    stay: bool = False  # show the page, even without htmx: what it shows once (a link)
    # cannot survive a redirect
    alert: bool = False  # a refusal of a form the page does not draw (a bare button) is
    # said on top of the section


@runtime_checkable
class Growing(Protocol):
    """A form whose lists grow a row at a time ("Add another")."""

    def grow(self) -> bool:
        """Whether a row was asked for (and added): then nothing is recorded."""
        ...

    def grown(self) -> str:
        """What was added, in words ("Question 2 added")."""
        ...


@runtime_checkable
class Telling(Protocol):
    """A form that says what its post recorded, in a person's words."""

    def recorded(self) -> str:
        """What was recorded ("Observation recorded")."""
        ...


def post(sent: Sent, command: Callable[[], Recorded], landing: Landing) -> ResponseReturnValue:
    """Run the command for the sent form and answer where `landing` says."""
    if isinstance(sent.form, Growing) and sent.form.grow():
        grown = render(landing.whole, landing.fragment, **landing.page(sent).context())
        return told(grown, sent.form.grown())
    recorded, status = submit(sent.form, command)
    answered = replace(sent, status=status)
    if recorded is None:
        context = landing.page(answered).context()
        # A form the page draws has its own error summary; a bare button's is said on top.
        shown = landing.alert and not _drawn(sent.form, context)
        alert = {"alert": problems(sent.form)} if shown else {}
        return render(landing.whole, landing.fragment, status, **context, **alert)
    if landing.stay or (landing.swap and wants_fragment()):
        return told(_answered(recorded, landing, answered), _recorded(sent.form))
    flash(_recorded(sent.form), ANNOUNCE)
    return see_other(landing.then(recorded))


def _recorded(form: FlaskForm) -> str:
    return form.recorded() if isinstance(form, Telling) else SAVED


def told(answer: ResponseReturnValue, words: str) -> ResponseReturnValue:
    """The answer, telling htmx what to say once its fragment has settled in the page.

    A header, not a mark in each fragment: the words are the form's, every fragment gets
    them the same way, and htmx fires the event itself (after the swap has settled, on the
    body, once learnloop.js has moved focus). A redirect loses its headers on the way, so
    there the words are flashed to the page it leads to instead (see `post`).
    """
    response = make_response(answer)
    if response.status_code < 300:  # a redirect after an outage carries its own flash
        response.headers["HX-Trigger-After-Settle"] = json.dumps({ANNOUNCE: words})
    else:
        flash(words, ANNOUNCE)
    return response


def _drawn(form: object, context: dict[str, object]) -> bool:
    """Whether the page draws `form` (alone, or among a dict of its forms)."""
    return any(
        value is form or (isinstance(value, dict) and any(f is form for f in value.values()))
        for value in context.values()
    )


def _answered(recorded: Recorded, landing: Landing, sent: Sent) -> ResponseReturnValue:
    """The page a recorded command lands on, or, if the database fails while it is read
    (a connection that died in an outage just over), the way there: once a command is
    recorded its answer is never an error page, and the page it leads to says what it can."""
    try:
        return render(landing.whole, landing.fragment, **landing.page(sent).context())
    except Exception as error:
        if not is_outage(error):
            raise
        log.warning("Recorded %s, but its page could not be read: sent there", recorded.id)
        close()  # this request's connections may be broken: the next request opens new ones
        g.updating = True
        return see_other(landing.then(recorded))
