"""Gift subscriptions: buy one, pay for it, redeem one. Each view validates
input and calls gifts.subscriptions."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from masthead.core.errors import MastheadError
from masthead.core.periods import local_date
from masthead.invoicing.models import Invoice
from masthead.payments.models import BillingProfile
from masthead.payments.providers.base import PaymentDeclined
from masthead.payments.services import ChargeInFlight, TermAlreadyPaid
from masthead.subscriptions.models import SubscriptionStatus
from masthead.subscriptions.selectors import plans_on_sale

from . import subscriptions as gift_subscriptions
from .forms import GiftPurchaseForm, GiftRedeemForm
from .models import GiftSubscription, GiftSubscriptionStatus

G = GiftSubscriptionStatus
# The card form offered on a gift's payment page, kept so a reload offers it again.
GIFT_FORM_KEY = "masthead_gift_card_form"


def buy(request):
    """Choose a plan, the recipient, the day and a message. A buyer who is
    not signed in logs in or signs up first (the site's own sign-up proves
    their e-mail address): the invoice and the gift are theirs."""
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("gifts:buy"))
    plans = plans_on_sale()
    profile = BillingProfile.objects.filter(user=request.user).first()
    initial = {"send_on": timezone.localdate(), "name": request.user.get_full_name()}
    if profile:
        initial |= {"name": profile.name, "state_code": profile.state_code, "gstin": profile.gstin}
    if plans:
        initial["plan"] = plans[0].slug
    form = GiftPurchaseForm(request.POST or None, initial=initial, plans=plans)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            gift = gift_subscriptions.gift_purchase_begin(
                buyer=request.user,
                plan=data["plan"],
                recipient_name=data["recipient_name"],
                recipient_email=data["recipient_email"],
                message=data["message"],
                send_on=data["send_on"],
            )
        except MastheadError as error:
            form.add_error(None, error.message)
        else:
            BillingProfile.objects.update_or_create(
                user=request.user,
                defaults={"name": data["name"], "state_code": data["state_code"], "gstin": data["gstin"]},
            )
            return redirect("gifts:pay", gift_id=gift.pk)
    return render(request, "gifts/buy.html", {"form": form, "plans": plans})


def _own_gift(request, gift_id: int) -> GiftSubscription:
    """The signed-in buyer's gift; anyone else's is not found."""
    gift = GiftSubscription.objects.select_related("plan").filter(pk=gift_id, buyer=request.user).first()
    if gift is None:
        raise Http404("No such gift.")
    return gift


def _kept_form(request, gift: GiftSubscription, part: str = "id") -> str:
    """The card form (``id``) or its customer (``customer``) this buyer was shown for ``gift``."""
    kept = request.session.get(GIFT_FORM_KEY) or {}
    return kept.get(part, "") if kept.get("gift") == gift.pk else ""


@login_required
def pay(request, gift_id: int):
    gift = _own_gift(request, gift_id)
    if gift.status != G.PENDING_PAYMENT:
        return redirect("gifts:bought", gift_id=gift.pk)
    try:
        form = gift_subscriptions.gift_checkout_start(
            gift=gift, reuse_setup_id=_kept_form(request, gift), reuse_customer_id=_kept_form(request, gift, "customer")
        )
    except MastheadError as error:
        messages.error(request, f"Payments are unavailable just now ({error.message}). Please try again shortly.")
        return redirect("gifts:buy")
    request.session[GIFT_FORM_KEY] = {"gift": gift.pk, "id": form.setup.setup_id, "customer": form.customer_id}
    return render(request, "gifts/pay.html", {"gift": gift, "setup": form.setup})


@login_required
@require_POST
def pay_confirm(request, gift_id: int):
    gift = _own_gift(request, gift_id)
    if gift.status != G.PENDING_PAYMENT:
        return redirect("gifts:bought", gift_id=gift.pk)
    shown_id, shown_customer_id = _kept_form(request, gift), _kept_form(request, gift, "customer")
    request.session.pop(GIFT_FORM_KEY, None)  # used up: a new card form for any next try
    try:
        gift_subscriptions.gift_checkout_pay(
            gift=gift, setup_id=request.POST.get("setup_id", ""), shown_id=shown_id, shown_customer_id=shown_customer_id
        )
    except PaymentDeclined as declined:
        messages.error(request, f"{declined.message} No money was taken. Please try another card.")
        return redirect("gifts:pay", gift_id=gift.pk)
    except TermAlreadyPaid:
        return redirect("gifts:bought", gift_id=gift.pk)
    except ChargeInFlight as in_flight:
        messages.info(request, in_flight.message)
        return redirect("gifts:bought", gift_id=gift.pk)
    except MastheadError as error:
        messages.error(request, error.message)
        return redirect("gifts:pay", gift_id=gift.pk)
    return redirect("gifts:bought", gift_id=gift.pk)


@login_required
def bought(request, gift_id: int):
    gift = _own_gift(request, gift_id)
    invoice = Invoice.objects.filter(payment__gift=gift, payment__status="succeeded").first()
    return render(
        request,
        "gifts/bought.html",
        {"gift": gift, "invoice": invoice, "statuses": G, "today": timezone.localdate()},
    )


@login_required
@require_POST
def resend(request, gift_id: int):
    gift = _own_gift(request, gift_id)
    try:
        gift_subscriptions.gift_email_resend(gift=gift, by=request.user)
    except MastheadError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The gift e-mail is on its way to {gift.recipient_email} again.")
    return redirect("accounts:account")


def redeem(request):
    """Enter a code (or follow the e-mail's link, which fills it in). A
    reader who is not signed in logs in or signs up first, and comes back
    here with the code."""
    form = GiftRedeemForm(request.POST or None, initial={"code": request.GET.get("code", "")[:100]})
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if not request.user.is_authenticated:
            return redirect_to_login(reverse("gifts:redeem") + "?" + urlencode({"code": code}))
        try:
            subscription = gift_subscriptions.gift_redeem(code=code, user=request.user)
        except MastheadError as error:
            form.add_error("code", error.message)
        else:
            until = f"{local_date(subscription.term_end):%-d %B %Y}"
            said = f"Your gift is redeemed: you read everything until {until}."
            if subscription.status == SubscriptionStatus.ACTIVE:
                which = "first payment" if subscription.in_trial else "next renewal"
                said += f" Your {which}, {subscription.renewal_price}, moves to {until}."
            messages.success(request, said)
            return redirect("accounts:account")
    return render(request, "gifts/redeem.html", {"form": form}, status=400 if form.errors else 200)
