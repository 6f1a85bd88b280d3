"""Who may use each route: every view declares it, and one decorator enforces it.

Levels: "public" (anyone), "signed_in", "admin", and per group "read", "comment",
"record", "facilitate" (see domain.roles). Someone who may not read a group gets a
404, as if it did not exist; someone who may read but not do gets a 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, g
from flask.typing import ResponseReturnValue
from flask_login import current_user

from domain.roles import COMMENT, FACILITATE, GRANTS, READ, RECORD, may
from projections import queries
from web.rendering import reading

View = Callable[..., ResponseReturnValue]
GROUP_LEVELS = (READ, COMMENT, RECORD, FACILITATE)
LEVELS = ("public", "signed_in", "admin", *GROUP_LEVELS)


def public(view: View) -> View:
    """Anyone may use this route, signed in or not."""
    view.access = "public"  # type: ignore[attr-defined]
    return view


def requires(level: str) -> Callable[[View], View]:
    """Only people at `level` may use this route (see the module docstring)."""
    assert level in LEVELS[1:], level

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(*args: Any, **kwargs: Any) -> ResponseReturnValue:
            if not current_user.is_authenticated:
                response: ResponseReturnValue = current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
                return response
            if level == "admin" and not current_user.is_admin:
                abort(403)
            if level in GROUP_LEVELS:
                _check_group(level, kwargs)
            return view(*args, **kwargs)

        guarded.access = level  # type: ignore[attr-defined]
        return guarded

    return decorate


def _check_group(level: str, view_args: dict[str, Any]) -> None:
    keys = {
        k: v
        for k, v in view_args.items()
        if k in ("group_id", "cycle_id", "request_id", "measure_id")
    }
    with reading() as conn:
        found = queries.access(conn, str(current_user.id), **keys)
    if found is None:
        abort(404)
    role, shared = found.role, found.shared
    if not may(role, READ, shared):
        abort(404)
    if not may(role, level, shared):
        abort(403)
    g.role = role
    g.can = GRANTS[role] if role else frozenset({READ})


def can_in_template() -> dict[str, object]:
    """What the signed-in person may do in the group this page is about."""
    return {
        "can": g.get("can", frozenset()),
        "role": g.get("role"),
        "as_of": g.get("as_of"),
        "past_kind": g.get("past_kind"),  # "happened", or None: as it was recorded
    }
