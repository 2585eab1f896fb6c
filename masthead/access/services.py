"""The one place that decides who may read what, and why.

Every channel that shows article text asks ``article_access``: the HTML page
today, and the API, e-mails and e-paper as they come. A channel that does not
ask shows only what any reader may see (headline, standfirst, lead-in).
"""

from dataclasses import replace
from datetime import datetime

from django.utils import timezone

from masthead.core.periods import month_key
from masthead.metering.policy import ArticleFacts, Decision, GiftNote, decide_without_meter
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


def article_access(
    *, reader: Reader, article, now: datetime | None = None, count: bool = True, gift_token: str | None = None
) -> Decision:
    """Full text or lead-in for this reader and article, counting a free view
    against the meter when ``count`` (a page view; not a HEAD or a preview).

    ``gift_token`` is the token of a gift link the reader followed: valid for
    this article, it opens the full text without the meter; otherwise the
    usual rules apply and the decision says what was wrong with the link.
    """
    now = now or timezone.now()
    rules = current_rules()
    note = None
    if gift_token is not None and not reader.is_subscriber:
        note = _gift_note(gift_token, article=article, now=now, count=count)
    decision = decide_without_meter(
        is_subscriber=reader.is_subscriber,
        article=article_facts(article),
        rules=rules,
        now=now,
        gifted=note is not None and not note.problem,
    )
    if decision is None:
        month = month_key(now)
        decision = meter_decide_and_count(
            reader=reader.key,
            article_id=article.pk,
            rules=rules,
            month=month,
            count=count,
            known=reader.meter_known(month=month, article_id=article.pk),
            at_least=reader.meter_at_least(month=month),
        )
        reader.meter_answered(month=month, article_id=article.pk, decision=decision, count=count)
    return replace(decision, gift=note) if note is not None else decision


def _gift_note(token: str, *, article, now: datetime, count: bool) -> GiftNote:
    from masthead.gifts.services import gift_check, gift_opened, giver_name

    check = gift_check(token=token, article_id=article.pk, now=now)
    if check.gift is None:
        return GiftNote(problem=check.problem)
    if count:
        gift_opened(check.gift, now=now)
    return GiftNote(giver=giver_name(check.gift.giver), until=check.gift.expires_at)


def free_to_everyone(article) -> bool:
    """Whether nobody ever meets a paywall on this article (for Google's markup)."""
    return article_facts(article).free_to_everyone


def readable_text(article, decision: Decision) -> str:
    """The only article text a channel may show for this decision."""
    return article.body if decision.full_text else article.lead_in
