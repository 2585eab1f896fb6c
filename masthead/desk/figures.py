"""The desk's arithmetic, pure: where a subscription stands after each move
of its history, who is new and who churned, and what a subscription is worth
a month. services.desk_rollup feeds it the rows; the tests feed it by hand."""

from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from masthead.subscriptions.models import EventReason, SubscriptionStatus as S


class DeskState(StrEnum):
    """The states the desk counts a subscriber in (the dashboard's order)."""

    TRIAL = "trial"
    ACTIVE = "active"
    CANCELLING = "cancelling"
    PAST_DUE = "past_due"
    PAUSED = "paused"
    NEEDS_CARD = "needs_card"


STATE_LABELS = {
    DeskState.TRIAL: "Trial",
    DeskState.ACTIVE: "Active",
    DeskState.CANCELLING: "Cancelling",
    DeskState.PAST_DUE: "Past due",
    DeskState.PAUSED: "Paused",
    DeskState.NEEDS_CARD: "Needs card",
}

# Moves that begin a paid term: after one of them a subscription is out of its trial.
PAID_TERM_REASONS = frozenset(
    {
        EventReason.FIRST_PAYMENT,
        EventReason.RENEWED,
        EventReason.PLAN_CHANGED_AT_RENEWAL,
        EventReason.PLAN_UPGRADED,
        EventReason.PAUSE_OVER,
        EventReason.RESUMED_EARLY,
    }
)

_STATE_OF_STATUS = {
    S.CANCELLING: DeskState.CANCELLING,
    S.PAST_DUE: DeskState.PAST_DUE,
    S.PAUSED: DeskState.PAUSED,
    S.NEEDS_CARD: DeskState.NEEDS_CARD,
}

# A paused subscription is not charged until its pause ends, and a trial has
# not been charged for a term yet: neither is in MRR.
_PAYING_STATES = frozenset({DeskState.ACTIVE, DeskState.CANCELLING, DeskState.PAST_DUE, DeskState.NEEDS_CARD})


@dataclass(frozen=True)
class Standing:
    """Where a subscription stands after a move: its status, and whether it is
    still in its trial (no paid term begun since the trial started)."""

    status: str
    in_trial: bool = False


def standing_after(before: Standing | None, *, to_status: str, reason: str) -> Standing:
    in_trial = reason == EventReason.TRIAL_STARTED or (
        before is not None and before.in_trial and reason not in PAID_TERM_REASONS
    )
    return Standing(status=to_status, in_trial=in_trial)


def desk_state(standing: Standing | None) -> DeskState | None:
    """The state the desk counts the subscription in, or None: pending,
    ended, lapsed, refunded, complimentary and gift subscriptions are not
    counted (nobody pays for the last two)."""
    if standing is None:
        return None
    if standing.status == S.ACTIVE:
        return DeskState.TRIAL if standing.in_trial else DeskState.ACTIVE
    return _STATE_OF_STATUS.get(standing.status)


def pays(state: DeskState | None) -> bool:
    return state in _PAYING_STATES


def monthly_value(*, price_minor: int, term_months: int) -> Fraction:
    """A term's price spread over its months, exactly: ₹2,700 a year is
    ₹225 a month, ₹3,900 for two years ₹162.50. Rounded only once, on the
    total (mrr_minor), so a thousand subscriptions lose no paise each."""
    return Fraction(price_minor, term_months)


def mrr_minor(total: Fraction) -> int:
    """MRR in paise: the exact sum, rounded down once."""
    return int(total)  # Fractions here are never negative; int() floors them.


@dataclass
class Tally:
    """One plan's running counts while the day's moves are applied."""

    states: dict = field(default_factory=lambda: dict.fromkeys(DeskState, 0))
    paying: int = 0
    monthly: Fraction = Fraction(0)
    new: int = 0
    churned: int = 0

    def leave(self, state: DeskState | None, value: Fraction) -> None:
        if state is not None:
            self.states[state] -= 1
        if pays(state):
            self.paying -= 1
            self.monthly -= value

    def join(self, state: DeskState | None, value: Fraction) -> None:
        if state is not None:
            self.states[state] += 1
        if pays(state):
            self.paying += 1
            self.monthly += value

    def day_done(self) -> None:
        """The day's flows are counted; the states carry into the next day."""
        self.new = self.churned = 0


ALL_PLANS = None  # the tallies' key of every plan together


@dataclass(frozen=True)
class Counted:
    """How the desk counts one subscription at a moment: its state (None:
    not counted), the plan it is on and what it is worth a month."""

    state: DeskState | None
    plan: int | None
    value: Fraction


def count_move(tallies: dict, before: Counted | None, after: Counted) -> None:
    """One move of one subscription in the tallies by plan and of all plans.
    It leaves the state, plan and value it had and joins those it has now (a
    plan change moves it from one plan's row to the other's, a new price
    changes MRR by the difference). Into the counted states from outside them
    is a new subscriber, on the plan it joins; out of them (ended, lapsed,
    refunded) a churned one, on the plan it leaves. A plan change is neither."""
    if before is not None:
        for key in (before.plan, ALL_PLANS):
            tallies[key].leave(before.state, before.value)
    for key in (after.plan, ALL_PLANS):
        tallies[key].join(after.state, after.value)
    was_counted = before is not None and before.state is not None
    if not was_counted and after.state is not None:
        for key in (after.plan, ALL_PLANS):
            tallies[key].new += 1
    elif was_counted and after.state is None:
        for key in (before.plan, ALL_PLANS):
            tallies[key].churned += 1
