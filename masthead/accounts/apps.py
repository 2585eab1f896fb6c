from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "masthead.accounts"
    label = "accounts"
    verbose_name = "Readers and staff"

    def ready(self):
        from . import checks  # noqa: F401 (registers the deploy checks)
        from . import signals  # noqa: F401 (the registration wall's funnel)
