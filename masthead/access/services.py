"""The one place that decides who may read what, and why.

Every channel that shows article text asks ``article_access``: the HTML page
today, and the API, e-mails and e-paper as they come. A channel that does not
ask shows only what any reader may see (headline, standfirst, lead-in).
"""

from datetime import datetime

from django.utils import timezone

from masthead.metering.policy import ArticleFacts, Decision, decide_without_meter
from masthead.metering.rules import current_rules
from masthead.metering.services import meter_decide_and_count

from .readers import Reader


def article_facts(article) -> ArticleFacts:
    return ArticleFacts(
        article_id=article.pk,
        published_at=article.publish_at,
        is_premium=article.is_premium or article.section.is_premium,
        is_exempt=article.meter_exempt or article.section.meter_exempt,
    )


def article_access(*, reader: Reader, article, now: datetime | None = None, count: bool = True) -> Decision:
    """Full text or lead-in for this reader and article, counting a free view
    against the meter when ``count`` (a page view; not a HEAD or a preview)."""
    now = now or timezone.now()
    rules = current_rules()
    fixed = decide_without_meter(is_subscriber=reader.is_subscriber, article=article_facts(article), rules=rules, now=now)
    if fixed is not None:
        return fixed
    return meter_decide_and_count(reader=reader.key, article_id=article.pk, rules=rules, now=now, count=count)


def free_to_everyone(article) -> bool:
    """Whether nobody ever meets a paywall on this article (for Google's markup)."""
    return article_facts(article).is_exempt


def readable_text(article, decision: Decision) -> str:
    """The only article text a channel may show for this decision."""
    return article.body if decision.full_text else article.lead_in
