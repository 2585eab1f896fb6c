"""An experiment of the offer shown: each arm's readers see its offer (or
none) on the meter's paywall and the plans page; checkout applies it only
to a reader counted in that arm, and only while it may be taken; the page
cache never hands one arm's offer to another's reader."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.experiments.models import Conversion, Exposure, Variable
from masthead.experiments.services import conversion_record, exposure_link
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.models import Offer, Plan, Subscription
from masthead.testing.accounts import make_staff
from masthead.testing.metering import set_meter
from masthead.testing.newsroom import make_article
from masthead.testing.subscriptions import make_offer, make_plan

from .factories import anonymous_ids_in_half, browser_of, make_experiment

pytestmark = pytest.mark.django_db
KEY = "offer-test"
OFFER_PRICE = "₹450"


@pytest.fixture
def quarterly():
    Plan.objects.update(is_active=False)  # only this test's plans on sale
    make_plan(name="Smart Annual", slug="smart-annual", price_minor=2700_00, term_months=12)
    return make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3)


@pytest.fixture
def welcome(quarterly):
    return make_offer(quarterly, name="Welcome offer")


def _offer_experiment(offer):
    return make_experiment(
        variable=Variable.OFFER_SHOWN, arms={"No offer": {}, "Welcome": {"offer": offer}}, key=KEY
    )


def _ids():
    (control_id,) = anonymous_ids_in_half(KEY, first_half=True, count=1)
    (offer_id,) = anonymous_ids_in_half(KEY, first_half=False, count=1)
    return control_id, offer_id


def _shown_offer(page: str) -> str:
    return re.search(r'name="offer_shown" value="([^"]*)"', page).group(1)


def test_each_arm_sees_its_offer_on_the_paywall_and_the_cache_keeps_them_apart(welcome):
    set_meter(free_limit=0)
    experiment = _offer_experiment(welcome)
    control_id, offer_id = _ids()
    story = make_article(headline="Story")

    pages = {reader_id: browser_of(reader_id).get(story.get_absolute_url()).text for reader_id in (offer_id, control_id)}

    assert "Welcome offer" in pages[offer_id] and OFFER_PRICE in pages[offer_id]
    assert "Welcome offer" not in pages[control_id] and OFFER_PRICE not in pages[control_id]
    assert "₹900" in pages[control_id]
    assert dict(Exposure.objects.filter(experiment=experiment).values_list("reader", "arm__name")) == {
        f"a:{control_id}": "No offer", f"a:{offer_id}": "Welcome"
    }


def test_the_plans_page_shows_the_arms_offer_on_its_plans_only(welcome):
    experiment = _offer_experiment(welcome)
    control_id, offer_id = _ids()
    page = browser_of(offer_id).get("/subscribe/").text
    quarterly, annual = page.split('<h3 class="plan__name">Smart Quarterly</h3>')[1], page.split("Smart Annual")[1]
    assert OFFER_PRICE in quarterly.split("</li>")[0]  # the offer's plan at the offer's price
    assert OFFER_PRICE not in annual.split("</li>")[0] and "₹2,700" in annual.split("</li>")[0]
    assert OFFER_PRICE not in browser_of(control_id).get("/subscribe/").text
    assert Exposure.objects.filter(experiment=experiment).count() == 2


def test_a_reader_shown_the_offer_signs_up_and_checkout_applies_it(welcome, django_user_model):
    _offer_experiment(welcome)
    _, offer_id = _ids()
    browser = browser_of(offer_id)
    browser.get("/subscribe/")
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test")
    exposure_link(anonymous_reader=f"a:{offer_id}", user=reader)  # as the log-in does
    browser.force_login(reader)

    checkout = browser.get("/subscribe/smart-quarterly/").text
    assert "Welcome offer" in checkout and _shown_offer(checkout) == str(welcome.pk)
    browser.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27", "gstin": "", "offer_shown": str(welcome.pk)})
    subscription = Subscription.objects.get(user=reader)
    assert (subscription.offer, subscription.offer_price_minor) == (welcome, 450_00)


def test_a_reader_not_shown_the_offer_cannot_take_it(welcome, django_user_model):
    _offer_experiment(welcome)
    control_id, _ = _ids()
    browser = browser_of(control_id)
    browser.get("/subscribe/")
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test")
    exposure_link(anonymous_reader=f"a:{control_id}", user=reader)
    browser.force_login(reader)

    checkout = browser.get("/subscribe/smart-quarterly/").text
    assert "Welcome offer" not in checkout and _shown_offer(checkout) == ""
    # Saying it was shown changes nothing: the price shown is the plan's own.
    answer = browser.post(
        "/subscribe/smart-quarterly/",
        {"name": "Asha Rao", "state_code": "27", "gstin": "", "offer_shown": str(welcome.pk)},
        follow=True,
    )
    assert "The price has changed since this page was shown." in answer.text
    assert not Subscription.objects.filter(user=reader, offer__isnull=False).exists()


def test_an_account_never_exposed_is_offered_nothing_at_checkout(welcome, django_user_model):
    _offer_experiment(welcome)
    # Accounts straight to checkout, never shown the plans: none gets the offer, whatever their arm.
    for n in range(6):
        reader = django_user_model.objects.create_user(username=f"r{n}", email=f"r{n}@example.test")
        browser = browser_of(f"{n:032x}")
        browser.force_login(reader)
        assert _shown_offer(browser.get("/subscribe/smart-quarterly/").text) == ""


def test_an_offer_that_ended_is_shown_to_nobody_and_applied_to_nobody(welcome, django_user_model):
    _offer_experiment(welcome)
    _, offer_id = _ids()
    browser = browser_of(offer_id)
    browser.get("/subscribe/")
    Offer.objects.filter(pk=welcome.pk).update(ends_at=timezone.now())
    assert OFFER_PRICE not in browser.get("/subscribe/").text
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test")
    exposure_link(anonymous_reader=f"a:{offer_id}", user=reader)
    browser.force_login(reader)
    checkout = browser.get("/subscribe/smart-quarterly/").text
    assert _shown_offer(checkout) == "" and "This offer has ended" not in checkout


def test_staff_see_no_offer_and_are_not_exposed(welcome):
    experiment = _offer_experiment(welcome)
    _, offer_id = _ids()
    browser = browser_of(offer_id)
    browser.force_login(make_staff(username="desk"))
    assert OFFER_PRICE not in browser.get("/subscribe/").text
    assert not Exposure.objects.filter(experiment=experiment).exists()


def test_the_offers_checkout_converts_the_offers_arm(welcome, django_user_model):
    experiment = _offer_experiment(welcome)
    _, offer_id = _ids()
    browser = browser_of(offer_id)
    browser.get("/subscribe/")
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test")
    exposure_link(anonymous_reader=f"a:{offer_id}", user=reader)
    browser.force_login(reader)
    browser.post("/subscribe/smart-quarterly/", {"name": "Asha Rao", "state_code": "27", "gstin": "", "offer_shown": str(welcome.pk)})
    subscription = Subscription.objects.get(user=reader)
    conversion_record(
        Payment.objects.create(
            subscription=subscription, amount_minor=subscription.offer_price_minor, term_number=1, charge_key="k1",
            status=PaymentStatus.SUCCEEDED, succeeded_at=timezone.now() + timedelta(seconds=1),
        )  # fmt: skip
    )
    assert list(Conversion.objects.values_list("exposure__experiment", "exposure__arm__name")) == [(experiment.pk, "Welcome")]


def test_a_reader_who_only_read_free_articles_was_shown_no_offer_and_checkout_applies_none(welcome, django_user_model):
    set_meter(free_limit=3)
    experiment = _offer_experiment(welcome)
    _, offer_id = _ids()
    browser = browser_of(offer_id)
    browser.get(make_article(headline="Free").get_absolute_url())
    assert not Exposure.objects.filter(experiment=experiment).exists()
    reader = django_user_model.objects.create_user(username="asha", email="asha@example.test")
    exposure_link(anonymous_reader=f"a:{offer_id}", user=reader)
    browser.force_login(reader)
    assert _shown_offer(browser.get("/subscribe/smart-quarterly/").text) == ""


def test_an_account_sees_and_gets_the_offer_of_the_arm_it_is_counted_in_wherever_it_reads(welcome, django_user_model):
    from .factories import bucket_by_hand

    set_meter(free_limit=0)
    experiment = _offer_experiment(welcome)
    _, offer_id = _ids()
    browser = browser_of(offer_id)
    assert OFFER_PRICE in browser.get(make_article(headline="First").get_absolute_url()).text
    # An account whose own id would fall in the arm without the offer.
    reader = next(
        user for n in range(50)
        if bucket_by_hand(KEY, f"u:{(user := django_user_model.objects.create_user(username=f'r{n}', email=f'r{n}@example.test')).pk}") < 5_000
    )  # fmt: skip
    exposure_link(anonymous_reader=f"a:{offer_id}", user=reader)  # signed up from that paywall
    browser.force_login(reader)
    assert OFFER_PRICE in browser.get(make_article(headline="Second").get_absolute_url()).text
    assert OFFER_PRICE in browser.get("/subscribe/").text
    assert _shown_offer(browser.get("/subscribe/smart-quarterly/").text) == str(welcome.pk)
    assert list(Exposure.objects.filter(experiment=experiment).values_list("user", "arm__name")) == [(reader.pk, "Welcome")]
