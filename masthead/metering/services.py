"""The meter's writes: answering (and counting) a view, merging a reader's period into an account."""

from datetime import datetime

from django.utils import timezone

from .carried import placeholder, stand_in
from .period import meter_period
from .policy import MeterAnswer, MeterVerdict, meter_answer, meter_over_limit
from .receipts import MeterReceipt, receipt_after
from .rules import MeterRules, current_rules
from .stores import RecordOutcome, meter_store


def meter_view(
    *,
    reader: str,
    article_id: int,
    receipt: MeterReceipt | None,
    count: bool = True,
    now: datetime | None = None,
    has_account: bool = False,
    rules: MeterRules | None = None,
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

    ``has_account``: the reader is signed in (not a subscriber: those never
    reach the meter), so their limit includes the free account's extra
    articles; an anonymous reader over their limit is told how many more an
    account would open.

    ``rules``: the rules for this reader (an experiment's arm may change
    them); the staff's rules when not given.
    """
    now = now or timezone.now()
    period = meter_period(now)
    rules = rules or current_rules()
    free_limit = rules.limit_for(has_account=has_account)
    extra = rules.extra_for(has_account=has_account)
    store = meter_store()
    known = receipt.state_for(period=period, article_id=article_id) if receipt is not None else None
    at_least = receipt.views_at_least(period=period) if receipt is not None else None
    likely_new = known is None and at_least is not None and at_least < free_limit
    if likely_new and count and store.record_answers_views:
        outcome = store.record(reader=reader, period=period, article_id=article_id, limit=free_limit)
        answer = _answer_after_count(outcome, views=outcome.views, free_limit=free_limit, account_extra=extra)
    else:
        state = known if known is not None else store.state(reader=reader, period=period, article_id=article_id)
        answer = meter_answer(state=state, free_limit=free_limit, account_extra=extra)
        if answer.verdict == MeterVerdict.FREE and count:
            outcome = store.record(reader=reader, period=period, article_id=article_id, limit=free_limit)
            views = outcome.views if outcome.views is not None else state.views + 1
            answer = _answer_after_count(outcome, views=views, free_limit=free_limit, account_extra=extra)
    return answer, receipt_after(receipt, period=period, article_id=article_id, answer=answer, count=count)


def _answer_after_count(outcome: RecordOutcome, *, views: int, free_limit: int, account_extra: int) -> MeterAnswer:
    if outcome.already:
        return MeterAnswer(MeterVerdict.ALREADY_COUNTED, views, free_limit, account_extra)
    if outcome.counted:
        return MeterAnswer(MeterVerdict.FREE, views, free_limit, account_extra)
    return meter_over_limit(views=views, free_limit=free_limit, account_extra=account_extra)


def meter_merge(*, from_reader: str, to_reader: str, now: datetime | None = None) -> int:
    """Carry a browser's (or app's) period into its account at sign-up and at
    every log-in. An account's limit (free articles and the free account's
    extra ones) caps it.

    Articles already counted for the account are not counted twice (an
    article and its stand-in, carried.py, are one), and nobody goes above
    that limit however many periods are carried into them, one after another
    or at once (each article is offered to the store, which counts it
    atomically under the limit). The period carried from is kept, so logging
    out hands back no free articles. How many articles were added.
    """
    now = now or timezone.now()
    return meter_period_carry(
        from_reader=from_reader,
        to_reader=to_reader,
        limit=current_rules().limit_for(has_account=True),
        now=now,
    )


def meter_carry_back(*, from_reader: str, to_reader: str, now: datetime | None = None) -> int:
    """At log-out, the account's (``from_reader``) count goes back into the
    browser's or app's period (``to_reader``), never above an account's
    limit: a second account signed up from it starts where this one stopped.

    Only the count: each of the account's articles the browser has not
    counted itself goes in as a stand-in that matches no article
    (carried.py), so no story becomes "already counted" there and neither
    pages nor search can tell which ones the account read. The browser's
    own articles (carried into the account at log-in) and what an earlier
    log-out left are not counted again, so the number is exact. How many
    were added.
    """
    now = now or timezone.now()
    return meter_period_carry(
        from_reader=from_reader,
        to_reader=to_reader,
        limit=current_rules().limit_for(has_account=True),
        now=now,
        count_only=True,
    )


def meter_period_carry(*, from_reader: str, to_reader: str, limit: int, now: datetime, count_only: bool = False) -> int:
    """Offer ``from_reader``'s counted articles this period to ``to_reader``'s,
    oldest first, never above ``limit``; how many were newly counted.

    An article ``to_reader`` holds already, itself or as a stand-in, is
    skipped. ``count_only``: each article goes in as its stand-in."""
    period = meter_period(now)
    store = meter_store()
    held = {stand_in(article_id) for article_id in store.articles(reader=to_reader, period=period)}
    carried = 0
    for article_id in store.articles(reader=from_reader, period=period):
        entry = stand_in(article_id)
        if entry in held:
            continue
        outcome = store.record(
            reader=to_reader, period=period, article_id=entry if count_only else article_id, limit=limit
        )
        if not outcome.counted:
            break  # the receiving period is full: nothing more fits
        held.add(entry)
        if not outcome.already:
            carried += 1
    return carried


def meter_left(*, reader: str, limit: int, now: datetime | None = None) -> int:
    """How many of ``limit`` free articles ``reader`` has left this period."""
    return max(0, limit - len(meter_store().articles(reader=reader, period=meter_period(now or timezone.now()))))


def meter_hold_to(*, reader: str, left: int, limit: int, now: datetime | None = None) -> int:
    """Count entries that open nothing (carried.placeholder) in ``reader``'s
    period until no more than ``left`` of its ``limit`` free articles
    remain: a reader who should start where another stopped. How many were
    counted (none if they had no more left already)."""
    period = meter_period(now or timezone.now())
    store = meter_store()
    have = len(store.articles(reader=reader, period=period))
    added = 0
    for n in range(limit):
        if have + added >= limit - left:
            break
        outcome = store.record(reader=reader, period=period, article_id=placeholder(f"{reader}:{period}:{n}"), limit=limit)
        if not outcome.counted:
            break  # full: nothing more is left anyway
        if not outcome.already:
            added += 1
    return added
