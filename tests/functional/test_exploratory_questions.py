"""Steps for exploratory questions: a first cycle that finds out without predicting."""

from pytest_bdd import parsers, scenarios, then

from tests.functional.pages import Browser
from tests.functional.parts import words
from tests.functional.pilot import CycleRef

scenarios("exploratory_questions.feature")


@then(
    parsers.re(
        r'cycle (?P<number>\d+) shows what was found for "(?P<question>[^"]+)", with no outcome'
    ),
    converters={"number": int},
)
def found_shown(browser: Browser, cycles: dict[int, CycleRef], number: int, question: str) -> None:
    page = browser.visit(cycles[number].url)
    compared = [
        text
        for key, text in page.by_id.items()
        if key.startswith("entry-") and text.startswith("What we found")
    ]
    assert len(compared) == 1, compared
    assert compared[0].startswith(f"What we found on “{words(question)}”"), compared
    assert not any(outcome in compared[0] for outcome in ("Confirmed", "Partly", "Not confirmed"))
