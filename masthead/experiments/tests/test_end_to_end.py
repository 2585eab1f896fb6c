"""An experiment of the free allowance, end to end over HTTP: readers split
by their ids, each meeting their arm's allowance on the article page,
exposed once; readers who sign up and pay (localstripe, the Stripe SDK)
convert in the arm they met; the results' intervals are checked against a
reference calculation done here another way."""

import re
from math import sqrt

import pytest
from django.test import Client

from masthead.experiments.models import Conversion, Exposure
from masthead.experiments.selectors import experiment_results
from masthead.testing.accounts import make_staff
from masthead.testing.crawlers import GOOGLEBOT_ADDRESS, GOOGLEBOT_UA
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.stripe import GOOD_CARD, confirm_card
from masthead.testing.subscriptions import make_plan

from .factories import anonymous_ids_in_half, browser_of, bucket_by_hand, make_allowance_experiment, next_account_id_where, sign_up

pytestmark = pytest.mark.django_db

KEY = "allowance-5-or-3"
PAYWALL = "Subscribe now for unlimited access."
FULL = "Second paragraph of the story."
PASSWORD = "a fine long password"


def _reads(browser, stories) -> list[bool]:
    """For each story in turn: did the page show the full text?"""
    pages = [browser.get(story.get_absolute_url()).text for story in stories]
    return [FULL in page and PAYWALL not in page for page in pages]


def _sign_up_and_pay(browser, name, plan):
    """The reader signs up from this browser (so the site links the
    browser's exposure to the new account), then subscribes with a good card."""
    sign_up(browser, email=f"{name}@example.test", password=PASSWORD)
    assert browser.post(f"/subscribe/{plan.slug}/", {"name": name, "state_code": "27", "gstin": ""}).status_code == 302
    setup_id = re.search(r'name="setup_id" value="([^"]+)"', browser.get("/subscribe/pay/").text).group(1)
    confirm_card(setup_id, GOOD_CARD)
    assert "subscription is active" in browser.post("/subscribe/pay/confirm/", {"setup_id": setup_id}, follow=True).text


def _wilson_by_bisection(successes: int, trials: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The reference: the Wilson interval is the set of p with
    (successes/trials − p)² ≤ z²·p(1 − p)/trials; its ends found by bisection."""
    observed = successes / trials

    def outside(p):
        return (observed - p) ** 2 - z * z * p * (1 - p) / trials > 0

    def edge(inside, out):
        for _ in range(200):
            middle = (inside + out) / 2
            inside, out = (inside, middle) if outside(middle) else (middle, out)
        return inside

    low = 0.0 if not outside(0.0) else edge(observed, 0.0)
    high = 1.0 if not outside(1.0) else edge(observed, 1.0)
    return low, high


def test_two_arms_of_the_free_allowance_split_readers_and_convert_in_their_arm(localstripe):
    set_meter(free_limit=5)
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)
    experiment = make_allowance_experiment(arms={"Five (control)": 5, "Three": 3}, key=KEY, sample_size=3)
    stories = [make_article(headline=f"Story {n}") for n in range(5)]
    # Control is buckets 0..4999, "Three" 5000..9999: readers chosen by the hash worked out by hand.
    control_ids = anonymous_ids_in_half(KEY, first_half=True, count=3)
    three_ids = anonymous_ids_in_half(KEY, first_half=False, count=3)
    browsers = {reader_id: browser_of(reader_id) for reader_id in control_ids + three_ids}

    for reader_id in control_ids:
        assert _reads(browsers[reader_id], stories[:4]) == [True, True, True, True]
    for reader_id in three_ids:
        blocked = browsers[reader_id].get(stories[3].get_absolute_url()) if _reads(browsers[reader_id], stories[:3]) == [True] * 3 else None
        assert blocked is not None and PAYWALL in blocked.text
        assert "You’ve reached your limit of 3 free articles this month." in blocked.text
    # Reading on (and re-reading) records no second exposure.
    _reads(browsers[control_ids[0]], stories)
    arm_of = dict(Exposure.objects.filter(experiment=experiment).values_list("reader", "arm__name"))
    assert arm_of == {f"a:{i}": "Five (control)" for i in control_ids} | {f"a:{i}": "Three" for i in three_ids}

    # Staff and a verified crawler are in no arm: the setting as it is, and no exposure.
    staff = Client()
    staff.force_login(make_staff())
    assert _reads(staff, stories[:4]) == [True] * 4
    crawler = Client(HTTP_USER_AGENT=GOOGLEBOT_UA, REMOTE_ADDR=GOOGLEBOT_ADDRESS)
    assert _reads(crawler, stories[:4]) == [True] * 4
    assert Exposure.objects.filter(experiment=experiment).count() == 6

    # One control reader and two of "Three" sign up and pay.
    _sign_up_and_pay(browsers[control_ids[0]], "asha", plan)
    _sign_up_and_pay(browsers[three_ids[0]], "ravi", plan)
    _sign_up_and_pay(browsers[three_ids[1]], "meera", plan)

    converted = {c.exposure.reader: c.exposure.arm.name for c in Conversion.objects.select_related("exposure__arm")}
    assert converted == {f"a:{control_ids[0]}": "Five (control)", f"a:{three_ids[0]}": "Three", f"a:{three_ids[1]}": "Three"}
    assert Exposure.objects.get(reader=f"a:{three_ids[0]}").user.email == "ravi@example.test"

    result = experiment_results(experiment)
    control, three = result.arms
    assert (control.name, control.exposed, control.conversions, control.is_control) == ("Five (control)", 3, 1, True)
    assert (three.name, three.exposed, three.conversions) == ("Three", 3, 2)
    assert result.sample_reached  # three readers an arm, as declared
    for arm in (control, three):
        low, high = _wilson_by_bisection(arm.conversions, arm.exposed)
        assert arm.rate_interval.low == pytest.approx(low, abs=1e-9)
        assert arm.rate_interval.high == pytest.approx(high, abs=1e-9)
    # Newcombe's hybrid score interval, built from the reference Wilson ends.
    (l1, u1), (l0, u0) = _wilson_by_bisection(2, 3), _wilson_by_bisection(1, 3)
    p1, p0 = 2 / 3, 1 / 3
    assert three.difference == pytest.approx(1 / 3)
    assert three.difference_interval.low == pytest.approx(p1 - p0 - sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2), abs=1e-9)
    assert three.difference_interval.high == pytest.approx(p1 - p0 + sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2), abs=1e-9)
    assert "No arm differs from control beyond chance" in result.verdict


def test_an_existing_account_logging_in_reads_by_its_own_arm_and_takes_nothing_from_the_browser(django_user_model):
    set_meter(free_limit=5)
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, key=KEY)
    stories = [make_article(headline=f"Story {n}") for n in range(6)]
    (browser_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)  # "Three"
    # An account whose own id lands in control.
    account_pk = next(pk for pk in range(1000, 2000) if bucket_by_hand(KEY, f"u:{pk}") < 5_000)
    django_user_model.objects.create_user(id=account_pk, username="asha", email="asha@example.test", password=PASSWORD)
    browser = browser_of(browser_id)
    browser.get(stories[0].get_absolute_url())
    assert browser.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302

    # The account reads by its own arm on every device (a reader id cannot choose it)...
    phone = Client()
    assert phone.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302
    assert _reads(phone, stories[1:6]) == [True, True, True, True, False]  # story 0 counted too: five, its arm's
    # ...and the browser's exposure stays the browser's: the account's payment converts its own arm.
    exposures = dict(Exposure.objects.filter(experiment=experiment).values_list("reader", "user_id"))
    assert exposures == {f"a:{browser_id}": None, f"u:{account_pk}": account_pk}
    assert Exposure.objects.get(user_id=account_pk).arm.name == "Five"


def test_a_reader_who_signs_up_keeps_the_browsers_arm_on_every_device():
    set_meter(free_limit=5)
    experiment = make_allowance_experiment(arms={"Five": 5, "Three": 3}, key=KEY)
    stories = [make_article(headline=f"Story {n}") for n in range(6)]
    (browser_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)  # "Three"
    # The new account's own id lands in control.
    account_pk = next_account_id_where(lambda pk: bucket_by_hand(KEY, f"u:{pk}") < 5_000)
    browser = browser_of(browser_id)
    browser.get(stories[0].get_absolute_url())
    assert sign_up(browser, email="asha@example.test", password=PASSWORD).pk == account_pk

    # The account reads by the arm it met on the browser, on every device...
    phone = Client()
    assert phone.post("/accounts/login/", {"login": "asha@example.test", "password": PASSWORD}).status_code == 302
    assert _reads(phone, stories[1:4]) == [True, True, False]  # story 0 counted too: three, the browser's arm's
    # ...and its payment converts that exposure, the one the reader met first.
    assert Exposure.objects.filter(experiment=experiment).count() == 1
    assert Exposure.objects.get().user.pk == account_pk
    assert Exposure.objects.get().arm.name == "Three"
