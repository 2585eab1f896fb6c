"""What a subscriber is told by e-mail when money moves or their subscription changes.

Each message is sent after the transaction that decided it has committed
(callers use ``transaction.on_commit``), so a renewal that rolls back mails
no receipt; and each follows an event that happens once (a payment settles
once, a refund goes through once, a status moves once), so a replayed
webhook or a second settle mails nothing twice.

A mail is read away from the site, days later: links are absolute
(core.urls.site_url), dates are the publication's (its time zone), and the
publication's name, not the host's, is in the From line, the subject and the
signature (core.mail, shared with every other mail). docs/emails.md lists
every message and the settings it uses.
"""

import logging
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from masthead.core.mail import LongHeaderEmail, greeting_name, mail_html, mail_sender, mail_signature
from masthead.core.money import Money
from masthead.core.periods import day_label, local_date, publication_zone
from masthead.core.urls import site_url
from masthead.invoicing.models import CreditNote, CreditNoteReason, Invoice
from masthead.invoicing.pdf import invoice_pdf
from masthead.payments.models import BillingProfile, Payment, PaymentStatus

from .cardlinks import card_link_url
from .mandates import UPI
from .optout import mail_stop_headers
from .models import RenewalNotice, Subscription, SubscriptionStatus
from .selectors import renewal_retry_at
from .terms import FIRST_TERM, TRIAL_TERM, term_every

logger = logging.getLogger(__name__)
S = SubscriptionStatus


def _debited_from(subscription: Subscription) -> str:
    """Where a renewal is taken from, as the pre-debit notice says it."""
    kind = BillingProfile.objects.filter(user_id=subscription.user_id).values_list("payment_method_kind", flat=True).first()
    return "through the UPI AutoPay mandate you approved" if kind == UPI else "to the card you saved"


def renewal_notice_send(*, subscription: Subscription, notice: RenewalNotice) -> None:
    """The pre-debit notice: the e-mandate rules want the reader told what
    will be charged, and when, at least a day before the charge."""
    charge_day = local_date(notice.charge_on)
    after_trial = notice.term_number == subscription.term_number + 1 == FIRST_TERM
    after_pause = subscription.status == S.PAUSED
    subject = f"Your subscription to {settings.MASTHEAD_SITE_NAME} renews on {day_label(charge_day)}"
    if after_pause:
        subject = f"Your pause ends: your subscription to {settings.MASTHEAD_SITE_NAME} renews on {day_label(charge_day)}"
    elif after_trial:
        subject = f"Your trial of {settings.MASTHEAD_SITE_NAME} ends on {day_label(local_date(subscription.term_end))}"
    _send(
        to=subscription.user,
        subject=subject,
        template="emails/pre_debit_notice.txt",
        context={
            "subscription": subscription,
            "amount": Money(notice.amount_minor, subscription.currency),
            "charge_day": charge_day,
            # UPI AutoPay requires this notice too (at least 24 hours ahead),
            # naming the mandate the debit is made on.
            "debited_from": _debited_from(subscription),
            "after_trial": after_trial,
            "after_pause": after_pause,
            "pause_until": _moment(subscription.pause_until),
            "trial_end": _moment(subscription.term_end),
            # An introductory offer: is this charge the first at the plan's
            # full price, or the last at the offer's?
            # A plan change the reader scheduled for this renewal: the notice
            # names the new plan, and an offer's prices no longer apply.
            "new_plan": subscription.next_plan,
            # Its price as the reader scheduled it (the notice's amount), not the list price now.
            "new_plan_every": subscription.next_plan and term_every(subscription.next_plan.term_months),
            "price_rises": not subscription.next_plan_id and subscription.price_rises_at(notice.term_number),
            "last_at_offer": not subscription.next_plan_id
            and subscription.offer_price is not None
            and notice.term_number == subscription.offer_terms
            and not subscription.save_discounts(notice.term_number),
            # The one renewal discounted on the cancel page, and the one after it.
            "save_discount": subscription.save_discounts(notice.term_number),
            "save_over": subscription.save_term is not None and notice.term_number == subscription.save_term + 1,
        },
    )


def receipt_send(*, payment: Payment) -> None:
    """The receipt for a paid term, first or renewal, with its tax invoice
    attached: the reader keeps it for their accounts without signing in."""
    payment = _payment(payment.pk)
    subscription = payment.subscription
    invoice = Invoice.objects.filter(payment=payment).first()
    if invoice is None:
        logger.warning("no invoice for payment %s: no receipt sent", payment.charge_key)
        return
    if payment.status != PaymentStatus.SUCCEEDED or payment.duplicate:
        return  # refunded (or found to be an extra charge) before its receipt went out
    # Claimed before sending: a job run twice (queues deliver at least once)
    # mails once; a send that fails gives the claim back for the job's retry.
    if not Payment.objects.filter(pk=payment.pk, receipt_sent_at__isnull=True).update(receipt_sent_at=timezone.now()):
        return
    try:
        _receipt_mail(payment, subscription, invoice)
    except Exception:
        Payment.objects.filter(pk=payment.pk).update(receipt_sent_at=None)
        raise


def _receipt_mail(payment: Payment, subscription: Subscription, invoice: Invoice) -> None:
    renews = payment.term_number == subscription.term_number and subscription.status == S.ACTIVE
    _send(
        to=subscription.user,
        subject=f"Your receipt from {settings.MASTHEAD_SITE_NAME}: {subscription.plan.name} {payment.amount}",
        template="emails/receipt.txt",
        context={
            "subscription": subscription,
            "payment": payment,
            "invoice": invoice,
            "paid_on": local_date(payment.succeeded_at or invoice.issued_at),
            "term": _term(payment, subscription),
            "renews_on": local_date(subscription.term_end) if renews else None,
            "invoice_url": site_url() + invoice.get_absolute_url(),
        },
        attachments=[(invoice.filename, invoice_pdf(invoice), "application/pdf")],
    )


def payment_failed_send(*, payment: Payment) -> None:
    """A renewal was declined: what failed, when it is tried again, how long
    reading goes on meanwhile, and the one link that fixes it."""
    payment = _payment(payment.pk)
    subscription = payment.subscription
    retry_at = renewal_retry_at(subscription)
    after_trial = subscription.term_number == TRIAL_TERM
    reading_until = None if after_trial else subscription.access_until()
    last_try = subscription.grace_until if after_trial else reading_until
    if retry_at is not None and last_try is not None and retry_at >= last_try:
        retry_at = None
    _send(
        to=subscription.user,
        subject=f"{settings.MASTHEAD_SITE_NAME}: your renewal payment of {payment.amount} did not go through",
        template="emails/payment_failed.txt",
        context={
            "subscription": subscription,
            "payment": payment,
            "reason": payment.failure_message.strip(),
            "term_from": local_date(subscription.term_end),
            "retry_on": local_date(retry_at) if retry_at else None,
            "reading_until": _moment(reading_until),
            "after_trial": after_trial,
            "change_card_url": card_link_url(subscription=subscription),
        },
    )


def card_needed_send(*, subscription: Subscription) -> None:
    """The saved card (or mandate) stopped working at the provider: nothing
    will be charged until the reader saves a new one, with the link to do it
    and the day reading stops otherwise."""
    subscription = _subscription(subscription.pk)
    if subscription.status not in (S.NEEDS_CARD, S.PAUSED):
        return  # a new card was saved before this went out
    paused = subscription.status == S.PAUSED
    _send(
        to=subscription.user,
        subject=f"{settings.MASTHEAD_SITE_NAME}: your card can no longer be charged, please update it",
        template="emails/card_needed.txt",
        context={
            "subscription": subscription,
            # A paused subscription renews when its pause ends; the reader
            # reads nothing meanwhile, so no day reading stops is given.
            "paused": paused,
            "renews_on": local_date(subscription.pause_until if paused else subscription.term_end),
            "term_over": not paused and subscription.term_end <= timezone.now(),
            "reading_until": None if paused else _moment(subscription.grace_until),
            "change_card_url": card_link_url(subscription=subscription),
        },
    )


def cancellation_send(*, subscription: Subscription) -> None:
    """A cancellation confirmed in writing, with the day reading stops, so
    the reader is neither surprised by a charge nor by the paywall."""
    subscription = _subscription(subscription.pk)
    _send(
        to=subscription.user,
        subject=f"Your subscription to {settings.MASTHEAD_SITE_NAME} is cancelled",
        template="emails/cancelled.txt",
        context={
            "subscription": subscription,
            "last_day": local_date(subscription.term_end),
            # Cancelled after the paid term ended (awaiting or retrying its renewal).
            "term_over": subscription.term_end <= timezone.now(),
        },
    )


def resumption_send(*, subscription: Subscription, pause_undone: bool = False) -> None:
    """A resumed subscription (a cancellation or a pause undone) will be
    charged again: say when, and how much."""
    subscription = _subscription(subscription.pk)
    _send(
        to=subscription.user,
        subject=f"Your subscription to {settings.MASTHEAD_SITE_NAME} will renew as before",
        template="emails/resumed.txt",
        context={"subscription": subscription, "renews_on": local_date(subscription.term_end), "pause_undone": pause_undone},
    )


def pause_send(*, subscription: Subscription) -> None:
    """A pause confirmed in writing: the day reading stops, the day the
    subscription renews and what it will charge then."""
    subscription = _subscription(subscription.pk)
    _send(
        to=subscription.user,
        subject=f"Your subscription to {settings.MASTHEAD_SITE_NAME} is paused from {day_label(local_date(subscription.term_end))}",
        template="emails/paused.txt",
        context={
            "subscription": subscription,
            "pause_from": local_date(subscription.term_end),
            "pause_until": local_date(subscription.pause_until),
        },
    )


def refund_send(*, payment: Payment) -> None:
    """Money given back: a staff refund (which ends the subscription when it
    paid for the current term), an extra charge refunded automatically, or
    the small payment that authorised a new card or mandate. It
    names what came back (``refunded_amount``: less than the payment when an
    upgrade's credit, or a part refund at the provider, took some before)."""
    payment = _payment(payment.pk)
    subscription = payment.subscription
    site = settings.MASTHEAD_SITE_NAME
    if payment.authorisation:
        subject = f"{site} has refunded the {payment.amount} that authorised your new card"
    elif payment.duplicate:
        subject = f"{site} has refunded an extra charge of {payment.amount}"
    else:
        subject = f"Your refund from {site}: {payment.refunded_amount}"
    credit_note = CreditNote.objects.filter(invoice__payment=payment, reason=CreditNoteReason.REFUND).first()
    _send(
        to=subscription.user,
        subject=subject,
        template="emails/refund.txt",
        context={
            "subscription": subscription,
            "payment": payment,
            "invoice": Invoice.objects.filter(payment=payment).first(),
            "credit_note": credit_note,
            "credit_note_url": site_url() + credit_note.get_absolute_url() if credit_note else "",
            "term": _term(payment, subscription),
            "charged_on": local_date(payment.succeeded_at) if payment.succeeded_at else None,
            "ended": subscription.status == S.REFUNDED and payment.term_number == subscription.term_number,
            "plans_url": site_url() + reverse("subscriptions:plans"),
        },
    )


def payment_refunded(payment: Payment, *, by=None) -> None:
    """Registered with the payments app (on_payment_refunded): called inside
    the refunding transaction, it mails once that transaction commits. (A
    gift subscription's refund is mailed by the gifts app.)"""
    if payment.subscription_id is None:
        return
    transaction.on_commit(lambda: refund_send(payment=payment), robust=True)


def _payment(pk: int) -> Payment:
    """The payment as committed, not the caller's copy."""
    return Payment.objects.select_related("subscription__plan", "subscription__user").get(pk=pk)


def _subscription(pk: int) -> Subscription:
    return Subscription.objects.select_related("plan", "user").get(pk=pk)


def winback_offer_send(*, subscription: Subscription, offer, plans: Sequence, link: str, stop_url: str) -> None:
    """The win-back offer: what the reader's subscription was, what the offer
    costs on each plan (and what renewals cost after it), the one link that
    applies it, and the one that stops these mails. Sent by the win-back job
    once it has claimed the reader's one send, so a failure here raises for
    the job to give the claim back."""
    if not subscription.user.email:
        raise ValueError("the reader has no e-mail address")
    _send(
        to=subscription.user,
        subject=f"Come back to {settings.MASTHEAD_SITE_NAME}: {offer.name}",
        template="emails/winback.txt",
        context={
            "subscription": subscription,
            "ended_on": local_date(subscription.ended_at),
            "offer": offer,
            "plans": plans,
            "link": link,
            "stop_url": stop_url,
        },
        headers=mail_stop_headers(stop_url),
    )


def _term(payment: Payment, subscription: Subscription) -> tuple[date, date] | None:
    """The first and last day a payment paid for, as its invoice prints them
    (the next term starts the day after); None unless it paid for the
    subscription's current term."""
    if subscription.term_start is None or subscription.term_end is None:
        return None
    if payment.term_number == subscription.term_number:
        return local_date(subscription.term_start), local_date(subscription.term_end) - timedelta(days=1)
    return None


def _moment(moment: datetime | None) -> datetime | None:
    """A time as the publication's readers tell it."""
    return moment.astimezone(publication_zone()) if moment else None


def _send(
    *,
    to,
    subject: str,
    template: str,
    context: dict,
    attachments: Sequence[tuple[str, bytes, str]] = (),
    headers: dict[str, str] | None = None,
) -> None:
    if not to.email:
        logger.warning("%s has no e-mail address: %r not sent", to, subject)
        return
    context = {
        **context,
        **mail_signature(),
        "reader_name": greeting_name(to),
        "account_url": site_url() + reverse("accounts:account"),
    }
    text = render_to_string(template, context).strip()
    message = LongHeaderEmail(
        subject=subject,
        body=text + "\n",
        from_email=mail_sender(),
        to=[to.email],
        attachments=list(attachments),
        headers=headers,
    )
    message.attach_alternative(mail_html(subject=subject, text=text), "text/html")
    message.send()
