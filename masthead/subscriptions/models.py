from django.core.validators import MinValueValidator
from django.db import models

from masthead.core.money import Money

from .terms import term_label


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

    class Meta:
        ordering = ["position", "price_minor"]
        constraints = [
            models.CheckConstraint(condition=models.Q(term_months__gte=1), name="plan_term_positive"),
        ]

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
    def term_label(self) -> str:
        return term_label(self.term_months)


class Benefit(models.Model):
    """One line of "what's included", edited by staff and shown with the plans."""

    title = models.CharField(max_length=120)
    description = models.CharField(max_length=250, blank=True)
    position = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField("shown", default=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.title
