"""What the partner tests share: a partner with codes, subscribers on the
publication's calendar, and the account page as the subscriber sees it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.test import Client
from django.utils import timezone

from masthead.partners.models import Partner, PartnerCode
from masthead.partners.policy import ClaimPeriod
from masthead.partners.services import partner_codes_load
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions import services as subscription_services
from masthead.testing.subscriptions import make_plan

IST = ZoneInfo("Asia/Kolkata")


def at(year, month, day, hour=0, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=IST)


def make_partner(*, period=ClaimPeriod.TERM, codes=12, name="The World Review", slug="world-review") -> Partner:
    partner = Partner.objects.create(
        name=name, slug=slug, instructions="Enter the code at worldreview.example/redeem.", claim_period=period
    )
    if codes:
        partner_codes_load(partner=partner, upload="\n".join(f"{slug.upper()}-{n:03d}" for n in range(codes)).encode())
    return partner


def make_reader(user_model, name="asha"):
    return user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20)


def subscribed_at(reader, moment: datetime, *, term_months=3, paid=True):
    """The reader's checkout is paid at ``moment``; with ``paid``, the payment
    is on record (so staff can refund it)."""
    with time_machine.travel(moment, tick=False):
        plan = make_plan(term_months=term_months)
        subscription = subscription_services.subscription_activate(
            subscription=subscription_services.subscription_begin(user=reader, plan=plan)
        )
        if paid:
            Payment.objects.create(
                subscription=subscription, term_number=1, charge_key=f"masthead-sub{subscription.pk}-term1-try1",
                provider="stripe", provider_payment_id=f"pi_sub{subscription.pk}", amount_minor=subscription.price_minor,
                status=PaymentStatus.SUCCEEDED, succeeded_at=timezone.now(),
            )  # fmt: skip
    return subscription


def signed_in(reader) -> Client:
    browser = Client()
    browser.force_login(reader)
    return browser


def claim_at(reader, partner: Partner, moment: datetime):
    """The subscriber, signed in at ``moment``, presses "Claim"; returns the
    account page they land on."""
    with time_machine.travel(moment, tick=False):
        return signed_in(reader).post(f"/account/partners/{partner.slug}/claim/", follow=True)


def account_at(reader, moment: datetime) -> str:
    with time_machine.travel(moment, tick=False):
        return signed_in(reader).get("/account/").text


def codes_of(reader) -> list[str]:
    return list(PartnerCode.objects.filter(claimed_by=reader).order_by("claimed_at").values_list("code", flat=True))
