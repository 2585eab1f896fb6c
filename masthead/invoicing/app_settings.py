"""The invoicing app's settings, each with a demo default.

A value in Django's settings wins, then the environment variable of the same
name, then the default, so a deployment sets them in its environment without
any change to masthead/settings.py. They are read when used (not at import),
so tests can override them. Every one is documented in docs/invoices.md;
``checks.py`` refuses values an invoice could not carry.
"""

import os

from django.conf import settings

DEFAULT_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _setting(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "").strip()
    return str(value).strip() or default


class AppSettings:
    @property
    def SUPPLIER_NAME(self) -> str:
        return _setting("MASTHEAD_SUPPLIER_NAME", "Masthead Media Private Limited")

    @property
    def SUPPLIER_ADDRESS(self) -> str:
        return _setting("MASTHEAD_SUPPLIER_ADDRESS", "1 Demo Street, Mumbai 400001, Maharashtra")

    @property
    def SUPPLIER_GSTIN(self) -> str:
        # A placeholder of the right shape whose check character is wrong on
        # purpose, so it can never be mistaken for a real registration.
        return _setting("MASTHEAD_SUPPLIER_GSTIN", "27AAAAA0000A1Z5").upper()

    @property
    def SUPPLIER_STATE_CODE(self) -> str:
        return _setting("MASTHEAD_SUPPLIER_STATE_CODE", "27")

    @property
    def SAC_CODE(self) -> str:
        return _setting("MASTHEAD_INVOICE_SAC_CODE", "998431")

    @property
    def PREFIX(self) -> str:
        return _setting("MASTHEAD_INVOICE_PREFIX", "MH")

    @property
    def CREDIT_NOTE_PREFIX(self) -> str:
        # Credit notes are a series of their own (Rule 53 of the CGST Rules):
        # a prefix of their own keeps their numbers apart from invoices'.
        return _setting("MASTHEAD_CREDIT_NOTE_PREFIX", "MHCN")

    @property
    def FONT(self) -> str:
        return _setting("MASTHEAD_INVOICE_FONT", DEFAULT_FONT)


app_settings = AppSettings()


def default_sac_code() -> str:
    """The model field's default: the configured SAC code."""
    return app_settings.SAC_CODE
