"""The demo subscriber's subscription: paid for, invoiced and reading, so a
newcomer can sign in and see what subscribing changes (no ads, no meter, the
payment and its tax invoice on the account page).

The payment goes through the same services a real checkout's does (the one
attempt for the term, then settling it), so the subscription is activated and
the invoice issued by the code that does so for every reader. No payment
provider took it (none runs while the demo loads): its provider is "demo", so
a refund staff try is refused by name, and its note says so in the admin.
"""

from django.db import transaction
from django.utils import timezone

from masthead.invoicing.app_settings import app_settings as invoicing_settings
from masthead.payments.models import BillingProfile, Payment
from masthead.payments.providers.base import ChargeResult
from masthead.payments.services import payment_attempt_open, payment_settle
from masthead.subscriptions.models import Plan, Subscription
from masthead.subscriptions.selectors import current_subscription
from masthead.subscriptions.services import subscription_begin

DEMO_SUBSCRIBER_PLAN = "smart-essential"
DEMO_PROVIDER = "demo"
FIRST_TERM = 1
DEMO_PAYMENT_NOTE = (
    "Demo data: recorded for the demo subscriber, never taken by a payment provider "
    "(so it cannot be refunded); its receipt was not mailed."
)


@transaction.atomic
def demo_subscription_ensure(*, user) -> Subscription | None:
    """The reader's paid subscription, made unless they have one going (or
    there is no plan on sale to subscribe to)."""
    going = current_subscription(user=user)
    if going is not None:
        return going
    plans = Plan.objects.filter(is_active=True)
    plan = plans.filter(slug=DEMO_SUBSCRIBER_PLAN).first() or plans.order_by("position").first()
    if plan is None:
        return None
    BillingProfile.objects.get_or_create(
        user=user,
        # Billed in the supplier's own state: the invoice shows CGST and SGST.
        defaults={"name": user.get_full_name() or user.email, "state_code": invoicing_settings.SUPPLIER_STATE_CODE},
    )
    subscription = subscription_begin(user=user, plan=plan)
    payment, _ = payment_attempt_open(
        subscription=subscription, term_number=FIRST_TERM, amount=subscription.first_price, provider_name=DEMO_PROVIDER
    )
    payment_settle(payment_id=payment.pk, result=ChargeResult(succeeded=True, payment_id=f"demo-{payment.charge_key}"))
    # Counted as dealt with in the same transaction, before the receipt's job
    # can run: the development console would print the whole mail, PDF and
    # all, over the logins `make run` has just printed.
    Payment.objects.filter(pk=payment.pk).update(note=DEMO_PAYMENT_NOTE, receipt_sent_at=timezone.now())
    subscription.refresh_from_db()
    return subscription
