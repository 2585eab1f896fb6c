from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from masthead.metering.models import MAX_FREE_ARTICLES
from masthead.subscriptions.models import Plan
from masthead.subscriptions.offers import REFUSAL_SENTENCES, refusal


class Variable(models.TextChoices):
    """What an experiment changes. Only what the access decision can take
    from an arm is offered: a choice here must work."""

    FREE_ALLOWANCE = "free_allowance", "Free articles a month"
    PAYWALL_MESSAGE = "paywall_message", "The paywall's message"
    REGISTRATION_WALL = "registration_wall", "The registration wall"
    PLAN_ORDER = "plan_order", "The order of plans"
    OFFER_SHOWN = "offer_shown", "The offer shown"


# An end typed as "now" is a few seconds past by the time the form is sent.
END_EARLY_GRACE = timedelta(minutes=1)


class Experiment(models.Model):
    """One change tried on part of the readers: two or more arms and a
    holdout, for a set time, judged on one metric declared before it starts."""

    key = models.SlugField(
        unique=True,
        max_length=60,
        validators=[RegexValidator(r"^[a-z0-9-]+$", "Lower-case letters, digits and hyphens.")],
        help_text="Hashed with each reader's id to split them; never change it once readers are in.",
    )
    name = models.CharField(max_length=120)
    variable = models.CharField("what it varies", max_length=40, choices=Variable.choices)
    holdout_percent = models.PositiveSmallIntegerField(
        "holdout (%)",
        default=0,
        validators=[MaxValueValidator(90)],
        help_text="Readers left out of the experiment: they get the setting as it is and are not counted.",
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    sample_size = models.PositiveIntegerField(
        "sample size per arm",
        validators=[MinValueValidator(1)],
        help_text="Readers each arm must have seen before a result is read; declared before the start.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # The one metric: fixed, so it cannot be chosen after seeing the numbers.
    PRIMARY_METRIC = "Conversion to paid per reader exposed"

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self):
        return self.name

    def has_started(self, now=None) -> bool:
        return self.pk is not None and self.starts_at is not None and self.starts_at <= (now or timezone.now())

    def is_running(self, now) -> bool:
        return self.starts_at <= now < self.ends_at

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must come after the start."})
        if self.pk is not None:
            before = Experiment.objects.get(pk=self.pk)
            if before.has_started():
                changed = [
                    label for field, label in (
                        ("key", "key"), ("variable", "what it varies"), ("holdout_percent", "holdout"),
                        ("starts_at", "start"), ("sample_size", "sample size"),
                    ) if getattr(before, field) != getattr(self, field)
                ]  # fmt: skip
                if changed:
                    raise ValidationError(
                        f"The experiment has started: its {', '.join(changed)} can no longer change "
                        "(only its name and end)."
                    )
                if self.ends_at != before.ends_at and before.ends_at <= timezone.now():
                    # Re-opened, its arms could show changed offers under the same names.
                    raise ValidationError({"ends_at": "The experiment has ended: its end can no longer change."})
                if self.ends_at != before.ends_at and self.ends_at < timezone.now() - END_EARLY_GRACE:
                    # Readers were counted until now: an end before it would
                    # date them after the experiment and rewrite its run.
                    raise ValidationError({"ends_at": "A started experiment can end now at the earliest, not in the past."})
        if self.variable and self.starts_at and self.ends_at:
            overlapping = Experiment.objects.filter(
                variable=self.variable, starts_at__lt=self.ends_at, ends_at__gt=self.starts_at
            ).exclude(pk=self.pk)
            if overlapping.exists():
                raise ValidationError(
                    f"“{overlapping.first()}” varies the same thing at the same time: one experiment per "
                    "variable at a time, or neither result means anything."
                )


class Arm(models.Model):
    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="arms")
    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0, help_text="The first arm is control.")
    percent = models.PositiveSmallIntegerField(
        "share (%)", validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    free_allowance = models.PositiveSmallIntegerField(
        "free articles a month",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_FREE_ARTICLES)],
        help_text="In place of the meter setting's free articles, for readers in this arm.",
    )
    paywall_message = models.CharField(
        "paywall message",
        max_length=200,
        blank=True,
        help_text=(
            "In place of “Subscribe now for unlimited access.” under the paywall's heading, when a reader in this "
            "arm has used their free articles. Give control the site's own words."
        ),
    )
    registration_wall = models.BooleanField(
        "registration wall",
        null=True,
        blank=True,
        help_text=(
            "Yes: a reader who is not signed in and has used their free articles meets the registration wall "
            "(sign up free for the meter setting's extra articles). No: they meet the paywall."
        ),
    )
    offer = models.ForeignKey(
        "subscriptions.Offer",
        verbose_name="offer shown",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=(
            "The offer the paywall and the plans page show on its plans to readers in this arm, and that their "
            "checkout applies. Blank: no offer, the plans' own prices (usually control)."
        ),
    )
    plan_order = models.CharField(
        "order of plans",
        max_length=300,
        blank=True,
        help_text=(
            "The plans' slugs, first shown first, separated by commas (annual, monthly): how the paywall and "
            "the plans page list the plans for readers in this arm. Plans not named follow in their usual order."
        ),
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["experiment", "name"], name="experiments_arm_name_once"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        experiment = self.experiment if self.experiment_id else None
        if experiment is not None and experiment.has_started() and self._changed():
            raise ValidationError("The experiment has started: its arms can no longer change.")
        if experiment is not None and experiment.variable == Variable.FREE_ALLOWANCE and self.free_allowance is None:
            raise ValidationError({"free_allowance": "Say how many free articles a month this arm gives."})
        if experiment is not None and experiment.variable == Variable.PAYWALL_MESSAGE and not self.paywall_message.strip():
            raise ValidationError({"paywall_message": "Write the message this arm shows."})
        if experiment is not None and experiment.variable == Variable.REGISTRATION_WALL and self.registration_wall is None:
            raise ValidationError({"registration_wall": "Say whether this arm shows the registration wall."})
        if experiment is not None and experiment.variable == Variable.OFFER_SHOWN and not experiment.has_started():
            if problem := offer_problem(self.offer):
                raise ValidationError({"offer": problem})
        # Plans on sale are checked while the arms may change: a plan taken off
        # sale later is passed over, and the page may still be saved to end it.
        if experiment is not None and experiment.variable == Variable.PLAN_ORDER and not experiment.has_started():
            problem = plan_order_problem(self.plan_order)
            if problem:
                raise ValidationError({"plan_order": problem})
            self.plan_order = ", ".join(plan_slugs(self.plan_order))


    def _changed(self) -> bool:
        """A new arm, or one whose stored values differ: an arm saved as it
        is (the experiment's page saved to rename or end it) changes nothing."""
        if self.pk is None:
            return True
        before = Arm.objects.filter(pk=self.pk).values(*self.FIXED).first()
        return before is None or any(before[field] != getattr(self, field) for field in self.FIXED)

    # What readers in the arm were split and treated by.
    FIXED = ("experiment_id", "name", "position", "percent", "free_allowance", "paywall_message", "registration_wall", "plan_order", "offer_id")


def plan_slugs(text: str) -> list[str]:
    """The slugs an arm's order names, in order."""
    return [slug.strip() for slug in text.split(",") if slug.strip()]


def plan_order_problem(text: str) -> str | None:
    """Why an arm's order of plans cannot be used, or None."""
    slugs = plan_slugs(text)
    if not slugs:
        return "Give the order of plans: their slugs, first shown first, separated by commas."
    repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if repeated:
        return f"Each plan once: {', '.join(repeated)} is named twice."
    on_sale = set(Plan.objects.filter(is_active=True, slug__in=slugs).values_list("slug", flat=True))
    unknown = [slug for slug in slugs if slug not in on_sale]
    if unknown:
        return f"No plan on sale has the slug {', '.join(unknown)}."
    return None


def offer_problem(offer, now=None) -> str | None:
    """Why an arm cannot show ``offer``, or None: it must be open now and on
    a plan on sale."""
    if offer is None:
        return None
    why = refusal(offer.facts, now or timezone.now())
    if why is not None:
        sentence = REFUSAL_SENTENCES[why]
        return f"“{offer.name}” cannot be shown: {sentence[0].lower()}{sentence[1:]}"
    if not offer.plans.filter(is_active=True).exists():
        return f"“{offer.name}” cannot be shown: none of its plans is on sale."
    return None


class Exposure(models.Model):
    """A reader met an experiment's arm (or its holdout was decided): once
    per reader per experiment, by the id they were first seen under."""

    experiment = models.ForeignKey(Experiment, on_delete=models.CASCADE, related_name="exposures")
    arm = models.ForeignKey(Arm, on_delete=models.CASCADE, related_name="exposures")
    # The meter's name for the reader first exposed ("a:<id>" or "u:<pk>").
    reader = models.CharField(max_length=64)
    # The account, from the start or linked at sign-up: conversions find exposures through it.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    exposed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["experiment", "reader"], name="experiments_exposed_once"),
            models.UniqueConstraint(
                fields=["experiment", "user"], condition=models.Q(user__isnull=False), name="experiments_account_exposed_once"
            ),
        ]


class Conversion(models.Model):
    """An exposed reader paid: once per exposure, for the first paid payment after it."""

    exposure = models.OneToOneField(Exposure, on_delete=models.CASCADE, related_name="conversion")
    payment = models.ForeignKey("payments.Payment", on_delete=models.PROTECT, related_name="+")
    converted_at = models.DateTimeField()


class BrowserAccount(models.Model):
    """A browser (or app install) an account logged in on: signed out, it
    reads by the account's arm, so logging out never leaves the account's
    arm for the one the browser's own id would hash to."""

    # The meter's name for the signed-out browser ("a:<id>").
    reader = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    linked_at = models.DateTimeField()
