"""The reader's account page: subscription, cancel and resume, their name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from masthead.core.errors import MastheadError
from masthead.devices.models import DeviceSettings
from masthead.devices.services import devices_of
from masthead.gifts.selectors import gift_subscriptions_unredeemed, gifts_sent
from masthead.gifts.services import gift_allowance
from masthead.partners.selectors import partner_offers
from masthead.payments.selectors import payment_history
from masthead.subscriptions import selectors as subscription_selectors
from masthead.subscriptions import services as subscription_services
from masthead.subscriptions.models import SubscriptionStatus

from .forms import ReaderNameForm
from .services import user_name_change


@login_required
def account(request, name_form=None):
    subscription = subscription_selectors.current_subscription(user=request.user)
    return render(
        request,
        "accounts/account.html",
        {
            "name_form": name_form
            or ReaderNameForm(initial={"first_name": request.user.first_name, "last_name": request.user.last_name}),
            "subscription": subscription,
            "renewal": subscription_selectors.renewal_outlook(subscription=subscription),
            "today": timezone.localdate(),
            "statuses": SubscriptionStatus,
            "payments": payment_history(user=request.user),
            "partner_offers": partner_offers(
                user=request.user, subscription=subscription_selectors.reading_subscription(user=request.user)
            ),
            "devices": devices_of(user=request.user, current_session_key=request.session.session_key),
            "device_limit": DeviceSettings.current().devices_per_account,
            "gifts": gifts_sent(user=request.user),
            "now": timezone.now(),
            "gift_allowance": gift_allowance(user=request.user),
            "gift_subscriptions": gift_subscriptions_unredeemed(buyer=request.user),
        },
    )


@login_required
def cancel(request):
    """One plain confirmation, then cancelled: no detours, no dark patterns."""
    subscription = subscription_selectors.current_subscription(user=request.user)
    if subscription is None or subscription.status not in (SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE):
        return redirect("accounts:account")
    if request.method == "POST":
        try:
            subscription_services.subscription_cancel(subscription=subscription, by=request.user)
        except MastheadError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, subscription.cancelled_in_words(timezone.now()))
        return redirect("accounts:account")
    term_over = subscription.term_end <= timezone.now()
    return render(request, "accounts/cancel.html", {"subscription": subscription, "term_over": term_over})


@login_required
@require_POST
def resume(request):
    subscription = subscription_selectors.current_subscription(user=request.user)
    if subscription is not None and subscription.status == SubscriptionStatus.CANCELLING:
        try:
            subscription_services.subscription_resume(subscription=subscription, by=request.user)
        except MastheadError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Your subscription will renew as before.")
    return redirect("accounts:account")


@login_required
@require_POST
def name(request):
    form = ReaderNameForm(request.POST)
    if not form.is_valid():
        return account(request, name_form=form)
    user_name_change(user=request.user, **form.cleaned_data)
    messages.success(request, "Your name is saved." if request.user.get_full_name() else "Your name is removed.")
    return redirect("accounts:account")
