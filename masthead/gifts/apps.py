from django.apps import AppConfig


class GiftsConfig(AppConfig):
    name = "masthead.gifts"
    label = "gifts"
    verbose_name = "Gifts"

    def ready(self):
        # What a gift subscription's payment and its refund mean is decided
        # here; payments only calls its listeners.
        from masthead.payments.services import on_gift_refund_effect, on_payment_refunded, on_payment_settled

        from .subscriptions import gift_payment_settled, gift_refund_effect, gift_refunded

        on_payment_settled(gift_payment_settled)
        on_payment_refunded(gift_refunded)
        on_gift_refund_effect(gift_refund_effect)

        # A reader with a gift waiting for their address is not asked to pay.
        from masthead.subscriptions.winback import on_winback_hold

        from .subscriptions import gift_waiting_for_reader

        on_winback_hold(gift_waiting_for_reader)
