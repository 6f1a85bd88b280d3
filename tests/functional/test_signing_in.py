"""Signing out and changing a password end sessions on the server, on every device."""

import pytest
from flask import Flask
from pytest_bdd import given, parsers, scenarios, then, when

from tests.functional.pages import Browser, Credentials

scenarios("signing_in.feature")

SIGN_IN_PAGE = "/signin"


@pytest.fixture
def devices(browser: Browser, app: Flask) -> dict[str, Browser]:
    """Each device by name, its own cookies; the scenario's browser is the ward computer."""
    return {"the ward computer": browser, "her phone": Browser(app.test_client(), app)}


def device(devices: dict[str, Browser], browser: Browser, name: str) -> Browser:
    """The device called `name`, knowing everyone's passwords as the ward computer does."""
    found = devices[name]
    found.accounts = browser.accounts
    return found


@pytest.fixture
def replaced() -> dict[str, Credentials]:
    """What people signed in with before they changed their password, by name."""
    return {}


@given(parsers.re(r"(?P<actor>.+) is signed in on (?P<where>the ward computer|her phone)$"))
def signed_in_on(devices: dict[str, Browser], browser: Browser, actor: str, where: str) -> None:
    device(devices, browser, where).become(actor)


@given("someone has copied the ward computer's session", target_fixture="copy")
def copied_session(app: Flask, browser: Browser) -> Browser:
    thief = Browser(app.test_client(), app)
    cookie = browser.client.get_cookie("session")
    assert cookie is not None
    thief.client.set_cookie("session", cookie.value)
    assert thief.signed_in_as() == browser.signed_in_as()  # the copy works, for now
    return thief


@when(parsers.re(r"(?P<actor>.+) signs out on the ward computer$"))
def signs_out(browser: Browser, actor: str) -> None:
    assert browser.signed_in_as() == actor
    browser.sign_out()


@then("the copied session opens only the sign-in page")
def copy_refused(copy: Browser) -> None:
    assert copy.visit("/dashboard").url.startswith(SIGN_IN_PAGE)


@when(parsers.re(r'(?P<actor>.+) changes her password on her phone to "(?P<new>[^"]+)"$'))
def changes_password(
    devices: dict[str, Browser],
    browser: Browser,
    replaced: dict[str, Credentials],
    actor: str,
    new: str,
) -> None:
    phone = device(devices, browser, "her phone")
    phone.visit("/account/password")
    form = phone.form("Change password")
    form.fill("current", phone.accounts[actor].password)
    form.fill("new", new)
    form.fill("again", new)
    sent = phone.submit(form)
    assert sent.status == 303, sent.page.text
    replaced[actor] = phone.accounts[actor]
    phone.accounts[actor] = Credentials(replaced[actor].email, new)


@then(parsers.re(r"her phone is still signed in as (?P<actor>.+)$"))
def phone_signed_in(devices: dict[str, Browser], actor: str) -> None:
    assert devices["her phone"].signed_in_as() == actor


@then("the ward computer opens only the sign-in page")
def computer_signed_out(browser: Browser) -> None:
    assert browser.visit("/dashboard").url.startswith(SIGN_IN_PAGE)


@then(
    parsers.re(
        r'(?P<actor>.+) can sign in with "(?P<new>[^"]+)" but no longer with her old password$'
    )
)
def new_password_only(
    browser: Browser, replaced: dict[str, Credentials], actor: str, new: str
) -> None:
    assert browser.accounts[actor].password == new
    old = replaced[actor]
    browser.sign_out()
    browser.visit(SIGN_IN_PAGE)
    form = browser.form("Sign in")
    form.fill("email", old.email)
    form.fill("password", old.password)
    refused = browser.submit(form)
    assert refused.status == 422
    assert browser.signed_in_as() is None
    browser.sign_in(actor)
    assert browser.signed_in_as() == actor
