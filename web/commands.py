"""Every post's one way through: validate, run once, read your writes — or say what is wrong."""

import hashlib
import logging
import re
import secrets
from collections.abc import Callable
from functools import partial

from flask import g, request
from flask_wtf import FlaskForm
from markupsafe import Markup
from werkzeug.datastructures import FileStorage

from domain.application import Recorded
from domain.errors import DomainError
from web.forms import attach
from web.names import humanize
from web.rendering import status_for
from web.services import services
from web.users import current_actor

log = logging.getLogger(__name__)

# The hidden field every form carries: a key made when the form is drawn, so the same
# form sent twice (a retry after a lost answer, a double click, back and resend, two
# tabs) is recorded once.
KEY_FIELD = "submission"
_KEY = re.compile(r"[A-Za-z0-9_-]{16,64}")
# Fields that are not what the person typed: the same form with other text is new.
_NOT_CONTENT = frozenset({KEY_FIELD, "csrf_token"})
DAMAGED = "This form was damaged on its way here. Reload the page and send it again."


def submit(form: FlaskForm, command: Callable[[], Recorded]) -> tuple[Recorded | None, int]:
    """Run `command` once for this submission if the form is valid; on success the read
    model shows it (or the page says it is still catching up).

    Returns the command's result and 200, or None and the status to answer with
    (422 for bad input, 409 when someone else changed things first), the reason
    attached to the form so the page can show it next to the field.
    """
    if not form.validate():
        return None, 422
    key = request.form.get(KEY_FIELD, "")
    if key and not _KEY.fullmatch(key):
        form.form_errors.append(DAMAGED)
        return None, 422
    try:
        recorded = _once(_keyed(key), command) if key else command()
    except DomainError as error:
        attach(form, error, humanize(str(error)))
        status = status_for(error)
        if status == 409:
            read_their_writes()
        return None, status
    read_your_writes(recorded.notification_id)
    return recorded, 200


def _once(key: str, command: Callable[[], Recorded]) -> Recorded:
    """Run `command` once for this submission key; a refusal is checked against the key
    again before it stands.

    The same form sent to two processes at once (a retry a load balancer sent elsewhere,
    a double click) may be recorded by the other after this one found no record of it:
    this one then meets its own change as someone else's and refuses it (made on a stale
    basis, say). Found recorded by then, it is answered as the first was.
    """
    app, actor = services().app, current_actor()
    try:
        return app.once(actor, key, command)
    except DomainError as refused:
        return app.once(actor, key, partial(_refuse, refused))


def _refuse(error: DomainError) -> Recorded:
    raise error


def read_your_writes(notification_id: int) -> None:
    """Catch the read model up to a recorded command; never fail the command for it.

    Once a command is recorded its answer is never an error page (it would invite a
    retry): if the read model cannot catch up now, the page says it is still updating.
    """
    try:
        services().caught_up(notification_id)
    except Exception:
        log.warning("Recorded up to %s but the read model did not catch up", notification_id)
        g.updating = True


def read_their_writes() -> None:
    """Catch the read model up to the whole log, so a page refusing a change made on a stale
    basis shows the change someone else made first (another process may have recorded it a
    moment ago): never the cycle still open beside "already decided"."""
    read_your_writes(services().app.recorder.max_notification_id() or 0)


def form_key() -> Markup:
    """The hidden submission key for a form being drawn (a Jinja global)."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(KEY_FIELD, new_key())


def new_key() -> str:
    """A fresh submission key."""
    return secrets.token_urlsafe(18)


def _keyed(key: str) -> str:
    """The key with what was sent: a form kept on the page and sent again with other text
    (htmx leaves some forms in place) is a new submission, not a repeat."""
    sent = [(k, v) for k, v in request.form.items(multi=True) if k not in _NOT_CONTENT]
    sent += [(k, _digest(f)) for k, f in request.files.items(multi=True)]
    digest = hashlib.sha256(repr((request.path, sent)).encode()).hexdigest()
    return f"{key}:{digest}"


def _digest(upload: FileStorage) -> str:
    """An uploaded file's content, as a digest: another file sent with the same form is new."""
    digest = hashlib.file_digest(upload.stream, "sha256").hexdigest()  # type: ignore[arg-type]
    upload.stream.seek(0)
    return digest
