"""Staff and superuser accounts are changed by superusers only — through the
user form and an existing address's form. Other admin pages beside them still
hand a member of staff with a narrow right the keys of a superuser's account:
a new address added to it, its second factor's secret read, or the second
factor itself removed."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Permission
from django.test import Client

pytestmark = pytest.mark.django_db

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"


@pytest.fixture
def owner(django_user_model):
    owner = django_user_model.objects.create_superuser(
        username="owner", email="owner@example.test", password="the owner's own passphrase"
    )
    EmailAddress.objects.get_or_create(user=owner, email=owner.email, defaults={"verified": True, "primary": True})
    return owner


def staff_with(django_user_model, app_label, *codenames):
    user = django_user_model.objects.create_user(
        username="carer", email="carer@example.test", password="the carer's passphrase", is_staff=True
    )
    user.user_permissions.set(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    browser = Client()
    browser.force_login(user)
    return browser


def test_staff_who_add_addresses_cannot_add_one_of_theirs_to_a_superuser(django_user_model, owner):
    browser = staff_with(django_user_model, "account", "view_emailaddress", "add_emailaddress")
    browser.post(
        "/admin/account/emailaddress/add/",
        {"user": owner.pk, "email": "carer+owner@example.test", "verified": "on"},
    )
    # A verified address on the superuser's account is a password reset away.
    assert not EmailAddress.objects.filter(user=owner, email="carer+owner@example.test").exists(), (
        "a staff member without rights added their own address to a superuser's account"
    )


def test_staff_who_see_second_factors_cannot_read_a_superusers_secret(django_user_model, owner):
    totp = Authenticator.objects.create(user=owner, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET})
    browser = staff_with(django_user_model, "mfa", "view_authenticator")
    page = browser.get(f"/admin/mfa/authenticator/{totp.pk}/change/")
    assert TOTP_SECRET not in page.content.decode(), "a staff member read a superuser's authenticator secret"


def test_staff_who_remove_second_factors_cannot_remove_a_superusers(django_user_model, owner):
    totp = Authenticator.objects.create(user=owner, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET})
    browser = staff_with(django_user_model, "mfa", "view_authenticator", "delete_authenticator")
    browser.post(f"/admin/mfa/authenticator/{totp.pk}/delete/", {"post": "yes"})
    assert Authenticator.objects.filter(pk=totp.pk).exists(), "a staff member removed a superuser's second factor"

