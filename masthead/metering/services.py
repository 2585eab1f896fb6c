"""The meter's writes: answering (and counting) a view, merging a reader's period into an account."""

from datetime import datetime

from django.utils import timezone

from .period import meter_period
from .policy import MeterAnswer, MeterVerdict, meter_answer
from .receipts import MeterReceipt, receipt_after
from .rules import current_rules
from .stores import RecordOutcome, meter_store


def meter_view(
    *, reader: str, article_id: int, receipt: MeterReceipt | None, count: bool = True, now: datetime | None = None
) -> tuple[MeterAnswer, MeterReceipt | None]:
    """The meter's answer for one view of an article by ``reader`` (a
    ``reader_key``), counting it when the answer is "free" and ``count`` (a
    page view; not a HEAD request or a search snippet); and the reader's
    receipt after it.

    ``receipt`` is what the request knows of the reader's period: the
    receipt in their cookie, a complete one for a reader whose id this
    request made, or None (an account, whose period is shared by its
    devices, or a reader with nothing on a receipt yet).

    Reads first, so re-reading a counted article writes nothing, unless the
    receipt spares the read: a re-read of an article on it needs no trip
    to the store at all. A new article with room left on the receipt is
    most likely new to the store as well, so where the store's count
    answers in one round trip (Redis) it goes straight there, and the store
    says whether the article was new, already counted, or over the limit.
    The count itself is atomic in the store: when a parallel request took
    the last free article, this view gets the paywall instead.
    """
    now = now or timezone.now()
    period = meter_period(now)
    free_limit = current_rules().free_limit
    store = meter_store()
    known = receipt.state_for(period=period, article_id=article_id) if receipt is not None else None
    at_least = receipt.views_at_least(period=period) if receipt is not None else None
    likely_new = known is None and at_least is not None and at_least < free_limit
    if likely_new and count and store.record_answers_views:
        outcome = store.record(reader=reader, period=period, article_id=article_id, limit=free_limit)
        answer = _answer_after_count(outcome, views=outcome.views, free_limit=free_limit)
    else:
        state = known if known is not None else store.state(reader=reader, period=period, article_id=article_id)
        answer = meter_answer(state=state, free_limit=free_limit)
        if answer.verdict == MeterVerdict.FREE and count:
            outcome = store.record(reader=reader, period=period, article_id=article_id, limit=free_limit)
            views = outcome.views if outcome.views is not None else state.views + 1
            answer = _answer_after_count(outcome, views=views, free_limit=free_limit)
    return answer, receipt_after(receipt, period=period, article_id=article_id, answer=answer, count=count)


def _answer_after_count(outcome: RecordOutcome, *, views: int, free_limit: int) -> MeterAnswer:
    if outcome.already:
        return MeterAnswer(MeterVerdict.ALREADY_COUNTED, views, free_limit)
    if outcome.counted:
        return MeterAnswer(MeterVerdict.FREE, views, free_limit)
    return MeterAnswer(MeterVerdict.EXHAUSTED, views, free_limit)


def meter_merge(*, from_reader: str, to_reader: str, now: datetime | None = None) -> int:
    """Carry an anonymous reader's period into their account at login.

    Articles already counted for the account are not counted twice, and the
    account never goes above the limit. The anonymous period's count is
    kept, so logging out does not hand back free articles.
    """
    period = meter_period(now or timezone.now())
    free_limit = current_rules().free_limit
    store = meter_store()
    merged = 0
    for article_id in store.articles(reader=from_reader, period=period):
        if store.record(reader=to_reader, period=period, article_id=article_id, limit=free_limit).counted:
            merged += 1
    return merged
