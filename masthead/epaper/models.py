from django.db import models

from .storage import epaper_storage


class EditionState(models.TextChoices):
    PENDING = "pending", "waiting to be rendered"
    RENDERING = "rendering", "rendering pages"
    READY = "ready", "ready (readers see it)"
    FAILED = "failed", "failed"


def _pdf_name(edition, filename):
    return f"editions/{edition.date:%Y-%m-%d}/edition.pdf"


class EditionQuerySet(models.QuerySet):
    def ready(self):
        """The only editions readers may find: every page rendered."""
        return self.filter(state=EditionState.READY)


class Edition(models.Model):
    """One day's printed paper, as its PDF and its pages rendered to images."""

    date = models.DateField(unique=True, help_text="The day of the printed edition (the publication's time zone).")
    pdf = models.FileField("PDF", upload_to=_pdf_name, storage=epaper_storage, max_length=255)
    # Nothing but services.edition_move assigns state.
    state = models.CharField(max_length=12, choices=EditionState.choices, default=EditionState.PENDING, editable=False)
    page_count = models.PositiveIntegerField(default=0, editable=False)
    pages_done = models.PositiveIntegerField(default=0, editable=False)
    error = models.TextField(blank=True, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    ready_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = EditionQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        # Rendering again is queued work on the server, not an edit of the edition.
        permissions = [("render_edition", "Can render an edition again")]

    def __str__(self):
        return f"Edition of {self.date:%-d %B %Y}"


class Page(models.Model):
    """A rendered page: the reading image and its thumbnail."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    image = models.FileField(storage=epaper_storage, max_length=255)
    thumbnail = models.FileField(storage=epaper_storage, max_length=255)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()

    class Meta:
        ordering = ["edition", "number"]
        constraints = [
            # A rerun after a crash can never add a page twice.
            models.UniqueConstraint(fields=["edition", "number"], name="epaper_page_once"),
        ]

    def __str__(self):
        return f"{self.edition}, page {self.number}"


class EditionEvent(models.Model):
    """Each move of an edition's state, for staff to see what happened."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=12, choices=EditionState.choices)
    to_state = models.CharField(max_length=12, choices=EditionState.choices)
    message = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
