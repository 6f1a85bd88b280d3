"""Steps for exploratory questions: a first cycle that finds out without predicting."""

from pytest_bdd import parsers, scenarios, then, when

from tests.functional.pages import Browser
from tests.functional.parts import words
from tests.functional.pilot import ACTOR, CycleRef

scenarios("exploratory_questions.feature")


@then(parsers.parse('the plan shows "{question}" as exploratory'))
def plan_shows_exploratory(browser: Browser, cycle: CycleRef, question: str) -> None:
    plan = browser.visit(cycle.url).by_id["plan"]
    assert words(f"{question} — exploratory: we are finding out, no prediction") in plan, plan


@when(parsers.re(ACTOR + r' records what was found for "(?P<question>[^"]+)": "(?P<text>[^"]+)"$'))
def found_out(browser: Browser, cycle: CycleRef, actor: str, question: str, text: str) -> None:
    browser.become(actor)
    browser.visit(cycle.url)
    form = browser.form("Record comparison")
    form.select("Question", f"{question} (exploratory)")
    form.write("What actually happened", text)
    sent = browser.submit(form)
    assert sent.status == 303, sent.page.text
    assert sent.written == 1


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
