"""The reader's account page: subscription, cancel, pause and resume, change plan, their name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
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
from masthead.subscriptions import cancelling, told
from masthead.subscriptions.models import Plan, PlanChange, PlanChangeStatus, SaveOfferKind, SubscriptionStatus
from masthead.subscriptions.selectors import saved_card_dead
from masthead.subscriptions.optout import mail_opt_outs, mail_send_again
from masthead.subscriptions.pauses import pause_end
from masthead.subscriptions.plan_changes import plan_change_refusal, plan_keep_refusal, plan_option, plan_options

from .forms import CancelSurveyForm, ReaderNameForm
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
            "may_change_plan": subscription is not None and plan_change_refusal(subscription=subscription, now=now) is None,
            "plan_keep_refusal": subscription is not None and plan_keep_refusal(subscription=subscription, now=now),
            # The provider said the saved card died while paused: the pause
            # ends waiting for a new card unless one is saved before then.
            "pause_card_dead": subscription is not None and subscription.status == SubscriptionStatus.PAUSED
            and saved_card_dead(subscription),
            "mail_stopped": mail_opt_outs(user_id=request.user.pk),
            "pause_begun": subscription is not None and subscription.term_end is not None and subscription.term_end <= now,
        },
    )


@login_required
def cancel(request):
    """One page: an optional question, at most one offer, and a cancel button
    as plain as the offer that cancels at once. Declining the offer is pressing cancel."""
    subscription = subscription_selectors.current_subscription(user=request.user)
    # A press on a page shown before the subscription was cancelled (a second
    # click, another window) reaches the service, which says what happened.
    pressed_late = request.method == "POST" and subscription is not None and subscription.status == SubscriptionStatus.CANCELLING
    if subscription is None or (subscription.status not in cancelling.CANCELLABLE and not pressed_late):
        return redirect("accounts:account")
    form = CancelSurveyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        answer = {
            "reason": form.cleaned_data["reason"], "text": form.cleaned_data["text"], "by": request.user,
            "seen": form.cleaned_data["seen"],
        }  # fmt: skip
        try:
            if "accept" in request.POST:
                taken = cancelling.save_offer_accept(subscription=subscription, key=request.POST["accept"], **answer)
            else:
                cancelling.cancel_answered(subscription=subscription, **answer)
        except MastheadError as error:
            messages.error(request, error.message)
            return redirect("accounts:account")
        if "accept" in request.POST:
            messages.success(request, _offer_taken_in_words(subscription, taken))
        else:
            messages.success(request, subscription.cancelled_in_words(timezone.now()))
        return redirect("accounts:account")
    now = timezone.now()
    return render(
        request,
        "accounts/cancel.html",
        {
            "subscription": subscription,
            "term_over": subscription.term_end <= now,
            "form": form,
            "offer": cancelling.save_offer_for(subscription=subscription, now=now),
            "seen": cancelling.cancel_answer_last(subscription=subscription),
        },
    )


def _offer_taken_in_words(subscription, taken: cancelling.SaveOffer) -> str:
    if taken.kind == SaveOfferKind.PAUSE:
        return (
            f"You are staying with us: your subscription is paused from {timezone.localtime(subscription.term_end):%-d %B %Y} "
            f"to {timezone.localtime(subscription.pause_until):%-d %B %Y}. You keep reading everything until it begins, "
            "and nothing is charged during the pause."
        )
    return (
        f"You are staying with us: your next renewal, on {timezone.localtime(subscription.term_end):%-d %B %Y}, is "
        f"{subscription.renewal_price} instead of {subscription.price}, this once. Your subscription is not cancelled."
    )


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
            messages.success(request, told.KEPT)
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
        messages.success(request, told.paused_in_words(subscription))
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
            messages.success(request, told.PAUSE_UNDONE)
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
        messages.info(request, told.ALREADY_RUNNING)
    except MastheadError as error:
        messages.error(request, error.message)
    else:

        def paid() -> str:
            subscription.refresh_from_db()
            return told.resumed_in_words(subscription, payment)

        _charge_outcome_tell(request, payment, paid=paid, shows="your subscription", declined="your subscription stays paused.")
    return redirect("accounts:account")


def _charge_outcome_tell(request, payment, *, paid, shows: str, declined: str) -> None:
    """What a reader is told after a charge they asked for: ``paid()`` once it
    is paid, that it is still being processed, or the card's refusal and what
    stays as it was."""
    if payment.status == PaymentStatus.SUCCEEDED:
        messages.success(request, paid())
    elif payment.status == PaymentStatus.PENDING:
        messages.info(request, told.charge_pending_in_words(shows))
    else:
        messages.warning(request, told.charge_declined_in_words(payment, declined))


def _plan_change_allowed(request):
    """The reader's subscription if it may change plan now; else None, with
    the reason said on the account page."""
    subscription = subscription_selectors.current_subscription(user=request.user)
    if subscription is None:
        return None
    refusal = plan_change_refusal(subscription=subscription, now=timezone.now())
    if refusal:
        messages.info(request, refusal)
        return None
    return subscription


@login_required
def plan_change(request):
    """Every other plan, each with what taking it means: an upgrade now, and
    what it costs today, or a switch at the renewal."""
    subscription = _plan_change_allowed(request)
    if subscription is None:
        return redirect("accounts:account")
    options = plan_options(subscription=subscription)
    return render(request, "accounts/plan_change.html", {"subscription": subscription, "options": options})


@login_required
def plan_change_confirm(request, slug):
    """One confirmation, then changed: upgraded and charged now, or scheduled for the renewal."""
    subscription = _plan_change_allowed(request)
    if subscription is None:
        return redirect("accounts:account")
    plan = get_object_or_404(Plan, slug=slug, is_active=True)
    refusal = plan_change_refusal(subscription=subscription, plan=plan, now=timezone.now())
    if refusal:
        messages.info(request, refusal)
        return redirect("accounts:plan-change")
    option = plan_option(subscription=subscription, plan=plan, now=timezone.now())
    if request.method != "POST":
        return render(request, "accounts/plan_change_confirm.html", {"subscription": subscription, "option": option})
    if request.POST.get("confirmed") != option.confirmation:
        # The day turned, or the term changed, since the page was shown: what
        # the reader confirmed is not what would happen now.
        messages.info(request, subscription_billing.PRICE_CHANGED)
        return redirect("accounts:plan-change-confirm", slug=plan.slug)
    if not option.upgrade_now:
        try:
            subscription_services.plan_change_schedule(subscription=subscription, plan=plan, by=request.user)
        except MastheadError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, told.plan_scheduled_in_words(subscription, plan))
        return redirect("accounts:account")
    try:
        payment = subscription_billing.plan_upgrade(
            subscription=subscription, plan=plan, by=request.user, confirmed_due_minor=option.quote.due_minor
        )
    except MastheadError as error:
        messages.error(request, error.message)
        return redirect("accounts:account")

    # What the page says comes from what the charge bought, not only from
    # the charge: one that landed after the subscription moved (a cancel or
    # a gift in another tab) applied nothing and is being refunded.
    payment.refresh_from_db()
    change = PlanChange.objects.select_related("credit_note").filter(payment=payment).first()
    if payment.status in (PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED) and (
        change is None or change.status != PlanChangeStatus.APPLIED
    ):
        subscription.refresh_from_db()
        messages.warning(request, told.upgrade_not_applied_in_words(subscription, plan, payment))
        return redirect("accounts:account")

    def paid() -> str:
        subscription.refresh_from_db()
        return told.upgraded_in_words(subscription, plan, payment, change)

    _charge_outcome_tell(request, payment, paid=paid, shows="your new plan", declined="your plan is unchanged.")
    return redirect("accounts:account")


@login_required
@require_POST
def plan_keep(request):
    """Undo a plan change scheduled for the renewal."""
    subscription = subscription_selectors.current_subscription(user=request.user)
    if subscription is not None and subscription.next_plan_id is not None:
        try:
            subscription_services.plan_change_undo(subscription=subscription, by=request.user)
        except MastheadError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, told.plan_kept_in_words(subscription))
    return redirect("accounts:account")


@login_required
@require_POST
def mail_again(request):
    """"Send these again" beside mail the reader stopped with a one-click link."""
    try:
        kind = mail_send_again(user_id=request.user.pk, kind=request.POST.get("kind", ""))
    except MastheadError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"We will send you “{kind.label}” e-mails again.")
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
