"""The staff admin as a newsroom meets it: the publication's name in the
header and the window title, and its sections named and ordered the way the
work goes (the stories first, then what is sold around them, the money, the
readers) instead of Django's alphabetical list.

Installed in place of ``django.contrib.admin`` and ``allauth.account``
(settings.INSTALLED_APPS), so that every page of the admin, its breadcrumbs
included, says the same.
"""

from allauth.account.apps import AccountConfig
from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig

# App labels in the order their sections are shown; any app not named here
# follows, alphabetically.
SECTION_ORDER = (
    "newsroom",
    "epaper",
    "newsletters",
    "metering",
    "subscriptions",
    "payments",
    "invoicing",
    "partners",
    "gifts",
    "ads",
    "accounts",
    "account",
    "devices",
)


class MastheadAdminSite(AdminSite):
    # Read on every page, not at start-up: the publication's name is a setting.
    @property
    def site_header(self) -> str:
        return f"{settings.MASTHEAD_SITE_NAME} administration"

    @property
    def site_title(self) -> str:
        return f"{settings.MASTHEAD_SITE_NAME} admin"

    @property
    def index_title(self) -> str:
        return f"{settings.MASTHEAD_SITE_NAME} staff desk"

    def get_app_list(self, request, app_label=None):
        """Sections in SECTION_ORDER (models inside each stay alphabetical)."""
        position = {label: index for index, label in enumerate(SECTION_ORDER)}
        apps = super().get_app_list(request, app_label)
        return sorted(apps, key=lambda app: (position.get(app["app_label"], len(position)), app["name"].lower()))


class MastheadAdminConfig(AdminConfig):
    default_site = "masthead.accounts.admin_site.MastheadAdminSite"


class EmailAddressesConfig(AccountConfig):
    """allauth's account app, whose admin holds readers' e-mail addresses;
    its own name ("Accounts") is the same as ours beside it."""

    verbose_name = "E-mail addresses"

    def ready(self) -> None:
        """The section's list and pages say "e-mail address", as the rest of
        the site writes it, instead of allauth's "email address". Only the
        names shown change: migrations read a model's declared Meta
        (``_meta.original_attrs``), so allauth's migrations stay as they are."""
        super().ready()
        email_address = self.get_model("EmailAddress")._meta
        email_address.verbose_name = "e-mail address"
        email_address.verbose_name_plural = "e-mail addresses"
