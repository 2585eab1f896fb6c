"""The one place that decides who may read what, and why.

Every channel that shows article text asks ``article_access``: the HTML page,
the app API and the search's snippets. A channel that does not ask shows only
what any reader may see (headline, standfirst, lead-in). The rules are pure
(policy.py); when they leave it to the meter, metering counts and answers.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import product

from django.utils import timezone

from masthead.gifts.services import gift_check, gift_opened, giver_name
from masthead.metering.carried import readable_ids
from masthead.metering.policy import MeterState, meter_answer
from masthead.metering.rules import MeterRules, current_rules
from masthead.metering.selectors import meter_counted
from masthead.metering.services import meter_view

from .policy import ArticleFacts, Decision, GiftNote, Reason, decide_with_meter, decide_without_meter
from .readers import Reader


def article_facts(article) -> ArticleFacts:
    return ArticleFacts(
        article_id=article.pk,
        published_at=article.publish_at,
        is_premium=article.is_premium_story,
        is_exempt=article.is_always_free_story,
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
    note = None
    crawler = not reader.is_subscriber and reader.verified_crawler
    # A crawler following a gift link reads in full anyway: the link is not opened.
    if gift_token is not None and not reader.is_subscriber and not crawler:
        note = _gift_note(gift_token, article=article, now=now, count=count)
    decision = decide_without_meter(
        is_subscriber=reader.is_subscriber,
        article=article_facts(article),
        archive_age=current_rules().archive_age,
        now=now,
        gifted=note is not None and not note.problem,
        verified_crawler=crawler,
    )
    if decision is None:
        inputs = decision_inputs_for(reader, now=now, record=count)
        answer, receipt = meter_view(
            reader=reader.key,
            article_id=article.pk,
            receipt=reader.meter_receipt(now),
            count=count,
            now=now,
            has_account=reader.user is not None,
            rules=inputs.rules,
        )
        reader.carry_receipt(receipt)
        decision = decide_with_meter(answer)
        if inputs.paywall_message and decision.reason == Reason.METER_EXHAUSTED:
            decision = replace(decision, paywall_message=inputs.paywall_message)
        if inputs.plan_order and decision.reason == Reason.METER_EXHAUSTED:
            decision = replace(decision, plan_order=inputs.plan_order)
        if inputs.offer_id is not None and decision.reason == Reason.METER_EXHAUSTED:
            decision = replace(decision, offer_id=inputs.offer_id)
        if count:
            for listener in _decision_listeners:
                listener(reader=reader, decision=decision, now=now)
    return replace(decision, gift=note) if note is not None else decision


@dataclass(frozen=True)
class DecisionInputs:
    """What the decision reads that staff set: the meter's rules, the
    words under the meter's paywall ("": the site's own), the order of the
    plans it lists (plans' slugs, first shown first; (): the site's), and the
    offer shown on them (None: the plans' own prices)."""

    rules: MeterRules
    paywall_message: str = ""
    plan_order: tuple[str, ...] = ()
    offer_id: int | None = None


# Set by the experiments app: what a reader's arm puts in place of the
# staff's inputs. The decision above stays the one that decides; an arm
# changes only what it is given. Access knows nothing of experiments.
_input_adjusters: list[Callable[..., DecisionInputs]] = []


def on_decision_inputs(adjust: Callable[..., DecisionInputs]) -> Callable[..., DecisionInputs]:
    """``adjust(reader=, inputs=, now=, record=)`` returns the inputs for that
    reader; ``record``: the reader met the meter on a page view."""
    if adjust not in _input_adjusters:
        _input_adjusters.append(adjust)
    return adjust


# Set by the experiments app too: told what the meter's decision showed a
# reader on a page view (the paywall, the registration wall), so an arm
# whose value shows only there is counted when it was seen.
_decision_listeners: list[Callable[..., None]] = []


def on_decision_shown(listener: Callable[..., None]) -> Callable[..., None]:
    """``listener(reader=, decision=, now=)`` after the meter decided a page view."""
    if listener not in _decision_listeners:
        _decision_listeners.append(listener)
    return listener


# Set by the experiments app too: when the inputs next change by a schedule
# (an experiment starting or ending), with nothing saved.
_schedules: list[Callable[[datetime], datetime | None]] = []


def on_scheduled_change(next_change: Callable[[datetime], datetime | None]) -> Callable[[datetime], datetime | None]:
    """``next_change(now)``: the first moment after ``now`` at which the
    inputs change by themselves, or None."""
    if next_change not in _schedules:
        _schedules.append(next_change)
    return next_change


# Set by the experiments app too: the account a signed-out browser's
# decision also depends on (it signed in there once, and reads by that
# account's arm, or by none once the account subscribes).
_account_ties: list[Callable[..., int | None]] = []


def on_account_tie(tie: Callable[..., int | None]) -> Callable[..., int | None]:
    """``tie(reader=, now=)``: the account whose changes may change this
    anonymous reader's decision, or None."""
    if tie not in _account_ties:
        _account_ties.append(tie)
    return tie


def account_deciding_for(reader: Reader, *, now: datetime) -> int | None:
    """The account, other than their own, whose changes may change what the
    origin decides for ``reader`` with nothing of theirs saved (a decision
    replayed by the edge ends when that account changes); None: none."""
    return next((account for tie in _account_ties if (account := tie(reader=reader, now=now)) is not None), None)


def next_scheduled_change(now: datetime) -> datetime | None:
    """Until when a decision made at ``now`` stays the one the inputs give,
    whatever anyone saves meanwhile (a decision replayed past it, by the
    edge, may be wrong); None: no change is scheduled."""
    return min((moment for next_change in _schedules if (moment := next_change(now)) is not None), default=None)


def decision_inputs_for(reader: Reader, *, now: datetime, record: bool) -> DecisionInputs:
    """The inputs this reader's decision reads."""
    inputs = DecisionInputs(rules=current_rules())
    for adjust in _input_adjusters:
        inputs = adjust(reader=reader, inputs=inputs, now=now, record=record)
    return inputs


def _gift_note(token: str, *, article, now: datetime, count: bool) -> GiftNote:
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


# --- Search: which articles' full text a reader may match ---------------------


@dataclass(frozen=True)
class ArticleKind:
    """The facts the decision reads about an article, other than its id."""

    premium: bool
    exempt: bool
    archive: bool


ALL_KINDS = tuple(ArticleKind(*flags) for flags in product((False, True), repeat=3))


@dataclass(frozen=True)
class FullTextScope:
    """The articles whose full text one reader may read right now, as a set
    a search engine can test without asking about each article.

    ``open_kinds``: kinds read in full whatever the article (subscriber,
    always free, under the meter). ``reread_kinds`` with ``reread_ids``:
    kinds the meter decides, when it has no room left: only the articles
    already counted this period (rereading them is free). An article is
    archive when published at or before ``archive_before``.
    """

    open_kinds: frozenset[ArticleKind]
    reread_kinds: frozenset[ArticleKind]
    reread_ids: frozenset[int]
    archive_before: datetime

    @property
    def everything(self) -> bool:
        return len(self.open_kinds) == len(ALL_KINDS)

    def opens(self, facts: ArticleFacts) -> bool:
        kind = ArticleKind(facts.is_premium, facts.is_exempt, facts.published_at <= self.archive_before)
        return kind in self.open_kinds or (kind in self.reread_kinds and facts.article_id in self.reread_ids)


def full_text_scope_for(
    *,
    is_subscriber: bool,
    rules: MeterRules,
    now: datetime,
    counted: frozenset[int] | None,
    has_account: bool = False,
) -> FullTextScope:
    """The scope, asked of the same pure rules as ``article_access``, kind by
    kind; ``counted`` is the reader's period on the meter, None when no kind
    needs it; ``has_account``: a signed-in reader, whose limit includes a free
    account's extra articles. Pure: the caller brings the meter."""
    archive_before = now - rules.archive_age
    open_kinds, metered = set(), set()
    for kind in ALL_KINDS:
        facts = ArticleFacts(0, archive_before if kind.archive else now, kind.premium, kind.exempt)
        decision = decide_without_meter(
            is_subscriber=is_subscriber, article=facts, archive_age=rules.archive_age, now=now, gifted=False
        )
        if decision is None:
            metered.add(kind)
        elif decision.full_text:
            open_kinds.add(kind)
    counted = counted or frozenset()
    limit, extra = rules.limit_for(has_account=has_account), rules.extra_for(has_account=has_account)
    reread = _meter_opens(views=len(counted), counted_before=True, free_limit=limit, account_extra=extra)
    if metered and _meter_opens(views=len(counted), counted_before=False, free_limit=limit, account_extra=extra):
        open_kinds |= metered
        metered = set()
    return FullTextScope(
        open_kinds=frozenset(open_kinds),
        reread_kinds=frozenset(metered if reread else ()),
        # Stand-ins (an account's count carried back at log-out) count, but open nothing.
        reread_ids=readable_ids(counted) if reread and metered else frozenset(),
        archive_before=archive_before,
    )


def _meter_opens(*, views: int, counted_before: bool, free_limit: int, account_extra: int) -> bool:
    """Whether the meter's answer opens the full text, as the page would decide it."""
    state = MeterState(views=views, counts_this_article=counted_before)
    return decide_with_meter(meter_answer(state=state, free_limit=free_limit, account_extra=account_extra)).full_text


def full_text_scope(*, reader: Reader, now: datetime | None = None) -> FullTextScope:
    """Whose full text this reader may search: exactly the articles
    ``article_access`` would open for them now (gift links aside: a gift
    opens a page, not the archive; and a verified crawler reads the full
    text only on the article page, so search answers it as the reader it
    otherwise is). Nothing is counted."""
    now = now or timezone.now()
    counted = None
    if not reader.is_subscriber:
        # A reader minted by this request has read nothing (and asking the
        # store would hand them a cookie for a search).
        counted = frozenset() if reader.minted else meter_counted(reader=reader.key, now=now)
    return full_text_scope_for(
        is_subscriber=reader.is_subscriber,
        # Search asks as the page would, without counting as meeting the meter
        # (and a reader minted by this request has no arm to keep yet).
        rules=current_rules() if reader.is_subscriber or reader.minted else decision_inputs_for(reader, now=now, record=False).rules,
        now=now,
        counted=counted,
        has_account=reader.user is not None,
    )
