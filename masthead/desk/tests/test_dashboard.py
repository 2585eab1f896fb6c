"""/desk/: who may open it, what it shows, and its CSV."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.desk.models import DayFigures
from masthead.desk.services import desk_rollup
from masthead.subscriptions.models import EventReason as R, SubscriptionStatus as S
from masthead.testing.subscriptions import make_plan

from .history import at, move, payment, subscription

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _member_of(group: str, name: str, **fields):
    user = get_user_model().objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20, is_staff=True, **fields)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def today():
    return local_date(timezone.now())


@pytest.fixture
def figures(today):
    """Two quarterly subscribers this week (one since last week) and a yearly
    one for 20 days, rolled up for 60 days."""
    plan = make_plan(name="Smart Quarterly", price_minor=900_00, term_months=3)
    yearly = make_plan(name="Smart Essential", price_minor=2_700_00, term_months=12)
    other = subscription(yearly)
    move(other, S.ACTIVE, R.FIRST_PAYMENT, at(today - timedelta(days=20), 9))
    old = subscription(plan)
    move(old, S.ACTIVE, R.FIRST_PAYMENT, at(today - timedelta(days=40), 9))
    payment(old, term=1, created=at(today - timedelta(days=40), 9))
    new = subscription(plan)
    move(new, S.ACTIVE, R.FIRST_PAYMENT, at(today - timedelta(days=3), 9))
    payment(new, term=1, created=at(today - timedelta(days=3), 9))
    desk_rollup(first=today - timedelta(days=59), last=today)
    return {"quarterly": plan, "yearly": yearly}


def test_business_staff_see_the_numbers_with_their_change(figures):
    page = _client(_member_of("Business", "sales")).get("/desk/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Business desk" in text
    assert "₹825" in text  # MRR: two subscribers at ₹300 a month, one at ₹225
    assert "+₹525 (+175.0%)" in text  # against the 30 days before, when one paid ₹300
    assert "<svg" in text and "<table>" in text and "style=" not in text
    assert text.count("format=csv") == 4


def test_a_superuser_may_open_the_desk(figures):
    admin = get_user_model().objects.create_superuser(username="root", email="root@example.test", password="x" * 20)
    assert _client(admin).get("/desk/").status_code == 200


@pytest.mark.parametrize("group", ["Support", "Newsroom", ""])
def test_other_staff_and_readers_are_refused(figures, group):
    user = _member_of(group, f"not-business-{group}") if group else get_user_model().objects.create_user(
        username="reader", email="reader@example.test", password="x" * 20
    )
    page = _client(user).get("/desk/")
    assert page.status_code == 403
    assert "₹825" not in page.content.decode()
    assert _client(user).get("/desk/?format=csv").status_code == 403


def test_someone_signed_out_is_sent_to_log_in():
    page = Client().get("/desk/")
    assert page.status_code == 302 and page["Location"].startswith("/accounts/login/?next=/desk/")


def test_a_range_and_its_csv(figures, today):
    client = _client(_member_of("Business", "sales"))
    first, last = today - timedelta(days=6), today
    answer = client.get(f"/desk/?from={first}&to={last}&format=csv&table=mrr")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/csv")
    assert answer["Content-Disposition"] == f'attachment; filename="desk-mrr-{first}-{last}.csv"'
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert rows[0] == ["Day", "MRR (INR)", "Paying subscribers"]
    assert rows[1] == [first.isoformat(), "525.00", "2"]  # the second quarterly subscriber came three days ago
    assert rows[-1] == [last.isoformat(), "825.00", "3"]
    assert len(rows) == 1 + 7

    flows = list(csv.reader(io.StringIO(client.get(f"/desk/?from={first}&to={last}&format=csv&table=flows").content.decode())))
    assert flows[0] == ["Day", "New", "Churned", "Net adds"]
    assert [row[1] for row in flows[1:]] == ["0", "0", "0", "1", "0", "0", "0"]

    everything = list(csv.reader(io.StringIO(client.get(f"/desk/?from={first}&to={last}&format=csv").content.decode())))
    assert everything[0][:3] == ["Day", "Trial", "Active"] and len(everything) == 8
    assert everything[-1][everything[0].index("MRR (INR)")] == "825.00"


@pytest.mark.parametrize(
    "query, says",
    [
        ("from=2026-02-30", "No such date."),
        ("from=yesterday", "YYYY-MM-DD"),
        ("from=2026-11-10&to=2026-11-01", "comes after"),
        ("to=2999-01-01", "at the latest"),
        ("from=2020-01-01&to=2026-11-01", "at most"),
        ("from=0001-01-01", "outside the calendar"),
        ("to=9999-12-31", "outside the calendar"),
        ("from=%D9%A2%D9%A0%D9%A2%D9%A6-01-01", "YYYY-MM-DD"),  # Arabic-Indic digits
        ("from=" + "9" * 5000, "YYYY-MM-DD"),
    ],
)
def test_a_range_that_cannot_be_read_is_a_clear_400(figures, query, says):
    page = _client(_member_of("Business", "sales")).get(f"/desk/?{query}")
    assert page.status_code == 400
    assert says in page.content.decode()


def test_one_plan_at_a_time(figures, today):
    client = _client(_member_of("Business", "sales"))
    quarterly = figures["quarterly"]
    text = client.get(f"/desk/?plan={quarterly.pk}").content.decode()
    assert "<strong>Smart Quarterly</strong> only" in text
    assert "₹600" in text and "₹825" not in text
    assert f"plan={quarterly.pk}&amp;format=csv&amp;table=mrr" in text
    answer = client.get(f"/desk/?plan={figures['yearly'].pk}&format=csv&table=mrr&from={today}&to={today}")
    assert answer["Content-Disposition"] == f'attachment; filename="desk-mrr-plan{figures["yearly"].pk}-{today}-{today}.csv"'
    assert list(csv.reader(io.StringIO(answer.content.decode())))[1:] == [[today.isoformat(), "225.00", "1"]]


@pytest.mark.parametrize("plan", ["999999", "abc", "0", "9" * 30])
def test_an_unknown_plan_is_a_clear_400(figures, plan):
    page = _client(_member_of("Business", "sales")).get(f"/desk/?plan={plan}")
    assert page.status_code == 400
    assert any(says in page.content.decode() for says in ("No such plan.", "Give an id in digits 0-9.", "No such id."))


def test_an_unknown_table_is_refused(figures):
    answer = _client(_member_of("Business", "sales")).get("/desk/?format=csv&table=secrets")
    assert answer.status_code == 400 and b"No such table" in answer.content


def test_days_not_rolled_up_are_said_so(figures, today):
    DayFigures.objects.filter(day=today).delete()
    text = _client(_member_of("Business", "sales")).get("/desk/").content.decode()
    assert "1 day in this range has no figures yet" in text
    assert "not rolled up" in text


def test_a_change_is_coloured_by_what_it_means_and_no_advert_sits_above_the_desk(figures, today):
    from masthead.desk.dashboard import Card

    assert Card("Churned", "1", "−2", "down", "", fewer_is_better=True).tone == "good"
    assert Card("Refunds", "₹900", "+₹900", "up", "", fewer_is_better=True).tone == "bad"
    assert Card("MRR", "₹900", "+₹900", "up", "").tone == "good"
    assert Card("MRR", "₹0", "−₹900", "down", "").tone == "bad"
    assert Card("MRR", "₹0", "no change", "flat", "").tone == "flat"
    from masthead.ads.models import AdPosition, AdSlot

    AdSlot.objects.create(position=AdPosition.LEADERBOARD, house_headline="Read the e-paper tonight")
    client = _client(_member_of("Business", "sales"))
    assert "Advertisement" in client.get("/").content.decode()  # the reader pages keep theirs
    text = client.get("/desk/").content.decode()
    assert 'desk-card__change--good">+₹525' in text
    assert "Advertisement" not in text


@pytest.mark.parametrize(("minor", "shown"), [(0, "0.00"), (5, "0.05"), (150, "1.50"), (-150, "-1.50"), (-5, "-0.05"), (1234567, "12345.67")])
def test_money_in_a_csv_is_rupees_with_two_decimals_either_side_of_zero(minor, shown):
    from masthead.desk.dashboard import _csv_rupees

    assert _csv_rupees(minor) == shown
