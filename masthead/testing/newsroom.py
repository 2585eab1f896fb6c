"""Sections, authors, agencies and articles for tests."""

from datetime import datetime, timedelta

from django.utils import timezone

from masthead.newsroom.models import Agency, Article, ArticleStatus, Author, Section

from .numbers import next_number


def make_section(**fields):
    n = next_number()
    fields.setdefault("name", f"Section {n}")
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(**fields)


def make_author(**fields):
    n = next_number()
    fields.setdefault("name", f"Reporter {n}")
    fields.setdefault("slug", f"reporter-{n}")
    return Author.objects.create(**fields)


def make_agency(**fields):
    n = next_number()
    fields.setdefault("name", f"Wire Agency {n}")
    fields.setdefault("slug", f"wire-agency-{n}")
    return Agency.objects.create(**fields)


def make_article(*, authors=(), published_ago: timedelta | None = timedelta(hours=1), now: datetime | None = None, **fields):
    """A live article by default; pass status/publish_at to make anything else."""
    n = next_number()
    now = now or timezone.now()
    fields.setdefault("headline", f"Headline number {n}")
    fields.setdefault("slug", f"headline-number-{n}")
    fields.setdefault("standfirst", f"Standfirst of story {n}.")
    fields.setdefault(
        "body",
        "<p>" + " ".join(["Opening"] + ["word"] * 59) + ".</p><p>Second paragraph of the story.</p>",
    )
    if "section" not in fields:
        fields["section"] = make_section()
    if published_ago is not None:
        fields.setdefault("status", ArticleStatus.PUBLISHED)
        fields.setdefault("publish_at", now - published_ago)
    article = Article(**fields)
    article.save()
    if authors:
        article.authors.set(authors)
    return article


# A sentence that only a reader allowed the whole story may see: it comes
# after the lead-in of every story made by make_story_with_hidden_sentence.
BEYOND_LEAD_IN = "The minister's letter was never sent to the committee."
PAYWALL_TEXT = "Subscribe now for unlimited access."


def make_story_with_hidden_sentence(**fields):
    """A live article whose second paragraph, BEYOND_LEAD_IN, is past the lead-in."""
    body = "<p>" + " ".join(["Opening"] + ["word"] * 59) + f".</p><p>{BEYOND_LEAD_IN}</p>"
    return make_article(body=body, **fields)
