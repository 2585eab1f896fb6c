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


class FunnelDay(models.Model):
    """The paywall funnel's events of one day in the publication's zone,
    counted by step (``kind``), story, its section, referrer class and device
    class: the raw events (metering.FunnelEvent) summed, so the desk never
    reads them and they can be deleted after MASTHEAD_FUNNEL_RAW_DAYS while
    these rows stay. Story and section are ids, not keys: a deleted story's
    counts stay counted."""

    day = models.DateField()
    kind = models.CharField(max_length=20)
    article_id = models.BigIntegerField(null=True, blank=True)
    section_id = models.BigIntegerField(null=True, blank=True)
    referrer = models.CharField(max_length=10, blank=True)
    device = models.CharField(max_length=7, blank=True)
    count = models.PositiveBigIntegerField()

    class Meta:
        ordering = ["day", "kind"]
        verbose_name = verbose_name_plural = "funnel day"
        indexes = [models.Index(fields=["day", "kind"], name="desk_funnel_day_kind")]

    def __str__(self):
        return f"{self.day} · {self.kind} · {self.count}"
