from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_prose_editor.fields import ProseEditorField

from .text import derive_lead_in, sanitize_body

# What editors can do in the body editor. The server sanitises again on save
# (text.sanitize_body): the editor's own rules are a convenience, not a guard.
BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "History": True,
}


class Section(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(
        default=100, help_text="Sections are listed in this order (smallest first)."
    )
    in_navigation = models.BooleanField(default=True, help_text="Show in the site's main menu.")
    meter_exempt = models.BooleanField(
        "always free", default=False, help_text="Stories here are free to everyone and never counted by the meter."
    )
    is_premium = models.BooleanField(
        "premium section",
        default=False,
        help_text="Every story here is for subscribers (e.g. market analysis); the section page is a landing page.",
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("newsroom:section", args=[self.slug])


class Author(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField(max_length=120, blank=True, help_text="e.g. Markets Editor")
    bio = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Agency(models.Model):
    """A wire service whose copy the publication runs under the agency's credit."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"


# A story is premium when it is marked so or filed in a premium section; the
# same holds for "always free". Every channel asks these, never the two flags.
PREMIUM_STORY = Q(is_premium=True) | Q(section__is_premium=True)
ALWAYS_FREE_STORY = Q(meter_exempt=True) | Q(section__meter_exempt=True)


class ArticleQuerySet(models.QuerySet):
    def live(self, now=None):
        """Articles a reader may find: published, or scheduled for a time that
        has come. Visibility never waits for the job that tidies the status."""
        now = now or timezone.now()
        return self.filter(
            status__in=[ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED], publish_at__lte=now
        )

    def upcoming(self, now=None):
        now = now or timezone.now()
        return self.filter(status=ArticleStatus.SCHEDULED, publish_at__gt=now)

    def premium_stories(self):
        return self.filter(PREMIUM_STORY)

    def not_premium_stories(self):
        return self.exclude(PREMIUM_STORY)


class Article(models.Model):
    headline = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    standfirst = models.CharField(
        max_length=400, blank=True, help_text="One or two sentences under the headline."
    )
    body = ProseEditorField(extensions=BODY_EDITOR_EXTENSIONS, sanitize=True)
    lead_in = models.TextField(
        editable=False, help_text="The opening shown to readers who may not read on."
    )
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    authors = models.ManyToManyField(Author, blank=True, related_name="articles")
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        help_text="Set for wire copy: the agency is credited and the disclaimer shown.",
    )
    dateline = models.CharField(max_length=80, blank=True, help_text="Where the story was filed.")
    status = models.CharField(
        max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="When the article goes (or went) live."
    )
    revised_at = models.DateTimeField(
        null=True, blank=True, help_text="Last change to the text after it went live."
    )
    is_premium = models.BooleanField(
        "premium", default=False, db_index=True, help_text="Premium stories are for subscribers only."
    )
    meter_exempt = models.BooleanField(
        "always free", default=False, help_text="Free to everyone and never counted by the meter (e.g. public-interest news)."
    )
    image = models.ImageField(upload_to="articles/%Y/%m/", blank=True)
    image_alt = models.CharField(
        "image description", max_length=250, blank=True, help_text="What the image shows, for readers who cannot see it."
    )
    image_caption = models.CharField(max_length=250, blank=True)
    revision = models.PositiveIntegerField(
        default=0, editable=False, help_text="Bumped on every save; part of cache keys."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-id"]
        indexes = [
            models.Index(fields=["section", "-publish_at"], name="article_section_recent"),
            models.Index(fields=["status", "-publish_at"], name="article_status_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ArticleStatus.DRAFT) | Q(publish_at__isnull=False),
                name="article_live_has_publish_time",
            ),
        ]
        # Putting a story in front of readers (or taking it off) is a separate
        # right from writing one: a contributor may edit drafts and not publish.
        permissions = [("publish_article", "Can publish an article or take it off the site")]

    def __str__(self):
        return self.headline

    @property
    def is_premium_story(self) -> bool:
        """For subscribers only: marked premium, or in a premium section."""
        return self.is_premium or self.section.is_premium

    @property
    def is_always_free_story(self) -> bool:
        """Never counted by the meter: marked so, or in an always-free section.
        (Premium still wins: see access.)"""
        return self.meter_exempt or self.section.meter_exempt

    def settle_publishing(self, now=None) -> None:
        """Read an editor's status and time together: "published" with no time
        means now; "published" with a future time is really scheduled."""
        now = now or timezone.now()
        if self.status == ArticleStatus.PUBLISHED:
            if self.publish_at is None:
                self.publish_at = now
            elif self.publish_at > now:
                self.status = ArticleStatus.SCHEDULED

    def clean(self):
        self.settle_publishing()
        errors = {}
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = "Describe the image for readers who cannot see it."
        if self.status == ArticleStatus.SCHEDULED and not self.publish_at:
            errors["publish_at"] = "A scheduled article needs the time it goes live."
        if errors:
            raise ValidationError(errors)

    def prepare_text(self) -> None:
        """Sanitise the body and derive the lead-in: every path that writes
        an article does this, save() and a bulk load that bypasses it alike."""
        self.body = sanitize_body(self.body)
        self.lead_in = derive_lead_in(self.body)

    def save(self, *args, **kwargs):
        # Stored sanitised and with its lead-in, whichever path wrote it.
        self.prepare_text()
        self.revision += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body", "lead_in", "revision", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("newsroom:article", args=[self.slug])

    def is_live(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status != ArticleStatus.DRAFT and self.publish_at is not None and self.publish_at <= now

    @property
    def is_wire_copy(self) -> bool:
        return self.agency_id is not None

    @property
    def shown_revision_time(self):
        """The "Updated" time readers see: only a real change after going live."""
        if self.revised_at and self.publish_at and self.revised_at > self.publish_at:
            return self.revised_at
        return None


class UpcomingArticle(Article):
    """What goes live next, as its own list in the admin."""

    class Meta:
        proxy = True
        verbose_name = "upcoming article"
        verbose_name_plural = "what goes live next"


class ArticleReading(models.Model):
    """A signed-in reader's reading of one article: the history behind "what
    a reader follows" and "what readers read most". One row per reader and
    article, its last reading moved on at most once a day (reading.py), so
    the page writes only when a reader opens a story new to them or comes
    back to it on another day. Anonymous readers are not recorded here."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="article_readings")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="readings")
    first_read_at = models.DateTimeField()
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="article_reading_once")]
        indexes = [
            models.Index(fields=["user", "last_read_at"], name="reading_user_last"),
            models.Index(fields=["article", "last_read_at"], name="reading_article_last"),
        ]
