"""A readable, word-level diff between two versions of a plan's text."""

import difflib
import re
from dataclasses import dataclass

# A word with the white space before it is one token (trailing white space is its own):
# half as many tokens as matching words and spaces apart, which made a page of plan
# versions about twice as quick, and a changed word still shows as that word.
_TOKENS = re.compile(r"\s*\S+|\s+")


@dataclass(frozen=True)
class Segment:
    """A run of text that was kept, added or removed."""

    op: str  # "same", "added" or "removed"
    text: str


def word_diff(before: str, after: str) -> list[Segment]:
    """The words of `after` against `before`, as kept, added and removed runs."""
    if before == after:
        # Most fields of a revision are unchanged, and matching costs far more than this.
        return [Segment("same", before)] if before else []
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(old[i1:i2]), "".join(new[j1:j2])
        if tag == "equal":
            segments[-1:] = _kept(segments[-1:], removed)
            continue
        if tag == "replace":
            # A word replaced by a word: the space before both was kept, not changed.
            space = removed[: len(removed) - len(removed.lstrip())]
            if space and added.startswith(space):
                segments[-1:] = _kept(segments[-1:], space)
                removed, added = removed[len(space) :], added[len(space) :]
        if removed:
            segments.append(Segment("removed", removed))
        if added:
            segments.append(Segment("added", added))
    return segments


def _kept(last: list[Segment], text: str) -> list[Segment]:
    """`last` (the final segment so far, if any) followed by `text` kept: one run."""
    if last and last[0].op == "same":
        return [Segment("same", last[0].text + text)]
    return [*last, Segment("same", text)]


def changed(segments: list[Segment]) -> bool:
    """Whether any segment was added or removed."""
    return any(s.op != "same" for s in segments)
