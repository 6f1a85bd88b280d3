"""A person at the keyboard: Tab to a control by its name, and what has the focus.

Only `page.keyboard` moves the focus here. Every element a Tab lands on must show the
focus (checked by its computed style), so a test that tabs through a page checks every
stop on its way.
"""

from playwright.sync_api import Page, expect

# The longest way Tab may take to a control before a test gives up: a cycle page's journal
# holds a few dozen stops between its heading and its last form.
MOST_TABS = 120

# What the focused element is: its tag, id and accessible name (its label, aria-label or
# words), and whether it shows the focus (the app's ring is an outline and a box-shadow).
_FOCUSED = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const label = el.labels && el.labels.length ? el.labels[0].textContent : '';
    const name = (el.getAttribute('aria-label') || label || el.textContent || '')
        .replace(/\\s+/g, ' ').trim();
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
        || style.boxShadow !== 'none';
    return {tag: el.tagName.toLowerCase(), id: el.id, name: name.slice(0, 80), ring: ring,
            outline: style.outlineStyle + ' ' + style.outlineWidth, shadow: style.boxShadow};
}"""


def focused(page: Page) -> dict[str, str | bool]:
    """The element with the focus: tag, id, accessible name, whether its ring shows."""
    found: dict[str, str | bool] = page.evaluate(_FOCUSED)
    return found


def tab_to(page: Page, name: str, *, back: bool = False, exact: bool = False) -> None:
    """Press Tab (Shift+Tab if `back`) until the focus is on the control named `name`
    (its name starts with it, or is it if `exact`); each stop on the way shows the focus."""
    passed: list[str] = []
    for _ in range(MOST_TABS):
        page.keyboard.press("Shift+Tab" if back else "Tab")
        now = focused(page)
        label = str(now["name"])
        assert now["ring"], f"no visible focus on {now}"
        if label == name or (not exact and label.startswith(name)):
            return
        passed.append(label[:40])
    raise AssertionError(f"Tab never reached {name!r}; it passed {passed}")


def type_in(page: Page, name: str, text: str) -> None:
    """Tab to the field named `name` and type `text` into it."""
    tab_to(page, name)
    page.keyboard.type(text)


def press_button(page: Page, name: str) -> None:
    """Tab to the button (or link) named `name` exactly, and press Enter."""
    tab_to(page, name, exact=True)
    page.keyboard.press("Enter")


def first_tab_reaches_the_skip_link(page: Page) -> None:
    """On a page just shown: the first Tab lands on "Skip to main content", shown with the
    focus ring, and Enter on it moves the focus to the main content."""
    page.keyboard.press("Tab")
    link = focused(page)
    assert (link["tag"], link["name"]) == ("a", "Skip to main content"), link
    assert link["ring"], "the skip link shows no focus"
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def focus_moved_to(page: Page, selector: str, said: str) -> None:
    """After a swap: the focus is on `selector` and the live region says `said`."""
    expect(page.locator(selector)).to_be_focused()
    expect(page.locator("#announcer")).to_have_text(said)
