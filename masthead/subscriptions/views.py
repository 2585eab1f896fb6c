"""Plans and checkout. Each view validates input and calls the domain."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.http import Http404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from masthead.core.errors import MastheadError
from masthead.core.inputs import InputInvalid, parse_id
from masthead.core.periods import local_date
from masthead.metering.events import funnel_checkout_started, funnel_event_record, funnel_visit_via
from masthead.metering.models import FunnelEventKind
from masthead.payments.models import BillingProfile, PaymentStatus
from masthead.payments.providers.base import PaymentDeclined
from masthead.payments.services import ChargeInFlight, TermAlreadyPaid

from . import billing, cardlinks, selectors, services, winback
from .optout import StopLinkInvalid, mail_stop, mail_stop_kind
from .forms import CheckoutForm
from .models import Offer, Plan, SubscriptionStatus
from .offers import REFUSAL_SENTENCES, refusal
from .returns import live_story, story_keep, story_to_continue


def _story_of_link(request) -> int | None:
    """The story a subscribe link was followed from, by its article id.

    ``?from=<id>`` is a click on a paywall or a meter notice (its "Subscribe"
    link or one of its plans): the funnel's third step, "subscribe clicked",
    counted on the GET that follows the click (a form sent back to the same
    address is not another click). ``?story=<id>`` carries the same story on
    through the plans page and the log-in, counted no more. Only ASCII digits
    naming a live story count, as only a live story shows a paywall: anything
    else (a draft, a story not yet out, a made-up id) is a hand-made link,
    which still works but counts nothing, at this step or any after it."""
    counted = "from" in request.GET
    try:
        article_id = parse_id(request.GET["from"] if counted else request.GET.get("story", ""))
    except InputInvalid:
        return None
    if live_story(article_id) is None:
        return None  # nor carried on: checkout would count its later steps under it
    if counted and request.method == "GET":
        funnel_event_record(kind=FunnelEventKind.SUBSCRIBE_CLICKED, article_id=article_id)
    return article_id


def _carrying(story: int | None) -> str:
    """The query that carries the story on to the next step, uncounted, with
    the class of where the visit came from (the funnel's ``via``)."""
    if not story:
        return ""
    via = funnel_visit_via()
    return f"?story={story}" + (f"&via={via}" if via else "")


def plans(request):
    story = _story_of_link(request)
    listing = selectors.plans_page_listing(request)
    listed, offer_shown = selectors.plans_listed(order=listing.plan_order, offer_id=listing.offer_id)
    return render(
        request,
        "subscriptions/plans.html",
        {"plans": listed, "offer": offer_shown, "benefits": selectors.benefits_shown(), "checkout_query": _carrying(story)},
    )


# The offer a reader's link or typed code chose, by id: the offer's terms are
# read from the database when checkout begins, never from the browser.
OFFER_KEY = "masthead_offer"


def offer(request, key):
    """An offer's shareable link: its plans with the offer applied. An
    unknown, ended or used-up offer says so and shows the ordinary plans."""
    found = selectors.offer_by_key(key)
    why = refusal(found.facts, timezone.now()) if found is not None else None
    plans_offered = selectors.offer_plans(found) if found is not None and why is None else []
    if found is None or why is not None or not plans_offered:
        request.session.pop(OFFER_KEY, None)
        context = {
            "ended": REFUSAL_SENTENCES[why] if why else ("This offer has ended." if found else ""),
            "plans": selectors.plans_listed()[0],
        }
        return render(request, "subscriptions/no_offer.html", context, status=404 if found is None else 410)
    request.session[OFFER_KEY] = found.pk
    return render(
        request,
        "subscriptions/offer.html",
        {"offer": found, "plans_offered": plans_offered, "benefits": selectors.benefits_shown()},
    )


def _offer_chosen(request) -> Offer | None:
    offer_id = request.session.get(OFFER_KEY)
    return Offer.objects.filter(pk=offer_id).first() if isinstance(offer_id, int) else None


def _offer_shown(request) -> Offer | None:
    """The offer an experiment's arm showed this reader on the plans: only
    the arm they were counted in, so never one they were not shown."""
    offer_id = selectors.plans_page_listing(request, record=False).offer_id
    return Offer.objects.filter(pk=offer_id).first() if offer_id is not None else None


def _offer_for(request, plan: Plan) -> tuple[Offer | None, str]:
    """The offer this reader chose (a link, a typed code) if it may be taken
    for ``plan`` now; else the offer an experiment showed them on ``plan``,
    if it may be; else none, with a sentence saying why a chosen one is not
    applied (an offer shown on other plans, or since ended, just is not:
    the reader chose nothing)."""
    chosen, why = _offer_chosen(request), ""
    if chosen is not None:
        try:
            services.offer_check(offer=chosen, plan=plan)
            return chosen, ""
        except MastheadError as refused:
            why = f"{chosen.name}: {refused.message} The price below is the plan's own."
    shown = _offer_shown(request)
    if shown is not None and not services.offer_had(user_id=request.user.pk, offer=shown):
        try:
            services.offer_check(offer=shown, plan=plan)
            # The offer the page showed on this plan: a link's offer for
            # another plan does not take it away.
            return shown, ""
        except MastheadError:
            pass
    return None, why


def _no_such_plan(request, *, withdrawn: bool):
    """A plan address that sells nothing (mistyped, or a plan taken off sale):
    say so, and offer the plans that are on sale."""
    context = {"withdrawn": withdrawn, "plans": selectors.plans_listed()[0]}
    return render(request, "subscriptions/no_plan.html", context, status=404)


def checkout(request, slug):
    """Step one: billing details (name, state, optional GSTIN). An address
    without a plan on sale says so to anyone, before asking them to log in."""
    plan = Plan.objects.filter(slug=slug).first()
    if plan is None or not plan.is_active:
        return _no_such_plan(request, withdrawn=plan is not None)
    story = _story_of_link(request)
    if not request.user.is_authenticated:
        # Back here after logging in, with the story but not as another click.
        return redirect_to_login(reverse("subscriptions:checkout", args=[plan.slug]) + _carrying(story))
    if selectors.subscription_refusing_checkout(user=request.user) is not None:
        messages.info(request, "You already have a subscription.")
        return redirect("accounts:account")
    profile = BillingProfile.objects.filter(user=request.user).first()
    initial = {"name": request.user.get_full_name()}
    if profile:
        initial = {"name": profile.name, "state_code": profile.state_code, "gstin": profile.gstin}
    if request.method == "POST" and "apply_code" in request.POST:
        return _code_apply(request, plan)
    form = CheckoutForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        typed = form.cleaned_data["code"].strip()
        if typed:
            try:
                request.session[OFFER_KEY] = _typed_offer(typed, plan).pk
            except MastheadError as refused:
                form.add_error("code", refused.message)
                return _checkout_page(request, plan, form)
        BillingProfile.objects.update_or_create(
            user=request.user,
            defaults={
                "name": form.cleaned_data["name"],
                "state_code": form.cleaned_data["state_code"],
                "gstin": form.cleaned_data["gstin"],
            },
        )
        offer_applied, _ = _offer_for(request, plan)
        shown = request.POST.get("offer_shown", "")
        if not typed and shown != (str(offer_applied.pk) if offer_applied else ""):
            # The price the page showed is not the price now (the offer ended
            # while it was open, or another tab chose one): the reader sees
            # the price that applies before anything begins.
            messages.error(request, "The price has changed since this page was shown. Please check it and continue.")
            return redirect(reverse("subscriptions:checkout", args=[plan.slug]) + _carrying(story))
        try:
            subscription = services.subscription_begin(user=request.user, plan=plan, offer=offer_applied)
        except services.OfferRefused as refused:
            request.session.pop(OFFER_KEY, None)
            messages.error(request, f"{refused.message} Nothing was charged; the price shown is now the plan's own.")
            return redirect(reverse("subscriptions:checkout", args=[plan.slug]) + _carrying(story))
        except MastheadError as error:
            messages.error(request, error.message)
            return redirect("subscriptions:plans")
        request.session.pop(OFFER_KEY, None)
        story_keep(request.session, subscription_id=subscription.pk, article_id=story)
        funnel_checkout_started(subscription_id=subscription.pk, user_id=request.user.pk, article_id=story)
        return redirect("subscriptions:pay")
    return _checkout_page(request, plan, form)


def _typed_offer(typed: str, plan: Plan) -> Offer:
    """The offer a code typed at checkout names, if it may be taken for ``plan``
    now; MastheadError with a sentence for the reader otherwise. Only a code
    counts here: an offer's random link token is for its link."""
    found = selectors.offer_by_key(typed)
    if found is None or not found.code or found.link_token == typed:
        raise MastheadError("unknown_code", "We do not know that code. Check it and try again.")
    services.offer_check(offer=found, plan=plan)
    return found


def _code_apply(request, plan: Plan):
    """"Apply" beside the code: the page again, with what was typed kept and
    the offer's price shown (or why the code does not apply)."""
    form = CheckoutForm(initial={name: request.POST.get(name, "") for name in ("name", "state_code", "gstin", "code")})
    typed = request.POST.get("code", "").strip()
    code_error = "Type your code, then choose Apply." if not typed else ""
    if typed:
        try:
            applied = _typed_offer(typed, plan)
        except MastheadError as refused:
            code_error = refused.message
        else:
            request.session[OFFER_KEY] = applied.pk
            messages.success(request, f"Code {applied.code} applied: {applied.name}.")
    return _checkout_page(request, plan, form, code_error=code_error)


def _checkout_page(request, plan: Plan, form, code_error: str = ""):
    offer_applied, offer_problem = _offer_for(request, plan)
    return render(
        request,
        "subscriptions/checkout.html",
        {
            "plan": plan,
            "form": form,
            "offer": offer_applied,
            "offer_price": offer_applied.in_words(plan) if offer_applied else "",
            "offer_problem": offer_problem,
            "code_error": code_error,
            "trial_used": services.trial_used(user=request.user) if plan.has_trial else None,
        },
        status=400 if code_error else 200,
    )


# The card form (or order) offered on the payment page, kept so that a
# reload offers the same one instead of making another at the provider.
CHECKOUT_FORM_KEY = "masthead_checkout_form"
CARD_FORM_KEY = "masthead_card_form"


def _kept_form(request, key: str, subscription) -> str:
    kept = request.session.get(key) or {}
    return kept.get("id", "") if kept.get("subscription") == subscription.pk else ""


def _keep_form(request, key: str, subscription, form_id: str, customer_id: str = "") -> None:
    request.session[key] = {"subscription": subscription.pk, "id": form_id, "customer": customer_id}


def _kept_customer(kept: dict | None, subscription) -> str:
    """The customer the kept card form was made for, for this subscription."""
    kept = kept or {}
    return kept.get("customer", "") if kept.get("subscription") == subscription.pk else ""


# A choice of how to pay the payment page cannot offer: said on the page itself.
CHOICE_REFUSED = {"unknown_method", "upi_not_offered", "order_being_paid"}


@login_required
@require_http_methods(["GET", "POST"])
def pay(request):
    """Step two: the provider's own page takes the card (or the payment).
    Where the provider's checkout takes the payment (Razorpay), the reader
    chooses card or UPI AutoPay by posting ``method`` here."""
    subscription = selectors.current_subscription(user=request.user)
    if subscription is not None and subscription.status != SubscriptionStatus.PENDING:
        messages.info(request, "You are subscribed: there is nothing to pay now.")
        return redirect("accounts:account")
    if subscription is None:
        return redirect("subscriptions:plans")
    method = request.POST.get("method", "") if request.method == "POST" else ""
    try:
        form = billing.checkout_start(
            subscription=subscription, reuse_id=_kept_form(request, CHECKOUT_FORM_KEY, subscription), method=method
        )
    except ChargeInFlight as in_flight:
        messages.info(request, in_flight.message)
        return redirect("accounts:account")
    except MastheadError as error:
        if error.code in CHOICE_REFUSED and request.method == "POST":
            messages.error(request, error.message)
            return redirect("subscriptions:pay")
        messages.error(request, f"Payments are unavailable just now ({error.message}). Please try again shortly.")
        return redirect("subscriptions:plans")
    _keep_form(request, CHECKOUT_FORM_KEY, subscription, form.reuse_id)
    if request.method == "POST":
        return redirect("subscriptions:pay")
    subscription.refresh_from_db()  # a trial the reader had used is dropped as the form is made
    trial_ends = subscription.trial_end_from(timezone.now()) if subscription.has_trial else None
    return render(request, form.template, {"subscription": subscription, "trial_ends": trial_ends, **form.context})


@login_required
@require_POST
def pay_confirm(request):
    subscription = selectors.current_subscription(user=request.user)
    if subscription is None or subscription.status != SubscriptionStatus.PENDING:
        return redirect("accounts:account")
    shown_id = _kept_form(request, CHECKOUT_FORM_KEY, subscription)
    # The posted form is used up: a new card form for any next try.
    request.session.pop(CHECKOUT_FORM_KEY, None)
    try:
        billing.checkout_finish(subscription=subscription, posted=request.POST, shown_id=shown_id)
    except PaymentDeclined as declined:
        messages.error(request, f"{declined.message} No money was taken. Please try another card.")
        return redirect("subscriptions:pay")
    except TermAlreadyPaid:
        return redirect("subscriptions:welcome")
    except services.TrialUsed as used:
        subscription.refresh_from_db()
        messages.warning(
            request, f"{used.message} Nothing was charged. If you go on, you will be charged {subscription.first_price} today."
        )
        return redirect("subscriptions:pay")
    except ChargeInFlight as in_flight:
        messages.info(request, in_flight.message)
        return redirect("accounts:account")
    except MastheadError as error:
        messages.error(request, error.message)
        return redirect("subscriptions:pay")
    return redirect(reverse("subscriptions:welcome"))


@login_required
def welcome(request):
    subscription = selectors.reading_subscription(user=request.user)
    if subscription is None:
        return redirect("subscriptions:plans")
    story = story_to_continue(request.session, subscription_id=subscription.pk)
    return render(request, "subscriptions/welcome.html", {"subscription": subscription, "story": story})


# The subscriptions whose renewals a new card pays.
CARD_CHANGES = (
    SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE, SubscriptionStatus.CANCELLING, SubscriptionStatus.PAUSED,
    SubscriptionStatus.NEEDS_CARD,
)  # fmt: skip


@login_required
def change_card(request):
    """A new card for renewals; a failed renewal is retried with it at once."""
    subscription = selectors.current_subscription(user=request.user)
    if request.method == "GET" and cardlinks.PARAMETER in request.GET:
        # The link mailed when a renewal failed: only for the reader it was
        # sent to, and the subscription it was sent about.
        try:
            named = cardlinks.card_link_subscription_id(token=request.GET[cardlinks.PARAMETER], user=request.user)
        except cardlinks.CardLinkRefused as refused:
            messages.error(request, refused.message)
            return redirect("accounts:account")
        if subscription is None or subscription.pk != named:
            messages.error(request, "This card link is for a subscription that has ended. Your account page shows where you are now.")
            return redirect("accounts:account")
    if subscription is None or subscription.status not in CARD_CHANGES:
        return redirect("accounts:account")
    if billing.card_change_takes_payment():
        return _change_card_by_order(request, subscription)
    if request.method == "POST":
        shown_customer_id = _kept_customer(request.session.pop(CARD_FORM_KEY, None), subscription)
        try:
            retry = billing.payment_card_replace(
                subscription=subscription, setup_id=request.POST.get("setup_id", ""), shown_customer_id=shown_customer_id
            )
        except MastheadError as error:
            messages.error(request, error.message)
            return redirect("subscriptions:change-card")
        if retry is None or retry.status == PaymentStatus.PENDING:
            messages.success(request, "Your new card is saved.")
        elif retry.status == PaymentStatus.SUCCEEDED:
            messages.success(
                request,
                f"Your new card is saved. Paid: {retry.amount}, your subscription runs to "
                f"{local_date(subscription.term_end):%-d %B %Y}.",
            )
        else:
            messages.warning(
                request,
                f"Your new card is saved, but the renewal payment with it was declined: {retry.failure_message or 'no reason given'}. "
                "Please try another card; we will also try again on the date below.",
            )
        return redirect("accounts:account")
    try:
        setup = billing.card_change_start(
            subscription=subscription,
            reuse_setup_id=_kept_form(request, CARD_FORM_KEY, subscription),
            reuse_customer_id=_kept_customer(request.session.get(CARD_FORM_KEY), subscription),
        )
    except MastheadError as error:
        messages.error(request, f"Payments are unavailable just now ({error.message}).")
        return redirect("accounts:account")
    _keep_form(request, CARD_FORM_KEY, subscription, setup.setup_id, setup.customer_id)
    return render(request, "subscriptions/pay.html", {"subscription": subscription, "setup": setup, "changing_card": True})


def _change_card_by_order(request, subscription):
    """The card change page where the provider registers a card only with a
    payment in its own checkout (Razorpay): the unpaid renewal when one is
    owed, else ₹1 refunded at once. The reader chooses card or UPI AutoPay by
    posting ``method``; Razorpay Checkout's answer is posted back here."""
    if request.method == "POST" and "razorpay_order_id" in request.POST:
        try:
            payment = billing.card_change_collected(
                subscription=subscription,
                order_id=request.POST.get("razorpay_order_id", ""),
                payment_id=request.POST.get("razorpay_payment_id", ""),
                signature=request.POST.get("razorpay_signature", ""),
            )
        except ChargeInFlight as in_flight:
            messages.info(request, in_flight.message)
            return redirect("accounts:account")
        except MastheadError as error:
            messages.error(request, error.message)
            return redirect("subscriptions:change-card")
        saved = "UPI AutoPay mandate" if payment.checkout_method == "upi" else "card"
        if payment.authorisation:
            messages.success(request, f"Your new {saved} is saved. The {payment.amount} that authorised it is refunded to you.")
        elif payment.duplicate:
            messages.success(request, f"Your new {saved} is saved. The renewal was already paid, so this {payment.amount} is refunded to you.")
        else:
            messages.success(
                request,
                f"Your new {saved} is saved. Paid: {payment.amount}, your subscription runs to "
                f"{local_date(subscription.term_end):%-d %B %Y}.",
            )
        return redirect("accounts:account")
    method = request.POST.get("method", "") if request.method == "POST" else ""
    try:
        order = billing.card_change_order(subscription=subscription, method=method)
    except (ChargeInFlight, TermAlreadyPaid) as settled:
        messages.info(request, settled.message)
        return redirect("accounts:account")
    except MastheadError as error:
        if error.code in CHOICE_REFUSED and request.method == "POST":
            messages.error(request, error.message)
            return redirect("subscriptions:change-card")
        messages.error(request, f"Payments are unavailable just now ({error.message}).")
        return redirect("accounts:account")
    if request.method == "POST":
        return redirect("subscriptions:change-card")
    return render(request, "subscriptions/change_card_razorpay.html", {"subscription": subscription, "order": order})


@require_GET
def winback_link(request, token):
    """A win-back mail's link: its first open is counted, then the offer's
    own page, which keeps the offer for checkout."""
    try:
        send = winback.winback_open(token=token, user=request.user)
    except winback.WinbackLinkInvalid as error:
        raise Http404(error.message) from None
    return redirect("subscriptions:offer", key=send.offer.link_key)


# Mail clients make the RFC 8058 one-click POST with no cookie and no CSRF
# token; the signed token in the address is the authority, so this view is
# exempt. It only ever stops mail, never starts any.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def mail_stop_link(request, token):
    try:
        if request.method == "GET":
            _, kind = mail_stop_kind(token=token)
            return render(request, "subscriptions/mail_stop.html", {"kind": kind, "token": token})
        kind = mail_stop(token=token)
    except StopLinkInvalid as error:
        return render(request, "subscriptions/mail_stop.html", {"invalid": error.message}, status=400)
    return render(request, "subscriptions/mail_stop.html", {"kind": kind, "stopped": True})
