"""Two tabs opening "Change payment card" at once, for a subscriber whose
billing profile names no customer at the site's provider yet (the demo
subscriber, or one who never paid through it).

Each page made its own customer at Stripe and the last one recorded won: the
card entered in the other tab, on the reader's own page, was refused with
"That card was not entered on your payment page".
"""

import re

import pytest
from django.test import Client

from masthead.payments.models import BillingProfile
from masthead.payments.providers.stripe import StripeProvider
from masthead.subscriptions import services
from masthead.testing.stripe import GOOD_CARD, confirm_card
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _shown_setup(page) -> str:
    return re.search(r'name="setup_id" value="(seti_[^"]+)"', page.text).group(1)


def test_a_card_entered_in_either_of_two_tabs_opened_at_once_is_saved(localstripe, django_user_model, monkeypatch):
    reader = django_user_model.objects.create_user(username="nila", email="nila@example.test", password="a long password here")
    BillingProfile.objects.create(user=reader, name="Nila", state_code="27")
    services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=make_plan()))
    browser = Client()
    browser.force_login(reader)

    real_customer = StripeProvider.customer
    other_tab = {}

    def the_other_tab_opens_meanwhile(self, **kwargs):
        made = real_customer(self, **kwargs)
        if not other_tab:
            other_tab["opening"] = True
            other_tab["page"] = browser.get("/account/card/")
        return made

    monkeypatch.setattr(StripeProvider, "customer", the_other_tab_opens_meanwhile)
    first_tab = browser.get("/account/card/")
    monkeypatch.setattr(StripeProvider, "customer", real_customer)

    for page in (other_tab["page"], first_tab):
        setup_id = _shown_setup(page)
        confirm_card(setup_id, GOOD_CARD)
        saved = browser.post("/account/card/", {"setup_id": setup_id}, follow=True)
        assert "Your new card is saved." in saved.text, [str(m) for m in saved.context["messages"]]
