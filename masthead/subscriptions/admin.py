from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from masthead.core.admin import ReadOnlyAdmin, SingletonSettingsAdmin, StatusHistoryInline, breakable_email
from masthead.core.errors import MastheadError
from masthead.core.localcache import local_cache
from masthead.core.money import Money
from masthead.core.urls import site_url

from . import billing, selectors, services
from .benefits import feature_delivered
from .clock_report import subscription_label, subscription_turn_declined, subscription_turn_sentence
from . import locks, offers
from .models import (
    Benefit,
    CancelAnswer,
    Offer,
    OfferKind,
    OfferRedemption,
    PauseSettings,
    Plan,
    PlanChange,
    RetrySettings,
    SaveOfferSettings,
    Subscription,
    SubscriptionEvent,
    TrialUse,
    WinbackSend,
    WinbackSettings,
)
from .app_settings import app_settings
from .selectors import BENEFITS_CACHE_KEY, renewal_retry_days


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = [
        "name", "display_price", "term_label", "display_per_month", "display_trial", "position", "is_active", "is_featured",
    ]  # fmt: skip
    list_editable = ["position", "is_active", "is_featured"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    @admin.display(description="price")
    def display_price(self, plan):
        return plan.price

    @admin.display(description="per month")
    def display_per_month(self, plan):
        return plan.per_month

    @admin.display(description="trial")
    def display_trial(self, plan):
        return plan.trial_in_words or "—"


@admin.register(Benefit)
class BenefitAdmin(admin.ModelAdmin):
    list_display = ["title", "description", "feature", "delivered_now", "position", "is_active"]
    list_editable = ["position", "is_active"]
    fields = ["title", "description", "feature", "position", "is_active"]

    @admin.display(description="shown to readers now", boolean=True)
    def delivered_now(self, benefit):
        # A switched-on line whose feature has nothing to give is hidden
        # (e.g. partner access with no codes left): staff see why here.
        return benefit.is_active and feature_delivered(benefit.feature)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        local_cache.delete(BENEFITS_CACHE_KEY)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        local_cache.delete(BENEFITS_CACHE_KEY)


class SubscriptionEventInline(StatusHistoryInline):
    model = SubscriptionEvent


class ComplimentaryGrantForm(forms.ModelForm):
    months = forms.IntegerField(min_value=1, max_value=120, initial=12, help_text="How long the complimentary access lasts.")

    class Meta:
        model = Subscription
        fields = ["user", "plan"]

    def clean_user(self):
        user = self.cleaned_data["user"]
        if selectors.current_subscription(user=user) is not None:
            raise forms.ValidationError(f"{user} already has a subscription.")
        return user


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Subscriptions are read here; the only writes are granting a complimentary
    one and running the billing clock for chosen subscriptions now.

    Statuses move through the state machine (payments, the billing clock, the
    reader's own cancel and resume), never by editing a field.
    """

    list_display = ["user", "plan", "status", "price", "term_end", "started_at"]
    list_filter = ["status", "plan"]
    search_fields = ["user__email"]
    date_hierarchy = "created_at"
    inlines = [SubscriptionEventInline]
    autocomplete_fields = ["user"]
    actions = ["run_billing_clock"]

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ComplimentaryGrantForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["user", "plan", "months"]
        return [
            "user", "plan", "status", "price_minor", "currency", "term_months", "term_number",
            "trial_days", "trial_months", "trial_price_minor", "offer", "offer_terms", "offer_price_minor",
            "save_offer", "save_term", "save_price_minor", "started_at", "term_start", "term_end", "grace_until", "pause_until",
            "next_plan", "next_price_minor", "ended_at",
        ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj) if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            return
        granted = services.subscription_grant_comp(
            user=form.cleaned_data["user"], plan=form.cleaned_data["plan"], months=form.cleaned_data["months"], by=request.user
        )
        obj.pk = granted.pk

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description="Run the billing clock for these subscriptions now", permissions=["run_billing_clock"]
    )
    def run_billing_clock(self, request, queryset):
        # The clock's own rules apply (no charge before the notice's date,
        # none twice), so a second click or the periodic clock running at the
        # same moment charges nothing more.
        for subscription in queryset.select_related("user", "plan").order_by("pk"):
            label = subscription_label(subscription)
            was = subscription.status
            try:
                turn = billing.subscription_clock_run(subscription=subscription)
            except MastheadError as error:
                self.message_user(request, f"{label}: {error.message}", messages.ERROR)
                continue
            level = messages.WARNING if subscription_turn_declined(turn) else messages.SUCCESS
            self.message_user(request, f"{label}: {subscription_turn_sentence(turn, was=was)}", level)

    def has_run_billing_clock_permission(self, request):
        """Charging a reader now is a separate right from reading subscriptions."""
        return request.user.has_perm(f"{self.opts.app_label}.run_billing_clock")


# What an offer gives a reader: what an experiment's arm showing it compares.
OFFER_TERMS = {"kind", "value", "terms", "plans"}


class OfferForm(forms.ModelForm):
    """Every rule an offer keeps, said plainly: a percentage of 1 to 99, a
    fixed amount (in the smallest unit of the one currency its plans are sold
    in) that leaves at least one unit of every chosen plan's price, a code
    of A–Z, 0–9 and hyphens (stored in capitals, unique whatever its case)."""

    class Meta:
        model = Offer
        fields = ["name", "kind", "value", "terms", "plans", "starts_at", "ends_at", "max_redemptions", "code", "is_active"]

    def clean_code(self):
        typed = self.cleaned_data.get("code", "")
        if not typed.strip():
            return ""
        code = offers.code_normalised(typed)
        if code is None:
            raise forms.ValidationError("A code is 3 to 32 letters A–Z, digits and hyphens, starting and ending with a letter or digit.")
        clash = Offer.objects.filter(code=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"Another offer already uses the code {code}.")
        return code

    def clean(self):
        cleaned = super().clean()
        kind, value, plans = cleaned.get("kind"), cleaned.get("value"), cleaned.get("plans")
        if kind == OfferKind.PERCENT and value is not None and not offers.PERCENT_MIN <= value <= offers.PERCENT_MAX:
            self.add_error(
                "value",
                f"A percentage offer takes {offers.PERCENT_MIN} to {offers.PERCENT_MAX} per cent off "
                "(a term at no cost is a free trial, not an offer).",
            )
        if kind == OfferKind.FIXED and value is not None and plans:
            currencies = sorted({plan.currency for plan in plans})
            if len(currencies) > 1:
                # The amount is in one currency's smallest unit: paise off a
                # dollar price would be taken as cents.
                self.add_error(
                    "plans",
                    f"A fixed amount off is in one currency, and these plans are sold in {' and '.join(currencies)}: "
                    "make one offer for each currency, or a percentage offer.",
                )
                return cleaned
            too_much = [plan for plan in plans if not offers.leaves_a_charge(plan.price_minor, kind, value)]
            if too_much:
                names = ", ".join(f"{plan.name} ({plan.price})" for plan in too_much)
                self.add_error(
                    "value",
                    f"{Money(value, currencies[0])} off must leave at least {Money(offers.MINIMUM_CHARGE, currencies[0])} of each plan's price: not so for {names}.",
                )
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The offer must end after it starts.")
        if self.instance.pk and set(self.changed_data) & OFFER_TERMS:
            locked = locks.offer_terms_locked(self.instance.pk)
            if locked:
                self.add_error(None, locked)
        limit = cleaned.get("max_redemptions")
        if limit is not None and self.instance.pk and limit < self.instance.redemptions_used:
            self.add_error("max_redemptions", f"{self.instance.redemptions_used} readers have already taken this offer.")
        return cleaned


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    form = OfferForm
    list_display = ["name", "code", "kind", "value", "terms", "starts_at", "ends_at", "used", "left", "is_active"]
    list_filter = ["is_active", "kind"]
    search_fields = ["name", "code"]
    filter_horizontal = ["plans"]
    readonly_fields = ["used", "left", "shareable_link"]

    @admin.display(description="redemptions used")
    def used(self, offer):
        return offer.redemptions_used

    @admin.display(description="redemptions left")
    def left(self, offer):
        left = offer.redemptions_left
        return "unlimited" if left is None else left

    @admin.display(description="shareable link")
    def shareable_link(self, offer):
        if offer.pk is None:
            return "Given when the offer is saved."
        url = site_url() + reverse("subscriptions:offer", args=[offer.link_key])
        return format_html('<a href="{}">{}</a>', url, url)

    def has_delete_permission(self, request, obj=None):
        # An offer someone took stays on record (their subscription names it):
        # switch it off instead.
        if obj is not None and obj.redemptions_used:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(OfferRedemption)
class OfferRedemptionAdmin(ReadOnlyAdmin):
    list_display = ["offer", "user", "subscription", "redeemed_at"]
    list_filter = ["offer"]
    search_fields = ["user__email", "offer__code"]


def fingerprint_shortened(fingerprint: str) -> str:
    """A card's fingerprint as staff see it: its last four characters, enough
    to tell two cards apart on a reader's rows, not to match a card elsewhere."""
    return f"…{fingerprint[-4:]}" if fingerprint else "—"


@admin.register(TrialUse)
class TrialUseAdmin(ReadOnlyAdmin):
    """The trials readers took, read-only, so Support can answer "why did I
    get no trial?": one per account, and one per card (by the provider's
    fingerprint, shown shortened) whichever account it was saved to. A
    reader with no row here who got no trial used a card that had one on
    another account. Rows are written by checkout, never by hand."""

    list_display = ["reader", "subscription", "used_at", "card"]
    list_select_related = ["user", "subscription__plan", "subscription__user"]
    search_fields = ["user__email"]
    search_help_text = "The reader's e-mail address."
    secret_fields = ("card_fingerprint",)
    date_hierarchy = "used_at"
    fields = ["user", "subscription", "used_at", "card"]
    readonly_fields = fields

    @admin.display(description="reader", ordering="user__email")
    def reader(self, trial):
        return breakable_email(trial.user.email)

    @admin.display(description="card (fingerprint)")
    def card(self, trial):
        return fingerprint_shortened(trial.card_fingerprint)


@admin.register(PlanChange)
class PlanChangeAdmin(ReadOnlyAdmin):
    """Upgrades readers made, read-only, so Support can answer "what was I
    charged when I changed plan?": the unused days credited (by credit note),
    the amount charged and whether it went through. Written by the upgrade,
    never by hand; a change at the renewal is in the subscription's events."""

    list_display = ["created_at", "reader", "from_plan", "to_plan", "credit", "charged", "status"]
    list_filter = ["status", "to_plan"]
    list_select_related = ["subscription__user", "from_plan", "to_plan"]
    search_fields = ["subscription__user__email"]
    search_help_text = "The reader's e-mail address."
    date_hierarchy = "created_at"
    fields = [
        "subscription", "from_plan", "to_plan", "term_number", "unused_days", "term_days", "credit", "charged",
        "status", "payment", "credit_note", "created_at", "settled_at",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description="reader", ordering="subscription__user__email")
    def reader(self, change):
        return breakable_email(change.subscription.user.email)

    @admin.display(description="credited")
    def credit(self, change):
        return Money(change.credit_minor, change.subscription.currency)

    @admin.display(description="charged")
    def charged(self, change):
        return Money(change.amount_minor, change.subscription.currency)


@admin.register(PauseSettings)
class PauseSettingsAdmin(SingletonSettingsAdmin):
    fields = ["shortest_months", "longest_months", "pauses_per_year", "updated_at"]
    readonly_fields = ["updated_at"]


@admin.register(SaveOfferSettings)
class SaveOfferSettingsAdmin(SingletonSettingsAdmin):
    """The one offer the cancel page makes (or none). Readers always see the
    cancel button beside it, as plain as the offer."""

    fields = ["kind", "pause_months", "discount_offer", "updated_at"]
    readonly_fields = ["updated_at"]
    autocomplete_fields = ["discount_offer"]


@admin.register(CancelAnswer)
class CancelAnswerAdmin(ReadOnlyAdmin):
    """What readers answered on the cancel page, the offer it showed and what
    they chose: read-only, written only by the cancel page."""

    list_display = ["at", "reason", "offer_shown", "offer", "outcome", "plan"]
    list_filter = ["outcome", "reason", "offer_shown"]
    list_select_related = ["subscription__plan", "offer"]
    date_hierarchy = "at"
    fields = ["at", "subscription", "reason", "text", "offer_shown", "offer", "outcome"]
    readonly_fields = fields

    @admin.display(description="plan", ordering="subscription__plan__name")
    def plan(self, answer):
        return answer.subscription.plan.name


@admin.register(WinbackSettings)
class WinbackSettingsAdmin(SingletonSettingsAdmin):
    fields = ["is_on", "offer", "days_after", "updated_at"]
    readonly_fields = ["updated_at"]


@admin.register(WinbackSend)
class WinbackSendAdmin(ReadOnlyAdmin):
    """What each win-back mail led to; written by the job, never by hand."""

    list_display = ["user", "offer", "sent_at", "opened_at", "returned_at"]
    list_filter = ["offer", ("opened_at", admin.EmptyFieldListFilter), ("returned_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__email"]
    readonly_fields = ["user", "subscription", "offer", "sent_at", "opened_at", "returned_at", "returned_with"]
    fields = readonly_fields


@admin.register(RetrySettings)
class RetrySettingsAdmin(SingletonSettingsAdmin):
    fields = ["retry_days", "in_effect", "grace_period", "updated_at"]
    readonly_fields = ["in_effect", "grace_period", "updated_at"]

    @admin.display(description="retries now")
    def in_effect(self, row):
        days = ", ".join(str(day) for day in renewal_retry_days())
        return f"{days} days after the term's end" + ("" if row.days else " (the site's default)")

    @admin.display(description="grace period")
    def grace_period(self, row):
        return f"{app_settings.GRACE_DAYS} days (MASTHEAD_GRACE_DAYS): a renewal unpaid by then lapses"
