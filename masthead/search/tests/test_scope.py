"""The search's full-text scope is the access decision, asked kind by kind:
for every article and reader it opens exactly what the page's decision
(``decide_without_meter``, then the meter's answer as ``decide_with_meter``
makes it) opens."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from masthead.access.policy import ArticleFacts, decide_with_meter, decide_without_meter
from masthead.access.services import full_text_scope_for
from masthead.metering.policy import MeterState, meter_answer
from masthead.metering.rules import MeterRules

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


@given(
    is_subscriber=st.booleans(),
    is_premium=st.booleans(),
    is_exempt=st.booleans(),
    age=st.sampled_from([timedelta(0), timedelta(days=364, hours=23), timedelta(days=365), timedelta(days=365, seconds=1), timedelta(days=4000)]),
    free_limit=st.integers(0, 4),
    views=st.integers(0, 5),
    this_counted=st.booleans(),
)
def test_the_scope_opens_an_article_exactly_when_the_decision_gives_its_full_text(
    is_subscriber, is_premium, is_exempt, age, free_limit, views, this_counted
):
    rules = MeterRules(free_limit=free_limit, archive_age=timedelta(days=365))
    this_counted = this_counted and views > 0
    # The month's counted articles: ``views`` of them, this one (id 1) among them or not.
    counted = frozenset(range(1, views + 1)) if this_counted else frozenset(range(2, views + 2))
    facts = ArticleFacts(article_id=1, published_at=NOW - age, is_premium=is_premium, is_exempt=is_exempt)
    decision = decide_without_meter(
        is_subscriber=is_subscriber, article=facts, archive_age=rules.archive_age, now=NOW, gifted=False
    ) or decide_with_meter(meter_answer(state=MeterState(views=views, counts_this_article=this_counted), free_limit=free_limit))
    scope = full_text_scope_for(is_subscriber=is_subscriber, rules=rules, now=NOW, counted=counted)
    assert scope.opens(facts) == decision.full_text


@given(
    has_account=st.booleans(),
    is_premium=st.booleans(),
    is_exempt=st.booleans(),
    free_limit=st.integers(0, 4),
    account_extra=st.integers(0, 3),
    views=st.integers(0, 8),
    this_counted=st.booleans(),
)
def test_with_extra_articles_for_an_account_the_scope_still_opens_exactly_what_the_page_does(
    has_account, is_premium, is_exempt, free_limit, account_extra, views, this_counted
):
    """The registration wall's split: an anonymous reader's limit is N, an
    account's N + M; the search opens what the page opens, for each."""
    rules = MeterRules(free_limit=free_limit, account_extra=account_extra, archive_age=timedelta(days=365))
    this_counted = this_counted and views > 0
    counted = frozenset(range(1, views + 1)) if this_counted else frozenset(range(2, views + 2))
    facts = ArticleFacts(article_id=1, published_at=NOW, is_premium=is_premium, is_exempt=is_exempt)
    answer = meter_answer(
        state=MeterState(views=views, counts_this_article=this_counted),
        free_limit=rules.limit_for(has_account=has_account),
        account_extra=rules.extra_for(has_account=has_account),
    )
    decision = decide_without_meter(
        is_subscriber=False, article=facts, archive_age=rules.archive_age, now=NOW, gifted=False
    ) or decide_with_meter(answer)
    scope = full_text_scope_for(is_subscriber=False, rules=rules, now=NOW, counted=counted, has_account=has_account)
    assert scope.opens(facts) == decision.full_text
