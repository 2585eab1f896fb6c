"""Gift subscriptions: a term of a plan bought by one reader for someone else.

The buyer signs in first (their account is their proof of the e-mail the
invoice and the receipt go to; a buyer without one signs up through the
site's own sign-up), chooses a plan, the recipient, a day and a message, and
pays by card. The price is the server's plan, never the form's. The money is
an ordinary ``Payment`` for the gift (see GiftSubscription), taken by
``payment_take`` under the in-flight rule, and settled by ``payment_settle``;
this module's listener then marks the gift paid and issues the buyer's GST
invoice in the same transaction.

On its day (at once when that is today) the recipient is mailed the code and
a redeem link, once: the gift is claimed from paid to sent by a conditional
update before the mail goes out. Redeeming is a conditional update from a
redeemable status too, so a code works once, and the subscription it starts
or lengthens goes through the state machine
(``subscriptions.services.subscription_gift_apply``).

A staff refund of an unredeemed gift voids it: its code stops working. A
refund of a redeemed gift gives the buyer their money back and leaves the
recipient's months alone (they were given in good faith; staff are told so
before they confirm).
"""

import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from masthead.core.errors import InvalidOperation, MastheadError
from masthead.core.mail import greeting_name, mail_html, mail_sender, mail_signature
from masthead.core.periods import local_date
from masthead.core.urls import site_url
from masthead.invoicing.models import Invoice
from masthead.invoicing.pdf import invoice_pdf
from masthead.invoicing.services import invoice_issue
from masthead.payments.models import BillingProfile, Payment, PaymentStatus
from masthead.payments.providers import payment_provider
from masthead.payments.providers.base import PaymentDeclined
from masthead.payments.services import RefundEffect, payment_take, payment_unneeded
from masthead.subscriptions.billing.checkout import card_owner_check, provider_customer
from masthead.subscriptions.models import Plan, Subscription
from masthead.subscriptions.services import subscription_gift_apply

from .models import GIFT_REDEEMABLE, GiftSubscription, GiftSubscriptionStatus

logger = logging.getLogger(__name__)
G = GiftSubscriptionStatus

# 32 letters and digits that cannot be misread for each other (no 0/O, 1/I).
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# 20 of them: 100 bits. Guessing one live code among a million takes about
# 2**80 tries, so the redeem page needs no rate limit of its own.
CODE_LENGTH = 20
# How far ahead a gift e-mail may be scheduled.
SEND_AHEAD_DAYS = 365
# How often the buyer may send the gift e-mail again: one payment must not
# buy a stream of mail to an address the buyer typed.
RESEND_EVERY = timedelta(days=1)


class GiftCodeInvalid(MastheadError):
    code = "gift_code_invalid"


def gift_code_new() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def gift_code_read(raw: str) -> str:
    """A code as a person types it (spaces, dashes, lower case) as stored, or
    "" when it cannot be a code at all."""
    code = "".join(ch for ch in (raw or "")[:100].upper() if ch not in " -\t")
    if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
        return ""
    return code


def gift_code_display(code: str) -> str:
    """``ABCD-EFGH-JKLM-NPQR-STUV``: how the e-mail and the pages print it."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def gift_code_ending(code: str) -> str:
    """``…-STUV``: the code's last group, as staff see it. The whole code
    redeems a paid term, so it is never shown in the admin; the last four
    let Support tell one reader's gifts apart, or confirm the one a reader
    reads out, and leave 80 bits unknown."""
    return f"…-{code[-4:]}" if code else "—"


def gift_purchase_begin(
    *,
    buyer,
    plan: Plan,
    recipient_name: str,
    recipient_email: str,
    message: str = "",
    send_on: date,
    now: datetime | None = None,
) -> GiftSubscription:
    """A gift awaiting payment, at the plan's own price and term."""
    now = now or timezone.now()
    today = local_date(now)
    if not plan.is_active:
        raise InvalidOperation("plan_unavailable", "That plan is no longer on sale.")
    if send_on < today:
        raise InvalidOperation("send_on_past", "The day to send the gift cannot be in the past.")
    if send_on > today + timedelta(days=SEND_AHEAD_DAYS):
        raise InvalidOperation("send_on_too_far", "A gift can be sent at most a year from today.")
    return GiftSubscription.objects.create(
        buyer=buyer,
        plan=plan,
        term_months=plan.term_months,
        price_minor=plan.price_minor,
        currency=plan.currency,
        recipient_name=recipient_name.strip(),
        recipient_email=recipient_email.strip(),
        message=message.strip(),
        send_on=send_on,
        code=gift_code_new(),
    )


@dataclass(frozen=True)
class GiftCardForm:
    setup: object  # the provider's CardSetup
    customer_id: str  # the customer the form was made for


def gift_checkout_start(
    *, gift: GiftSubscription, reuse_setup_id: str = "", reuse_customer_id: str = "", provider=None
) -> GiftCardForm:
    """The card form for a gift's payment, at the buyer's own customer.

    A buyer whose renewals are charged to a card saved at another provider
    keeps it: a customer is made here for this payment without being
    recorded on their billing profile (``reuse_customer_id``, the one made
    for them before, is offered again on a reload)."""
    provider = provider or payment_provider()
    _must_await_payment(gift)
    if provider.collects_first_payment:
        raise InvalidOperation(
            "gift_card_only", "Gift subscriptions can be paid by card only, and card payments are not available just now."
        )
    profile = BillingProfile.objects.get(user=gift.buyer)
    if profile.provider_payment_method_id and profile.provider not in ("", provider.name):
        customer_id = provider.customer(email=gift.buyer.email, name=profile.name, existing_id=reuse_customer_id)
    else:
        customer_id = provider_customer(user=gift.buyer, provider=provider)
    setup = provider.card_setup(customer_id=customer_id, reuse_setup_id=reuse_setup_id)
    # The gift's payment is charged to this customer; its events must name it.
    GiftSubscription.objects.filter(pk=gift.pk).update(provider_customer_id=customer_id)
    gift.provider_customer_id = customer_id
    return GiftCardForm(setup=setup, customer_id=customer_id)


def gift_checkout_pay(
    *, gift: GiftSubscription, setup_id: str, shown_id: str, shown_customer_id: str = "", provider=None
) -> GiftSubscription:
    """Charge the card the buyer just entered for the gift, once.

    ``shown_id`` is the card form this buyer was shown for this gift: a form
    from another page charges nothing. The card is not kept for the buyer's
    own renewals. Raises PaymentDeclined (the gift stays unpaid, another card
    may be tried), ChargeInFlight for a second click or tab while the first
    is being charged, TermAlreadyPaid once it is paid."""
    provider = provider or payment_provider()
    if not shown_id or setup_id != shown_id:
        raise InvalidOperation(
            "stale_form", "This payment page was for another gift, so nothing was charged. Please pay here."
        )
    _must_await_payment(gift)
    saved = provider.saved_method(setup_id=setup_id)
    if not shown_customer_id or saved.customer_id != shown_customer_id:
        card_owner_check(profile=BillingProfile.objects.get(user=gift.buyer), saved=saved)
    payment = payment_take(
        gift=gift,
        amount=gift.price,
        saved=saved,
        description=f"Gift: {gift.plan.name}, {gift.plan.term_label.lower()}",
        provider=provider,
    )
    if payment.status == PaymentStatus.FAILED:
        raise PaymentDeclined(message=payment.failure_message or "Your card was declined.")
    gift.refresh_from_db()
    return gift


def _must_await_payment(gift: GiftSubscription) -> None:
    if gift.status != G.PENDING_PAYMENT:
        raise InvalidOperation("gift_paid", "This gift is already paid for.")


def gift_payment_settled(payment: Payment) -> None:
    """Registered with payments (on_payment_settled): inside the settling
    transaction, with the gift row locked (payment_settle's lock order)."""
    if payment.gift_id is None or payment.status != PaymentStatus.SUCCEEDED:
        return
    gift = GiftSubscription.objects.select_related("plan").get(pk=payment.gift_id)
    if gift.status != G.PENDING_PAYMENT:
        payment_unneeded(payment=payment, note=f"Paid for a gift already {gift.get_status_display().lower()}: refunded.")
        return
    now = payment.succeeded_at or timezone.now()
    GiftSubscription.objects.filter(pk=gift.pk).update(status=G.PAID, paid_at=now)
    try:
        with transaction.atomic():
            invoice_issue(
                payment=payment,
                description=f"{gift.plan.name} digital subscription, {gift.plan.term_label.lower()}, "
                f"a gift for {gift.recipient_name}"[:250],
            )
    except MastheadError as error:
        logger.error("no tax invoice for %s: %s", payment.charge_key, error.message)
        Payment.objects.filter(pk=payment.pk).update(note=f"Tax invoice not issued: {error.message}"[:250])
    transaction.on_commit(lambda: gift_receipt_send(payment_id=payment.pk), robust=True)
    if gift.send_on <= local_date(now):
        transaction.on_commit(lambda: gift_emails_send_due(gift_ids=[gift.pk]), robust=True)


def gift_receipt_send(*, payment_id: int) -> None:
    """The buyer's receipt, with the tax invoice attached: mailed once
    (``receipt_sent_at`` is claimed first and given back if the send fails)."""
    payment = Payment.objects.select_related("gift__plan", "gift__buyer").get(pk=payment_id)
    invoice = Invoice.objects.filter(payment=payment).first()
    if invoice is None or payment.status != PaymentStatus.SUCCEEDED or payment.duplicate:
        return
    if not Payment.objects.filter(pk=payment.pk, receipt_sent_at__isnull=True).update(receipt_sent_at=timezone.now()):
        return
    gift, buyer = payment.gift, payment.gift.buyer
    subject = f"Your receipt from {settings.MASTHEAD_SITE_NAME}: a gift of {gift.plan.name} {payment.amount}"
    context = {
        **mail_signature(),
        "reader_name": greeting_name(buyer),
        "gift": gift,
        "payment": payment,
        "invoice": invoice,
        "paid_on": local_date(payment.succeeded_at or invoice.issued_at),
        "account_url": site_url() + reverse("accounts:account"),
    }
    try:
        text = render_to_string("emails/gift_receipt.txt", context).strip()
        message = EmailMultiAlternatives(
            subject=subject, body=text + "\n", from_email=mail_sender(), to=[buyer.email],
            attachments=[(invoice.filename, invoice_pdf(invoice), "application/pdf")],
        )  # fmt: skip
        message.attach_alternative(mail_html(subject=subject, text=text), "text/html")
        message.send()
    except Exception:
        Payment.objects.filter(pk=payment.pk).update(receipt_sent_at=None)
        raise


def gift_emails_send_due(*, now: datetime | None = None, gift_ids: list[int] | None = None) -> int:
    """Mail every paid gift whose day has come, once each: a gift is claimed
    (paid → sent) by a conditional update before its mail goes out, so two
    workers never both send it; a send that fails gives the claim back for
    the next run."""
    now = now or timezone.now()
    due = GiftSubscription.objects.filter(status=G.PAID, send_on__lte=local_date(now))
    if gift_ids is not None:
        due = due.filter(pk__in=gift_ids)
    sent = 0
    for gift_id in list(due.values_list("pk", flat=True)):
        if not GiftSubscription.objects.filter(pk=gift_id, status=G.PAID).update(status=G.SENT, sent_at=now):
            continue  # another worker took it
        try:
            gift_email_send(gift=GiftSubscription.objects.select_related("plan", "buyer").get(pk=gift_id))
        except Exception:
            logger.exception("gift e-mail %s not sent: will try again", gift_id)
            GiftSubscription.objects.filter(pk=gift_id, status=G.SENT).update(status=G.PAID, sent_at=None)
            continue
        sent += 1
    return sent


def gift_email_resend(*, gift: GiftSubscription, by, now: datetime | None = None) -> GiftSubscription:
    """The buyer sends the gift e-mail again (it went astray): only a gift
    already sent and not yet redeemed, and at most once a day. The send is
    claimed first (a conditional update of ``sent_at``), so two presses at
    once mail once; a send that fails gives the claim back."""
    now = now or timezone.now()
    if gift.buyer_id != by.pk or gift.status != G.SENT:
        raise InvalidOperation("gift_not_sent", "That gift's e-mail can't be sent again now.")
    claimed = GiftSubscription.objects.filter(pk=gift.pk, status=G.SENT, sent_at__lte=now - RESEND_EVERY).update(sent_at=now)
    if not claimed:
        raise InvalidOperation(
            "gift_resent_recently", "The gift e-mail can be sent again once a day. Please try again tomorrow."
        )
    try:
        gift_email_send(gift=gift)
    except Exception:
        GiftSubscription.objects.filter(pk=gift.pk, sent_at=now).update(sent_at=gift.sent_at)
        raise
    gift.sent_at = now
    return gift


def gift_email_send(*, gift: GiftSubscription) -> None:
    redeem_url = site_url() + reverse("gifts:redeem") + f"?code={gift.code}"
    site = settings.MASTHEAD_SITE_NAME
    giver = gift.buyer.get_full_name().strip() or "Someone"
    subject = f"{giver} has given you {gift.plan.term_label.lower()} of {site}"
    context = {
        **mail_signature(),
        "gift": gift,
        "giver": giver,
        "code": gift_code_display(gift.code),
        "redeem_url": redeem_url,
        "term": gift.plan.term_label.lower(),
    }
    text = render_to_string("emails/gift_subscription.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject, body=text + "\n", from_email=mail_sender(), to=[gift.recipient_email]
    )
    message.attach_alternative(mail_html(subject=subject, text=text), "text/html")
    message.send()


def gift_redeem(*, code: str, user, now: datetime | None = None) -> Subscription:
    """Redeem a gift for ``user``: their subscription starts, or its term ends
    later. A code works once: of two redemptions at once, exactly one wins
    (a conditional update from a redeemable status, inside the transaction
    that applies the gift, so a refusal to apply it redeems nothing)."""
    now = now or timezone.now()
    code = gift_code_read(code)
    if not code:
        raise GiftCodeInvalid(message="That is not a gift code. A code has 20 letters and digits, as in your e-mail.")
    with transaction.atomic():
        gift = (
            GiftSubscription.objects.select_for_update(of=("self",)).select_related("plan").filter(code=code).first()
        )
        if gift is None or gift.status == G.PENDING_PAYMENT:
            raise GiftCodeInvalid(message="No gift has that code. Please check it against your e-mail.")
        if gift.status == G.REDEEMED:
            raise GiftCodeInvalid(message="This gift has already been redeemed.")
        if gift.status == G.VOID:
            raise GiftCodeInvalid(message="This gift was cancelled and refunded, so its code no longer works.")
        taken = GiftSubscription.objects.filter(pk=gift.pk, status__in=GIFT_REDEEMABLE).update(
            status=G.REDEEMED, redeemed_by=user, redeemed_at=now
        )
        if not taken:
            raise GiftCodeInvalid(message="This gift has already been redeemed.")
        subscription = subscription_gift_apply(
            user=user, plan=gift.plan, months=gift.term_months, now=now, detail={"gift": gift.pk}
        )
        GiftSubscription.objects.filter(pk=gift.pk).update(subscription=subscription)
    return subscription


def gift_refunded(payment: Payment, *, by=None) -> None:
    """Registered with payments (on_payment_refunded): inside the refunding
    transaction, with the gift locked. An unredeemed gift is voided."""
    if payment.gift_id is None:
        return
    if not payment.duplicate:
        GiftSubscription.objects.filter(pk=payment.gift_id).exclude(status=G.REDEEMED).update(
            status=G.VOID, voided_at=payment.refunded_at or timezone.now()
        )
    transaction.on_commit(lambda: gift_refund_send(payment_id=payment.pk), robust=True)


def gift_refund_send(*, payment_id: int) -> None:
    """The buyer is told their money is on its way back, and what became of the gift."""
    payment = Payment.objects.select_related("gift__plan", "gift__buyer").get(pk=payment_id)
    gift, buyer = payment.gift, payment.gift.buyer
    site = settings.MASTHEAD_SITE_NAME
    subject = f"{site} has refunded an extra charge of {payment.amount}" if payment.duplicate else f"Your refund from {site}: {payment.amount}"
    context = {**mail_signature(), "reader_name": greeting_name(buyer), "gift": gift, "payment": payment, "statuses": G}
    text = render_to_string("emails/gift_refund.txt", context).strip()
    message = EmailMultiAlternatives(subject=subject, body=text + "\n", from_email=mail_sender(), to=[buyer.email])
    message.attach_alternative(mail_html(subject=subject, text=text), "text/html")
    message.send()


def gift_refund_effect(payment: Payment) -> RefundEffect:
    """Registered with payments (on_gift_refund_effect): what staff are told."""
    gift = GiftSubscription.objects.select_related("redeemed_by").get(pk=payment.gift_id)
    if payment.duplicate:
        return RefundEffect(description="An extra charge for a gift: the gift itself does not change.")
    if gift.status == G.REDEEMED:
        return RefundEffect(
            description=f"The gift was redeemed by {gift.redeemed_by.email}: they keep its months; only the buyer's money goes back."
        )
    return RefundEffect(description="The gift is not redeemed yet: it is voided and its code stops working.")


def gift_waiting_for_reader() -> Exists:
    """For win-back (subscriptions.winback.on_winback_hold): whether a paid
    gift subscription addressed to the reader's e-mail is still to be
    redeemed. Inside a query on subscriptions (``OuterRef("user")``)."""
    return Exists(
        GiftSubscription.objects.filter(status__in=GIFT_REDEEMABLE, recipient_email__iexact=OuterRef("user__email"))
    )
