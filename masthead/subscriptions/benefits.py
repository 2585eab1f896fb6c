"""Whether each promise on the plans page is really delivered today.

Staff write the benefit lines; each names the part of the site that delivers
it (``Benefit.feature``). A line is shown to readers only while that part has
something to give: no "complimentary partner access" with an empty code pool,
no "e-paper" before the first edition. A feature nobody checks here is
treated as not delivered, so a new promise cannot appear by accident.
"""

from collections.abc import Callable

from .models import Feature


def _always() -> bool:
    # Built into every page: ad slots render nothing for subscribers; the
    # archive and search read every live article; the site works on any
    # screen with one account.
    return True


# Each app that delivers a feature says how to tell, in its AppConfig.ready()
# (benefit_check_register); subscriptions does not know how any part works.
_feature_checks: dict[str, Callable[[], bool]] = {
    Feature.ARCHIVES: _always,
    Feature.AD_FREE: _always,
    Feature.DEVICES: _always,
}


def benefit_check_register(feature: Feature, check: Callable[[], bool]) -> None:
    """``check()`` says whether ``feature`` has something to give readers today."""
    _feature_checks[feature] = check


def feature_delivered(feature: str) -> bool:
    if not feature:
        return True  # a line staff vouch for themselves
    check = _feature_checks.get(feature)
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
