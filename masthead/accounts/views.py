"""The reader's account page: subscription, cancel, pause and resume, their name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from masthead.core.errors import MastheadError
from masthead.core.inputs import InputInvalid, parse_id
from masthead.devices.models import DeviceSettings
from masthead.devices.services import devices_of
from masthead.gifts.selectors import gift_subscriptions_unredeemed, gifts_sent
from masthead.gifts.services import gift_allowance
from masthead.partners.selectors import partner_offers
from masthead.payments.models import PaymentStatus
from masthead.payments.selectors import payment_history
from masthead.payments.services import ChargeInFlight, ChargeNotWanted, TermAlreadyPaid
from masthead.subscriptions import billing as subscription_billing
from masthead.subscriptions import selectors as subscription_selectors
from masthead.subscriptions import services as subscription_services
from masthead.subscriptions.models import SubscriptionStatus
from masthead.subscriptions.pauses import pause_end

from .forms import ReaderNameForm
from .services import user_name_change


# Where the account page says whether the subscription may be paused (a
# pending checkout has nothing to pause; a paused one says its dates instead).
PAUSE_SAID_FOR = (
    SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELLING, SubscriptionStatus.PAST_DUE,
    SubscriptionStatus.COMP, SubscriptionStatus.GIFT, SubscriptionStatus.NEEDS_CARD,
)  # fmt: skip


@login_required
def account(request, name_form=None):
    subscription = subscription_selectors.current_subscription(user=request.user)
    now = timezone.now()
    pause_refusal = None
    if subscription is not None and subscription.status in PAUSE_SAID_FOR:
        pause_refusal = subscription_services.subscription_pause_refusal(subscription=subscription, now=now)
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
            "pause_refusal": pause_refusal,
            "pause_begun": subscription is not None and subscription.term_end is not None and subscription.term_end <= now,
        },
    )


@login_required
def cancel(request):
    """One plain confirmation, then cancelled: no detours, no dark patterns."""
    subscription = subscription_selectors.current_subscription(user=request.user)
    if subscription is None or subscription.status not in (
        SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE, SubscriptionStatus.PAUSED, SubscriptionStatus.NEEDS_CARD,
    ):  # fmt: skip
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
def pause(request):
    """The pause's length, with the dates each gives, then paused: one form."""
    subscription = subscription_selectors.current_subscription(user=request.user)
    if subscription is None:
        return redirect("accounts:account")
    limits = subscription_services.pause_limits()
    refusal = subscription_services.subscription_pause_refusal(subscription=subscription, limits=limits)
    if refusal:
        messages.info(request, refusal)
        return redirect("accounts:account")
    if request.method == "POST":
        try:
            months = parse_id(request.POST.get("months", ""))
        except InputInvalid:
            messages.error(request, "Please choose how long to pause for.")
            return redirect("accounts:pause")
        try:
            subscription_services.subscription_pause(subscription=subscription, months=months, by=request.user)
        except MastheadError as error:
            messages.error(request, error.message)
            return redirect("accounts:pause")
        messages.success(
            request,
            f"Your subscription is paused from {timezone.localtime(subscription.term_end):%-d %B %Y} to "
            f"{timezone.localtime(subscription.pause_until):%-d %B %Y}. You keep reading everything until it begins, "
            "and nothing is charged during the pause.",
        )
        return redirect("accounts:account")
    choices = [(months, pause_end(subscription.term_end, months)) for months in limits.choices]
    return render(request, "accounts/pause.html", {"subscription": subscription, "choices": choices})


@login_required
@require_POST
def pause_undo(request):
    subscription = subscription_selectors.current_subscription(user=request.user)
    if subscription is not None and subscription.status == SubscriptionStatus.PAUSED:
        try:
            subscription_services.subscription_pause_undo(subscription=subscription, by=request.user)
        except MastheadError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Your pause is undone: your subscription will renew as before.")
    return redirect("accounts:account")


@login_required
@require_POST
def pause_resume(request):
    """Resume now: the next term is charged once, however often the button is pressed."""
    subscription = subscription_selectors.current_subscription(user=request.user)
    if subscription is None or subscription.status != SubscriptionStatus.PAUSED:
        return redirect("accounts:account")
    try:
        payment = subscription_billing.pause_resume_now(subscription=subscription)
    except ChargeInFlight as in_flight:
        messages.info(request, in_flight.message)
    except (TermAlreadyPaid, ChargeNotWanted):
        messages.info(request, "Your subscription is already running again.")
    except MastheadError as error:
        messages.error(request, error.message)
    else:
        subscription.refresh_from_db()
        if payment.status == PaymentStatus.SUCCEEDED:
            messages.success(
                request,
                f"Welcome back: {payment.amount} is paid, and you read everything again until "
                f"{timezone.localtime(subscription.term_end):%-d %B %Y}.",
            )
        elif payment.status == PaymentStatus.PENDING:
            messages.info(request, "Your payment is being processed. This page will show your subscription as soon as it is through.")
        else:
            messages.warning(
                request,
                f"Your card was declined: {payment.failure_message or 'no reason given'}. Nothing was charged, and your "
                "subscription stays paused. Please update your card and try again.",
            )
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
