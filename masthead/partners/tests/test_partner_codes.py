import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from masthead.core.errors import InvalidOperation
from masthead.partners.models import Partner, PartnerCode
from masthead.partners.services import partner_code_claim, partner_codes_load
from masthead.subscriptions import services as subscription_services
from masthead.testing.subscriptions import make_plan

from masthead.testing.concurrency import in_threads


def _partner(codes=("NYT-0001", "NYT-0002", "NYT-0003")):
    partner = Partner.objects.create(
        name="The World Daily", slug="world-daily", instructions="Enter the code at worlddaily.example/redeem.", low_stock_threshold=2
    )
    if codes:
        partner_codes_load(partner=partner, upload="\n".join(codes).encode())
    return partner


def _subscriber(django_user_model, name):
    user = django_user_model.objects.create_user(username=name, email=f"{name}@example.test", password="x" * 20)
    plan = make_plan(name=f"Plan for {name}", slug=f"plan-{name}")
    subscription_services.subscription_activate(subscription=subscription_services.subscription_begin(user=user, plan=plan))
    return user


@pytest.mark.django_db
def test_a_subscriber_claims_one_code_per_term_and_sees_it_on_the_account_page(django_user_model):
    partner = _partner()
    reader = _subscriber(django_user_model, "asha")
    browser = Client()
    browser.force_login(reader)
    assert "Claim your code for The World Daily" in browser.get("/account/").text
    browser.post(f"/account/partners/{partner.slug}/claim/")
    browser.post(f"/account/partners/{partner.slug}/claim/")
    (code,) = PartnerCode.objects.filter(claimed_by=reader)
    page = browser.get("/account/").text
    assert code.code in page and "Enter the code at worlddaily.example/redeem." in page


@pytest.mark.django_db
def test_readers_without_a_subscription_get_no_code(django_user_model, client):
    partner = _partner()
    reader = django_user_model.objects.create_user(username="free", email="free@example.test", password="x" * 20)
    with pytest.raises(InvalidOperation) as refused:
        partner_code_claim(user=reader, partner=partner)
    assert refused.value.code == "not_subscriber"
    client.force_login(reader)
    client.post(f"/account/partners/{partner.slug}/claim/")
    assert not PartnerCode.objects.filter(claimed_by__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_parallel_claims_never_get_the_same_code(django_user_model):
    partner = _partner(codes=[f"CODE-{n:03d}" for n in range(12)])
    readers = [_subscriber(django_user_model, f"r{n}") for n in range(8)]
    claimed, errors = in_threads(
        *[lambda reader=reader: partner_code_claim(user=reader, partner=partner).code for reader in readers]
    )
    assert not errors, errors
    assert len(claimed) == len(set(claimed)) == 8


@pytest.mark.django_db
def test_an_empty_pool_says_so(django_user_model):
    partner = _partner(codes=("ONLY-ONE",))
    partner_code_claim(user=_subscriber(django_user_model, "first"), partner=partner)
    with pytest.raises(InvalidOperation) as refused:
        partner_code_claim(user=_subscriber(django_user_model, "second"), partner=partner)
    assert refused.value.code == "pool_empty"


@pytest.mark.django_db
def test_staff_upload_codes_and_see_the_low_stock_warning(django_user_model):
    partner = _partner(codes=())
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="x" * 20))
    form = {
        "name": partner.name, "slug": partner.slug, "instructions": partner.instructions, "low_stock_threshold": 5,
        "is_active": "on", "description": "", "redeem_url": "", "claim_period": "term",
        "codes_file": SimpleUploadedFile("codes.csv", b"code\nA-1\nA-2\nA-2\n"),
    }  # fmt: skip
    done = staff.post(f"/admin/partners/partner/{partner.pk}/change/", form, follow=True).text
    assert "2 code(s) added, 1 already in the pool." in done
    assert PartnerCode.objects.filter(partner=partner).count() == 2
    assert "only 2 code(s) left" in staff.get("/admin/partners/partner/").text

    form["codes_file"] = SimpleUploadedFile("codes.csv", b"\x89PNG\x00\x01binary")
    refused = staff.post(f"/admin/partners/partner/{partner.pk}/change/", form, follow=True).text
    assert "The codes file was not loaded: That file is not a UTF-8 CSV of codes." in refused
    assert PartnerCode.objects.filter(partner=partner).count() == 2
