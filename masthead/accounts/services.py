"""Writes about accounts that are Masthead's own, beside allauth's flows."""

from allauth.account.models import EmailAddress


def email_address_vouch_for(*, user) -> None:
    """Record the user's address as their verified, primary one."""
    if not user.email:
        return
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )


def user_name_change(*, user, first_name: str, last_name: str) -> None:
    """The name the site and its mail call the reader by (either part may be empty)."""
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
