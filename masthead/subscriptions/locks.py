"""What another app may refuse to let change in a plan or an offer while
it relies on it (a running experiment's arm shows the offer, or lists the
plans by their addresses). Registered at start-up; subscriptions knows
nothing of who registers. Each lock answers why not, or ""."""

from collections.abc import Callable

_offer_term_locks: list[Callable[[int], str]] = []
_plan_slug_locks: list[Callable[[str], str]] = []


def offer_terms_lock_register(lock: Callable[[int], str]) -> None:
    if lock not in _offer_term_locks:
        _offer_term_locks.append(lock)


def plan_slug_lock_register(lock: Callable[[str], str]) -> None:
    if lock not in _plan_slug_locks:
        _plan_slug_locks.append(lock)


def offer_terms_locked(offer_id: int) -> str:
    """Why the offer's kind, value, terms and plans cannot change now, or ""."""
    return next((why for why in (lock(offer_id) for lock in _offer_term_locks) if why), "")


def plan_slug_locked(slug: str) -> str:
    """Why the plan at ``slug`` cannot take another address now, or ""."""
    return next((why for why in (lock(slug) for lock in _plan_slug_locks) if why), "")
