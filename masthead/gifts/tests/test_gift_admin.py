"""Support answers gift questions in the admin ("was my gift sent?", "was it
redeemed?", "my code doesn't work"), read-only, and never sees a whole code:
a code redeems a paid term."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.gifts.models import GiftSubscription, GiftSubscriptionStatus
from masthead.gifts.subscriptions import gift_code_display, gift_redeem
from masthead.payments.models import Payment
from masthead.testing.stripe import GOOD_CARD, confirm_card
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
GIFTS = "/admin/gifts/giftsubscription/"
G = GiftSubscriptionStatus


def _member_of(group_name: str, username: str) -> Client:
    """A staff member in one of the staff groups, never a superuser."""
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.test", password="a long password here", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def support():
    return _member_of("Support", "helpdesk")


@pytest.fixture
def yearly():
    return make_plan(name="Smart Annual", slug="smart-annual", price_minor=2_700_00, term_months=12)


def _bought(django_user_model, capture, plan, recipient_email, username):
    """A gift bought and paid by card on the site (localstripe), e-mailed today."""
    buyer = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.test", password="a long password here"
    )
    browser = Client()
    browser.force_login(buyer)
    answer = browser.post(
        "/gift/",
        {
            "plan": plan.slug, "recipient_name": "Ravi Kumar", "recipient_email": recipient_email,
            "send_on": local_date(timezone.now()).isoformat(), "message": "Happy birthday!",
            "name": "Meera Iyer", "state_code": "29", "gstin": "",
        },
    )  # fmt: skip
    assert answer.status_code == 302, answer.text[:2000]
    gift = GiftSubscription.objects.latest("id")
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', browser.get(f"/gift/{gift.pk}/pay/").text).group(1)
    confirm_card(setup_id, GOOD_CARD)
    with capture(execute=True):
        browser.post(f"/gift/{gift.pk}/pay/confirm/", {"setup_id": setup_id})
    gift.refresh_from_db()
    assert gift.status == G.SENT
    return gift


@pytest.fixture
def gifts(localstripe, smtp, django_user_model, django_capture_on_commit_callbacks, yearly):
    """Two gifts: one sent and waiting, one redeemed by its recipient."""
    waiting = _bought(django_user_model, django_capture_on_commit_callbacks, yearly, "ravi@example.test", "meera")
    used = _bought(django_user_model, django_capture_on_commit_callbacks, yearly, "lata@example.test", "kiran")
    lata = django_user_model.objects.create_user(username="lata", email="lata@example.test", password="a long password here")
    gift_redeem(code=used.code, user=lata)
    used.refresh_from_db()
    return waiting, used


def _codes_absent(page: str, *gifts):
    for gift in gifts:
        for form in (gift.code, gift_code_display(gift.code), gift.code[:16], gift_code_display(gift.code)[:19]):
            assert form not in page, "a gift code is on the page"


def test_support_lists_gifts_sent_and_redeemed_without_their_codes(support, gifts):
    waiting, used = gifts
    page = support.get(GIFTS)
    assert page.status_code == 200
    text = page.text
    for shown in ("meera<wbr>@example.test", "ravi<wbr>@example.test", "lata<wbr>@example.test", "Smart Annual",
                  "Sent to the recipient", "Redeemed", "by the recipient", f"sent {local_date(waiting.sent_at):%-d %b %Y}",
                  f"…-{waiting.code[-4:]}", f"…-{used.code[-4:]}"):  # fmt: skip
        assert shown in text, shown
    _codes_absent(text, waiting, used)
    assert "Add gift subscription" not in text
    assert 'name="action"' not in text  # no bulk delete


def test_support_reads_a_gift_and_finds_its_payment_but_cannot_change_it(support, gifts):
    waiting, used = gifts
    page = support.get(f"{GIFTS}{used.pk}/change/")
    assert page.status_code == 200
    text = page.text
    assert "lata@example.test" in text and "Redeemed" in text and f"…-{used.code[-4:]}" in text
    payment = Payment.objects.get(gift=used)
    assert f'href="/admin/payments/payment/{payment.pk}/change/"' in text and payment.charge_key in text
    assert 'name="recipient_email"' not in text and 'name="_save"' not in text
    _codes_absent(text, waiting, used)

    changed = {"recipient_email": "someone@example.test", "status": "sent"}
    assert support.post(f"{GIFTS}{waiting.pk}/change/", changed).status_code == 403
    assert support.post(f"{GIFTS}{waiting.pk}/delete/", {"post": "yes"}).status_code == 403
    assert support.get(f"{GIFTS}add/").status_code == 403
    waiting.refresh_from_db()
    assert (waiting.recipient_email, waiting.status) == ("ravi@example.test", G.SENT)


def test_support_finds_a_gift_by_its_whole_code_as_a_reader_reads_it_out_never_by_part_of_one(support, gifts):
    waiting, used = gifts
    typed = gift_code_display(waiting.code).lower()  # "abcd-efgh-…", as a reader reads it from the e-mail
    found = support.get(GIFTS, {"q": typed}).text
    assert "ravi<wbr>@example.test" in found and "lata<wbr>@example.test" not in found
    assert "1 result" in found
    for part in (waiting.code[:10], waiting.code[-4:], waiting.code[:-1]):
        assert "0 results" in support.get(GIFTS, {"q": part}).text, part
    by_address = support.get(GIFTS, {"q": "lata@example.test"}).text
    assert "lata<wbr>@example.test" in by_address and "ravi<wbr>@example.test" not in by_address
    by_buyer = support.get(GIFTS, {"q": "meera@"}).text
    assert "ravi<wbr>@example.test" in by_buyer and "lata<wbr>@example.test" not in by_buyer


@pytest.mark.parametrize("group", ["Newsroom", "Business"])
def test_staff_outside_support_see_no_gift(group, gifts):
    waiting, _ = gifts
    browser = _member_of(group, "desk")
    assert browser.get(GIFTS).status_code in (403, 404)
    assert browser.get(f"{GIFTS}{waiting.pk}/change/").status_code in (403, 404)
    assert browser.get(GIFTS, {"q": waiting.code}).status_code in (403, 404)
