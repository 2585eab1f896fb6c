"""`manage.py check` on the payment providers' webhook secrets."""

from masthead.payments.checks import payment_provider_check


def _ids(settings) -> set[str]:
    return {message.id for message in payment_provider_check()}


def test_the_development_defaults_with_localstripe_pass_the_check(settings):
    settings.PRODUCTION = False
    settings.STRIPE_API_BASE = "http://127.0.0.1:8420"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_localstripe"
    assert _ids(settings) == set()


def test_the_development_secret_against_real_stripe_is_a_warning_in_development(settings):
    settings.PRODUCTION = False
    settings.STRIPE_API_BASE = ""
    settings.STRIPE_WEBHOOK_SECRET = "whsec_localstripe"
    assert _ids(settings) == {"payments.W003"}


def test_the_development_secret_is_an_error_in_production(settings):
    settings.PRODUCTION = True
    settings.STRIPE_API_BASE = ""
    settings.STRIPE_WEBHOOK_SECRET = "whsec_localstripe"
    assert _ids(settings) == {"payments.E003"}


def test_a_provider_without_its_webhook_secret_is_disabled_and_an_error_in_production(settings):
    settings.PRODUCTION = True
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert _ids(settings) == {"payments.E002"}
    settings.PRODUCTION = False
    assert _ids(settings) == {"payments.W002"}


def test_razorpay_with_a_real_secret_is_enabled_and_clean(settings):
    settings.PRODUCTION = True
    settings.STRIPE_API_BASE = ""
    settings.STRIPE_WEBHOOK_SECRET = "whsec_from_the_dashboard"
    settings.MASTHEAD_PAYMENT_PROVIDER = "razorpay"
    settings.RAZORPAY_KEY_ID, settings.RAZORPAY_KEY_SECRET = "rzp_live_x", "secret"
    settings.RAZORPAY_WEBHOOK_SECRET = ""
    assert _ids(settings) == {"payments.E002"}
    settings.RAZORPAY_WEBHOOK_SECRET = "from-the-dashboard"
    assert _ids(settings) == set()


def test_an_unknown_provider_is_an_error(settings):
    settings.MASTHEAD_PAYMENT_PROVIDER = "paypal"
    assert "payments.E001" in _ids(settings)
