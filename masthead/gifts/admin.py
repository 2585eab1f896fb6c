from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from masthead.core.admin import ReadOnlyAdmin, SingletonSettingsAdmin, breakable_email
from masthead.core.periods import local_date

from .models import GiftSettings, GiftSubscription
from .subscriptions import gift_code_ending, gift_code_read


@admin.register(GiftSettings)
class GiftSettingsAdmin(SingletonSettingsAdmin):
    fields = ["gifts_per_month", "updated_at"]
    readonly_fields = ["updated_at"]


@admin.register(GiftSubscription)
class GiftSubscriptionAdmin(ReadOnlyAdmin):
    """Gift subscriptions, read-only, so Support can answer "was my gift
    sent?", "was it redeemed, and by whom?" and "my code doesn't work".

    The code is a secret that redeems a paid term: it is never shown, only
    its last four characters. A gift is found by the buyer's or the
    recipient's address, or by its whole code (typed as the e-mail prints
    it, or any way the redeem page accepts), never by part of one.

    Nothing is added, changed or deleted here: a gift's status moves with its
    payment and its redemption, and a refund (which voids an unredeemed gift)
    is given from its payment, in Payments.
    """

    # Beside the admin's sidebars a laptop leaves a list about 630 px
    # (tests/browser/test_admin_lists.py): the send date and whether it went
    # share a column, as do who redeemed it and when.
    list_display = ["buyer_email", "recipient", "plan_name", "mailed", "status", "redeemed", "code_ending"]
    list_select_related = ["buyer", "plan", "redeemed_by"]
    list_filter = ["status", "plan"]
    search_fields = ["buyer__email", "recipient_email"]
    secret_fields = ("code", "message")
    search_help_text = "The buyer's or the recipient's e-mail address, or the whole gift code."
    date_hierarchy = "created_at"
    fields = [
        "buyer", "recipient_name", "recipient_email", "plan", "term_months", "price", "status", "code_ending",
        "send_on", "created_at", "paid_at", "sent_at", "redeemed_by", "redeemed_at", "subscription", "voided_at",
        "payments",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description="buyer", ordering="buyer__email")
    def buyer_email(self, gift):
        return breakable_email(gift.buyer.email)

    @admin.display(description="recipient", ordering="recipient_email")
    def recipient(self, gift):
        return breakable_email(gift.recipient_email)

    @admin.display(description="plan", ordering="plan__name")
    def plan_name(self, gift):
        return gift.plan.name

    @admin.display(description="gift e-mail", ordering="send_on")
    def mailed(self, gift):
        """"sent 7 Dec 2026", or "due 9 Dec 2026" while it waits for its day (or its payment)."""
        if gift.sent_at is not None:
            return f"sent {local_date(gift.sent_at):%-d %b %Y}"
        return f"due {gift.send_on:%-d %b %Y}"

    @admin.display(description="redeemed", ordering="redeemed_at")
    def redeemed(self, gift):
        """"7 Dec 2026 by the recipient", or by whom if someone else redeemed the code."""
        if gift.redeemed_at is None:
            return "—"
        when = f"{local_date(gift.redeemed_at):%-d %b %Y}"
        reader = gift.redeemed_by.email if gift.redeemed_by_id else ""
        if reader.lower() == gift.recipient_email.lower():
            return f"{when} by the recipient"
        return format_html("{} by {}", when, breakable_email(reader))

    @admin.display(description="code")
    def code_ending(self, gift):
        return gift_code_ending(gift.code)

    @admin.display(description="price paid")
    def price(self, gift):
        return gift.price

    @admin.display(description="payments")
    def payments(self, gift):
        """The way to the money: a refund is given from the payment."""
        rows = gift.payments.order_by("created_at", "pk")
        if not rows:
            return "—"
        return format_html_join(
            ", ", '<a href="{}">{}</a> ({})',
            ((reverse("admin:payments_payment_change", args=[p.pk]), p.charge_key, p.get_status_display()) for p in rows),
        )  # fmt: skip

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        code = gift_code_read(search_term)
        if code:
            found = found | queryset.filter(code=code)
        return found, may_have_duplicates
