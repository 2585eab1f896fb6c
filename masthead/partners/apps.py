from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "masthead.partners"
    label = "partners"
    verbose_name = "Partner access"

    def ready(self):
        from masthead.subscriptions.benefits import benefit_check_register
        from masthead.subscriptions.models import Feature

        from .selectors import partner_codes_in_stock

        benefit_check_register(Feature.PARTNER_ACCESS, partner_codes_in_stock)
