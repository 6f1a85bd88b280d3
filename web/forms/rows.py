"""Lists of numbered rows in a form (a plan's questions and set-up tasks)."""

from collections.abc import Iterator
from typing import Any

from wtforms import FieldList
from wtforms.utils import unset_value


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
