"""The word diff: it always gives back both texts, and shows a changed word as that word."""

from hypothesis import given
from hypothesis import strategies as st

from projections.diff import Segment, word_diff

TEXT = st.text(alphabet=st.sampled_from(["a", "b", "c", " ", "\n", "."]), max_size=40)


@given(TEXT, TEXT)
def test_the_segments_give_back_the_text_before_and_after(before: str, after: str) -> None:
    segments = word_diff(before, after)
    assert "".join(s.text for s in segments if s.op != "added") == before
    assert "".join(s.text for s in segments if s.op != "removed") == after


def test_a_changed_word_shows_as_that_word_with_the_rest_kept() -> None:
    assert word_diff("Nurses discharge at noon", "Nurses discharge at ten") == [
        Segment("same", "Nurses discharge at "),
        Segment("removed", "noon"),
        Segment("added", "ten"),
    ]
    assert word_diff("Same plan", "Same plan") == [Segment("same", "Same plan")]
