"""Whether an account reads as a subscriber.

Staff-granted complimentary access counts today; paid subscriptions plug in
here, so every channel keeps asking this one question.
"""


def is_subscriber(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.complimentary_access)
