"""Page contexts: what each page shows, typed, built from one query of the read model.

A page's view is a dataclass; its fields are the template's variables, and the fields
of what it read (its `read` field, a page query's answer) are too.
"""

from dataclasses import dataclass, fields, is_dataclass

from flask import request
from werkzeug.datastructures import MultiDict

from web.forms.registry import Sent

# What a post carried of the forms it did not send: their drafts, to draw them with.
Drafts = MultiDict[str, str] | None


@dataclass(frozen=True)
class PageView:
    """A page's template variables, as a dataclass's fields."""

    def context(self) -> dict[str, object]:
        """The fields by name, for the templates, with those of what the page read (not
        copied: forms stay the same objects)."""
        own = _fields(self)
        read = own.pop("read", None)
        return {**_fields(read), **own} if is_dataclass(read) else own


def _fields(value: object) -> dict[str, object]:
    return {f.name: getattr(value, f.name) for f in fields(value)}  # type: ignore[arg-type]


def drafts(sent: Sent | None) -> Drafts:
    """What the other forms had typed: only a post from the page carries drafts; a page
    load starts every form empty."""
    return request.form if sent is not None and request.method == "POST" else None
