from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from masthead.core.admin import breakable_email
from masthead.core.errors import MastheadError

from .models import Payment, PaymentStatus, WebhookEvent
from .services import RefundEffectChanged, payment_refund, refund_effect


# The confirmation's hidden field, one per payment, holding the effect shown.
REFUND_EFFECT_FIELD = "refund_effect_"


def _payments(count: int) -> str:
    return f"{count} payment" if count == 1 else f"{count} payments"


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Payments are read here: the provider's answer (``failure_message``) and
    what Masthead did about it (``note``, ``duplicate``) are on each row. The
    only write is a refund, for staff allowed to give money back."""

    # What staff look for first comes first, and on a laptop every column is
    # in view without scrolling (tests/browser/test_admin_lists.py): whether
    # it was an extra charge is in its note and the filters, when it
    # succeeded on its page.
    list_display = ["charge_key", "amount", "status", "why", "reader", "created_at"]
    list_select_related = ["subscription__user", "gift__buyer"]
    list_filter = ["status", "duplicate", "provider"]
    search_fields = ["charge_key", "provider_payment_id", "subscription__user__email", "gift__buyer__email", "failure_message", "note"]
    date_hierarchy = "created_at"
    actions = ["refund"]

    @admin.display(description="reader", ordering="subscription__user__email")
    def reader(self, payment):
        return breakable_email(payment.payer.email)

    @admin.display(description="why")
    def why(self, payment):
        """The provider's answer (why it failed), then what Masthead did about it."""
        return " ".join(text for text in (payment.failure_message, payment.note) if text) or "—"

    def get_readonly_fields(self, request, obj=None):
        return [*(field.name for field in Payment._meta.fields), "tax_invoice"]

    @admin.display(description="tax invoice")
    def tax_invoice(self, payment):
        """The way from a payment to its invoice (Support answering a reader)."""
        invoice = getattr(payment, "invoice", None)
        if invoice is None:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("admin:invoicing_invoice_change", args=[invoice.pk]), invoice.number)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Refund (the reader stops reading if it paid the current term)", permissions=["refund"])
    def refund(self, request, queryset):
        """Money goes back only after staff have seen what each refund does
        (Django's own delete asks the same way); a refund cannot be undone."""
        refundable = list(queryset.filter(status=PaymentStatus.SUCCEEDED).select_related("subscription__user", "gift__buyer"))
        if not refundable:
            self.message_user(request, "None of the selected payments can be refunded: only paid ones can.", messages.WARNING)
            return None
        effects = {payment.pk: refund_effect(payment) for payment in refundable}
        confirmed, changed = request.POST.get("confirmed") == "yes", []
        if confirmed:
            # The confirmation posts what it said each refund does; a refund
            # whose effect changed since (a gift redeemed, a term renewed) is
            # not made: staff are asked again with what it does now.
            changed = [
                payment.charge_key for payment in refundable
                if request.POST.get(f"{REFUND_EFFECT_FIELD}{payment.pk}") != effects[payment.pk].description
            ]  # fmt: skip
            if changed:
                self.message_user(
                    request,
                    f"Nothing was refunded: what refunding {', '.join(changed)} does changed since you looked "
                    "(it is not what you were shown). Check it again below.",
                    messages.WARNING,
                )
        if not confirmed or changed:
            return self._refund_confirmation(
                request, [(payment, effects[payment.pk]) for payment in refundable], queryset.count() - len(refundable)
            )
        done, total, stopped, changed_since = 0, None, [], []
        for payment in refundable:
            # The refund this request makes carries this time; another
            # member of staff's, made since the selection was read, does not.
            asked_at = timezone.now()
            try:
                # The effect staff confirmed is checked again under the
                # refund's own lock: what commits after the check above (a
                # gift redeemed, a term renewed) is not refunded unseen.
                refunded = payment_refund(
                    payment=payment, by=request.user, now=asked_at,
                    expected_effect=request.POST.get(f"{REFUND_EFFECT_FIELD}{payment.pk}", ""),
                )  # fmt: skip
            except RefundEffectChanged as error:
                changed_since.append((payment, error.effect))
                continue
            except MastheadError as error:
                self.message_user(request, f"{payment.charge_key}: {error.message}", messages.ERROR)
                continue
            if refunded.status != PaymentStatus.REFUNDED:
                self.message_user(request, f"{payment.charge_key}: the provider has not refunded it yet.", messages.WARNING)
                continue
            if refunded.refunded_at != asked_at:
                self.message_user(
                    request,
                    f"{payment.charge_key}: already refunded by someone else; nothing more was sent back.",
                    messages.WARNING,
                )
                continue
            done += 1
            total = refunded.refunded_amount if total is None else total + refunded.refunded_amount
            if effects[payment.pk].ends_reading and payment.payer.email not in stopped:
                stopped.append(payment.payer.email)
        if done:
            ended = f"; {', '.join(stopped)} no longer {'reads' if len(stopped) == 1 else 'read'}" if stopped else ""
            self.message_user(request, f"Refunded {_payments(done)} ({total}){ended}.", messages.SUCCESS)
        if changed_since:
            self.message_user(
                request,
                f"{', '.join(payment.charge_key for payment, _ in changed_since)} not refunded: what refunding "
                f"{'it does' if len(changed_since) == 1 else 'them does'} changed since you looked. Look again below.",
                messages.WARNING,
            )
            return self._refund_confirmation(request, changed_since, 0)
        return None

    def _refund_confirmation(self, request, rows, skipped: int):
        """The question before money goes back: each payment with what refunding it does."""
        return TemplateResponse(
            request,
            "admin/payments/payment/refund_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": f"Refund {_payments(len(rows))}?",
                "rows": rows,
                "skipped": skipped,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "effect_field": REFUND_EFFECT_FIELD,
            },
        )

    def has_refund_permission(self, request):
        """Seeing payments is not leave to give money back."""
        return request.user.has_perm(f"{self.opts.app_label}.refund_payment")


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    """Read-only: why an event changed nothing (``outcome``, ``reason``) is
    the first thing staff look for when a reader's payment did not count."""

    # On a laptop every column is in view (tests/browser/test_admin_lists.py):
    # the event's type and id share a column, the provider is a filter, and
    # the rest is on the event's page.
    list_display = ["received_at", "event", "outcome", "reason", "failed_with"]
    list_filter = ["outcome", "provider", "event_type"]
    search_fields = ["event_id", "reason"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in WebhookEvent._meta.fields]

    @admin.display(description="event", ordering="event_type")
    def event(self, event):
        return format_html("{}<br><small>{}</small>", event.event_type, event.event_id)

    @admin.display(description="error")
    def failed_with(self, event):
        """The error's first line (the exception and its message); the whole is on the event's page."""
        return event.error.splitlines()[0][:120] if event.error else "—"

    def has_delete_permission(self, request, obj=None):
        # The stored event is what makes a replayed delivery a no-op.
        return False

    def has_add_permission(self, request):
        return False
