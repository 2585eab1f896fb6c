"""Staff allowed to correct readers' details (accounts.change_user) may not
widen their own rights: the user admin makes staff and superuser flags,
groups and permissions read-only for them. But the same form still lets them
set any account's password and e-mail address, a superuser's included, and
then sign in as that superuser: every right at once."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def carer(django_user_model):
    user = django_user_model.objects.create_user(
        username="carer", email="carer@example.test", password="the carer's passphrase", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="accounts", codename__in=["view_user", "change_user"])
    )
    return user


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_superuser(
        username="owner", email="owner@example.test", password="the owner's own passphrase"
    )


def test_staff_who_edit_readers_cannot_set_a_superusers_password(carer, owner):
    browser = Client()
    browser.force_login(carer)
    browser.post(
        f"/admin/accounts/user/{owner.pk}/password/",
        {"password1": "taken over passphrase 9", "password2": "taken over passphrase 9", "usable_password": "true"},
    )
    owner.refresh_from_db()
    assert owner.check_password("the owner's own passphrase"), "a staff member without rights reset a superuser's password"
    thief = Client()
    assert not thief.login(email="owner@example.test", password="taken over passphrase 9")


def test_staff_who_edit_readers_cannot_move_a_superusers_address_to_their_own(carer, owner):
    browser = Client()
    browser.force_login(carer)
    form = browser.get(f"/admin/accounts/user/{owner.pk}/change/")
    assert form.status_code in (200, 403)
    browser.post(
        f"/admin/accounts/user/{owner.pk}/change/",
        {
            "username": "owner", "email": "carer+owner@example.test", "first_name": "", "last_name": "",
            "is_active": "on", "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00", "initial-date_joined_0": "2026-01-01", "initial-date_joined_1": "00:00:00",
        },
    )  # fmt: skip
    owner.refresh_from_db()
    # With the address changed, a password reset mails the superuser's account to the staff member.
    assert owner.email == "owner@example.test", "a staff member without rights took over a superuser's e-mail address"


def test_staff_who_fix_addresses_cannot_give_a_superusers_verified_address_to_themselves(carer, owner):
    from allauth.account.models import EmailAddress

    carer.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="account", codename__in=["view_emailaddress", "change_emailaddress"])
    )
    address = EmailAddress.objects.get_or_create(user=owner, email=owner.email, defaults={"verified": True, "primary": True})[0]
    browser = Client()
    browser.force_login(carer)
    browser.post(
        f"/admin/account/emailaddress/{address.pk}/change/",
        {"user": owner.pk, "email": "carer+owner@example.test", "verified": "on", "primary": "on"},
    )
    address.refresh_from_db()
    # A verified address of a superuser's that the staff member reads is a password reset away.
    assert address.email == owner.email, "a staff member without rights put their own address on a superuser's account"
