from django.conf import settings
from django.db import models
from django.db.models import Q

from .policy import ClaimPeriod


class Partner(models.Model):
    """A publication whose access comes with a subscription, through a pool of codes."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(unique=True)
    description = models.CharField(max_length=250, blank=True)
    instructions = models.TextField(help_text="How a subscriber redeems the code (shown with it).")
    redeem_url = models.URLField(blank=True)
    low_stock_threshold = models.PositiveIntegerField(default=50, help_text="Warn staff when fewer codes remain.")
    is_active = models.BooleanField("offered", default=True)
    claim_period = models.CharField(
        "how often",
        max_length=12,
        choices=ClaimPeriod.choices,
        default=ClaimPeriod.TERM,
        help_text="How often a subscriber may claim a code. Per term suits a benefit as long as a term; a year's "
        "access suits once per year of subscription (years counted from the subscriber's first start, across "
        "renewals and plans).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnerCode(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(max_length=120)
    claimed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    subscription = models.ForeignKey("subscriptions.Subscription", on_delete=models.PROTECT, null=True, blank=True)
    term_number = models.PositiveIntegerField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    period_key = models.CharField(
        max_length=40, blank=True, default="", help_text="The period this claim used up (partners/policy.py)."
    )
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "code"], name="partner_code_once"),
            # One code per subscriber and period (a term, a year, ever), whatever races.
            models.UniqueConstraint(
                fields=["partner", "claimed_by", "period_key"],
                condition=~Q(period_key=""),
                name="partner_code_one_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.partner}: {self.code}"
