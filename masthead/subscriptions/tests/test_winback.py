"""Win-back offers: who is mailed, once ever, what the mail says, the link
(its open counted once, the offer applied), and the return it leads to."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from masthead.ads.models import AdPosition, AdSlot
from masthead.metering.events import funnel_events_discard, funnel_events_flush
from masthead.metering.models import FunnelEvent, FunnelEventKind
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import MailKind, MailOptOut, Offer, OfferRedemption, Subscription, SubscriptionStatus, WinbackSend, WinbackSettings
from masthead.subscriptions.winback import winback_open, winback_returned, winback_send_due
from masthead.testing.concurrency import in_threads
from masthead.testing.subscriptions import make_offer, make_plan

S = SubscriptionStatus
NOW = timezone.now().replace(microsecond=0)
LINK = re.compile(r"https://news\.example\.test/subscribe/back/[^\s]+/")
STOP = re.compile(r"https://news\.example\.test/mail/stop/[^\s]+/")


@pytest.fixture
def offer(db):
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    found = make_offer(plan, name="Come back offer", code="BACK50", starts_at=NOW - timedelta(days=90))
    WinbackSettings(is_on=True, offer=found, days_after=30).save()
    return found


_numbers = iter(range(1, 10**6))


def _reader(django_user_model, name="asha"):
    return django_user_model.objects.create_user(
        username=name, email=f"{name}@example.test", password="a long password here", first_name=name.title()
    )


def _ended(user, plan, *, days_ago=30, status=S.ENDED, paid=True, term_number=1, at=None):
    """A subscription that ended ``days_ago`` days before NOW, its term paid (or not)."""
    ended_at = at or NOW - timedelta(days=days_ago, hours=1)
    subscription = Subscription.objects.create(
        user=user, plan=plan, status=status, price_minor=plan.price_minor, term_months=plan.term_months,
        term_number=term_number, started_at=ended_at - timedelta(days=90), term_start=ended_at - timedelta(days=90),
        term_end=ended_at, ended_at=ended_at,
    )  # fmt: skip
    if paid:
        Payment.objects.create(
            subscription=subscription, term_number=term_number, charge_key=f"test-{next(_numbers)}", provider="fake",
            amount_minor=plan.price_minor, status=PaymentStatus.SUCCEEDED, succeeded_at=ended_at - timedelta(days=90),
        )  # fmt: skip
    return subscription


def _going(user, plan):
    """A subscription paid and running now."""
    subscription = _ended(user, plan, status=S.ACTIVE, at=NOW + timedelta(days=60))
    Subscription.objects.filter(pk=subscription.pk).update(ended_at=None)
    subscription.refresh_from_db()
    return subscription


def _plan(offer):
    return offer.plans.get()


def test_a_reader_whose_paid_subscription_ended_30_days_ago_is_mailed_the_offer_once(offer, django_user_model, smtp):
    reader = _reader(django_user_model)
    _ended(reader, _plan(offer))

    assert winback_send_due(now=NOW) == 1
    assert winback_send_due(now=NOW + timedelta(hours=1)) == 0
    assert winback_send_due(now=NOW + timedelta(days=400)) == 0

    (message,) = smtp.for_address("asha@example.test")
    body = " ".join(message.get_body(preferencelist=("plain",)).get_content().split())
    assert message["Subject"].startswith("Come back to ") and message["Subject"].endswith(": Come back offer")
    assert "Dear Asha," in body
    assert "Smart Quarterly: ₹450 for your first 3 months, then ₹900 every 3 months" in body
    assert "We will not send you this offer again." in body
    assert LINK.search(body) and STOP.search(body)
    assert message["List-Unsubscribe"] == f"<{STOP.search(body).group(0)}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # One line, as mail programs read it for their unsubscribe button.
    assert b"\r\nList-Unsubscribe: <https://news.example.test/mail/stop/" in smtp.raw[0]
    assert WinbackSend.objects.get().user == reader


def test_a_lapsed_subscription_counts_as_ended(offer, django_user_model, smtp):
    _ended(_reader(django_user_model), _plan(offer), status=S.LAPSED)
    assert winback_send_due(now=NOW) == 1


@pytest.mark.parametrize(
    "case",
    [
        "too_recent", "refunded", "gift_or_comp", "free_trial_only", "subscribed_again", "already_sent", "opted_out", "off",
        "offer_used", "offer_ended",
    ],
)
def test_who_is_not_mailed(case, offer, django_user_model, smtp):
    reader = _reader(django_user_model)
    plan = _plan(offer)
    if case == "too_recent":
        _ended(reader, plan, days_ago=20)
    elif case == "refunded":
        _ended(reader, plan, status=S.REFUNDED)
    elif case == "gift_or_comp":
        _ended(reader, plan, paid=False)  # a gift's money is the giver's, a comp's none
    elif case == "free_trial_only":
        _ended(reader, plan, paid=False, term_number=0)
    elif case == "subscribed_again":
        _ended(reader, plan)
        _going(reader, plan)
    elif case == "already_sent":
        earlier = _ended(reader, plan, days_ago=400)
        WinbackSend.objects.create(user=reader, subscription=earlier, offer=offer, sent_at=NOW - timedelta(days=370))
        _ended(reader, plan)
    elif case == "opted_out":
        _ended(reader, plan)
        MailOptOut.objects.create(user=reader, kind=MailKind.WINBACK)
    elif case == "off":
        _ended(reader, plan)
        WinbackSettings(is_on=False, offer=offer, days_after=30).save()
    elif case == "offer_used":
        subscription = _ended(reader, plan)
        OfferRedemption.objects.create(offer=offer, user=reader, subscription=subscription, redeemed_at=NOW - timedelta(days=120))
    elif case == "offer_ended":
        _ended(reader, plan)
        Offer.objects.filter(pk=offer.pk).update(ends_at=NOW - timedelta(days=1))

    assert winback_send_due(now=NOW) == 0
    assert smtp.for_address("asha@example.test") == []


def test_a_missed_day_is_caught_up_but_an_old_ending_is_left_alone(offer, django_user_model, smtp):
    _ended(_reader(django_user_model, "late"), _plan(offer), days_ago=32)
    _ended(_reader(django_user_model, "old"), _plan(offer), days_ago=90)
    assert winback_send_due(now=NOW) == 1
    assert smtp.for_address("late@example.test") and not smtp.for_address("old@example.test")


def test_a_mail_the_server_refuses_is_tried_again_next_run(offer, django_user_model, smtp):
    _ended(_reader(django_user_model), _plan(offer))
    smtp.refuse.add("asha@example.test")
    assert winback_send_due(now=NOW) == 0 and not WinbackSend.objects.exists()
    smtp.refuse.clear()
    assert winback_send_due(now=NOW + timedelta(hours=1)) == 1


def _link_token(smtp, address="asha@example.test"):
    body = smtp.for_address(address)[-1].get_body(preferencelist=("plain",)).get_content()
    return LINK.search(body).group(0).rstrip("/").rsplit("/", 1)[1]


def test_the_link_counts_its_first_open_once_and_leads_to_the_offer(offer, django_user_model, smtp, client):
    funnel_events_discard()
    reader = _reader(django_user_model)
    _ended(reader, _plan(offer))
    winback_send_due(now=NOW)
    link = f"/subscribe/back/{_link_token(smtp)}/"

    first = client.get(link)
    assert first.status_code == 302 and first["Location"] == "/subscribe/offer/BACK50/"
    opened = WinbackSend.objects.get().opened_at
    assert opened is not None
    client.force_login(reader)
    page = client.get(link, follow=True)
    assert "₹450 for your first 3 months, then ₹900 every 3 months" in page.content.decode()
    assert WinbackSend.objects.get().opened_at == opened
    funnel_events_flush()
    counts = {kind: sum(e.count for e in FunnelEvent.objects.filter(kind=kind)) for kind in FunnelEventKind.values}
    assert counts[FunnelEventKind.WINBACK_SENT] == 1 and counts[FunnelEventKind.WINBACK_OPENED] == 1
    assert not FunnelEvent.objects.filter(kind__startswith="winback").exclude(reason="").exists()  # names nobody


def test_a_changed_or_foreign_link_is_not_found_and_records_nothing(offer, django_user_model, smtp, client):
    reader = _reader(django_user_model)
    _ended(reader, _plan(offer))
    winback_send_due(now=NOW)
    token = _link_token(smtp)
    other = _reader(django_user_model, "ravi")

    assert client.get(f"/subscribe/back/{token[:-2]}xx/").status_code == 404
    send = WinbackSend.objects.get()
    assert client.get(f"/subscribe/back/{signing.dumps(send.token, salt='something else')}/").status_code == 404
    client.force_login(other)
    assert client.get(f"/subscribe/back/{token}/").status_code == 404
    assert WinbackSend.objects.get().opened_at is None


def test_a_paid_checkout_after_the_mail_is_the_return_counted_once(offer, django_user_model, smtp):
    reader = _reader(django_user_model)
    _ended(reader, _plan(offer))
    winback_send_due(now=NOW - timedelta(minutes=5))
    winback_open(token=signing.dumps(WinbackSend.objects.get().token, salt="masthead.subscriptions.winback"))
    again = _going(reader, _plan(offer))
    payment = again.payments.get()

    winback_returned(payment)
    winback_returned(payment)

    send = WinbackSend.objects.get()
    assert send.returned_with == again and send.returned_at is not None
    assert WinbackSend.objects.filter(returned_at__isnull=False).count() == 1


def test_the_stop_link_stops_win_back_mail(offer, django_user_model, smtp, client):
    reader = _reader(django_user_model)
    _ended(reader, _plan(offer))
    winback_send_due(now=NOW)
    body = smtp.for_address("asha@example.test")[0].get_body(preferencelist=("plain",)).get_content()
    path = STOP.search(body).group(0).removeprefix("https://news.example.test")

    assert "Stop “Offers to come back” e-mails" in client.get(path).content.decode()
    assert not MailOptOut.objects.exists()
    assert client.post(path).status_code == 200  # one click, no cookie, no CSRF token
    assert MailOptOut.objects.filter(user=reader, kind=MailKind.WINBACK).exists()
    assert client.post(path[:-3] + "xx/").status_code == 400


def test_no_ad_script_on_the_stop_page_or_the_offer_it_leads_to(offer, django_user_model, smtp, client):
    """The address is the reader's own signed token: an ad network's script would read it."""
    AdSlot.objects.create(position=AdPosition.LEADERBOARD, tag_html='<script src="https://ads.example/tag.js"></script>')
    assert "https://ads.example/tag.js" in client.get("/").text  # this visitor meets ads elsewhere
    _ended(_reader(django_user_model), _plan(offer))
    winback_send_due(now=NOW)
    body = smtp.for_address("asha@example.test")[0].get_body(preferencelist=("plain",)).get_content()
    for path in (
        STOP.search(body).group(0).removeprefix("https://news.example.test"),
        f"/subscribe/back/{_link_token(smtp)}/",
    ):
        page = client.get(path, follow=True)
        assert page.status_code == 200 and "https://ads.example/tag.js" not in page.text, path


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_mail_each_reader_once(offer, django_user_model, smtp):
    for name in ("asha", "ravi", "meera"):
        _ended(_reader(django_user_model, name), _plan(offer))

    sent, errors = in_threads(lambda: winback_send_due(now=NOW), lambda: winback_send_due(now=NOW))

    assert errors == [] and sum(sent) == 3
    assert WinbackSend.objects.count() == 3
    for name in ("asha", "ravi", "meera"):
        assert len(smtp.for_address(f"{name}@example.test")) == 1


def test_the_command_says_what_it_sent(offer, django_user_model, smtp):
    out = StringIO()
    _ended(_reader(django_user_model), _plan(offer), at=timezone.now() - timedelta(days=30, hours=1))
    call_command("winback_send", stdout=out)
    assert out.getvalue() == "1 win-back offer sent\n"
    WinbackSettings(is_on=False, offer=offer, days_after=30).save()
    call_command("winback_send", stdout=out)
    assert out.getvalue().endswith("Win-back offers are switched off: none sent.\n")


def test_business_staff_set_the_win_back_offer_in_the_admin(offer, django_user_model):
    staff = django_user_model.objects.create_user(
        username="business", email="business@example.test", password="a long password here", is_staff=True
    )
    staff.groups.add(Group.objects.get(name="Business"))
    desk = Client()
    desk.force_login(staff)
    page = desk.get("/admin/subscriptions/winbacksettings/")
    assert page.status_code in (200, 302)
    response = desk.post(
        "/admin/subscriptions/winbacksettings/1/change/", {"is_on": "on", "offer": offer.pk, "days_after": "45"}, follow=True
    )
    assert response.status_code == 200
    assert WinbackSettings.current().days_after == 45
    refused = desk.post("/admin/subscriptions/winbacksettings/1/change/", {"is_on": "on", "offer": "", "days_after": "45"})
    assert "Choose the offer the win-back mail applies." in refused.content.decode()
    assert desk.get("/admin/subscriptions/winbacksend/").status_code == 200
