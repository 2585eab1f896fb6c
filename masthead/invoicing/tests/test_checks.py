from masthead.invoicing.checks import supplier_settings_check


def _ids():
    return [error.id for error in supplier_settings_check()]


def test_the_demo_supplier_settings_pass():
    assert _ids() == []


def test_settings_an_invoice_could_not_carry_are_refused(settings):
    settings.MASTHEAD_SUPPLIER_STATE_CODE = "99"
    settings.MASTHEAD_INVOICE_SAC_CODE = "9984"
    settings.MASTHEAD_INVOICE_PREFIX = "MASTHEAD"
    assert _ids() == ["invoicing.E001", "invoicing.E003", "invoicing.E004", "invoicing.E005"]


def test_the_gstin_must_be_a_gstin_of_the_suppliers_state(settings):
    settings.MASTHEAD_SUPPLIER_GSTIN = "NOT-A-GSTIN"
    assert _ids() == ["invoicing.E002"]
    settings.MASTHEAD_SUPPLIER_GSTIN = "29AAGCB7383J1Z4"
    assert _ids() == ["invoicing.E003"]


def test_credit_notes_need_a_prefix_of_their_own(settings):
    settings.MASTHEAD_CREDIT_NOTE_PREFIX = "MHCRN"  # 17 characters with the year and sequence
    assert _ids() == ["invoicing.E006"]
    settings.MASTHEAD_CREDIT_NOTE_PREFIX = "MH"  # the invoices' own: numbers would be shared
    assert _ids() == ["invoicing.E006"]
    settings.MASTHEAD_CREDIT_NOTE_PREFIX = "CN"
    assert _ids() == []
