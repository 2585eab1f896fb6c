"""The business desk's daily rollups: one row per day for all plans, and one
per day and plan. The dashboard reads only these rows; the job and
``manage.py desk_rollup`` write them (services.desk_rollup), from the
subscriptions' event history, payments and credit notes."""

from django.db import models
from django.db.models import Q

from masthead.core.money import Money
from masthead.subscriptions.models import Plan


class DayFigures(models.Model):
    """The numbers of one day in the publication's zone. ``plan`` empty: every
    plan together (with gift subscriptions' payments, which have no plan).

    States are as they stood at the end of the day (for today: now); the other
    numbers are what happened during it. docs/desk.md defines each one."""

    day = models.DateField()
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    currency = models.CharField(max_length=3, default="INR")

    trial = models.PositiveIntegerField(default=0)
    active = models.PositiveIntegerField(default=0)
    cancelling = models.PositiveIntegerField(default=0)
    past_due = models.PositiveIntegerField(default=0)
    paused = models.PositiveIntegerField(default=0)
    needs_card = models.PositiveIntegerField(default=0)
    paying = models.PositiveIntegerField(default=0, help_text="Subscriptions counted in MRR.")
    mrr_minor = models.BigIntegerField("MRR (paise)", default=0)

    new = models.PositiveIntegerField(default=0)
    churned = models.PositiveIntegerField(default=0)

    payments_count = models.PositiveIntegerField(default=0)
    payments_minor = models.BigIntegerField(default=0)
    refunds_count = models.PositiveIntegerField(default=0)
    refunds_minor = models.BigIntegerField(default=0)
    credit_notes_count = models.PositiveIntegerField(default=0)
    credit_notes_minor = models.BigIntegerField(default=0)

    renewals_attempted = models.PositiveIntegerField(default=0)
    renewals_first_failed = models.PositiveIntegerField(default=0)
    renewals_succeeded = models.PositiveIntegerField(default=0)
    renewals_recovered = models.PositiveIntegerField(default=0, help_text="Renewals paid after a failed attempt.")

    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["day", "plan_id"]
        verbose_name = verbose_name_plural = "day figures"
        constraints = [
            models.UniqueConstraint(fields=["day"], condition=Q(plan__isnull=True), name="desk_one_total_per_day"),
            models.UniqueConstraint(fields=["day", "plan"], condition=Q(plan__isnull=False), name="desk_one_row_per_day_and_plan"),
        ]
        permissions = [("view_desk", "Can open the business desk")]

    def __str__(self):
        return f"{self.day} · {self.plan_id or 'all plans'}"

    @property
    def subscribers(self) -> int:
        return self.trial + self.active + self.cancelling + self.past_due + self.paused + self.needs_card

    @property
    def net_adds(self) -> int:
        return self.new - self.churned

    @property
    def mrr(self) -> Money:
        return Money(self.mrr_minor, self.currency)


class FunnelDimension(models.TextChoices):
    """What a funnel rollup row is counted by: one of these at a time."""

    ALL = "all", "Every event"
    STORY = "story", "Story"
    SECTION = "section", "Section"
    REFERRER = "referrer", "Referrer class"
    DEVICE = "device", "Device class"


class FunnelCount(models.Model):
    """The paywall funnel's events of one day in the publication's zone, by
    step (``kind``) and ONE dimension at a time: every event together, or by
    story, by its section, by referrer class or by device class. Each event
    is counted once in every dimension, so each dimension's rows of a day and
    step sum to the same total, and a page that groups by one of them reads
    at most days × steps × its values rows.

    ``value`` is the story's or section's id as text, or the class; blank
    for none (no story, an event no reader's request made). Ids, not keys: a
    deleted story's counts stay counted. The raw events (metering.FunnelEvent)
    are summed into these rows, so the desk never reads them and they can be
    deleted after MASTHEAD_FUNNEL_RAW_DAYS while these rows stay."""

    day = models.DateField()
    kind = models.CharField(max_length=20)
    dimension = models.CharField(max_length=8, choices=FunnelDimension.choices)
    value = models.CharField(max_length=20, blank=True)
    count = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["day", "kind", "dimension", "value"]
        verbose_name = verbose_name_plural = "funnel count"
        constraints = [
            # Also the index every read goes through: one dimension, a range of days.
            models.UniqueConstraint(fields=["dimension", "day", "kind", "value"], name="desk_funnel_count_once"),
        ]

    def __str__(self):
        return f"{self.day} · {self.kind} · {self.dimension} {self.value!r} · {self.count}"


class CohortMonth(models.Model):
    """One cell of the retention page's cohort triangle: of the subscriptions
    that first paid in the month ``started`` (its first day, publication's
    zone), how many there are and how many were paying at the end of the
    month ``months_since`` after it (the current month: when computed).
    Written whole by services.desk_rollup (retention.cohort_triangle over
    every subscription's history), so the page replays nothing."""

    started = models.DateField()
    months_since = models.PositiveSmallIntegerField()
    size = models.PositiveIntegerField()
    paying = models.PositiveIntegerField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["started", "months_since"]
        verbose_name = "cohort month"
        constraints = [models.UniqueConstraint(fields=["started", "months_since"], name="desk_one_cohort_cell")]

    def __str__(self):
        return f"{self.started:%Y-%m} + {self.months_since}: {self.paying} of {self.size}"


class SleepingCount(models.Model):
    """How many sleeping subscribers there were (newsletters.sleeping) when
    services.desk_rollup last counted them: one row, replaced each time. The
    retention page shows it, so it never counts 10⁵ subscribers' reading
    while staff wait; the list beside it is read when asked for."""

    counted_at = models.DateTimeField()
    subscribers = models.PositiveIntegerField()

    class Meta:
        verbose_name = "sleeping subscribers count"

    def __str__(self):
        return f"{self.subscribers} at {self.counted_at}"
