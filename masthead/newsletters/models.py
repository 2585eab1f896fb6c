from django.conf import settings
from django.db import models


class Newsletter(models.Model):
    """A curated newsletter readers choose on their account page."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=250, blank=True, help_text="One line shown beside the choice.")
    topic = models.CharField(max_length=80, blank=True, help_text="e.g. Stocks, bonds and currencies")
    subscribers_only = models.BooleanField(
        default=False, help_text="Offered to, and sent to, subscribers only (checked again at every send)."
    )
    active = models.BooleanField("offered", default=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the account page (lowest first).")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class NewsletterSubscription(models.Model):
    """A reader's choice to get a newsletter."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="newsletter_subscriptions")
    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="subscriptions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["newsletter", "created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "newsletter"], name="newsletter_subscription_once")]

    def __str__(self):
        return f"{self.user} → {self.newsletter}"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"


class IssueEventReason(models.TextChoices):
    """Why an issue moved, as its event records it (stored as these words)."""

    SCHEDULED = "scheduled", "Scheduled"
    SCHEDULE_CANCELLED = "schedule cancelled", "Schedule cancelled"
    SENDING_STARTED = "sending started", "Sending started"
    SENDING_RESUMED = "sending resumed", "Sending resumed"
    SENT = "sent", "Sent"


class Issue(models.Model):
    """One edition of a newsletter: an intro and chosen articles, sent once."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.PROTECT, related_name="issues")
    subject = models.CharField(max_length=150)
    intro = models.TextField(blank=True, help_text="Plain text; blank lines separate paragraphs.")
    articles = models.ManyToManyField("newsroom.Article", through="IssueArticle", related_name="+")
    status = models.CharField(max_length=12, choices=IssueStatus.choices, default=IssueStatus.DRAFT, editable=False)
    scheduled_for = models.DateTimeField(null=True, blank=True, help_text="When a scheduled issue goes out.")
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The lease of the worker sending the issue: one worker at a time, and a
    # worker that died lets go when its lease runs out.
    lease_token = models.CharField(max_length=36, blank=True, editable=False)
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)
    recipients_planned = models.BooleanField(default=False, editable=False)
    recipient_count = models.PositiveIntegerField(default=0, editable=False)
    sent_count = models.PositiveIntegerField(default=0, editable=False)
    failed_count = models.PositiveIntegerField(default=0, editable=False)
    unconfirmed_count = models.PositiveIntegerField(
        default=0, editable=False, help_text="Handed to the mail server by a worker that stopped before it heard back."
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "scheduled_for"], name="issue_status_due")]
        # Mailing every reader of a newsletter is a separate right from composing an issue.
        permissions = [("send_issue", "Can send or schedule a newsletter issue")]

    def __str__(self):
        return f"{self.newsletter}: {self.subject}"


class IssueArticle(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="entries")
    article = models.ForeignKey("newsroom.Article", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["issue", "article"], name="issue_article_once")]

    def __str__(self):
        return str(self.article)


class IssueEvent(models.Model):
    """Every change of an issue's status, written by the one function that makes it."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, choices=IssueStatus.choices)
    to_status = models.CharField(max_length=12, choices=IssueStatus.choices)
    reason = models.CharField(max_length=60)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    occurred_at = models.DateTimeField()

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self):
        return f"{self.from_status} → {self.to_status} ({self.reason})"


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Pending"
    SENDING = "sending", "Handed to the mail server, not confirmed"
    SENT = "sent", "Sent"
    FAILED = "failed", "Refused by the mail server"
    SKIPPED = "skipped", "Skipped (unsubscribed before it went)"


class Delivery(models.Model):
    """One issue to one reader. The row exists before the message is handed to
    the mail server, and the database allows one per issue and reader, so no
    rerun, retry or second worker can send an issue twice to one person."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    state = models.CharField(max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "deliveries"
        constraints = [models.UniqueConstraint(fields=["issue", "recipient"], name="delivery_once_per_reader")]
        indexes = [models.Index(fields=["issue", "state"], name="delivery_issue_state")]

    def __str__(self):
        return f"{self.issue} → {self.email} ({self.state})"


class SleepingDigest(models.Model):
    """The "stories you missed" mail a subscriber who stopped reading gets,
    at most once in SLEEPING_DAYS: one row per reader, its ``last_sent_at``
    claimed before the mail goes (sleeping.py), so two runs at once mail once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sleeping_digest")
    last_sent_at = models.DateTimeField()
    sent_count = models.PositiveIntegerField(default=0)
    last_article_ids = models.JSONField(default=list, blank=True, help_text="The stories the last digest offered.")

    def __str__(self):
        return f"{self.user} · stories missed, last {self.last_sent_at:%Y-%m-%d}"
