"""An experiment's writes: putting a reader in an arm (once), and a paid
checkout's conversion.

Who is a reader: the meter's name for them (``reader_key``): ``a:<id>`` for
an anonymous reader (the signed reader cookie, or an app's ``X-Reader``),
``u:<pk>`` for an account. A reader is exposed, and stays, under the id
they were first seen with. An account's arm, in every experiment, is the
arm of its exposure if it has one, else the one its own id hashes to, on
every device; a browser an account logged in on reads by the account's arm
once signed out (``BrowserAccount``). Only at sign-up are the browser's
exposures linked to the new account (``exposure_link``), so a reader who
met an arm anonymously and signs up keeps it, and the account's payment
converts it; an existing account logging in never takes the browser's arm
(fresh cookies would let it pick one).
"""

import threading
import time
from dataclasses import dataclass, replace
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from masthead.core.localcache import LocalCache
from masthead.access.policy import Reason
from masthead.access.readers import Reader
from masthead.access.services import DecisionInputs, decision_inputs_for
from masthead.metering.rules import current_rules
from masthead.metering.services import meter_hold_to, meter_left
from masthead.payments.models import Payment, PaymentStatus
from masthead.subscriptions.entitlement import is_subscriber
from masthead.subscriptions.models import Offer, Subscription
from masthead.subscriptions.selectors import PlansPageListing, subscription_refusing_checkout
from masthead.subscriptions.services import offer_had
from masthead.subscriptions.terms import TRIAL_TERM

from .assignment import arm_index
from .models import BrowserAccount, Conversion, Experiment, Exposure, Variable, offer_problem, plan_order_problem, plan_slugs

# How long a process trusts its list of running experiments, and its memory
# of a reader's arm (so a page view after the first writes and reads nothing).
RUNNING_SECONDS = 30
ARM_SECONDS = 600
# What the paywall's page shows, which an app's API answer does not (the app
# draws its own paywall): its readers are left out of these experiments.
PAYWALL_PAGE_VARIABLES = frozenset({Variable.PAYWALL_MESSAGE, Variable.PLAN_ORDER, Variable.OFFER_SHOWN})
# What the plans page shows too.
PLANS_PAGE_VARIABLES = frozenset({Variable.PLAN_ORDER, Variable.OFFER_SHOWN})
# Seen only over the free articles: the meter's paywall (its plans, its
# offer) or, for the wall, the wall or the paywall in its place. A reader is
# exposed when the page shows it (``exposure_on_decision``), or on the plans page.
SEEN_OVER_THE_LIMIT = {
    Variable.REGISTRATION_WALL: frozenset({Reason.REGISTRATION_WALL, Reason.METER_EXHAUSTED}),
    Variable.PLAN_ORDER: frozenset({Reason.METER_EXHAUSTED}),
    Variable.OFFER_SHOWN: frozenset({Reason.METER_EXHAUSTED}),
}
# Its own store, so a crowd of readers never pushes the cached pages out of the shared one.
_arms = LocalCache(max_entries=50_000)


@dataclass(frozen=True)
class RunningArm:
    pk: int
    percent: int
    free_allowance: int | None
    paywall_message: str
    registration_wall: bool | None = None
    plan_order: tuple[str, ...] = ()
    offer_id: int | None = None


@dataclass(frozen=True)
class RunningExperiment:
    pk: int
    key: str
    variable: str
    holdout_percent: int
    arms: tuple[RunningArm, ...]
    starts_at: datetime
    ends_at: datetime

    def arm_for(self, reader_id: str) -> RunningArm | None:
        index = arm_index(
            experiment_key=self.key,
            reader_id=reader_id,
            holdout_percent=self.holdout_percent,
            arm_percents=[arm.percent for arm in self.arms],
        )
        return None if index is None else self.arms[index]


_lock = threading.Lock()
_running: tuple[float, tuple[RunningExperiment, ...]] | None = None


def running_experiments(now: datetime) -> tuple[RunningExperiment, ...]:
    """Experiments under way at ``now`` whose shares add up (an experiment
    saved half-made splits nobody)."""
    return tuple(experiment for experiment in _splitting_experiments() if experiment.starts_at <= now < experiment.ends_at)


def next_experiment_change(now: datetime) -> datetime | None:
    """When an experiment next starts or ends after ``now``: readers'
    decisions change then with nothing saved (so nothing tells the edge)."""
    moments = [
        moment for experiment in _splitting_experiments() for moment in (experiment.starts_at, experiment.ends_at)
        if moment > now
    ]  # fmt: skip
    return min(moments, default=None)


def browser_account_tie(*, reader, now: datetime) -> int | None:
    """While an experiment runs, the account a signed-out browser reads by
    (``reader_arm``): once it subscribes (or becomes staff) the browser is
    left out and reads by the setting, with nothing of the browser saved."""
    if reader.user is not None or not running_experiments(now):
        return None
    return BrowserAccount.objects.filter(reader=reader.key).values_list("user_id", flat=True).first()


def _splitting_experiments() -> tuple[RunningExperiment, ...]:
    """Every experiment whose shares add up, past, present and to come:
    this process's copy, read again every RUNNING_SECONDS."""
    global _running
    cached = _running
    if cached is None or cached[0] <= time.monotonic():
        experiments = []
        for experiment in Experiment.objects.prefetch_related("arms"):
            arms = tuple(
                RunningArm(
                    arm.pk, arm.percent, arm.free_allowance, arm.paywall_message.strip(), arm.registration_wall,
                    tuple(plan_slugs(arm.plan_order)), arm.offer_id,
                )  # fmt: skip
                for arm in experiment.arms.all()
            )
            if len(arms) >= 2 and experiment.holdout_percent + sum(arm.percent for arm in arms) == 100:
                experiments.append(
                    RunningExperiment(
                        experiment.pk, experiment.key, experiment.variable, experiment.holdout_percent,
                        arms, experiment.starts_at, experiment.ends_at,
                    )
                )  # fmt: skip
        with _lock:
            _running = cached = (time.monotonic() + RUNNING_SECONDS, tuple(experiments))
    return cached[1]


def forget_running_experiments() -> None:
    global _running
    with _lock:
        _running = None
    _arms.clear()


def excluded(reader) -> bool:
    """Staff and verified crawlers get no arm and no exposure: neither is a
    reader who might subscribe; nor does an account with a subscription
    checkout would refuse it another for (paused, waiting for a card), which
    reads by the meter but cannot convert, as its browser signed out does
    not (``account_left_out``): one rule on both sides of a log-out. A
    crawler's user-agent alone proves nothing (anyone can send it), so an
    unverified one stays in its arm: leaving would give it the setting's
    allowance instead of the arm's."""
    return not reader.counted_as_reader or reader.has_subscription


def account_left_out(user, now: datetime) -> bool:
    """Whether a browser this account logged in on is left out once signed
    out (no arm, no exposure, the setting as it is), as the account is signed
    in: staff, who are no readers, and an account with a subscription
    checkout would refuse them another for (reading, in a trial, paused):
    it cannot convert, and must be offered nothing it cannot take."""
    return user.is_staff or is_subscriber(user, now) or subscription_refusing_checkout(user=user) is not None


def decision_inputs_for_reader(*, reader, inputs: DecisionInputs, now: datetime, record: bool = True) -> DecisionInputs:
    """The decision's inputs for this reader: the staff's, with their arm's
    value in place of the one each running experiment varies (the holdout,
    and readers no experiment includes, get them as they are). ``record``:
    the reader met the meter (a page view), so their exposure is recorded,
    once; a search asks without recording. A message experiment leaves out
    a reader who is never shown the paywall's words (the app's API): they
    would be counted in an arm whose words they never saw. A registration
    wall experiment leaves out a signed-in reader: only a reader who is not
    signed in can meet the wall. The wall, the offer and the order of plans
    show only over the free articles: their exposure waits for the page that
    shows them (``exposure_on_decision``)."""
    if excluded(reader):
        return inputs
    for experiment in running_experiments(now):
        if not _may_see(experiment, reader):
            continue
        seen_later = experiment.variable in SEEN_OVER_THE_LIMIT
        arm = reader_arm(experiment, reader=reader, now=now, record=record and not seen_later)
        if arm is None:
            continue
        if experiment.variable == Variable.FREE_ALLOWANCE and arm.free_allowance is not None:
            inputs = replace(inputs, rules=replace(inputs.rules, free_limit=arm.free_allowance))
        elif experiment.variable == Variable.PAYWALL_MESSAGE and arm.paywall_message:
            inputs = replace(inputs, paywall_message=arm.paywall_message)
        elif experiment.variable == Variable.REGISTRATION_WALL and arm.registration_wall is False:
            # No wall: the reader over their free articles meets the paywall.
            # The extra articles are only ever said to a reader not signed
            # in, so an account reads as many as the setting gives any account.
            inputs = replace(inputs, rules=replace(inputs.rules, account_extra=0))
        elif experiment.variable == Variable.PLAN_ORDER and arm.plan_order:
            inputs = replace(inputs, plan_order=arm.plan_order)
        elif experiment.variable == Variable.OFFER_SHOWN and _offer_may_be_shown(arm, reader):
            inputs = replace(inputs, offer_id=arm.offer_id)
    return inputs


def _may_see(experiment: RunningExperiment, reader) -> bool:
    """Whether the reader can be shown what the experiment varies. A
    signed-in reader with a subscription checkout would refuse them another
    for (paused, say) reads by the meter, but is offered no plans."""
    if experiment.variable in PAYWALL_PAGE_VARIABLES and not reader.sees_paywall_message:
        return False
    if experiment.variable == Variable.REGISTRATION_WALL and reader.user is not None:
        return False
    return not (experiment.variable in PLANS_PAGE_VARIABLES and reader.has_subscription)


def _offer_may_be_shown(arm: RunningArm, reader) -> bool:
    """Whether the arm's offer is shown to the reader: not to an account that
    has had it (once is all anyone gets, and checkout would charge the
    plan's own price). The reader stays exposed in the arm as any other, so
    the arms are compared over the same readers."""
    if arm.offer_id is None:
        return False
    if reader.user is not None:
        user_id = reader.user.pk
    else:
        # A browser an account logged in on shows what that account may take.
        user_id = BrowserAccount.objects.filter(reader=reader.key).values_list("user_id", flat=True).first()
        if user_id is None:
            return True
    offer = Offer.objects.filter(pk=arm.offer_id).first()
    return offer is not None and not offer_had(user_id=user_id, offer=offer)


def exposure_on_decision(*, reader, decision, now: datetime) -> None:
    """Listener of the meter's decisions on page views: a reader shown the
    paywall (or the wall) is exposed, once, to the experiments whose value
    shows there, in both arms alike (the control's page is as much "seen")."""
    if excluded(reader):
        return
    for experiment in running_experiments(now):
        shown_on = SEEN_OVER_THE_LIMIT.get(experiment.variable)
        if shown_on and decision.reason in shown_on and _may_see(experiment, reader):
            reader_arm(experiment, reader=reader, now=now, record=True)


def plans_page_listing_for(
    *, request, listing: PlansPageListing, record: bool = True, now: datetime | None = None
) -> PlansPageListing:
    """The plans as the reader's arm lists them (its order, its offer).
    Seeing the plans page is meeting the arm (``record``): the exposure is
    recorded (once) here too, for a reader who comes to it before any
    paywall, on a GET only (a HEAD or OPTIONS answer shows nobody a plan)
    from a reader who kept the reader cookie;
    checkout asks without recording, so an arm's offer is applied only to
    a reader counted in that arm. Subscribers (and an account whose
    subscription checkout would refuse them another for), staff and
    verified crawlers see the site's plans and are not exposed."""
    now = now or timezone.now()
    experiments = [experiment for experiment in running_experiments(now) if experiment.variable in PLANS_PAGE_VARIABLES]
    reader = getattr(request, "reader", None)
    # Asked only while such an experiment runs: the plans page otherwise reads no reader.
    if not experiments or reader is None or excluded(reader) or reader.is_subscriber or reader.has_subscription:
        return listing
    # A GET shows the page (not a HEAD or OPTIONS), to a reader who came with
    # the reader cookie: a client that keeps none would be a new reader on
    # every request. It sees its arm, and is counted from its next page on.
    shown = request.method == "GET" and not reader.minted
    for experiment in experiments:
        # Checkout (not ``record``) honours only what was shown: an exposure.
        arm = counted_arm(experiment, reader=reader, now=now, record=record and shown, exposed_only=not record)
        if arm is None:
            continue
        if experiment.variable == Variable.OFFER_SHOWN and _offer_may_be_shown(arm, reader):
            listing = replace(listing, offer_id=arm.offer_id)
        elif experiment.variable == Variable.PLAN_ORDER and arm.plan_order:
            listing = replace(listing, plan_order=arm.plan_order)
    return listing


def counted_arm(
    experiment: RunningExperiment, *, reader, now: datetime, record: bool, exposed_only: bool = False
) -> RunningArm | None:
    """The arm a reader is counted in (``reader_arm``), recorded when
    ``record``. ``exposed_only`` (checkout): only an account's exposure
    gives an arm, so an arm's offer is applied only to a reader who was
    shown it (in that arm, signed in, or on the browser it signed up on)."""
    if exposed_only:
        return None if reader.user is None else _exposure_arm(experiment, user_id=reader.user.pk)
    return reader_arm(experiment, reader=reader, now=now, record=record)


def reader_arm(experiment: RunningExperiment, *, reader, now: datetime, record: bool) -> RunningArm | None:
    """The reader's arm in ``experiment`` (None: the holdout). An account's
    is the arm of its exposure, if it has one (its own, or the browser's
    linked at sign-up), else the one its own id hashes to; a signed-out
    browser the account logged in on (``BrowserAccount``) reads by the same
    arm, so the browser shows what the account is counted in, and neither
    logging out nor logging in with a reader id picked for its arm moves an
    account to another arm. A browser tied to staff or to an account with a
    subscription (``account_left_out``) has none. Any other browser's is
    decided by its own id. The exposure is recorded on the first meeting,
    unless the account has one already. Remembered per process, so a
    reader's later page views cost no query; but not a tied browser's,
    which changes with its account (subscribing leaves it out at once)."""
    reader_id = reader.key
    memo = _memo(experiment.pk, reader_id)
    known = _arms.get(memo)
    if known is None and not record:
        known = _arms.get(_unrecorded_memo(experiment.pk, reader_id))
    if known is not None:
        return next((arm for arm in experiment.arms if arm.pk == known), None)
    tied = False
    if reader.user is not None:
        user_id = reader.user.pk
    else:
        link = BrowserAccount.objects.filter(reader=reader_id).select_related("user").first()
        user_id, tied = (None, False) if link is None else (link.user_id, True)
        if tied and account_left_out(link.user, now):
            # As the account is signed in: no arm, never exposed, reading by the setting.
            return None

    def remember(key: str, arm_id: int | None) -> None:
        if not tied:
            _arms.set(key, arm_id or 0, ARM_SECONDS)

    if user_id is not None:
        exposure = (
            Exposure.objects.filter(Q(reader=f"u:{user_id}") | Q(user_id=user_id), experiment_id=experiment.pk)
            .values_list("arm_id", flat=True)
            .first()
        )
        if exposure is not None:
            remember(memo, exposure)
            return next((arm for arm in experiment.arms if arm.pk == exposure), None)
    deciding_id = reader_id if user_id is None else f"u:{user_id}"
    arm = experiment.arm_for(deciding_id)
    if not record:
        # Remembered apart from a recorded one: a reader who reads free
        # articles before meeting the paywall costs no query each page.
        remember(_unrecorded_memo(experiment.pk, reader_id), arm.pk if arm is not None else None)
        return arm
    # An account's exposure was looked for above; a browser's is looked for here.
    unexposed = user_id is not None or not Exposure.objects.filter(reader=reader_id, experiment_id=experiment.pk).exists()
    if arm is not None and unexposed:
        exposure_record(experiment_id=experiment.pk, arm_id=arm.pk, reader_id=deciding_id, user_id=user_id, now=now)
    remember(memo, arm.pk if arm is not None else None)
    return arm


def _exposure_arm(experiment: RunningExperiment, *, user_id: int) -> RunningArm | None:
    arm_id = Exposure.objects.filter(experiment_id=experiment.pk, user_id=user_id).values_list("arm_id", flat=True).first()
    return None if arm_id is None else next((arm for arm in experiment.arms if arm.pk == arm_id), None)


def _memo(experiment_id: int, reader_id: str) -> str:
    return f"experiments:arm:{experiment_id}:{reader_id}"


def _unrecorded_memo(experiment_id: int, reader_id: str) -> str:
    return f"experiments:arm-unrecorded:{experiment_id}:{reader_id}"


def exposure_record(*, experiment_id: int, arm_id: int, reader_id: str, user_id: int | None, now: datetime) -> bool:
    """Record the reader's exposure unless it is on record already (a
    parallel request, another process); whether this call wrote it."""
    try:
        with transaction.atomic():
            Exposure.objects.create(
                experiment_id=experiment_id, arm_id=arm_id, reader=reader_id, user_id=user_id, exposed_at=now
            )
    except IntegrityError:
        return False
    return True


def second_account_held(*, anonymous_reader: str, user, now: datetime | None = None) -> int:
    """At log-in, before the browser becomes ``user``'s: if another account
    logged in on this browser before, ``user`` starts where that one
    stopped, as the meter's carry promises without an experiment (a second
    account signed up on a browser opens no more free articles). Arms give
    accounts different allowances, so the count carried is not enough: an
    account in a bigger arm is held to no more free articles than the one
    before had left on this browser. How many the meter counted to hold it (0 with equal
    allowances, when the carried count does it)."""
    previous = (
        BrowserAccount.objects.filter(reader=anonymous_reader).exclude(user=user).select_related("user").first()
    )
    if previous is None or user.is_staff or previous.user.is_staff:
        return 0
    now = now or timezone.now()
    before, after = Reader(user=previous.user, anonymous_id=None), Reader(user=user, anonymous_id=None)
    # Where it stopped on this browser: the count its log-out left here (and
    # the browser's own reading since), not its month as it stands now,
    # which counts reading done later on its own devices.
    left = meter_left(reader=anonymous_reader, limit=decision_inputs_for(before, now=now, record=False).rules.limit_for(has_account=True), now=now)
    limit = decision_inputs_for(after, now=now, record=False).rules.limit_for(has_account=True)
    return meter_hold_to(reader=after.key, left=left, limit=limit, now=now)


def browser_tie(*, anonymous_reader: str, user, now: datetime | None = None) -> None:
    """At every log-in (staff's too): the browser is the account's
    (``BrowserAccount``, the last account to log in on it), so signed out
    it reads by the account's arm, or by none when the account is left out
    (``account_left_out``): logging out never moves a reader to another arm,
    nor makes staff or a subscriber a reader counted in one."""
    BrowserAccount.objects.update_or_create(
        reader=anonymous_reader, defaults={"user": user, "linked_at": now or timezone.now()}
    )
    _browser_forget(anonymous_reader)


def _browser_forget(anonymous_reader: str) -> None:
    """The browser's arm is its account's now, in this process at once."""
    pks = list(Experiment.objects.values_list("pk", flat=True))
    _arms.delete(*(_memo(pk, anonymous_reader) for pk in pks), *(_unrecorded_memo(pk, anonymous_reader) for pk in pks))


def exposure_link(*, anonymous_reader: str, user, now: datetime | None = None) -> int:
    """At sign-up only: the browser's exposures become the new account's,
    so a reader who met an arm (an offer, say) before signing up keeps it,
    and the account's payment converts it. Never at a log-in: an existing
    account that could take the arm of whatever browser it logs in on would
    pick its arm by trying fresh cookies. A reader who is staff, or has a
    subscription already (a gift, a trial), takes none: they could be shown
    nothing to subscribe. How many exposures were linked."""
    if account_left_out(user, now or timezone.now()):
        return 0
    taken = Exposure.objects.filter(user=user).values_list("experiment_id", flat=True)
    linked = Exposure.objects.filter(reader=anonymous_reader, user__isnull=True).exclude(experiment_id__in=taken)
    count = 0
    for exposure in linked:
        try:
            with transaction.atomic():
                count += Exposure.objects.filter(pk=exposure.pk, user__isnull=True).update(user=user)
        except IntegrityError:
            continue  # a parallel sign-up linked another browser first: the first stays
    return count + _tied_arms_taken(anonymous_reader=anonymous_reader, user=user, now=now or timezone.now())


def _tied_arms_taken(*, anonymous_reader: str, user, now: datetime) -> int:
    """A sign-up on a browser another account logged in on: signed out, the
    browser read by that account's arms (its exposures), so what the page
    showed the reader is those arms; the new account keeps them, in each
    running experiment it is not in yet. A new account is a new reader, so
    this picks nothing an anonymous reader could not."""
    tied = BrowserAccount.objects.filter(reader=anonymous_reader).exclude(user=user).values_list("user_id", flat=True).first()
    if tied is None:
        return 0
    running = [experiment.pk for experiment in running_experiments(now)]
    taken = set(Exposure.objects.filter(user=user).values_list("experiment_id", flat=True))
    count = 0
    for experiment_id, arm_id in Exposure.objects.filter(user_id=tied, experiment_id__in=running).values_list("experiment_id", "arm_id"):
        if experiment_id not in taken:
            count += exposure_record(experiment_id=experiment_id, arm_id=arm_id, reader_id=f"u:{user.pk}", user_id=user.pk, now=now)
    return count


def conversion_record(payment: Payment) -> None:
    """Listener of settled payments (inside the settling transaction): a
    reader's first paid payment converts each of their exposures to an
    experiment running when it was paid, made before its subscription's
    checkout began, once. Renewals,
    upgrades and recovered payments come after a paid one, so they convert
    nothing: a reader who was paying already did not convert."""
    if payment.subscription_id is None or payment.status != PaymentStatus.SUCCEEDED or not payment.amount_minor:
        return
    if payment.duplicate or payment.authorisation:
        return  # bought nothing: refunded at once
    if payment.term_number == TRIAL_TERM:
        return  # a trial's token price: its first paid term converts
    paid_at = payment.succeeded_at or timezone.now()
    subscription = Subscription.objects.filter(pk=payment.subscription_id).values("user_id", "created_at").first()
    if subscription is None or _paid_before(payment, user_id=subscription["user_id"]):
        return
    # Only an arm met before the checkout began can have led to it: a trial's
    # first paid term never converts an arm its reader met during the trial.
    exposures = Exposure.objects.filter(
        user_id=subscription["user_id"],
        exposed_at__lt=subscription["created_at"],
        exposed_at__lte=paid_at,
        experiment__starts_at__lte=paid_at,
        experiment__ends_at__gt=paid_at,
        conversion__isnull=True,
    )
    for exposure in exposures:
        try:
            with transaction.atomic():
                Conversion.objects.create(exposure=exposure, payment=payment, converted_at=paid_at)
        except IntegrityError:
            continue  # the same payment settled twice at once: counted by the first


def _paid_before(payment: Payment, *, user_id: int) -> bool:
    """Whether the account has another subscription payment that paid for
    something and kept the money: one given back in full never made them a
    paying reader, so a later checkout can still be their first. A trial's
    token price paid for no term."""
    kept = Q(status=PaymentStatus.SUCCEEDED) | Q(status=PaymentStatus.REFUNDED, refunded_minor__isnull=False)
    return (
        Payment.objects.filter(kept, subscription__user_id=user_id, amount_minor__gt=0, duplicate=False, authorisation=False)
        .exclude(pk=payment.pk)
        .exclude(term_number=TRIAL_TERM)
        .exists()
    )


def conversion_withdraw(payment: Payment, by=None) -> int:
    """Listener of refunds (inside the refunding transaction): a conversion
    whose payment went back in full is no conversion (the reader paid
    nothing). A part refund (the rest went to an upgrade) keeps it. How many."""
    if payment.refunded_minor is not None:
        return 0
    deleted, _ = Conversion.objects.filter(payment=payment).delete()
    return deleted


def arms_valid(
    *,
    variable: str,
    holdout_percent: int,
    percents: list[int],
    allowances: list[int | None],
    messages: list[str],
    walls: list[bool | None] = (),
    orders: list[str] = (),
    offers: list = (),
) -> str | None:
    """Why these arms cannot run, or None."""
    if variable == Variable.FREE_ALLOWANCE and None in allowances:
        return "Say how many free articles a month each arm gives."
    if variable == Variable.PAYWALL_MESSAGE and not all(message.strip() for message in messages):
        return "Write the message each arm shows (control: the site's own words)."
    if variable == Variable.REGISTRATION_WALL:
        if None in walls or len(walls) != len(percents):
            return "Say whether each arm shows the registration wall."
        if not current_rules().account_extra:
            return (
                "The meter settings give a free account no extra articles, so there is no registration wall to "
                "show: set the extra free articles with a free account first."
            )
    if variable == Variable.PLAN_ORDER:
        if len(orders) != len(percents):
            return plan_order_problem("")
        for order in orders:
            if problem := plan_order_problem(order):
                return problem
    if variable == Variable.OFFER_SHOWN:
        if not any(offer is not None for offer in offers):
            return "Choose the offer at least one arm shows (control usually shows none)."
        for offer in offers:
            if problem := offer_problem(offer):
                return problem
    if len(percents) < 2:
        return "An experiment needs at least two arms (the first is control)."
    if holdout_percent + sum(percents) != 100:
        return f"The holdout and the arms' shares add up to {holdout_percent + sum(percents)}%, not 100%."
    return None

