"""Passwords: signing in checks one and writes nothing; changing one is an event."""

import pytest

from domain.accounts import Account
from domain.application import Learnloop
from domain.errors import InvalidFieldError, NotFoundError, SignInRefusedError, WrongPasswordError
from domain.passwords import hash_password, verify_password
from tests.conftest import PASSWORD, register

NEW = "a much longer new passphrase"


def events(app: Learnloop) -> int:
    return app.recorder.max_notification_id() or 0


def test_signing_in_checks_the_password_and_records_nothing(application: Learnloop) -> None:
    ann = register(application, "Ann Facilitator")
    before = events(application)
    assert application.sign_in(" Ann@Example.org", PASSWORD) == ann
    for email, password in (("ann@example.org", "not it"), ("nobody@example.org", PASSWORD)):
        with pytest.raises(SignInRefusedError, match="do not match an account"):
            application.sign_in(email, password)
    assert events(application) == before


def test_changing_the_password_takes_the_new_one_and_refuses_the_old(
    application: Learnloop,
) -> None:
    ann = register(application, "Ann Facilitator")
    application.change_password(ann, PASSWORD, NEW, str(ann))
    assert application.sign_in("ann@example.org", NEW) == ann
    with pytest.raises(SignInRefusedError):
        application.sign_in("ann@example.org", PASSWORD)


def test_the_change_is_an_event_that_says_who_made_it_and_keeps_only_a_hash(
    application: Learnloop,
) -> None:
    ann = register(application, "Ann Facilitator")
    recorded = application.change_password(ann, PASSWORD, NEW, str(ann))
    stored = application.recorder.select_notifications(recorded.notification_id, 1)[0]
    event = application.mapper.to_domain_event(stored)
    assert isinstance(event, Account.PasswordChanged)
    assert event.actor == str(ann)
    assert event.password_hash.startswith("scrypt$")
    assert NEW.encode() not in stored.state


def test_a_wrong_current_password_changes_nothing(application: Learnloop) -> None:
    ann = register(application, "Ann Facilitator")
    before = events(application)
    with pytest.raises(WrongPasswordError, match="not your current password") as refused:
        application.change_password(ann, "not it at all", NEW, str(ann))
    assert refused.value.field == "current"
    assert events(application) == before
    assert application.sign_in("ann@example.org", PASSWORD) == ann


def test_a_new_password_shorter_than_registration_allows_is_refused(
    application: Learnloop,
) -> None:
    ann = register(application, "Ann Facilitator")
    before = events(application)
    with pytest.raises(InvalidFieldError, match="at least 10 characters"):
        application.change_password(ann, PASSWORD, "too short", str(ann))
    assert events(application) == before


def test_the_command_line_sets_a_password_without_the_current_one(
    application: Learnloop,
) -> None:
    ann = register(application, "Ann Facilitator")
    recorded = application.set_password("ANN@example.org", NEW, "command line")
    assert recorded.id == ann
    assert application.sign_in("ann@example.org", NEW) == ann
    with pytest.raises(NotFoundError, match="No account has that email"):
        application.set_password("nobody@example.org", NEW, "command line")


def test_a_password_can_be_changed_again_and_again(application: Learnloop) -> None:
    ann = register(application, "Ann Facilitator")
    application.change_password(ann, PASSWORD, NEW, str(ann))
    application.change_password(ann, NEW, NEW + " again", str(ann))
    account: Account = application.repository.get(ann)
    assert account.version == 3
    assert application.sign_in("ann@example.org", NEW + " again") == ann


@pytest.mark.real_password_cost
def test_the_product_hashes_at_its_own_scrypt_cost_and_checks_at_the_cost_stored() -> None:
    stored = hash_password(PASSWORD)
    # scrypt$N$r$p$salt$digest: 2**15, 8, 1 (about 32 MiB a hash), not the tests' low cost.
    assert stored.split("$")[:4] == ["scrypt", str(2**15), "8", "1"]
    assert verify_password(PASSWORD, stored)
    assert not verify_password(PASSWORD + "!", stored)
