import secrets
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from masthead.core.models import SingletonSettings
from masthead.core.money import Money
from masthead.core.periods import add_months, publication_zone

from . import offers
from .app_settings import app_settings
from .locks import plan_slug_locked
from .terms import FIRST_TERM, NOTICE_AHEAD, TRIAL_TERM, renewal_window_end, retry_days_parse, term_every, term_label, trial_end, trial_label


class Plan(models.Model):
    """A digital subscription offer. Its price is the only price checkout uses."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    price_minor = models.PositiveIntegerField(
        "price (paise)",
        validators=[MinValueValidator(100)],
        help_text="GST-inclusive, in minor units: ₹900 is 90000.",
    )
    currency = models.CharField(max_length=3, default="INR")
    term_months = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1)], help_text="How long one paid term lasts, in calendar months."
    )
    position = models.PositiveSmallIntegerField(default=100, help_text="Plans are listed in this order.")
    is_active = models.BooleanField("active", default=True, help_text="Only active plans can be bought.")
    is_featured = models.BooleanField("featured", default=False, help_text="Highlighted as the best value.")
    trial_days = models.PositiveSmallIntegerField(
        default=0, help_text="A free or token-price trial of this many days before the first paid term (0: none)."
    )
    trial_months = models.PositiveSmallIntegerField(
        default=0, help_text="Or a trial of this many calendar months (0: none). Set days or months, not both."
    )
    trial_price_minor = models.PositiveIntegerField(
        "trial price (paise)",
        default=0,
        help_text="What the trial costs, GST-inclusive, in minor units: 0 for a free trial, 100 for ₹1.",
    )

    class Meta:
        ordering = ["position", "price_minor"]
        constraints = [
            models.CheckConstraint(condition=models.Q(term_months__gte=1), name="plan_term_positive"),
            models.CheckConstraint(
                condition=models.Q(trial_days=0) | models.Q(trial_months=0), name="plan_trial_days_or_months"
            ),
            models.CheckConstraint(
                condition=models.Q(trial_price_minor=0) | models.Q(trial_price_minor__gte=100),
                name="plan_trial_price_free_or_a_rupee",
            ),
        ]

    def clean(self):
        if self.pk is not None:
            slug_was = Plan.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if slug_was and slug_was != self.slug and (why := plan_slug_locked(slug_was)):
                raise ValidationError({"slug": why})
        if self.trial_days and self.trial_months:
            raise ValidationError({"trial_months": "Give the trial in days or in months, not both."})
        if self.trial_price_minor and not (self.trial_days or self.trial_months):
            raise ValidationError({"trial_price_minor": "A trial price needs a trial length."})
        if 0 < self.trial_price_minor < 100:
            raise ValidationError({"trial_price_minor": "A paid trial costs at least ₹1 (100 paise)."})
        if self.price_minor and self.trial_price_minor >= self.price_minor:
            raise ValidationError({"trial_price_minor": "A trial costs less than a paid term."})

    def __str__(self):
        return f"{self.name} ({self.price} / {self.term_label})"

    @property
    def price(self) -> Money:
        return Money(self.price_minor, self.currency)

    @property
    def per_month(self) -> Money:
        """The monthly equivalent, rounded down to the rupee (₹3,900 / 24 → ₹162)."""
        return self.price.split_floor_major(self.term_months)

    @property
    def per_month_label(self) -> str:
        """How the monthly equivalent reads on every page: "₹300 a month"."""
        return f"{self.per_month} a month"

    @property
    def term_label(self) -> str:
        return term_label(self.term_months)

    @property
    def price_in_words(self) -> str:
        """The price as a sentence says it: "₹300 a month", "₹2,700 a year
        (₹225 a month)", "₹900 for 3 months (₹300 a month)"."""
        if self.term_months == 1:
            return f"{self.price} a month"
        if self.term_months == 12:
            return f"{self.price} a year ({self.per_month} a month)"
        return f"{self.price} for {term_label(self.term_months).lower()} ({self.per_month} a month)"

    @property
    def has_trial(self) -> bool:
        return bool(self.trial_days or self.trial_months)

    @property
    def trial_price(self) -> Money:
        return Money(self.trial_price_minor, self.currency)

    @property
    def trial_in_words(self) -> str:
        """"14 days free", "1 month for ₹1"; empty without a trial."""
        if not self.has_trial:
            return ""
        return trial_label(days=self.trial_days, months=self.trial_months, price=self.trial_price)

    @property
    def every_term_in_words(self) -> str:
        """"₹900 every 3 months", "₹300 every month"."""
        return f"{self.price} every {term_every(self.term_months)}"

    @property
    def terms_in_words(self) -> str:
        """What the plan costs, trial first: "14 days free, then ₹900 every 3 months"."""
        if not self.has_trial:
            return self.price_in_words
        return f"{self.trial_in_words}, then {self.every_term_in_words}"


def new_link_token() -> str:
    """The random part of an offer's shareable link: lowercase, so it never
    reads as a code (codes are capitals)."""
    return secrets.token_hex(8)


class OfferKind(models.TextChoices):
    PERCENT = offers.Kind.PERCENT, "Percentage off"
    FIXED = offers.Kind.FIXED, "Fixed amount off (paise)"


class Offer(models.Model):
    """An introductory price for the first terms of chosen plans.

    What a reader is charged is copied onto their subscription at checkout
    (``Subscription.offer_price_minor``, ``offer_terms``): editing or ending
    an offer later never changes what was agreed.
    """

    name = models.CharField(max_length=80, help_text="For staff and for the reader: “Welcome offer”.")
    kind = models.CharField(max_length=8, choices=OfferKind.choices, default=OfferKind.PERCENT)
    value = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(100_000_00)],
        help_text="Per cent off (1–99), or paise off each discounted term (₹450 is 45000).",
    )
    terms = models.PositiveSmallIntegerField(
        "discounted terms",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(offers.TERMS_MAX)],
        help_text="How many paid terms, from the first, cost the offer's price. Renewals after them are at the plan's price.",
    )
    plans = models.ManyToManyField(Plan, related_name="offers")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True, help_text="Blank: until switched off.")
    max_redemptions = models.PositiveIntegerField(
        "redemption limit", null=True, blank=True, validators=[MinValueValidator(1)], help_text="Blank: unlimited."
    )
    redemptions_used = models.PositiveIntegerField(default=0, editable=False)
    code = models.CharField(
        max_length=32,
        blank=True,
        help_text="Optional: a code readers may type at checkout (A–Z, 0–9 and hyphens; case does not matter).",
    )
    link_token = models.CharField(max_length=32, unique=True, default=new_link_token, editable=False)
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="offer_code_unique"),
            # The limit held by the database: no race can take one more.
            models.CheckConstraint(
                condition=Q(max_redemptions__isnull=True) | Q(redemptions_used__lte=F("max_redemptions")),
                name="offer_redemptions_within_limit",
            ),
            models.CheckConstraint(
                condition=~Q(kind=offers.Kind.PERCENT) | Q(value__gte=offers.PERCENT_MIN, value__lte=offers.PERCENT_MAX),
                name="offer_percent_in_range",
            ),
            models.CheckConstraint(condition=Q(terms__gte=1), name="offer_terms_positive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})" if self.code else self.name

    @property
    def link_key(self) -> str:
        """The last part of the shareable link: the code, or the random token."""
        return self.code or self.link_token

    @property
    def facts(self) -> offers.OfferFacts:
        return offers.OfferFacts(
            is_active=self.is_active,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            used=self.redemptions_used,
            limit=self.max_redemptions,
        )

    @property
    def redemptions_left(self) -> int | None:
        return None if self.max_redemptions is None else max(self.max_redemptions - self.redemptions_used, 0)

    def price_for(self, plan: Plan) -> Money:
        return offers.discounted(plan.price, self.kind, self.value)

    def in_words(self, plan: Plan) -> str:
        return offers.price_in_words(
            offer_price=self.price_for(plan), full=plan.price, offer_terms=self.terms, term_months=plan.term_months
        )


class Feature(models.TextChoices):
    """What Masthead delivers that a benefit line may promise (see benefits.py)."""

    PREMIUM = "premium", "Premium stories"
    MARKET_ANALYSIS = "market_analysis", "Market analysis (a premium section)"
    PARTNER_ACCESS = "partner_access", "Partner access codes"
    EPAPER = "epaper", "E-paper"
    NEWSLETTERS = "newsletters", "Newsletters"
    ARCHIVES = "archives", "Archives and search"
    AD_FREE = "ad_free", "Ad-free reading"
    DEVICES = "devices", "Access on every device"


class Benefit(models.Model):
    """One line of "what's included", edited by staff and shown with the plans."""

    title = models.CharField(max_length=120)
    description = models.CharField(max_length=250, blank=True)
    feature = models.CharField(
        "delivered by",
        max_length=20,
        choices=Feature.choices,
        blank=True,
        help_text="The part of the site that delivers this benefit. The line is shown only while that part "
        "really has something to offer (e.g. partner codes in stock, an e-paper edition). Leave empty for a "
        "line that is always true.",
    )
    position = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField("shown", default=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", "Awaiting first payment"
    ACTIVE = "active", "Active"
    PAST_DUE = "past_due", "Renewal payment failed (grace period)"
    CANCELLING = "cancelling", "Cancelled, active until the end of the term"
    ENDED = "ended", "Ended"
    LAPSED = "lapsed", "Lapsed (renewal not paid)"
    REFUNDED = "refunded", "Refunded"
    COMP = "comp", "Complimentary"
    GIFT = "gift", "Gift, ends at the end of the term"
    PAUSED = "paused", "Paused"
    # The provider said the saved card (or mandate) cannot be charged any
    # more: nothing is charged until the reader saves a new one.
    NEEDS_CARD = "needs_card", "Needs a new card"


class EventReason(models.TextChoices):
    """Why a subscription moved, as its event records it. The stored values
    are the ones written before this list existed; a new reason is added here."""

    FIRST_PAYMENT = "first_payment", "First payment succeeded"
    CHECKOUT_REPLACED = "checkout_replaced", "Replaced by a new checkout"
    COMP_GRANTED = "comp_granted", "Complimentary subscription granted by staff"
    CANCELLED_BY_READER = "cancelled_by_reader", "Cancelled by the reader"
    RESUMED_BY_READER = "resumed_by_reader", "Resumed by the reader"
    TERM_OVER = "term_over", "Term over"
    RENEWED = "renewed", "Renewal paid"
    RENEWAL_FAILED = "renewal_failed", "Renewal payment declined"
    RENEWAL_NOT_CHARGEABLE = "renewal_not_chargeable", "Renewal could not be charged (no saved card, or its provider is off)"
    RENEWAL_NEVER_SETTLED = "renewal_never_settled", "Renewal not settled before its window ended"
    GRACE_OVER = "grace_over", "Grace period over, renewal unpaid"
    REFUNDED_BY_STAFF = "refunded_by_staff", "Refunded by staff"
    PROVIDER_RENEWAL_FAILED = "provider_renewal_failed", "Renewal failed at the provider"
    PROVIDER_HALTED = "provider_halted", "The provider stopped retrying the renewal"
    PROVIDER_CANCELLED = "provider_cancelled", "Cancelled at the provider"
    TRIAL_STARTED = "trial_started", "Trial started (card or mandate saved)"
    GIFT_REDEEMED = "gift_redeemed", "Gift subscription redeemed"
    OFFER_HOLD_EXPIRED = "offer_hold_expired", "Unpaid checkout ended: its offer went to another reader"
    PAUSED_BY_READER = "paused_by_reader", "Paused by the reader from the end of the paid term"
    PAUSE_UNDONE = "pause_undone", "Pause undone by the reader before it began"
    PAUSE_OVER = "pause_over", "Pause over: renewal paid"
    RESUMED_EARLY = "resumed_early", "Resumed by the reader before the pause ended: renewal paid"
    SAVE_DISCOUNT_TAKEN = "save_discount_taken", "Stayed on the cancel page: a discount on the next renewal"
    PLAN_UPGRADED = "plan_upgraded", "Plan upgraded by the reader: a new term paid now, unused days credited"
    PLAN_CHANGE_SCHEDULED = "plan_change_scheduled", "Plan change to take effect at the next renewal"
    PLAN_CHANGE_UNDONE = "plan_change_undone", "Scheduled plan change undone by the reader"
    PLAN_CHANGED_AT_RENEWAL = "plan_changed_at_renewal", "Renewal paid at the new plan's price: plan changed"
    CARD_UNUSABLE = "card_unusable", "The saved card or mandate stopped working at the provider"
    CARD_REPLACED = "card_replaced", "A new card was saved"


# Statuses in which the subscriber reads everything (until the term's end).
READING_STATUSES = (
    SubscriptionStatus.ACTIVE,
    SubscriptionStatus.PAST_DUE,
    SubscriptionStatus.CANCELLING,
    SubscriptionStatus.COMP,
    SubscriptionStatus.GIFT,
    # A pause begins when the paid term ends: until then the reader reads.
    SubscriptionStatus.PAUSED,
    # Until the term ends and the grace period after it (grace_until).
    SubscriptionStatus.NEEDS_CARD,
)
# Statuses of a subscription that is still going (one per reader at a time).
LIVE_STATUSES = (SubscriptionStatus.PENDING, *READING_STATUSES)


class Subscription(models.Model):
    """A reader's subscription to a plan. Only subscriptions.states moves ``status``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="subscriptions")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="subscriptions")
    status = models.CharField(max_length=12, choices=SubscriptionStatus.choices, default=SubscriptionStatus.PENDING)
    # The price and term agreed at checkout: later plan edits do not change them.
    price_minor = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default="INR")
    term_months = models.PositiveSmallIntegerField()
    term_number = models.PositiveIntegerField(
        default=0, help_text="0 for a trial, 1 for the first paid term, 2 after the first renewal…"
    )
    # The trial agreed at checkout (all 0: none): a plan edited later, or a
    # reader whose trial was used, does not change it.
    trial_days = models.PositiveSmallIntegerField(default=0)
    trial_months = models.PositiveSmallIntegerField(default=0)
    trial_price_minor = models.PositiveIntegerField(default=0)
    # An introductory offer's terms, as agreed at checkout.
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="subscriptions")
    offer_terms = models.PositiveSmallIntegerField(default=0, help_text="Paid terms, from the first, at the offer's price.")
    offer_price_minor = models.PositiveIntegerField(null=True, blank=True, help_text="A discounted term's price (paise).")
    started_at = models.DateTimeField(null=True, blank=True)
    term_start = models.DateTimeField(null=True, blank=True)
    term_end = models.DateTimeField(null=True, blank=True, db_index=True)
    grace_until = models.DateTimeField(null=True, blank=True)
    pause_until = models.DateTimeField(
        null=True, blank=True, help_text="While paused: the day the subscription renews (the pause runs from the term's end)."
    )
    next_plan = models.ForeignKey(
        Plan, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="A plan change the reader scheduled: the next renewal charges this plan's price and switches to it.",
    )  # fmt: skip
    next_price_minor = models.PositiveIntegerField(
        null=True, blank=True,
        help_text="The scheduled plan's price when the reader scheduled it (paise): what its renewals charge.",
    )  # fmt: skip
    ended_at = models.DateTimeField(null=True, blank=True)
    # A discount on one renewal, taken on the cancel page instead of
    # cancelling: once per subscription (``save_offer`` stays set after the
    # discounted term is paid, so cancelling again does not offer it again).
    save_offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="saved_subscriptions",
        help_text="The offer taken on the cancel page, if any.",
    )  # fmt: skip
    save_term = models.PositiveIntegerField(null=True, blank=True, help_text="The one term that offer discounts.")
    save_price_minor = models.PositiveIntegerField(null=True, blank=True, help_text="That term's price (paise).")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(status__in=LIVE_STATUSES), name="one_live_subscription_per_reader"
            ),
            models.CheckConstraint(
                condition=Q(save_offer__isnull=True, save_term__isnull=True, save_price_minor__isnull=True)
                | Q(save_offer__isnull=False, save_term__gte=1, save_price_minor__gte=offers.MINIMUM_CHARGE),
                name="subscription_save_discount_whole",
            ),
        ]
        permissions = [("run_billing_clock", "Can run the billing clock for a subscription now")]

    def __str__(self):
        return f"{self.user} · {self.plan.name} · {self.get_status_display()}"

    @property
    def price(self) -> Money:
        """The price of a term at the plan's full rate, as agreed at checkout."""
        return Money(self.price_minor, self.currency)

    def term_price(self, term_number: int) -> Money:
        """What term ``term_number`` costs this reader: the one figure checkout,
        the pre-debit notice and the billing clock charge."""
        if term_number == TRIAL_TERM:
            return Money(self.trial_price_minor, self.currency)
        if self.save_discounts(term_number):
            return Money(self.save_price_minor, self.currency)
        return offers.term_price(term_number, full=self.price, offer_price=self.offer_price, offer_terms=self.offer_terms)

    @property
    def offer_price(self) -> Money | None:
        return None if self.offer_price_minor is None else Money(self.offer_price_minor, self.currency)

    def save_discounts(self, term_number: int) -> bool:
        """Whether term ``term_number`` is the one renewal discounted by the
        offer taken on the cancel page."""
        return self.save_price_minor is not None and term_number == self.save_term

    @property
    def next_renewal_save_discounted(self) -> bool:
        return self.save_discounts(self.term_number + 1)

    @property
    def save_price(self) -> Money | None:
        return None if self.save_price_minor is None else Money(self.save_price_minor, self.currency)

    def offer_discounts(self, term_number: int) -> bool:
        """Whether term ``term_number`` is one of the offer's discounted paid terms (never a trial)."""
        return self.offer_price is not None and FIRST_TERM <= term_number <= self.offer_terms

    def price_rises_at(self, term_number: int) -> bool:
        """Whether term ``term_number`` is the first at the full price after an offer's terms."""
        return self.offer_price is not None and term_number == self.offer_terms + 1 and not self.save_discounts(term_number)

    @property
    def full_price_from(self) -> datetime | None:
        """When the plan's price takes over from an offer's: the start of the
        first term after the offer's, counted from the first term's start (or
        from now, for a checkout not yet paid). None without an offer."""
        if self.offer_price is None:
            return None
        if self.term_end is not None and self.status != SubscriptionStatus.PENDING and self.term_number <= self.offer_terms:
            # The current term's end, then the offer's terms still to come: a
            # gift that lengthened the trial or a term moves the date with it.
            end = self.term_end.astimezone(publication_zone())
            for _ in range(self.offer_terms - self.term_number):
                end = add_months(end, self.term_months)
            return end
        start = self.started_at or timezone.now()
        if self.has_trial:
            start = self.trial_end_from(start)  # the first paid term begins when the trial ends
        return add_months(start.astimezone(publication_zone()), self.term_months * self.offer_terms)

    @property
    def price_in_words(self) -> str:
        """What this reader pays as a sentence, offer included."""
        if self.offer_price is None:
            return f"{self.price} {offers.every_term(self.term_months)}"
        return offers.price_in_words(
            offer_price=self.offer_price, full=self.price, offer_terms=self.offer_terms, term_months=self.term_months
        )

    @property
    def after_trial_in_words(self) -> str:
        """What the paid terms after a trial cost: "₹900 every 3 months", or
        with an offer "₹450 for your first 3 months, then ₹900 every 3 months"."""
        if self.offer_price is None:
            return f"{self.price} every {self.term_every}"
        return self.price_in_words

    def cancelled_in_words(self, now: datetime) -> str:
        """What a reader who has just cancelled is told: until when they read,
        and that nothing more is charged. A free trial was never charged, so
        it is not "charged again"; a trial reads to its own end, not to a
        paid term's."""
        last_day = f"{self.term_end.astimezone(publication_zone()):%-d %B %Y}"
        over = self.term_end <= now
        if self.term_number == TRIAL_TERM:
            nothing = "Nothing more will be charged" if self.trial_price_minor else "Nothing will be charged"
            if over:
                return f"Your trial is cancelled. It ended on {last_day}, so full access has ended. {nothing}."
            return f"Your trial is cancelled. {nothing}, and you can read everything until your trial ends on {last_day}."
        if over:
            # Between the term's end and the renewal charge: the paid term is over.
            return (
                f"Your subscription is cancelled and will not renew. Your last paid term ended on "
                f"{last_day}, so full access has ended; you will not be charged again."
            )
        return f"Your subscription is cancelled. You can read everything until {last_day}, and you will not be charged again."

    @property
    def first_price(self) -> Money:
        """What the first paid term costs: what checkout takes today."""
        return self.term_price(FIRST_TERM)

    @property
    def renewal_price(self) -> Money:
        """What the next renewal will charge: the scheduled plan's full price
        when the reader chose to change plan at the renewal (as it was when
        they chose it: a list price raised since is for new subscribers, in
        the currency they confirmed it in, the subscription's, whatever the
        plan is sold in since), else the next term's."""
        if self.next_plan_id is not None:
            if self.next_price_minor is not None:
                return Money(self.next_price_minor, self.currency)
            return self.next_plan.price
        return self.term_price(self.term_number + 1)

    @property
    def renewal_plan(self) -> Plan:
        """The plan the next renewal is for."""
        return self.next_plan if self.next_plan_id is not None else self.plan

    @property
    def has_trial(self) -> bool:
        """Checkout starts a trial (term 0) rather than the first paid term."""
        return bool(self.trial_days or self.trial_months)

    @property
    def checkout_term(self) -> int:
        """The term checkout starts: the trial, or the first paid term."""
        return TRIAL_TERM if self.has_trial else FIRST_TERM

    @property
    def due_today(self) -> Money:
        """What checkout takes today: the trial's price (₹0 when free), else the first term's."""
        return self.term_price(self.checkout_term)

    @property
    def in_trial(self) -> bool:
        return self.term_number == TRIAL_TERM and self.status in READING_STATUSES

    @property
    def trial_in_words(self) -> str:
        if not self.has_trial:
            return ""
        return trial_label(days=self.trial_days, months=self.trial_months, price=self.term_price(TRIAL_TERM))

    @property
    def term_every(self) -> str:
        """"3 months", "month", "year": as in "every 3 months"."""
        return term_every(self.term_months)

    def trial_end_from(self, start: datetime) -> datetime:
        return trial_end(start, days=self.trial_days, months=self.trial_months)

    @property
    def renews_at(self) -> datetime | None:
        """When the next term is due: the term's end, or a pause's end."""
        if self.status == SubscriptionStatus.PAUSED:
            return self.pause_until
        return self.term_end

    def access_until(self) -> datetime | None:
        """The end of full access as things stand (continuous access: an active
        subscription keeps reading through its renewal window)."""
        if self.status not in READING_STATUSES or self.term_end is None:
            return None
        if self.term_number == TRIAL_TERM and self.status in (SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE):
            # A trial buys no grace: reading stops when it ends, unless the first
            # charge is a day late because its notice was (the e-mandate day).
            return self.term_end + NOTICE_AHEAD if self.status == SubscriptionStatus.ACTIVE else self.term_end
        if self.status in (SubscriptionStatus.PAST_DUE, SubscriptionStatus.NEEDS_CARD):
            return self.grace_until
        if self.status == SubscriptionStatus.ACTIVE:
            return renewal_window_end(self.term_end)
        return self.term_end

    def grants_reading(self, now) -> bool:
        until = self.access_until()
        return until is not None and now < until


class PauseSettings(SingletonSettings):
    """How long a subscriber may pause, and how often (one row, set by staff)."""

    shortest_months = models.PositiveSmallIntegerField(
        "shortest pause (months)", default=1, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    longest_months = models.PositiveSmallIntegerField(
        "longest pause (months)", default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    pauses_per_year = models.PositiveSmallIntegerField(
        "pauses per 12 months",
        default=1,
        validators=[MaxValueValidator(12)],
        help_text="How many pauses a subscriber may begin in any 12 months. 0 turns pausing off.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "pause settings"

    def __str__(self):
        return f"Pauses of {self.shortest_months}–{self.longest_months} months, {self.pauses_per_year} per 12 months"

    def clean(self):
        if self.shortest_months > self.longest_months:
            raise ValidationError({"longest_months": "The longest pause cannot be shorter than the shortest."})


class SaveOfferKind(models.TextChoices):
    """What the cancel page may offer instead of cancelling. A new kind is a
    value here, a branch in cancelling.save_offer_for and what taking it does
    in cancelling.save_offer_accept."""

    PAUSE = "pause", "Pause instead"
    DISCOUNT = "discount", "A discount on the next renewal"


class SaveOfferSettings(SingletonSettings):
    """The one offer the cancel page makes, chosen by staff (one row). The
    cancel button is on the same page, as plain as the offer."""

    kind = models.CharField(
        "offer", max_length=12, choices=SaveOfferKind.choices, blank=True,
        help_text="Leave empty to offer nothing: the page then asks only why the reader is leaving.",
    )  # fmt: skip
    pause_months = models.PositiveSmallIntegerField(
        "pause for (months)", default=1, validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="For “Pause instead”: within the pause settings' shortest and longest pause. Readers who may not "
        "pause (a pause this year already, a trial) are not offered it.",
    )  # fmt: skip
    discount_offer = models.ForeignKey(
        Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="For “A discount on the next renewal”: its percentage or amount comes off the next renewal only, "
        "once per subscription. Its window, switch, limit and plans apply as at checkout; its number of terms does not.",
    )  # fmt: skip

    class Meta:
        verbose_name = verbose_name_plural = "cancel page offer"

    def __str__(self):
        if self.kind == SaveOfferKind.PAUSE:
            return f"Pause for {self.pause_months} month{'s' if self.pause_months != 1 else ''} instead"
        if self.kind == SaveOfferKind.DISCOUNT:
            return f"{self.discount_offer} off the next renewal"
        return "No offer"

    def clean(self):
        if self.kind == SaveOfferKind.DISCOUNT and self.discount_offer_id is None:
            raise ValidationError({"discount_offer": "Choose the offer whose discount the next renewal gets."})
        if self.kind == SaveOfferKind.PAUSE:
            limits = PauseSettings.current()
            if not limits.shortest_months <= self.pause_months <= limits.longest_months:
                raise ValidationError(
                    {"pause_months": f"A pause lasts {limits.shortest_months} to {limits.longest_months} months (pause settings)."}
                )


class CancelReason(models.TextChoices):
    TOO_EXPENSIVE = "too_expensive", "It is too expensive"
    NOT_READING = "not_reading", "I am not reading enough"
    NEWS_ELSEWHERE = "news_elsewhere", "I found my news elsewhere"
    SITE_PROBLEM = "site_problem", "A problem with the site"
    BREAK = "break", "I am taking a break"
    OTHER = "other", "Something else"


class CancelOutcome(models.TextChoices):
    CANCELLED = "cancelled", "Cancelled"
    OFFER_ACCEPTED = "offer_accepted", "Offer accepted"


CANCEL_TEXT_MAX = 500


class CancelAnswer(models.Model):
    """What happened on the cancel page: the reader's optional answer, the
    offer it showed and what they chose. Written in the same transaction as
    the cancel or the accepted offer; it names the subscription and nothing
    else about the reader."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="cancel_answers")
    reason = models.CharField(max_length=20, choices=CancelReason.choices, blank=True)
    text = models.CharField(max_length=CANCEL_TEXT_MAX, blank=True)
    offer_shown = models.CharField(max_length=12, choices=SaveOfferKind.choices, blank=True)
    offer = models.ForeignKey(
        Offer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="The discount shown, if one was."
    )
    outcome = models.CharField(max_length=16, choices=CancelOutcome.choices)
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "cancel page answer"

    def __str__(self):
        return f"{self.get_outcome_display()} · {self.get_reason_display() or 'no reason given'}"


class RetrySettings(SingletonSettings):
    """The days a failed renewal is tried again (one row, set by staff).
    Left empty, the site's MASTHEAD_RENEWAL_RETRY_DAYS applies."""

    retry_days = models.CharField(
        "retry after (days)",
        max_length=60,
        blank=True,
        help_text="Days after the term's end on which a declined renewal is charged again, e.g. \"1, 3, 5\": "
        "each later than the one before, all inside the grace period. Empty: the site's default "
        "(MASTHEAD_RENEWAL_RETRY_DAYS).",
    )

    class Meta:
        verbose_name = verbose_name_plural = "renewal retry settings"

    def __str__(self):
        return f"Retries after {self.retry_days} days" if self.retry_days else "Retries on the site's default days"

    def clean(self):
        if self.retry_days.strip():
            try:
                days = retry_days_parse(self.retry_days, grace_days=app_settings.GRACE_DAYS)
            except ValueError as refused:
                raise ValidationError({"retry_days": str(refused)}) from None
            self.retry_days = ", ".join(str(day) for day in days)

    @property
    def days(self) -> list[int] | None:
        """The schedule staff set, or None to use the site's default."""
        if not self.retry_days.strip():
            return None
        return [int(item) for item in self.retry_days.split(",")]


class SubscriptionEvent(models.Model):
    """Every change of a subscription's status, written by the one function that makes it."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=SubscriptionStatus.choices)
    to_status = models.CharField(max_length=12, choices=SubscriptionStatus.choices)
    reason = models.CharField(max_length=60, choices=EventReason.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    occurred_at = models.DateTimeField()
    detail = models.JSONField(default=dict, blank=True)
    # The plan, price and term the subscription had after the move, so the
    # desk counts each past day under the plan and price of that day, not
    # today's. Empty on rows older than these fields: then the subscription's own.
    plan = models.ForeignKey(Plan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    price_minor = models.PositiveIntegerField(null=True, blank=True)
    term_months = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status} ({self.reason})"

    @staticmethod
    def terms_of(subscription: "Subscription") -> dict:
        """The fields an event copies from the subscription as the move leaves it."""
        return {"plan_id": subscription.plan_id, "price_minor": subscription.price_minor, "term_months": subscription.term_months}


class RenewalNotice(models.Model):
    """The pre-debit notice for one renewal, sent once, at least 24 hours ahead."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="renewal_notices")
    term_number = models.PositiveIntegerField(help_text="The term the renewal will pay for.")
    amount_minor = models.PositiveIntegerField()
    charge_on = models.DateTimeField()
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "term_number"], name="one_notice_per_renewal"),
        ]


class TrialUse(models.Model):
    """A trial a reader took: one per account, and one per card where the
    provider fingerprints cards, whichever account it is saved to. Written
    before the trial starts (billing.checkout), so of two checkouts racing
    for one trial, the database lets one through."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="trial_use")
    subscription = models.OneToOneField(Subscription, on_delete=models.CASCADE, related_name="trial_use")
    card_fingerprint = models.CharField(max_length=100, blank=True)
    used_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["card_fingerprint"], condition=~Q(card_fingerprint=""), name="one_trial_per_card"
            ),
        ]

    def __str__(self):
        return f"{self.user} · trial {self.used_at:%Y-%m-%d}"


class OfferRedemption(models.Model):
    """One reader's use of an offer: at most one per reader and offer, and
    counted in ``Offer.redemptions_used`` in the same transaction. A checkout
    replaced before it was paid gives its redemption back."""

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="redemptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="offer_redemptions")
    subscription = models.OneToOneField(Subscription, on_delete=models.PROTECT, related_name="offer_redemption")
    redeemed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["offer", "user"], name="one_redemption_per_reader_and_offer")]

    def __str__(self):
        return f"{self.offer} · {self.user}"


class PlanChangeStatus(models.TextChoices):
    PENDING = "pending", "Being charged"
    APPLIED = "applied", "Applied"
    FAILED = "failed", "Not made (card declined, or the subscription changed)"


class PlanChange(models.Model):
    """An upgrade a reader asked for, written before its charge is made.

    The charge pays for ``term_number``, the new plan's first term, so the
    one-charge-per-term rule holds it (payments), and so does this row: one
    upgrade in flight or applied per subscription and term. When the charge
    settles, the listener reads this row to know it is an upgrade (not a
    renewal), which plan it is for, and what to credit."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="plan_changes")
    from_plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+")
    to_plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="+")
    term_number = models.PositiveIntegerField(help_text="The new plan's first term (the current one + 1).")
    credit_minor = models.PositiveIntegerField(help_text="The unused days' credit (paise), by credit note.")
    amount_minor = models.PositiveIntegerField(help_text="What the card is charged now (paise).")
    price_minor = models.PositiveIntegerField(help_text="The new plan's price (paise): the new term's invoice.")
    unused_days = models.PositiveIntegerField()
    term_days = models.PositiveIntegerField()
    term_end = models.DateTimeField(
        null=True, blank=True, help_text="When the term it priced ended, when asked: a term moved since is not upgraded."
    )
    status = models.CharField(max_length=10, choices=PlanChangeStatus.choices, default=PlanChangeStatus.PENDING)
    payment = models.OneToOneField(
        "payments.Payment", on_delete=models.PROTECT, null=True, blank=True, related_name="plan_change"
    )
    credit_note = models.OneToOneField(
        "invoicing.CreditNote", on_delete=models.PROTECT, null=True, blank=True, related_name="plan_change"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField()
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "term_number"],
                condition=Q(status__in=["pending", "applied"]),
                name="one_plan_upgrade_per_term",
            ),
        ]

    def __str__(self):
        return f"{self.subscription_id}: {self.from_plan.name} → {self.to_plan.name} ({self.status})"


class WinbackSettings(SingletonSettings):
    """The win-back offer (one row, set by Business staff): whom it goes to,
    and which offer their link applies."""

    is_on = models.BooleanField("send win-back offers", default=False)
    offer = models.ForeignKey(
        Offer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The offer the mail's link applies at checkout. Choose one whose plans are on sale.",
    )
    days_after = models.PositiveSmallIntegerField(
        "days after the subscription ends",
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="The mail goes this many days after a paid subscription ends or lapses.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "win-back settings"

    def __str__(self):
        if not self.is_on or self.offer_id is None:
            return "Win-back offers off"
        return f"Win-back: {self.offer} {self.days_after} days after a subscription ends"

    def clean(self):
        if self.is_on and self.offer_id is None:
            raise ValidationError({"offer": "Choose the offer the win-back mail applies."})


def new_winback_token() -> str:
    return secrets.token_urlsafe(18)


class WinbackSend(models.Model):
    """The one win-back mail a reader ever gets. The row is written before
    the mail goes (the database lets one of two racing runs write it), and
    carries what the funnel counts: the first open of its link, and the
    paid checkout that followed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="winback_send")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="+", help_text="The subscription whose end the mail followed."
    )
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="+")
    token = models.CharField(max_length=32, unique=True, default=new_winback_token, editable=False)
    sent_at = models.DateTimeField()
    opened_at = models.DateTimeField(null=True, blank=True, help_text="The first time its link was followed.")
    returned_at = models.DateTimeField(null=True, blank=True, help_text="The reader's first paid checkout after the mail.")
    returned_with = models.ForeignKey(
        Subscription, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.user} · win-back {self.sent_at:%Y-%m-%d}"


class MailKind(models.TextChoices):
    """Mail a reader may stop with one click (RFC 8058). Receipts and notices
    about their money are not among them."""

    WINBACK = "winback", "Offers to come back"
    SLEEPING_DIGEST = "sleeping_digest", "Stories you missed"


class MailOptOut(models.Model):
    """A reader's "stop sending me these": honoured by every sender of that kind."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_opt_outs")
    kind = models.CharField(max_length=20, choices=MailKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_reader_and_kind")]

    def __str__(self):
        return f"{self.user} · no {self.get_kind_display().lower()}"
