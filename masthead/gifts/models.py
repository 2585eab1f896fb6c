from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from masthead.core.models import SingletonSettings


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
