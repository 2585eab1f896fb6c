"""Signed-in devices: listed, named, signed out from elsewhere, and kept
within the account's limit, for browsers and apps alike."""

import re
from datetime import timedelta

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.utils import timezone

from masthead.devices.models import DeviceSettings, DeviceSignOut, SignOutReason
from masthead.devices.naming import device_name
from masthead.devices.services import last_used_label
from masthead.testing.devices import (
    CHROME_WINDOWS,
    FIREFOX_LINUX,
    PASSWORD,
    app_signed_in,
    browser_signed_in,
    make_device_reader,
)

pytestmark = pytest.mark.django_db

SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 19_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/19.0 Mobile/15E148 Safari/604.1"
EDGE_WINDOWS = CHROME_WINDOWS + " Edg/156.0"


@pytest.fixture
def reader(django_user_model):
    return make_device_reader(django_user_model)


def _signed_in(browser: Client) -> bool:
    return browser.get("/account/").status_code == 200


def test_devices_are_named_as_their_owners_know_them():
    assert device_name(user_agent=FIREFOX_LINUX) == "Firefox on Linux"
    assert device_name(user_agent=CHROME_WINDOWS) == "Chrome on Windows"
    assert device_name(user_agent=EDGE_WINDOWS) == "Edge on Windows"
    assert device_name(user_agent=SAFARI_IPHONE) == "Safari on iPhone"
    assert device_name(user_agent="curl/8.0") == "Unknown device"
    assert device_name(user_agent=FIREFOX_LINUX, supplied="  Asha's   iPad ") == "Asha's iPad"


def test_signing_out_another_device_signs_it_out_on_its_next_request(reader):
    laptop = browser_signed_in(FIREFOX_LINUX)
    phone = browser_signed_in(SAFARI_IPHONE)
    phone_device = UserSession.objects.get(session_key=phone.session.session_key)

    response = laptop.post(f"/account/devices/{phone_device.pk}/sign-out/", follow=True)
    assert "Signed out of Safari on iPhone." in response.text
    assert not _signed_in(phone)
    assert _signed_in(laptop)
    assert DeviceSignOut.objects.get().reason == SignOutReason.BY_OWNER


def test_an_app_token_signed_out_from_the_web_stops_working(reader):
    token = app_signed_in("Reader app on Pixel")
    app = Client(HTTP_X_SESSION_TOKEN=token)
    assert app.get("/api/auth/app/v1/auth/session").status_code == 200
    laptop = browser_signed_in(FIREFOX_LINUX)
    app_device = UserSession.objects.get(data__kind="app")
    laptop.post(f"/account/devices/{app_device.pk}/sign-out/")
    # allauth answers 410 Gone for a session token whose session has ended.
    gone = app.get("/api/auth/app/v1/auth/session")
    assert gone.status_code == 410 and not gone.json()["meta"].get("is_authenticated")


def test_one_device_more_than_the_limit_signs_out_the_least_recently_used(reader):
    DeviceSettings(devices_per_account=2).save()
    oldest = browser_signed_in(FIREFOX_LINUX)
    newer = browser_signed_in(CHROME_WINDOWS)
    third = Client(HTTP_USER_AGENT=SAFARI_IPHONE)
    response = third.post("/accounts/login/", {"login": "devi@example.test", "password": PASSWORD}, follow=True)
    assert (
        "You can be signed in on 2 devices at once, so we signed you out of the one you used least recently: "
        "Firefox on Linux." in response.text
    )
    assert not _signed_in(oldest)
    assert _signed_in(newer) and _signed_in(third)
    assert UserSession.objects.filter(user=reader).count() == 2
    assert DeviceSignOut.objects.get().reason == SignOutReason.DEVICE_LIMIT


def test_someone_elses_device_cannot_be_signed_out(reader, django_user_model):
    browser_signed_in(FIREFOX_LINUX)
    theirs = UserSession.objects.get(user=reader)
    other = django_user_model.objects.create_user(username="o", email="o@example.test", password=PASSWORD)
    stranger = Client()
    stranger.force_login(other)
    response = stranger.post(f"/account/devices/{theirs.pk}/sign-out/", follow=True)
    assert "No such device on this account." in response.text
    assert UserSession.objects.filter(pk=theirs.pk).exists()


def test_signing_out_this_device_from_the_list_logs_out_here(reader):
    laptop = browser_signed_in(FIREFOX_LINUX)
    mine = UserSession.objects.get(session_key=laptop.session.session_key)
    laptop.post(f"/account/devices/{mine.pk}/sign-out/")
    assert not _signed_in(laptop)


def _device_rows(page: str) -> dict[str, str]:
    """Each device's "Last used" cell on the account page, by device name."""
    table = page.split('<table class="devices">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>.*?</td>\s*<td>(.*?)</td>", table, flags=re.S)
    return {re.sub(r"<strong>.*?</strong>|<.*?>|,.*", "", name).strip(): _spaced(last_used) for name, last_used in rows}


def _spaced(text: str) -> str:
    # The number and its unit are joined by a no-break space, so "3 hours" never wraps.
    return text.replace("\xa0", " ")


def test_the_account_page_says_when_each_device_was_last_used_as_a_person_would(reader):
    laptop = browser_signed_in(FIREFOX_LINUX)
    phone = browser_signed_in(SAFARI_IPHONE)
    assert _device_rows(laptop.get("/account/").text) == {"Firefox on Linux": "Now", "Safari on iPhone": "Just now"}
    UserSession.objects.filter(session_key=phone.session.session_key).update(
        last_seen_at=timezone.now() - timedelta(hours=3, minutes=20)
    )
    assert _device_rows(laptop.get("/account/").text)["Safari on iPhone"] == "3 hours ago"


@pytest.mark.parametrize(
    "ago, said",
    [
        (timedelta(0), "Just now"),
        (timedelta(minutes=4, seconds=59), "Just now"),
        (timedelta(minutes=5), "5 minutes ago"),
        (timedelta(hours=1, minutes=59), "1 hour ago"),
        (timedelta(days=2, hours=23), "2 days ago"),
    ],
)
def test_last_use_is_said_to_the_nearest_unit_and_never_as_zero_minutes(ago, said):
    now = timezone.now()
    assert _spaced(last_used_label(last_seen_at=now - ago, now=now, is_current=False)) == said
    assert last_used_label(last_seen_at=now - ago, now=now, is_current=True) == "Now"
