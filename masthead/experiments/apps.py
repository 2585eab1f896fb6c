from django.apps import AppConfig


class ExperimentsConfig(AppConfig):
    name = "masthead.experiments"
    label = "experiments"
    verbose_name = "Experiments"

    def ready(self):
        from masthead.access.services import on_account_tie, on_decision_inputs, on_decision_shown, on_scheduled_change
        from masthead.payments.services import on_payment_refunded, on_payment_settled

        from . import signals  # noqa: F401  (log-in tying, sign-up linking, forgetting the cache on save)
        from masthead.subscriptions.locks import offer_terms_lock_register, plan_slug_lock_register
        from masthead.subscriptions.selectors import on_plans_page_listing

        from .selectors import offer_arm_lock, plan_order_arm_lock
        from .services import (
            browser_account_tie,
            conversion_record,
            conversion_withdraw,
            decision_inputs_for_reader,
            exposure_on_decision,
            next_experiment_change,
            plans_page_listing_for,
        )

        on_decision_inputs(decision_inputs_for_reader)
        on_decision_shown(exposure_on_decision)
        on_scheduled_change(next_experiment_change)
        on_account_tie(browser_account_tie)
        on_plans_page_listing(plans_page_listing_for)
        offer_terms_lock_register(offer_arm_lock)
        plan_slug_lock_register(plan_order_arm_lock)
        on_payment_settled(conversion_record)
        on_payment_refunded(conversion_withdraw)
