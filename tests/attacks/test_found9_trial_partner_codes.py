"""A free trial is not a paid term: partner codes (a code cannot be taken
back from the partner once shown) would otherwise go to anyone who starts a
free trial and cancels it at once, one code per new account."""

import pytest
from django.test import Client

from masthead.core.errors import InvalidOperation
from masthead.partners.models import Partner, PartnerCode
from masthead.partners.services import partner_code_claim, partner_codes_load
from masthead.subscriptions import services
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db


def _partner():
    partner = Partner.objects.create(name="The World Daily", slug="world-daily", instructions="Enter the code.")
    partner_codes_load(partner=partner, upload=b"NYT-0001\nNYT-0002\nNYT-0003")
    return partner


def _in_trial(django_user_model, **trial):
    reader = django_user_model.objects.create_user(username="trialist", email="trialist@example.test", password="x" * 20)
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", **trial)
    subscription = services.subscription_activate(subscription=services.subscription_begin(user=reader, plan=plan))
    assert subscription.in_trial
    return reader, subscription


def test_a_reader_in_a_free_trial_claims_no_partner_code(django_user_model):
    partner = _partner()
    reader, subscription = _in_trial(django_user_model, trial_days=14)
    services.subscription_cancel(subscription=subscription)
    with pytest.raises(InvalidOperation) as refused:
        partner_code_claim(user=reader, partner=partner)
    assert refused.value.code == "in_trial"
    assert not PartnerCode.objects.filter(claimed_by=reader).exists()
    browser = Client()
    browser.force_login(reader)
    page = browser.get("/account/").text
    assert "Claim your code" not in page
    assert "Partner codes come with your first paid term" in page


def test_a_token_price_trial_is_no_paid_term_either(django_user_model):
    partner = _partner()
    reader, _ = _in_trial(django_user_model, trial_days=14, trial_price_minor=100)
    with pytest.raises(InvalidOperation):
        partner_code_claim(user=reader, partner=partner)
    assert not PartnerCode.objects.filter(claimed_by=reader).exists()
