from django.db import models


class AdPosition(models.TextChoices):
    LEADERBOARD = "leaderboard", "Top of every page"
    IN_ARTICLE = "in_article", "After the article text"
    RAIL = "rail", "Beside the latest news (home page)"


class AdSlot(models.Model):
    """What fills one position for readers who do not subscribe: a house ad
    (our own promotion) or an ad network's tag. Subscribers never get any."""

    position = models.CharField(max_length=20, choices=AdPosition.choices, unique=True)
    is_active = models.BooleanField("shown", default=True)
    house_headline = models.CharField(max_length=120, blank=True)
    house_text = models.CharField(max_length=250, blank=True)
    house_link = models.CharField(max_length=300, blank=True, help_text="Where the house ad leads, e.g. /subscribe/.")
    tag_html = models.TextField(
        "ad tag HTML",
        blank=True,
        help_text="An ad network's snippet, used instead of the house ad. Staff-supplied and trusted; "
        "its script origins must be allowed in MASTHEAD_AD_SCRIPT_ORIGINS.",
    )

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.get_position_display()
