"""The meter's one call, as the article page makes it: the receipt the
request knows in, the answer and the next receipt out."""

import uuid

import pytest
from django.utils import timezone

from masthead.testing.metering import set_meter
from masthead.metering.period import meter_period
from masthead.metering.policy import MeterAnswer, MeterVerdict
from masthead.metering.receipts import MeterReceipt, receipt_for_new_reader
from masthead.metering.services import meter_hold_to, meter_left, meter_merge, meter_view
from masthead.metering.stores import meter_store

pytestmark = pytest.mark.django_db

FREE, ALREADY, EXHAUSTED = MeterVerdict.FREE, MeterVerdict.ALREADY_COUNTED, MeterVerdict.EXHAUSTED


def _reader() -> str:
    return f"a:{uuid.uuid4().hex}"


@pytest.fixture
def store_calls(monkeypatch) -> list[str]:
    """The names of the meter store's calls, in order."""
    store, calls = type(meter_store()), []
    for name in ("state", "record"):
        original = getattr(store, name)
        monkeypatch.setattr(
            store, name, lambda self, _name=name, _original=original, **kw: calls.append(_name) or _original(self, **kw)
        )
    return calls


def test_the_store_answers_with_the_count_a_reader_sees():
    set_meter(free_limit=2)
    reader = _reader()

    def view(article_id):
        return meter_view(reader=reader, article_id=article_id, receipt=None)[0]

    assert view(1) == MeterAnswer(FREE, 1, 2)
    assert view(1) == MeterAnswer(ALREADY, 1, 2)
    assert view(2) == MeterAnswer(FREE, 2, 2)
    assert view(3) == MeterAnswer(EXHAUSTED, 2, 2)
    assert view(2) == MeterAnswer(ALREADY, 2, 2)


def test_each_counted_view_goes_on_the_receipt_and_a_refused_one_does_not():
    set_meter(free_limit=2)
    reader, period = _reader(), meter_period(timezone.now())
    _, receipt = meter_view(reader=reader, article_id=1, receipt=None)
    assert receipt == MeterReceipt(period=period, views=1, article_ids=frozenset({1}))
    _, receipt = meter_view(reader=reader, article_id=2, receipt=receipt)
    assert receipt == MeterReceipt(period=period, views=2, article_ids=frozenset({1, 2}))
    answer, after = meter_view(reader=reader, article_id=3, receipt=receipt)
    assert answer.verdict == EXHAUSTED and after == receipt


def test_a_re_read_on_the_receipt_never_reaches_the_store(store_calls):
    set_meter(free_limit=5)
    receipt = MeterReceipt(period=meter_period(timezone.now()), views=3, article_ids=frozenset({7}))
    answer, after = meter_view(reader=_reader(), article_id=7, receipt=receipt)
    assert answer == MeterAnswer(ALREADY, 3, 5) and after == receipt
    assert store_calls == []


def test_a_new_readers_first_article_is_counted_without_reading_the_store_first(store_calls):
    set_meter(free_limit=5)
    reader = _reader()
    answer, receipt = meter_view(reader=reader, article_id=7, receipt=receipt_for_new_reader(timezone.now()))
    assert answer == MeterAnswer(FREE, 1, 5)
    assert store_calls == ["record"]
    assert meter_store().articles(reader=reader, period=receipt.period) == [7]


def test_a_view_that_does_not_count_spends_nothing_and_changes_no_receipt():
    set_meter(free_limit=1)
    reader = _reader()
    receipt = receipt_for_new_reader(timezone.now())
    answer, after = meter_view(reader=reader, article_id=7, receipt=receipt, count=False)
    assert answer == MeterAnswer(FREE, 1, 1) and after == receipt
    assert meter_view(reader=reader, article_id=8, receipt=None)[0] == MeterAnswer(FREE, 1, 1)


def test_a_receipt_behind_the_store_cannot_open_more_than_the_limit():
    set_meter(free_limit=2)
    reader = _reader()
    _, old = meter_view(reader=reader, article_id=1, receipt=None)
    meter_view(reader=reader, article_id=2, receipt=old)
    # The old receipt, replayed, says one is left; the store says none.
    answer, after = meter_view(reader=reader, article_id=3, receipt=old)
    assert answer == MeterAnswer(EXHAUSTED, 2, 2) and after == old


def test_logging_in_carries_the_periods_articles_into_the_account_once_and_within_the_limit():
    set_meter(free_limit=3)
    anonymous, account = _reader(), "u:1"
    for article_id in (1, 2, 3):
        meter_view(reader=anonymous, article_id=article_id, receipt=None)
    meter_view(reader=account, article_id=1, receipt=None)
    meter_view(reader=account, article_id=9, receipt=None)
    meter_merge(from_reader=anonymous, to_reader=account)
    period = meter_period(timezone.now())
    assert meter_store().articles(reader=account, period=period) == [1, 9, 2]
    # The anonymous count stays: logging out hands back nothing.
    assert meter_store().articles(reader=anonymous, period=period) == [1, 2, 3]


def test_a_reader_held_to_where_another_stopped_has_no_more_left_and_opens_no_story():
    set_meter(free_limit=5)
    account = "u:7"
    meter_view(reader=account, article_id=1, receipt=None)
    assert meter_left(reader=account, limit=5) == 4
    # Held to one left: three more are counted, none of them a story.
    assert meter_hold_to(reader=account, left=1, limit=5) == 3
    assert meter_left(reader=account, limit=5) == 1
    counted = meter_store().articles(reader=account, period=meter_period(timezone.now()))
    assert counted[0] == 1 and all(entry < 0 for entry in counted[1:])
    # Holding again, or to more than they have left, counts nothing more.
    assert meter_hold_to(reader=account, left=1, limit=5) == 0
    assert meter_hold_to(reader=account, left=3, limit=5) == 0
    # Held to none left: the rest, and never past the limit.
    assert meter_hold_to(reader=account, left=0, limit=5) == 1
    assert meter_left(reader=account, limit=5) == 0 and len(meter_store().articles(reader=account, period=meter_period(timezone.now()))) == 5
