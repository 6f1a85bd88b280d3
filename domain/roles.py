"""Roles in a group, and what each may do."""

from typing import Final

from domain.errors import InvalidChoiceError

FACILITATOR, MEMBER, SPONSOR = "facilitator", "member", "sponsor"
ROLES: Final = (FACILITATOR, MEMBER, SPONSOR)

# What a role may do in its group. "read" is also granted to every signed-in person
# when the group shares its learning organisation-wide.
READ, COMMENT, RECORD, FACILITATE = "read", "comment", "record", "facilitate"
GRANTS: Final[dict[str, frozenset[str]]] = {
    FACILITATOR: frozenset({READ, COMMENT, RECORD, FACILITATE}),
    MEMBER: frozenset({READ, COMMENT, RECORD}),
    SPONSOR: frozenset({READ, COMMENT}),
}


def checked_role(role: str) -> str:
    """A known role, or a refusal."""
    if role not in ROLES:
        raise InvalidChoiceError("A role is facilitator, member or sponsor.")
    return role


def may(role: str | None, action: str, shared: bool = False) -> bool:
    """Whether someone with this role (None: no role) may do this in a group."""
    if role is not None and action in GRANTS[role]:
        return True
    return action == READ and shared
