"""Partners and claims from before each partner had its own period keep
today's rule: one code per subscription term."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from masthead.partners.models import Partner, PartnerCode
from masthead.partners.policy import ClaimPeriod
from masthead.partners.services import partner_code_claim

from .helpers import make_reader, subscribed_at


def _models_as_they_were():
    """Partner and PartnerCode as they stood before claim periods (partners 0001)."""
    apps = MigrationExecutor(connection).loader.project_state(("partners", "0001_initial")).apps
    return apps.get_model("partners", "Partner"), apps.get_model("partners", "PartnerCode")


@pytest.mark.django_db(transaction=True)
def test_a_partner_and_a_claim_from_before_keep_one_code_per_term(django_user_model):
    call_command("migrate", "partners", "0001_initial", verbosity=0)
    reader = make_reader(django_user_model)
    subscription = subscribed_at(reader, timezone.now())
    old_partner_model, old_code = _models_as_they_were()
    old_partner = old_partner_model.objects.create(name="The World Review", slug="world-review", instructions="Redeem.")
    old_code.objects.create(
        partner=old_partner, code="OLD-1", claimed_by_id=reader.pk, subscription_id=subscription.pk, term_number=1,
        claimed_at=timezone.now(),
    )  # fmt: skip
    old_code.objects.create(partner=old_partner, code="FREE-1")
    call_command("migrate", verbosity=0)

    partner = Partner.objects.get(slug="world-review")
    assert partner.claim_period == ClaimPeriod.TERM
    assert PartnerCode.objects.get(code="OLD-1").period_key == f"term:{subscription.pk}:1"
    assert partner_code_claim(user=reader, partner=partner).code == "OLD-1"
    assert PartnerCode.objects.filter(claimed_by=reader).count() == 1
    free = PartnerCode.objects.get(code="FREE-1")
    free.claimed_by, free.period_key = reader, f"term:{subscription.pk}:1"
    with pytest.raises(IntegrityError):
        free.save()
