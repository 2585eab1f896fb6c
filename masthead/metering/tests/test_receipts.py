"""The reader's receipt: what it may say, and what it never says."""

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from masthead.metering.policy import MeterAnswer, MeterState, MeterVerdict
from masthead.metering.receipts import RECEIPT_MAX_ARTICLES, MeterReceipt, receipt_after, receipt_decode, receipt_for_new_reader

PERIOD = "2026-12"
FREE, ALREADY, EXHAUSTED = MeterVerdict.FREE, MeterVerdict.ALREADY_COUNTED, MeterVerdict.EXHAUSTED


@given(
    st.integers(min_value=0, max_value=500),
    st.frozensets(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=RECEIPT_MAX_ARTICLES),
)
def test_a_receipt_reads_back_as_written(views, article_ids):
    receipt = MeterReceipt(period=PERIOD, views=views, article_ids=article_ids)
    assert receipt_decode(receipt.encode()) == receipt


def test_what_is_not_a_receipt_reads_as_none():
    for text in ("", "2026-12", "2026-12.x.1", "2026-12.2.", "26-12.2.1", "2026-12.2.1-a",
                 "2026-12.2." + "-".join(str(n) for n in range(1, RECEIPT_MAX_ARTICLES + 2))):  # fmt: skip
        assert receipt_decode(text) is None, text


def test_a_re_read_is_known_only_for_an_article_on_this_months_receipt():
    receipt = MeterReceipt(period=PERIOD, views=3, article_ids=frozenset({7, 9}))
    assert receipt.state_for(period=PERIOD, article_id=9) == MeterState(views=3, counts_this_article=True)
    assert receipt.state_for(period=PERIOD, article_id=8) is None
    assert receipt.state_for(period="2027-01", article_id=9) is None
    # Its count is a floor for this month only: the store may hold more.
    assert receipt.views_at_least(period=PERIOD) == 3
    assert receipt.views_at_least(period="2027-01") is None


def test_a_new_readers_receipt_knows_every_article_is_new_this_month(settings):
    settings.TIME_ZONE = "Asia/Kolkata"
    receipt = receipt_for_new_reader(datetime(2026, 11, 30, 18, 30, tzinfo=UTC))
    assert receipt.period == PERIOD and receipt.complete
    assert receipt.state_for(period=PERIOD, article_id=4) == MeterState(views=0, counts_this_article=False)
    assert receipt.state_for(period="2027-01", article_id=4) is None
    counted = receipt_after(receipt, period=PERIOD, article_id=4, answer=MeterAnswer(FREE, 1, 5), count=True)
    assert counted.state_for(period=PERIOD, article_id=4) == MeterState(views=1, counts_this_article=True)
    assert counted.state_for(period=PERIOD, article_id=5) == MeterState(views=1, counts_this_article=False)


def test_a_receipt_read_from_a_cookie_never_claims_to_know_everything():
    receipt = receipt_decode(MeterReceipt(period=PERIOD, views=1, article_ids=frozenset({4}), complete=True).encode())
    assert receipt == MeterReceipt(period=PERIOD, views=1, article_ids=frozenset({4}))
    assert not receipt.complete and receipt.state_for(period=PERIOD, article_id=5) is None


def test_only_a_counted_page_view_goes_on_the_receipt():
    first = receipt_after(None, period=PERIOD, article_id=4, answer=MeterAnswer(FREE, 2, 5), count=True)
    assert first == MeterReceipt(period=PERIOD, views=2, article_ids=frozenset({4}))
    # A HEAD request or a search snippet spends nothing, so shows nothing new.
    assert receipt_after(first, period=PERIOD, article_id=5, answer=MeterAnswer(FREE, 3, 5), count=False) == first
    assert receipt_after(first, period=PERIOD, article_id=6, answer=MeterAnswer(EXHAUSTED, 5, 5), count=True) == first
    already = receipt_after(first, period=PERIOD, article_id=8, answer=MeterAnswer(ALREADY, 4, 5), count=True)
    assert already == MeterReceipt(period=PERIOD, views=4, article_ids=frozenset({4, 8}))


def test_a_new_month_starts_a_new_receipt():
    old = MeterReceipt(period="2026-11", views=5, article_ids=frozenset({1, 2, 3, 4, 5}))
    new = receipt_after(old, period=PERIOD, article_id=9, answer=MeterAnswer(FREE, 1, 5), count=True)
    assert new == MeterReceipt(period=PERIOD, views=1, article_ids=frozenset({9}))


def test_a_full_receipt_keeps_its_articles_and_the_newest_count():
    full = MeterReceipt(period=PERIOD, views=RECEIPT_MAX_ARTICLES, article_ids=frozenset(range(1, RECEIPT_MAX_ARTICLES + 1)))
    after = receipt_after(full, period=PERIOD, article_id=999, answer=MeterAnswer(FREE, 31, 50), count=True)
    assert after == MeterReceipt(period=PERIOD, views=31, article_ids=full.article_ids)
    # A complete one that fills up no longer lists them all.
    complete = MeterReceipt(period=PERIOD, views=RECEIPT_MAX_ARTICLES, article_ids=full.article_ids, complete=True)
    after = receipt_after(complete, period=PERIOD, article_id=999, answer=MeterAnswer(FREE, 31, 50), count=True)
    assert not after.complete and after.state_for(period=PERIOD, article_id=999) is None


def test_a_receipt_needs_a_month_shaped_like_2026_12():
    for period in ("2026x12", "2026-1", "202-12", "2026-123"):
        assert receipt_decode(f"{period}.2.1") is None, period
    assert receipt_decode("2026-12.2.1") == MeterReceipt(period=PERIOD, views=2, article_ids=frozenset({1}))


def test_a_receipt_holds_up_to_the_maximum_number_of_articles():
    ids = "-".join(str(n) for n in range(1, RECEIPT_MAX_ARTICLES + 1))
    receipt = receipt_decode(f"{PERIOD}.{RECEIPT_MAX_ARTICLES}.{ids}")
    assert receipt is not None and len(receipt.article_ids) == RECEIPT_MAX_ARTICLES
