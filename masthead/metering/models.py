from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models

from masthead.core.models import SingletonSettings


# The most free articles a month anyone may have (a signed-in reader: both
# numbers together).
MAX_FREE_ARTICLES = 1000


class MeterSettings(SingletonSettings):
    """The meter's rules, changed by staff at run time (one row)."""

    free_limit = models.PositiveSmallIntegerField(
        "free articles a month",
        default=5,
        validators=[MaxValueValidator(MAX_FREE_ARTICLES)],
        help_text=(
            "Distinct articles an anonymous reader may read in full each calendar month. "
            "0 with no extra articles for a free account is a hard paywall."
        ),
    )
    account_extra = models.PositiveSmallIntegerField(
        "extra free articles with a free account",
        default=0,
        validators=[MaxValueValidator(MAX_FREE_ARTICLES)],
        help_text=(
            "More articles a month for a reader who signs up for a free account (without subscribing), on top of "
            "the free articles a month. Above 0, an anonymous reader who has used the free articles meets a "
            "registration wall (sign up free to read this many more) instead of the paywall. 0: no registration wall."
        ),
    )
    archive_age_days = models.PositiveIntegerField(
        "archive age (days)",
        default=365,
        help_text="Articles older than this are for subscribers only.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "meter settings"

    def clean(self):
        super().clean()
        if (self.free_limit or 0) + (self.account_extra or 0) > MAX_FREE_ARTICLES:
            raise ValidationError(
                {"account_extra": f"Free articles and extra articles together can be at most {MAX_FREE_ARTICLES} a month."}
            )

    def __str__(self):
        extra = f" (+{self.account_extra} with a free account)" if self.account_extra else ""
        return f"{self.free_limit} free articles a month{extra}; archive after {self.archive_age_days} days"


class MeteredView(models.Model):
    """One article counted against one reader's month: the database meter store.

    The unique constraint is what "counted once" means; the store's insert
    relies on it.
    """

    reader = models.CharField(max_length=64)
    month = models.CharField(max_length=7, help_text="Publication-zone month, e.g. 2026-11.")
    article_id = models.BigIntegerField()
    viewed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reader", "month", "article_id"], name="meter_counted_once"),
        ]


class FunnelEventKind(models.TextChoices):
    # Every reading of a story's page by a reader (not a crawler), whatever it showed.
    STORY_VIEW = "story_view", "Story viewed"
    METER_NOTICE = "meter_notice", "Meter notice shown"
    METER_REACHED = "meter_reached", "Meter limit reached"
    PAYWALL_SHOWN = "paywall_shown", "Paywall shown"
    REGISTRATION_WALL_SHOWN = "registration_wall", "Registration wall shown"
    REGISTERED_FROM_WALL = "registered_from_wall", "Registered from the wall"
    SUBSCRIBE_CLICKED = "subscribe_clicked", "Subscribe clicked"
    # A pending subscription made at checkout, then its first payment taken.
    CHECKOUT_STARTED = "checkout_started", "Checkout started"
    PAID = "paid", "Paid"
    # Win-back mail (subscriptions/winback.py): no reader, address or article.
    WINBACK_SENT = "winback_sent", "Win-back offer sent"
    WINBACK_OPENED = "winback_opened", "Win-back offer opened"
    WINBACK_RETURNED = "winback_returned", "Returned after a win-back offer"


class ReferrerClass(models.TextChoices):
    """Where the visit an event happened in came from (events.referrer_class)."""

    SEARCH = "search", "Search"
    SOCIAL = "social", "Social"
    DIRECT = "direct", "Direct"
    NEWSLETTER = "newsletter", "Newsletter"
    APP = "app", "App"
    OTHER = "other", "Other"


class DeviceClass(models.TextChoices):
    """The kind of device, from the User-Agent (events.device_class)."""

    PHONE = "phone", "Phone"
    TABLET = "tablet", "Tablet"
    DESKTOP = "desktop", "Desktop"


class FunnelEvent(models.Model):
    """Steps of the paywall funnel, for the dashboard: one row per (kind,
    article, reason, referrer class, device class, minute) and process flush,
    with a count. Written in batches. Nothing here names a reader: no account,
    cookie id, address or IP. Referrer and device are blank for an event no
    reader's request made (a job's mail, a provider's webhook)."""

    kind = models.CharField(max_length=20, choices=FunnelEventKind.choices)
    article_id = models.BigIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=20, blank=True)
    referrer = models.CharField(max_length=10, choices=ReferrerClass.choices, blank=True, default="")
    device = models.CharField(max_length=7, choices=DeviceClass.choices, blank=True, default="")
    occurred_at = models.DateTimeField(db_index=True, help_text="The minute the events happened in.")
    count = models.PositiveIntegerField(default=1, help_text="How many such events happened in that minute.")

    class Meta:
        indexes = [models.Index(fields=["kind", "occurred_at"], name="funnel_kind_time")]
