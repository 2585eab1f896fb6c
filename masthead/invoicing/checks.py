"""Refuse, at start-up, supplier settings that would print a wrong invoice."""

import re

from django.core import checks

from .app_settings import app_settings
from .gst import STATES_AND_UNION_TERRITORIES, gstin_is_well_formed, invoice_number


@checks.register()
def supplier_settings_check(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    state = app_settings.SUPPLIER_STATE_CODE
    gstin = app_settings.SUPPLIER_GSTIN
    if state not in STATES_AND_UNION_TERRITORIES:
        errors.append(
            checks.Error(f"MASTHEAD_SUPPLIER_STATE_CODE {state!r} is not the GST code of a state or union territory.", id="invoicing.E001")
        )
    if not gstin_is_well_formed(gstin):
        errors.append(checks.Error(f"MASTHEAD_SUPPLIER_GSTIN {gstin!r} is not a GSTIN.", id="invoicing.E002"))
    elif gstin[:2] != state:
        errors.append(
            checks.Error(
                f"MASTHEAD_SUPPLIER_GSTIN {gstin!r} is registered in state {gstin[:2]}, "
                f"but MASTHEAD_SUPPLIER_STATE_CODE is {state!r}.",
                id="invoicing.E003",
            )
        )
    if not re.fullmatch(r"\d{6}", app_settings.SAC_CODE):
        errors.append(
            checks.Error(f"MASTHEAD_INVOICE_SAC_CODE {app_settings.SAC_CODE!r} is not a six-digit SAC.", id="invoicing.E004")
        )
    try:
        invoice_number(app_settings.PREFIX, "2026-27", 1)
    except ValueError as error:
        errors.append(
            checks.Error(
                f"MASTHEAD_INVOICE_PREFIX: {error}.", hint="Use up to four capital letters or digits.", id="invoicing.E005"
            )
        )
    credit_prefix = app_settings.CREDIT_NOTE_PREFIX
    try:
        invoice_number(credit_prefix, "2026-27", 1)
    except ValueError as error:
        errors.append(
            checks.Error(
                f"MASTHEAD_CREDIT_NOTE_PREFIX: {error}.", hint="Use up to four capital letters or digits.", id="invoicing.E006"
            )
        )
    else:
        if credit_prefix == app_settings.PREFIX:
            errors.append(
                checks.Error(
                    f"MASTHEAD_CREDIT_NOTE_PREFIX {credit_prefix!r} is the invoice prefix too: "
                    "a credit note and an invoice would share numbers.",
                    hint="Give credit notes a prefix of their own, such as the default MHCN.",
                    id="invoicing.E006",
                )
            )
    return errors
