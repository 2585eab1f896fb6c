"""The meter's writes: counting a view, merging a reader's period into an account."""

from datetime import datetime

from django.utils import timezone

from .period import meter_period
from .policy import Decision, MeterRules, MeterState, Reason, decide_with_meter
from .stores import RecordOutcome, meter_store


def meter_state(*, reader: str, article_id: int, now: datetime) -> MeterState:
    return meter_store().state(reader=reader, period=meter_period(now), article_id=article_id)


def meter_decide_and_count(
    *,
    reader: str,
    article_id: int,
    rules: MeterRules,
    period: str,
    count: bool = True,
    known: MeterState | None = None,
    at_least: int | None = None,
) -> Decision:
    """The meter's answer for one view in ``period`` (``meter_period``), counting
    it when the answer is "free".

    Reads first, so re-reading a counted article writes nothing. The caller
    may spare that read: ``known`` is the state when it holds it exactly (a
    reader minted this request has read nothing); ``at_least`` is a lower
    bound on the period's count when this article is not known to be counted
    (a reader's receipt that does not list it). Under the limit, such a view
    is most likely a new article, so where the store's count answers in one
    round trip (Redis) it goes straight there, and the store says whether
    the article was new, already counted, or over the limit. The count
    itself is atomic in the store: when a parallel request took the last
    free article, this view gets the paywall instead.
    """
    store = meter_store()
    likely_new = known is None and at_least is not None and at_least < rules.free_limit
    if likely_new and count and store.record_answers_views:
        outcome = store.record(reader=reader, period=period, article_id=article_id, limit=rules.free_limit)
        return _decision_after_count(outcome, views=outcome.views, rules=rules)
    state = known if known is not None else store.state(reader=reader, period=period, article_id=article_id)
    decision = decide_with_meter(meter=state, rules=rules)
    if not (decision.needs_recording and count):
        return decision
    outcome = store.record(reader=reader, period=period, article_id=article_id, limit=rules.free_limit)
    views = outcome.views if outcome.views is not None else state.views + 1
    return _decision_after_count(outcome, views=views, rules=rules)


def _decision_after_count(outcome: RecordOutcome, *, views: int, rules: MeterRules) -> Decision:
    if outcome.already:
        return Decision(Reason.ALREADY_COUNTED, views, rules.free_limit)
    if outcome.counted:
        return Decision(Reason.FREE_WITHIN_METER, views, rules.free_limit)
    return Decision(Reason.METER_EXHAUSTED, views, rules.free_limit)


def meter_merge(*, from_reader: str, to_reader: str, rules: MeterRules, now: datetime | None = None) -> int:
    """Carry an anonymous reader's period into their account at login.

    Articles already counted for the account are not counted twice, and the
    account never goes above the limit. The anonymous period's count is kept, so
    logging out does not hand back free articles.
    """
    now = now or timezone.now()
    period = meter_period(now)
    store = meter_store()
    merged = 0
    for article_id in store.articles(reader=from_reader, period=period):
        if store.record(reader=to_reader, period=period, article_id=article_id, limit=rules.free_limit).counted:
            merged += 1
    return merged
