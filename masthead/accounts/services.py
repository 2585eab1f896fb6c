"""Writes about accounts that are Masthead's own, beside allauth's flows."""

from allauth.account.models import EmailAddress


def email_address_vouch_for(*, user) -> None:
    """Record the user's address as their verified, primary one."""
    if not user.email:
        return
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email, "verified": True, "primary": True}
    )
