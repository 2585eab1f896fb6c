from django.conf import settings
from django.db import models

from masthead.core.money import Money


class BillingProfile(models.Model):
    """Who pays, for the tax invoice and the provider: one per reader."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="billing_profile")
    name = models.CharField(max_length=120)
    state_code = models.CharField(
        "state", max_length=2, help_text="GST state code of the place of supply, e.g. 27 for Maharashtra."
    )
    gstin = models.CharField("GSTIN", max_length=15, blank=True)
    provider = models.CharField(max_length=20, blank=True)
    provider_customer_id = models.CharField(max_length=64, blank=True)
    provider_payment_method_id = models.CharField(max_length=64, blank=True)
    payment_method_kind = models.CharField(
        max_length=8, blank=True, help_text='What the saved method is: "upi" for a UPI AutoPay mandate, else a card.'
    )
    mandate_max_minor = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="The most the saved method's mandate lets the provider debit at a time (paise), as the bank "
        "registered it. Empty: no limit recorded (a card saved without one, or saved before limits were kept).",
    )  # fmt: skip
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.name} ({self.state_code})"


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    REFUNDED = "refunded", "Refunded"


class Payment(models.Model):
    """One attempt to take one term's money, keyed so it can happen only once.

    ``charge_key`` is derived from (subscription, term, attempt) and is the
    provider's idempotency key: the row is written before the provider is
    called, so a crash between the two is found and reconciled, never repeated.

    A payment pays for exactly one thing: a term of a ``subscription``, or a
    ``gift`` subscription someone bought for someone else (its one term,
    ``term_number`` 1). The same rules hold for both, each with its own pair
    of constraints: one paid payment, and one charge in flight, per term.
    """

    subscription = models.ForeignKey(
        "subscriptions.Subscription", on_delete=models.PROTECT, related_name="payments", null=True, blank=True
    )
    gift = models.ForeignKey(
        "gifts.GiftSubscription", on_delete=models.PROTECT, related_name="payments", null=True, blank=True
    )
    term_number = models.PositiveIntegerField()
    attempt = models.PositiveSmallIntegerField(default=1)
    charge_key = models.CharField(max_length=80, unique=True)
    provider = models.CharField(max_length=20)
    provider_payment_id = models.CharField(max_length=64, blank=True, db_index=True)
    provider_customer_id = models.CharField(
        max_length=64, blank=True,
        help_text="The provider's customer charged: an event about this payment must name the same customer.",
    )  # fmt: skip
    amount_minor = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="INR")
    status = models.CharField(max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    failure_message = models.CharField(max_length=250, blank=True)
    checkout_method = models.CharField(
        max_length=8, blank=True,
        help_text="How the reader chose to pay at the provider's own checkout (card, upi): its order takes only that.",
    )  # fmt: skip
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker took this attempt to the provider."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    succeeded_at = models.DateTimeField(null=True, blank=True)
    refunded_at = models.DateTimeField(null=True, blank=True)
    refunded_minor = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="What a refund sent back (paise) when it was less than the payment: the rest had already been "
        "credited to an upgrade. Empty: all of it.",
    )  # fmt: skip
    duplicate = models.BooleanField(
        default=False, help_text="An extra charge for a term already paid: refunded automatically, never invoiced."
    )
    authorisation = models.BooleanField(
        default=False,
        help_text="Bought nothing by design: the small payment a provider takes to register a new card or mandate "
        "(Razorpay's ₹1), refunded at once, like an extra charge.",
    )
    note = models.CharField(max_length=250, blank=True, help_text="What Masthead did with this payment, and why.")
    receipt_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the receipt went out: it is mailed once, however often its job runs."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "term_number"],
                condition=models.Q(status__in=["succeeded", "refunded"], duplicate=False),
                name="one_paid_payment_per_term",
            ),
            # The in-flight rule: a second click, tab or clock waits for the first charge.
            models.UniqueConstraint(
                fields=["subscription", "term_number"],
                condition=models.Q(status="pending"),
                name="one_charge_in_flight_per_term",
            ),
            models.UniqueConstraint(
                fields=["gift"],
                condition=models.Q(status__in=["succeeded", "refunded"], duplicate=False),
                name="one_paid_payment_per_gift",
            ),
            models.UniqueConstraint(
                fields=["gift"], condition=models.Q(status="pending"), name="one_charge_in_flight_per_gift"
            ),
            models.CheckConstraint(
                condition=models.Q(subscription__isnull=False, gift__isnull=True)
                | models.Q(subscription__isnull=True, gift__isnull=False, term_number=1),
                name="payment_pays_for_one_thing",
            ),
        ]
        permissions = [("refund_payment", "Can refund a payment")]

    def __str__(self):
        return f"{self.charge_key} {self.amount} {self.status}"

    @property
    def amount(self) -> Money:
        return Money(self.amount_minor, self.currency)

    @property
    def refunded_amount(self) -> Money:
        """What a refund of this payment sent back (or would send back)."""
        return Money(self.amount_minor if self.refunded_minor is None else self.refunded_minor, self.currency)

    @property
    def payer(self):
        """Who paid: the subscriber, or the gift's buyer."""
        return self.subscription.user if self.subscription_id else self.gift.buyer

    @property
    def payer_id(self) -> int:
        return self.subscription.user_id if self.subscription_id else self.gift.buyer_id


def payments_of(user) -> models.Q:
    """A filter on Payment: the payments ``user`` made (their subscription's and the gifts they bought)."""
    return models.Q(subscription__user=user) | models.Q(gift__buyer=user)


class WebhookOutcome(models.TextChoices):
    RECEIVED = "received", "Received"
    APPLIED = "applied", "Applied"
    IGNORED = "ignored", "Nothing to do"
    REJECTED = "rejected", "Rejected"


class WebhookEvent(models.Model):
    """A provider's event, stored once by its id before anything is done with it."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=100)
    event_type = models.CharField(max_length=80)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=WebhookOutcome.choices, default=WebhookOutcome.RECEIVED)
    reason = models.CharField(
        max_length=250, blank=True, help_text="Why the event was rejected or changed nothing."
    )
    error = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="webhook_event_stored_once")]

    def __str__(self):
        return f"{self.provider} {self.event_type} {self.event_id}"
