"""What a reader's view of an article means for the paywall's funnel."""

from masthead.metering.events import funnel_event_record
from masthead.metering.models import FunnelEventKind

from .policy import Decision, Reason
from .readers import Reader


def funnel_events_for_view(*, reader: Reader, article_id: int, decision: Decision, viewed: bool = True) -> None:
    """On any channel (the web page, the app API): the story viewed (a page
    shown, not a HEAD), a meter notice, the last free article, the
    registration wall or the paywall. Staff's and a verified crawler's
    reading is nobody's step towards subscribing: it records nothing."""
    if not reader.counted_as_reader:
        return
    if viewed:
        funnel_event_record(kind=FunnelEventKind.STORY_VIEW, article_id=article_id)
    if decision.full_text and decision.metered:
        funnel_event_record(kind=FunnelEventKind.METER_NOTICE, article_id=article_id, reason=decision.reason)
        if decision.reason == Reason.FREE_WITHIN_METER and decision.views_left == 0:
            funnel_event_record(kind=FunnelEventKind.METER_REACHED, article_id=article_id)
    elif decision.reason == Reason.REGISTRATION_WALL:
        funnel_event_record(kind=FunnelEventKind.REGISTRATION_WALL_SHOWN, article_id=article_id, reason=decision.reason)
    elif not decision.full_text:
        funnel_event_record(kind=FunnelEventKind.PAYWALL_SHOWN, article_id=article_id, reason=decision.reason)


def registered_from_wall(*, article_id: int) -> None:
    """A reader who began signing up on the registration wall of this
    article has confirmed their address: one event per new account."""
    funnel_event_record(kind=FunnelEventKind.REGISTERED_FROM_WALL, article_id=article_id, reason=Reason.REGISTRATION_WALL)
