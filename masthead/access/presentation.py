"""The per-reader parts of an article page, built without a template so a
cached page can have them spliced in (docs/paywall.md, Caching)."""

from functools import cache

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from masthead.metering.events import funnel_visit_via

from .policy import Decision

# Where the meter notice goes in a cached page: an HTML comment, so a page
# rendered without splicing shows nothing there.
METER_NOTICE_SLOT = mark_safe("<!--masthead:meter-notice-->")
# Where the registration wall's sign-up form takes the reader's own CSRF
# token: a cached page is shared by readers, a token is not.
CSRF_SLOT = mark_safe("<!--masthead:csrf-->")


@cache
def _plans_path() -> str:
    return reverse("subscriptions:plans")


def meter_notice_html(*, decision: Decision, article_id: int, reader_name: str = "") -> str:
    """The per-reader line above the text: a gift's note, then the meter's
    count, addressed by name to a signed-in reader who gave a first name."""
    gift = _gift_note_html(decision, article_id) if decision.gift is not None else ""
    return mark_safe(gift + _meter_count_html(decision, article_id, reader_name.strip()))


def csrf_input_html(request) -> str:
    """The reader's CSRF token as a hidden field (the cookie goes with the response)."""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request))


def _gift_note_html(decision: Decision, article_id: int) -> str:
    note = decision.gift
    if note.problem:
        return format_html('<p class="gift-notice gift-notice--problem" role="status">{}</p>', note.problem)
    until = timezone.localtime(note.until)
    return format_html(
        '<p class="gift-notice" role="status"><strong>{} gifted you this article.</strong> '
        "It is free to read until {}, and does not count towards your free articles. "
        '<a href="{}{}">Subscribe for unlimited access</a></p>',
        note.giver,
        f"{until:%-d %B %Y}",
        _plans_path(),
        _from_story(article_id),
    )


def _meter_count_html(decision: Decision, article_id: int, name: str) -> str:
    if not decision.metered or not decision.full_text:
        return ""
    plural = "" if decision.free_limit == 1 else "s"
    if name:
        # The one part a reader wrote: escaped.
        if decision.views_left == 0:
            text = format_html("{}, this is your last free article this month.", name)
        else:
            text = format_html(
                "{}, you have {} of {} free article{} left this month.",
                name, decision.views_left, decision.free_limit, plural,
            )  # fmt: skip
    elif decision.views_left == 0:
        text = "This is your last free article this month."
    else:
        text = f"{decision.views_left} of {decision.free_limit} free article{plural} left this month."
    # Only digits and fixed words besides: nothing else needs escaping
    # (format_html would cost more than the rest of the splice).
    return (
        f'<p class="meter-notice" role="status">{text} '
        f'<a href="{_plans_path()}{escape(_from_story(article_id))}">Subscribe for unlimited access</a></p>'
    )


def _from_story(article_id: int) -> str:
    """The query of a subscribe link under a story: the story (the click is
    the funnel's "subscribe clicked") and where the visit came from, as the
    paywall's links carry it (the page after has this site as its Referer)."""
    via = funnel_visit_via()
    return f"?from={int(article_id)}" + (f"&via={via}" if via else "")
