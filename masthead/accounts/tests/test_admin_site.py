"""The staff admin as staff in their roles see it: the publication's name,
sections named once each and in the newsroom's order, plain messages."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from masthead.testing.accounts import make_staff

pytestmark = pytest.mark.django_db

PUBLICATION = "The Daily Ledger"


@pytest.fixture(autouse=True)
def publication(settings):
    settings.MASTHEAD_SITE_NAME = PUBLICATION


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _in_groups(*names: str):
    user = make_staff()
    user.groups.add(*Group.objects.filter(name__in=names))
    return user


def _sections(page: str) -> list[str]:
    return [name.strip() for name in re.findall(r'<a href="[^"]*" class="section"[^>]*>([^<]+)</a>', page)]


@pytest.mark.parametrize(
    ("group", "path"),
    [
        ("Newsroom", "/admin/"),
        ("Newsroom", "/admin/newsroom/article/"),
        ("Business", "/admin/metering/metersettings/1/change/"),
        ("Support", "/admin/payments/payment/"),
    ],
)
def test_every_admin_page_carries_the_publications_name(group, path):
    page = _signed_in(_in_groups(group)).get(path, follow=True).text
    assert f'<div id="site-name"><a href="/admin/">{PUBLICATION} administration</a></div>' in page
    assert re.search(rf"<title>[^<]* \| {PUBLICATION} admin</title>", page)
    assert "Django" not in re.sub(r"<(script|link)[^>]*>", "", page)


def test_the_index_greets_staff_with_the_publications_name():
    page = _signed_in(_in_groups("Newsroom")).get("/admin/").text
    assert f"<h1>{PUBLICATION} staff desk</h1>" in page
    assert "Site administration" not in page


def test_support_sees_readers_and_their_addresses_as_two_sections_with_their_own_names():
    support = _signed_in(_in_groups("Support"))
    sections = _sections(support.get("/admin/").text)
    assert "Readers and staff" in sections and "E-mail addresses" in sections
    assert "Accounts" not in sections
    assert len(sections) == len(set(sections)), sections
    # The breadcrumbs of an address's list say the same.
    addresses = support.get("/admin/account/emailaddress/").text
    assert re.search(r'<a href="/admin/account/">\s*E-mail addresses\s*</a>', addresses)


def test_the_addresses_section_lists_e_mail_addresses_in_the_sites_spelling():
    support = _signed_in(_in_groups("Support"))
    index = support.get("/admin/").text
    assert re.search(r'<a href="/admin/account/emailaddress/"[^>]*>E-mail addresses</a>', index)
    assert "Email addresses" not in index
    addresses = support.get("/admin/account/emailaddress/").text
    assert "Select e-mail address to view" in addresses


def test_sections_follow_the_newsrooms_work_not_the_alphabet():
    staff = _in_groups("Newsroom", "Business", "Support")
    sections = _sections(_signed_in(staff).get("/admin/").text)
    assert len(sections) == len(set(sections)), sections
    expected = [
        "Newsroom", "E-paper", "Newsletters", "Metered paywall", "Subscriptions", "Payments", "Tax invoices",
        "Partner access", "Advertising", "Readers and staff", "E-mail addresses",
    ]  # fmt: skip
    assert [name for name in sections if name in expected] == expected


@pytest.mark.parametrize(
    ("permission", "path", "form", "message"),
    [
        ("metering.change_metersettings", "/admin/metering/metersettings/1/change/",
         {"free_limit": 3, "archive_age_days": 365}, "Meter settings saved."),
        ("gifts.change_giftsettings", "/admin/gifts/giftsettings/1/change/", {"gifts_per_month": 4}, "Gift settings saved."),
        ("devices.change_devicesettings", "/admin/devices/devicesettings/1/change/",
         {"devices_per_account": 3}, "Device settings saved."),
    ],
)  # fmt: skip
def test_saving_settings_says_so_plainly_and_stays_on_them(permission, path, form, message):
    staff = _signed_in(make_staff(permission))
    # From the index, as staff go: the list page makes the row and opens it.
    assert staff.get(path.removesuffix("1/change/"), follow=True).redirect_chain[-1][0] == path
    response = staff.post(path, form, follow=True)
    assert response.redirect_chain[-1][0] == path
    page = response.text
    assert f'<li class="success">{message}</li>' in page
    assert "was changed successfully" not in page


def test_the_devices_section_says_log_in_as_the_readers_pages_do():
    """Readers see "Logged-in devices" on their account page; staff who set how
    many there may be find the same words, not "Signed-in"."""
    sections = _sections(_signed_in(_in_groups("Business")).get("/admin/").text)
    assert "Logged-in devices" in sections
    assert not [name for name in sections if "sign" in name.lower()], sections
