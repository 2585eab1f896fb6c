from django.core.validators import MaxValueValidator
from django.db import models

from masthead.core.models import SingletonSettings


class MeterSettings(SingletonSettings):
    """The meter's rules, changed by staff at run time (one row)."""

    free_limit = models.PositiveSmallIntegerField(
        "free articles a month",
        default=5,
        validators=[MaxValueValidator(1000)],
        help_text="Distinct articles a reader who does not subscribe may read in full each calendar month. 0 is a hard paywall.",
    )
    archive_age_days = models.PositiveIntegerField(
        "archive age (days)",
        default=365,
        help_text="Articles older than this are for subscribers only.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "meter settings"

    def __str__(self):
        return f"{self.free_limit} free articles a month; archive after {self.archive_age_days} days"


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
    METER_NOTICE = "meter_notice", "Meter notice shown"
    METER_REACHED = "meter_reached", "Meter limit reached"
    PAYWALL_SHOWN = "paywall_shown", "Paywall shown"
    SUBSCRIBE_CLICKED = "subscribe_clicked", "Subscribe clicked"


class FunnelEvent(models.Model):
    """Steps of the paywall funnel, for the dashboard: one row per (kind,
    article, reason, minute) and process flush, with a count. Written in batches."""

    kind = models.CharField(max_length=20, choices=FunnelEventKind.choices)
    article_id = models.BigIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=20, blank=True)
    occurred_at = models.DateTimeField(db_index=True, help_text="The minute the events happened in.")
    count = models.PositiveIntegerField(default=1, help_text="How many such events happened in that minute.")

    class Meta:
        indexes = [models.Index(fields=["kind", "occurred_at"], name="funnel_kind_time")]
