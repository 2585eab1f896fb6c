from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from masthead.core.models import SingletonSettings
from masthead.core.money import Money


class GiftSettings(SingletonSettings):
    """The gift allowance, changed by staff at run time (one row)."""

    gifts_per_month = models.PositiveSmallIntegerField(
        "gift articles a month",
        default=10,
        validators=[MaxValueValidator(1000)],
        help_text="Gift links each subscriber may create per calendar month. Each opens one article in full, "
        "for anyone, for 14 days. 0 turns gifting off.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "gift settings"

    def __str__(self):
        return f"{self.gifts_per_month} gift articles a month"


class GiftLink(models.Model):
    """One article, opened in full for anyone holding the link until it expires.

    The token is random and stored, not derived: a link cannot be forged,
    cannot be pointed at another article (the token belongs to one), and
    stops working when ``expires_at`` passes.

    It stands on the paid term it was made in (``subscription`` and
    ``term_number``; empty for a giver with complimentary access): when that
    term's money comes back, the link stops opening its article.
    """

    token = models.CharField(max_length=64, unique=True, editable=False)
    article = models.ForeignKey("newsroom.Article", on_delete=models.CASCADE, related_name="gift_links")
    giver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gift_links")
    subscription = models.ForeignKey(
        "subscriptions.Subscription", on_delete=models.SET_NULL, null=True, blank=True, related_name="gift_links",
        editable=False,
    )  # fmt: skip
    term_number = models.PositiveIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    opened_count = models.PositiveIntegerField(default=0, editable=False)
    last_opened_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["giver", "-created_at"], name="gift_giver_recent")]

    def __str__(self):
        return f"{self.article} from {self.giver}"


class GiftSubscriptionStatus(models.TextChoices):
    PENDING_PAYMENT = "pending", "Awaiting payment"
    PAID = "paid", "Paid, e-mail not sent yet"
    SENT = "sent", "Sent to the recipient"
    REDEEMED = "redeemed", "Redeemed"
    VOID = "void", "Void (refunded or abandoned)"


# A gift whose code still works.
GIFT_REDEEMABLE = (GiftSubscriptionStatus.PAID, GiftSubscriptionStatus.SENT)


class GiftSubscription(models.Model):
    """A term of a plan bought by one reader for someone else (no renewal).

    Its money is an ordinary ``payments.Payment`` whose ``gift`` is this row
    (and whose ``subscription`` is empty): the row is written before the
    provider is called, its charge key is the provider's idempotency key, a
    gift has at most one charge in flight and one paid payment (conditional
    unique constraints on Payment), an event settles only its own payment and
    a refund goes through ``payment_refund`` (credit note, voiding the gift).
    Keeping one Payment model, rather than a second money table for gifts,
    keeps every one of those rules in one place.

    ``code`` is random (20 characters of a 32-letter alphabet: 100 bits), so
    it cannot be guessed or enumerated; it is unique and works once: the
    redemption is a conditional update from a redeemable status, so of two
    redemptions at once exactly one wins.
    """

    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="gift_subscriptions_bought")
    plan = models.ForeignKey("subscriptions.Plan", on_delete=models.PROTECT, related_name="gift_subscriptions")
    term_months = models.PositiveSmallIntegerField()
    price_minor = models.PositiveIntegerField(help_text="What the buyer paid: the plan's price when they bought it.")
    currency = models.CharField(max_length=3, default="INR")
    recipient_name = models.CharField(max_length=120)
    recipient_email = models.EmailField()
    message = models.TextField(blank=True, max_length=1000)
    send_on = models.DateField(help_text="The day the gift e-mail goes to the recipient (the publication's calendar).")
    code = models.CharField(max_length=32, unique=True, editable=False)
    status = models.CharField(
        max_length=10, choices=GiftSubscriptionStatus.choices, default=GiftSubscriptionStatus.PENDING_PAYMENT
    )
    redeemed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="gift_subscriptions_redeemed"
    )
    subscription = models.ForeignKey(
        "subscriptions.Subscription", on_delete=models.PROTECT, null=True, blank=True, related_name="gifts_redeemed",
        help_text="The subscription the gift started or extended.",
    )  # fmt: skip
    provider_customer_id = models.CharField(
        max_length=64, blank=True,
        help_text="The provider's customer the payment page was made for (not always the buyer's own for renewals).",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    redeemed_at = models.DateTimeField(null=True, blank=True)
    voided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="redeemed", redeemed_by__isnull=False, redeemed_at__isnull=False)
                | ~models.Q(status="redeemed"),
                name="redeemed_gift_names_its_reader",
            ),
            models.CheckConstraint(condition=models.Q(term_months__gte=1), name="gift_term_positive"),
        ]

    def __str__(self):
        return f"{self.plan.name} for {self.recipient_email} from {self.buyer}"

    @property
    def price(self) -> Money:
        return Money(self.price_minor, self.currency)
