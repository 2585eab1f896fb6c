"""Whether each promise on the plans page is really delivered today.

Staff write the benefit lines; each names the part of the site that delivers
it (``Benefit.feature``). A line is shown to readers only while that part has
something to give: no "complimentary partner access" with an empty code pool,
no "e-paper" before the first edition. A feature nobody checks here is
treated as not delivered, so a new promise cannot appear by accident.
"""

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from .models import Feature


def _premium_stories() -> bool:
    from masthead.newsroom.selectors import live_articles

    return live_articles().filter(is_premium=True, publish_at__gte=timezone.now() - timedelta(days=7)).exists()


def _market_analysis() -> bool:
    from masthead.newsroom.selectors import live_articles

    return live_articles().filter(section__is_premium=True).exists()


def _partner_codes_in_stock() -> bool:
    from masthead.partners.models import PartnerCode

    return PartnerCode.objects.filter(partner__is_active=True, claimed_by__isnull=True).exists()


def _epaper_edition_ready() -> bool:
    from masthead.epaper.selectors import editions_available

    return editions_available()


def _newsletters_offered() -> bool:
    from masthead.newsletters.models import Newsletter

    return Newsletter.objects.filter(active=True).exists()


def _always() -> bool:
    # Built into every page: ad slots render nothing for subscribers; the
    # archive and search read every live article; the site works on any
    # screen with one account.
    return True


FEATURE_CHECKS: dict[str, Callable[[], bool]] = {
    Feature.PREMIUM: _premium_stories,
    Feature.MARKET_ANALYSIS: _market_analysis,
    Feature.PARTNER_ACCESS: _partner_codes_in_stock,
    Feature.EPAPER: _epaper_edition_ready,
    Feature.NEWSLETTERS: _newsletters_offered,
    Feature.ARCHIVES: _always,
    Feature.AD_FREE: _always,
    Feature.DEVICES: _always,
}


def feature_delivered(feature: str) -> bool:
    if not feature:
        return True  # a line staff vouch for themselves
    check = FEATURE_CHECKS.get(feature)
    return check is not None and check()


def delivered_benefits(benefits) -> list:
    """The benefits whose promise holds now, each feature checked once."""
    answers: dict[str, bool] = {}
    shown = []
    for benefit in benefits:
        if benefit.feature not in answers:
            answers[benefit.feature] = feature_delivered(benefit.feature)
        if answers[benefit.feature]:
            shown.append(benefit)
    return shown
