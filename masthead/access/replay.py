"""What of the access decision the edge may replay (docs/deploy.md, "The
edge"). The decision stays the origin's: the edge only serves a page the
origin would have served the same reader, from variants that are the same
for everyone who gets them.

- ``subscriber``: a subscriber's page (no meter, no ads).
- ``full:<V>-<L>[:<class>]``: a metered story's full text, for a reader
  whose receipt names it and counts V of L read this month, with the meter
  note that count shows (one copy per count).
- ``wall:p<N>[:<class>]``: the plain paywall of a meter of N a month, for a
  reader whose receipt says the month's N are used, on a metered story it
  does not name; one copy per class of visit (search, social, ...; none for
  a direct one), which its subscribe links carry as the origin's do.
"""

from datetime import datetime, timedelta

from masthead.metering.rules import current_rules

from .policy import Decision, Reason, decide_without_meter
from .services import article_facts


def variant_decision(*, article, variant: str, now: datetime) -> Decision | None:
    """The decision a variant stands for, or None when the meter is not this
    story's judge (premium, archive, always free): then every non-subscriber
    must be decided by the origin."""
    if variant == "subscriber":
        return Decision(Reason.SUBSCRIBER)
    if not story_metered(article, now=now):
        return None
    parts = variant.split(":")
    if parts[0] == "full":
        views, limit = (int(number) for number in parts[1].split("-"))
        return Decision(Reason.ALREADY_COUNTED, views=views, free_limit=limit)
    limit = int(parts[1].removeprefix("p"))
    return Decision(Reason.METER_EXHAUSTED, views=limit, free_limit=limit)


def variant_visit_class(variant: str) -> str:
    """The class of visit a variant's subscribe links carry ("": a direct one)."""
    parts = variant.split(":")
    return parts[2] if parts[0] in ("full", "wall") and len(parts) == 3 else ""


def story_metered(article, *, now: datetime) -> bool:
    return decide_without_meter(
        is_subscriber=False, article=article_facts(article), archive_age=current_rules().archive_age, now=now,
        gifted=False,
    ) is None  # fmt: skip


def metered_for(article, *, now: datetime) -> timedelta:
    """How much longer the meter judges the story before it joins the archive."""
    return article.publish_at + current_rules().archive_age - now


def replayable_wall(decision: Decision) -> str:
    """The paywall the edge may show this reader on their next new stories,
    or "-" (the origin decides them): only the plain paywall of a used-up
    meter. A registration wall carries the reader's own form token, and an
    experiment's wording, order or offer is the origin's to show (and count)."""
    if decision.reason != Reason.METER_EXHAUSTED or decision.free_limit is None or decision.free_limit > 999:
        return "-"
    if decision.paywall_message or decision.plan_order or decision.offer_id is not None:
        return "-"
    return f"p{decision.free_limit}"
