"""The meter's rule: whether one more article fits in a reader's period.
(What the page makes of the answer: access/tests/test_policy.py.)"""

from hypothesis import given
from hypothesis import strategies as st

from masthead.metering.policy import MeterAnswer, MeterState, MeterVerdict, meter_answer


def test_under_the_limit_a_new_article_is_free_and_is_the_next_one_counted():
    # "Your 3rd of 5": the view being allowed is the one the store records.
    assert meter_answer(state=MeterState(2, False), free_limit=5) == MeterAnswer(MeterVerdict.FREE, 3, 5)
    assert meter_answer(state=MeterState(4, False), free_limit=5) == MeterAnswer(MeterVerdict.FREE, 5, 5)


def test_a_counted_article_is_free_again_even_past_the_limit():
    assert meter_answer(state=MeterState(5, True), free_limit=5) == MeterAnswer(MeterVerdict.ALREADY_COUNTED, 5, 5)
    # Staff lowered the limit to 3 after the reader had read 5.
    assert meter_answer(state=MeterState(5, True), free_limit=3) == MeterAnswer(MeterVerdict.ALREADY_COUNTED, 5, 3)


def test_a_new_article_at_the_limit_is_refused():
    assert meter_answer(state=MeterState(5, False), free_limit=5) == MeterAnswer(MeterVerdict.EXHAUSTED, 5, 5)


def test_a_zero_limit_refuses_every_new_article():
    assert meter_answer(state=MeterState(0, False), free_limit=0) == MeterAnswer(MeterVerdict.EXHAUSTED, 0, 0)


@given(
    limit=st.integers(min_value=0, max_value=50),
    views=st.integers(min_value=0, max_value=60),
    counted=st.booleans(),
)
def test_the_meter_never_counts_past_the_limit(limit, views, counted):
    answer = meter_answer(state=MeterState(views, counted), free_limit=limit)
    assert answer.free_limit == limit
    if counted:
        assert answer == MeterAnswer(MeterVerdict.ALREADY_COUNTED, views, limit)
    elif views < limit:
        assert answer == MeterAnswer(MeterVerdict.FREE, views + 1, limit)
        assert answer.views <= limit
    else:
        assert answer == MeterAnswer(MeterVerdict.EXHAUSTED, views, limit)
