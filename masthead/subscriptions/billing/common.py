"""What every billing job needs: the description of a term's charge and the reader's saved card."""

from masthead.core.errors import MastheadError
from masthead.payments.models import BillingProfile
from masthead.payments.providers.base import SavedMethod

from ..models import Subscription
from ..terms import FIRST_TERM

__all__ = ["FIRST_TERM", "NoSavedCard", "charge_description", "saved_method", "saved_methods"]


class NoSavedCard(MastheadError):
    code = "no_saved_card"


def charge_description(subscription: Subscription, term_number: int) -> str:
    # A renewal is for the plan the reader scheduled for it, if they did.
    plan = subscription.renewal_plan if term_number > subscription.term_number else subscription.plan
    return f"{plan.name}, term {term_number}"


def saved_method(subscription: Subscription) -> SavedMethod:
    profile = BillingProfile.objects.filter(user=subscription.user).first()
    if profile is None or not profile.provider_payment_method_id:
        raise NoSavedCard(message="There is no saved card to charge.")
    return SavedMethod(
        customer_id=profile.provider_customer_id,
        payment_method_id=profile.provider_payment_method_id,
        provider=profile.provider,
    )


def saved_methods(user_ids: list[int]) -> dict[int, SavedMethod]:
    """The saved cards of many readers in one query, by user id."""
    profiles = BillingProfile.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "provider_customer_id", "provider_payment_method_id", "provider"
    )
    return {
        user_id: SavedMethod(customer_id=customer, payment_method_id=method, provider=provider)
        for user_id, customer, method, provider in profiles
    }
