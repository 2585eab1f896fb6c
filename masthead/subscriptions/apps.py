from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "masthead.subscriptions"
    label = "subscriptions"
    verbose_name = "Subscriptions"

    def ready(self):
        # What a settled payment and a provider's subscription event mean, and
        # who is told of a refund, is decided here, in subscriptions; payments
        # only calls its listeners.
        from masthead.payments.services import (
            on_payment_refunded,
            on_payment_settled,
            on_refund_effect,
            on_saved_card_unusable,
            on_saved_card_usable_again,
            on_subscription_signal,
        )

        from .billing.cards import refund_effect, refund_ends_term, saved_card_unusable, saved_card_usable_again
        from .billing.plan_upgrade import upgrade_credit_returned
        from .billing.settled import payment_settled, provider_subscription_signal
        from .mail import payment_refunded
        from .winback import winback_returned

        on_payment_settled(payment_settled)
        # After the subscription is activated: a return is a paid checkout.
        on_payment_settled(winback_returned)
        on_subscription_signal(provider_subscription_signal)
        on_saved_card_unusable(saved_card_unusable)
        on_saved_card_usable_again(saved_card_usable_again)
        # The term ends before the reader is written to, so the mail says so.
        on_payment_refunded(refund_ends_term)
        on_payment_refunded(upgrade_credit_returned)
        on_payment_refunded(payment_refunded)
        on_refund_effect(refund_effect)
