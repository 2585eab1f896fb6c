"""Support answers "why did I get no trial?" in the admin: which account, and
which card (its fingerprint shortened), already had one. Read-only."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from masthead.subscriptions.models import TrialUse
from masthead.subscriptions.services import subscription_begin, trial_claim
from masthead.testing.subscriptions import make_plan

pytestmark = pytest.mark.django_db
TRIALS = "/admin/subscriptions/trialuse/"
FINGERPRINT = "Xq7RbL2mVd9KpT4w"


def _member_of(group_name: str, username: str) -> Client:
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.test", password="a long password here", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def trials(django_user_model):
    """Two readers' trials: one claimed with a card the provider fingerprints, one without."""
    plan = make_plan(name="Smart Quarterly", slug="smart-quarterly", price_minor=900_00, term_months=3, trial_days=14)
    used = []
    for name, fingerprint in (("asha", FINGERPRINT), ("ravi", "")):
        reader = django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="a long password here")
        used.append(trial_claim(subscription=subscription_begin(user=reader, plan=plan), card_fingerprint=fingerprint))
    return used


def test_support_sees_who_had_a_trial_and_with_which_card_shortened(trials):
    with_card, _ = trials
    support = _member_of("Support", "helpdesk")
    listing = support.get(TRIALS)
    assert listing.status_code == 200
    assert "asha<wbr>@example.test" in listing.text and "ravi<wbr>@example.test" in listing.text
    assert f"…{FINGERPRINT[-4:]}" in listing.text
    assert FINGERPRINT not in listing.text and FINGERPRINT[:8] not in listing.text
    found = support.get(TRIALS, {"q": "asha@example.test"}).text
    assert "asha<wbr>@example.test" in found and "ravi<wbr>@example.test" not in found

    page = support.get(f"{TRIALS}{with_card.pk}/change/")
    assert page.status_code == 200
    assert "asha@example.test" in page.text and f"…{FINGERPRINT[-4:]}" in page.text
    assert FINGERPRINT not in page.text and 'name="_save"' not in page.text


def test_support_cannot_add_change_or_delete_a_trial(trials):
    with_card, _ = trials
    support = _member_of("Support", "helpdesk")
    assert support.get(f"{TRIALS}add/").status_code == 403
    assert support.post(f"{TRIALS}{with_card.pk}/change/", {"card_fingerprint": ""}).status_code == 403
    assert support.post(f"{TRIALS}{with_card.pk}/delete/", {"post": "yes"}).status_code == 403
    support.post(TRIALS, {"action": "delete_selected", "_selected_action": [with_card.pk], "post": "yes"})
    assert TrialUse.objects.filter(pk=with_card.pk, card_fingerprint=FINGERPRINT).exists()


@pytest.mark.parametrize("group", ["Newsroom", "Business"])
def test_staff_outside_support_see_no_trials(group, trials):
    browser = _member_of(group, "desk")
    assert browser.get(TRIALS).status_code in (403, 404)
    assert browser.get(f"{TRIALS}{trials[0].pk}/change/").status_code in (403, 404)
