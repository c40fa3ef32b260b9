"""Brakes on guessing passwords and making accounts: log-in lockout, sign-up and password-reset limits,
look-alike usernames."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core import mail
from django.db.models import F
from django.test import Client

from portal.accounts.models import RateLimitHit

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password-42"
LOCKED = "Log-ins paused"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """These tests check many passwords; the real hasher's deliberate slowness is not what they test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def member(django_user_model):
    return django_user_model.objects.create_user("hyunwoo", "hw@example.org", PASSWORD)


def client_at(address, **headers):
    return Client(REMOTE_ADDR=address, **headers)


def log_in(client, username, password, url="/accounts/login/"):
    return client.post(url, {"username": username, "password": password})


def logged_in(client):
    return "_auth_user_id" in client.session


def fail_logins(client, username, times=10, url="/accounts/login/"):
    return [log_in(client, username, "wrong-password", url).status_code for _ in range(times)]


# --- log-in lockout ---------------------------------------------------------------------------------------


def test_ten_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused(member):
    client = client_at("203.0.113.5")
    assert fail_logins(client, "hyunwoo") == [200] * 9 + [429]
    response = log_in(client, "hyunwoo", PASSWORD)
    assert response.status_code == 429 and not logged_in(client)
    page = response.content.decode()
    assert LOCKED in page and "15 minutes" in page and "even the right password is refused" in page
    assert '<link rel="stylesheet"' in page  # the site's page, not a bare text


def test_a_locked_username_is_locked_from_another_address_too(member):
    fail_logins(client_at("203.0.113.5"), "hyunwoo")
    elsewhere = client_at("198.51.100.7")
    response = log_in(elsewhere, "hyunwoo", PASSWORD)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert not logged_in(elsewhere)


def test_an_address_guessing_at_many_accounts_is_locked_out_of_all(member):
    client = client_at("203.0.113.5")
    for n in range(10):
        log_in(client, f"someone{n}", "wrong-password")
    assert log_in(client, "hyunwoo", PASSWORD).status_code == 429
    # The account itself is not locked: its owner elsewhere gets in.
    assert log_in(client_at("198.51.100.7"), "hyunwoo", PASSWORD).status_code == 302


def test_a_forged_forwarded_for_header_does_not_dodge_the_address_lockout(member, settings):
    settings.BEHIND_PROXY = False
    for n in range(10):
        log_in(client_at("203.0.113.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"), f"someone{n}", "wrong")
    assert log_in(client_at("203.0.113.5"), "hyunwoo", PASSWORD).status_code == 429


def test_behind_the_proxy_the_address_it_forwards_is_the_one_locked(member, settings):
    settings.BEHIND_PROXY = True
    proxy = "10.0.0.2"
    for n in range(10):
        # A client may put anything first in the header; the proxy appends the address it saw.
        client = client_at(proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.5")
        log_in(client, f"someone{n}", "wrong")
    assert AccessAttempt.objects.filter(ip_address="203.0.113.5").count() == 10
    locked = client_at(proxy, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert log_in(locked, "hyunwoo", PASSWORD).status_code == 429
    other_client = client_at(proxy, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert log_in(other_client, "hyunwoo", PASSWORD).status_code == 302


def test_the_lockout_lifts_after_the_cool_off(member):
    client = client_at("203.0.113.5")
    fail_logins(client, "hyunwoo")
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=14))
    assert log_in(client, "hyunwoo", PASSWORD).status_code == 429  # still within 15 minutes
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=16))
    response = log_in(client, "hyunwoo", PASSWORD)
    assert response.status_code == 302 and logged_in(client)


def test_the_admin_log_in_is_locked_out_too(django_user_model):
    django_user_model.objects.create_user("boss", "boss@example.org", PASSWORD, is_staff=True)
    client = client_at("203.0.113.5")
    assert fail_logins(client, "boss", url="/admin/login/")[-1] == 429
    response = log_in(client, "boss", PASSWORD, url="/admin/login/")
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert not logged_in(client)


# --- sign-up and password-reset limits --------------------------------------------------------------------


def sign_up(client, username, email=None):
    data = {"username": username, "email": email or f"{username}@example.org"}
    return client.post("/accounts/signup/", {**data, "password1": PASSWORD, "password2": PASSWORD})


def test_sign_ups_per_address_are_limited_and_the_form_keeps_what_was_typed():
    for n in range(5):
        assert sign_up(client_at("203.0.113.5"), f"fan{n}").status_code == 302
    response = sign_up(client_at("203.0.113.5"), "fan5", "fan5@example.org")
    assert response.status_code == 429
    page = response.content.decode()
    assert "5 accounts have been created from your network in the last hour" in page
    assert 'value="fan5"' in page and 'value="fan5@example.org"' in page and PASSWORD not in page
    assert not User.objects.filter(username="fan5").exists()
    # Another address is not affected, and neither is one in the same IPv4 neighbourhood.
    assert sign_up(client_at("203.0.113.6"), "fan5").status_code == 302


def test_sign_ups_from_one_ipv6_network_count_together():
    for n in range(5):
        assert sign_up(client_at(f"2001:db8:1:2::{n + 1}"), f"fan{n}").status_code == 302
    assert sign_up(client_at("2001:db8:1:2::99"), "fan5").status_code == 429
    assert sign_up(client_at("2001:db8:1:3::1"), "fan5").status_code == 302


def test_the_sign_up_limit_lifts_after_an_hour_and_old_counts_are_pruned():
    for n in range(5):
        sign_up(client_at("203.0.113.5"), f"fan{n}")
    assert sign_up(client_at("203.0.113.5"), "fan5").status_code == 429
    assert RateLimitHit.objects.filter(action="signup").count() == 5  # the refused one is not counted
    RateLimitHit.objects.update(created_at=F("created_at") - datetime.timedelta(hours=1, minutes=1))
    assert sign_up(client_at("203.0.113.5"), "fan5").status_code == 302
    # The day's limit still remembers the first five; nothing older than a day is kept.
    RateLimitHit.objects.update(created_at=F("created_at") - datetime.timedelta(days=1))
    sign_up(client_at("203.0.113.9"), "fan6")
    assert RateLimitHit.objects.count() == 1


def ask_reset(client, email):
    return client.post("/accounts/password/reset/", {"email": email})


def test_reset_emails_per_email_are_limited_without_saying_whether_it_has_an_account(member):
    for n in range(3):
        assert ask_reset(client_at(f"203.0.113.{n + 1}"), "hw@example.org").status_code == 302
    assert len(mail.outbox) == 3
    registered = ask_reset(client_at("203.0.113.50"), "HW@example.org")
    assert registered.status_code == 429 and len(mail.outbox) == 3
    assert 'value="HW@example.org"' in registered.content.decode()

    for n in range(3):
        assert ask_reset(client_at(f"203.0.113.{n + 1}"), "nobody@example.org").status_code == 302
    unknown = ask_reset(client_at("203.0.113.50"), "nobody@example.org")
    assert unknown.status_code == 429

    def message(response):
        # The page without the typed email and the CSRF token.
        return re.sub(r'value="[^"]*"', "", response.content.decode())

    assert "Too many reset links have been asked for" in message(unknown)
    assert message(unknown) == message(registered)


def test_reset_requests_per_client_address_are_limited():
    client = client_at("203.0.113.5")
    assert {ask_reset(client, f"fan{n}@example.org").status_code for n in range(10)} == {302}
    response = ask_reset(client, "fan10@example.org")
    assert response.status_code == 429 and "Too many reset links" in response.content.decode()
    assert ask_reset(client_at("198.51.100.7"), "fan10@example.org").status_code == 302


# --- look-alike usernames ---------------------------------------------------------------------------------


@pytest.fixture
def admin_and_moder(django_user_model):
    django_user_model.objects.create_user("admin", "admin@example.org", PASSWORD, is_staff=True)
    django_user_model.objects.create_user("moder", "moder@example.org", PASSWORD, is_staff=True)


@pytest.mark.parametrize(
    "username",
    [
        "\u0430dmin",  # Cyrillic а
        "adm\u0456n",  # Cyrillic і
        "m\u043eder",  # Cyrillic о
        "ADMIN",
        "\uff41\uff44\uff4d\uff49\uff4e",  # fullwidth ａｄｍｉｎ
        "m\u0585der",  # Armenian օ
        "\u1d00dmin",  # Latin small capital ᴀ
        "\uab7admin",  # Cherokee small letter a
        "\u0430dm\u0456n",  # two Cyrillic letters, no Latin left to mix with
    ],
)
def test_usernames_that_look_like_an_existing_one_are_refused(admin_and_moder, username):
    response = sign_up(client_at("203.0.113.5"), username, "newcomer@example.org")
    assert response.status_code == 200
    errors = response.context["form"].errors["username"]
    assert any("looks too much like" in e or "one alphabet" in e for e in errors), errors
    assert not User.objects.filter(email="newcomer@example.org").exists()


def test_mixed_alphabets_and_whole_script_look_alikes_are_refused():
    response = sign_up(client_at("203.0.113.5"), "p\u0430ypal", "newcomer@example.org")  # Cyrillic а
    assert response.context["form"].errors["username"] == [
        "Use letters from one alphabet: this username mixes Latin letters with Cyrillic or Greek ones "
        "that look the same."
    ]
    User.objects.create_user("ace", "ace@example.org", PASSWORD)
    response = sign_up(client_at("203.0.113.5"), "\u0430\u0441\u0435", "newcomer@example.org")  # асе
    assert response.context["form"].errors["username"] == [
        "This username looks too much like an existing member's. Please choose another."
    ]


@pytest.mark.parametrize(
    "username, look_alike",
    [
        ("admin2", "ADMIN2"),
        ("kim\uc9c0\uc6d0", "KIM\uc9c0\uc6d0"),
        ("\u043c\u0438\u0440", "\u041c\u0418\u0420"),
    ],
)
def test_distinct_usernames_are_accepted_and_then_guarded(admin_and_moder, username, look_alike):
    # Latin with Hangul (kim지원) and all-Cyrillic (мир) are fine: only Latin, Cyrillic and Greek mix badly.
    assert sign_up(client_at("203.0.113.5"), username, "newcomer@example.org").status_code == 302
    assert User.objects.filter(username=username).exists()
    response = sign_up(client_at("203.0.113.5"), look_alike, "second@example.org")
    assert "looks too much like" in response.content.decode()


def test_look_alikes_of_accounts_made_outside_sign_up_are_refused_and_those_accounts_still_log_in():
    # Made by staff or before the rule, so never checked: it stays, logs in, and guards its look-alikes.
    User.objects.create_user("\u0430dmin", "cyr@example.org", PASSWORD)
    response = sign_up(client_at("203.0.113.5"), "admin", "latin@example.org")
    assert "looks too much like" in response.content.decode()
    client = client_at("203.0.113.9")
    assert log_in(client, "\u0430dmin", PASSWORD).status_code == 302 and logged_in(client)


def test_an_ipv6_network_rotating_addresses_is_locked_out_as_one_address(member, django_user_model):
    for n in range(10):
        django_user_model.objects.create_user(f"target{n}", f"target{n}@example.org", "another-long-password")
    statuses = [
        log_in(client_at(f"2001:db8:7:8::{n + 1}"), f"target{n}", "wrong-password").status_code
        for n in range(10)
    ]
    assert statuses[-1] == 429, statuses
    assert log_in(client_at("2001:db8:7:8::ff"), "hyunwoo", PASSWORD).status_code == 429


def test_ipv4_clients_of_a_dual_stack_listener_keep_their_own_address():
    for n in range(5):
        assert sign_up(client_at(f"::ffff:198.51.100.{n + 1}"), f"dual{n}").status_code == 302
    assert sign_up(client_at("::ffff:198.51.100.77"), "dual5").status_code == 302


def test_a_capital_i_passing_for_a_small_l_is_refused(django_user_model):
    django_user_model.objects.create_user("louis", "louis@example.org", PASSWORD)
    response = sign_up(client_at("203.0.113.50"), "Iouis")
    assert response.status_code == 200 and "looks too much like" in response.content.decode()


def test_the_admin_refuses_a_look_alike_account_too(admin_and_moder, staff_client, django_user_model):
    look_alike = "m\u0585der"  # Armenian օ
    form = {"username": look_alike, "password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"}
    response = staff_client.post("/admin/auth/user/add/", form)
    html = response.content.decode()
    assert response.status_code == 200 and ("looks too much like" in html or "Use letters from one" in html)
    assert not django_user_model.objects.filter(username=look_alike).exists()
    admin = django_user_model.objects.get(username="admin")
    change = staff_client.get(f"/admin/auth/user/{admin.pk}/change/")
    assert change.status_code == 200  # renaming an account does not clash with its own old name


def test_a_username_taken_between_check_and_save_gets_a_message_not_a_500(monkeypatch):
    from django.db import IntegrityError

    from portal.accounts.forms import SignUpForm

    def taken(self, commit=True):
        raise IntegrityError("UNIQUE constraint failed: auth_user.username")

    monkeypatch.setattr(SignUpForm, "save", taken)
    response = sign_up(client_at("203.0.113.60"), "racer")
    assert response.status_code == 400 and "was just taken" in response.content.decode()
