"""What /desk/offers/ shows, over a range of days: each offer's
redemptions, how many of them went on to pay, and the money they brought;
trials started and how many became paid; gifts bought and redeemed.
docs/desk.md says what each number means."""

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import Count, Exists, OuterRef, Q, Sum

from masthead.core.periods import day_bounds
from masthead.gifts.models import GiftSubscription
from masthead.payments.models import Payment
from masthead.subscriptions.models import EventReason, Offer, OfferRedemption, SubscriptionEvent

from .dashboard import Table, _csv_rupees, count, percent, rupees
from .figures import PAID_TERM_REASONS
from .selectors import DeskRange
from .services import PAID_STATUSES


def _bounds(desk_range: DeskRange):
    return day_bounds(desk_range.first).start, day_bounds(desk_range.last).end


def _rate_csv(rate: Fraction | None) -> str:
    return "" if rate is None else f"{float(rate) * 100:.1f}"


def _paid_term(subscription_ref: str = "subscription_id"):
    """Whether the subscription has begun a paid term (a trial alone is not paid)."""
    return Exists(SubscriptionEvent.objects.filter(subscription_id=OuterRef(subscription_ref), reason__in=PAID_TERM_REASONS))


def offers_table(desk_range: DeskRange) -> Table:
    """Per offer: redemptions in the range; of those, how many paid a term;
    and the payments taken in the range from subscriptions bought with it
    (less what was refunded of them)."""
    start, end = _bounds(desk_range)
    redeemed = (
        OfferRedemption.objects.filter(redeemed_at__gte=start, redeemed_at__lt=end)
        .annotate(paid=_paid_term())
        .values("offer_id").annotate(n=Count("id"), paid_n=Count("id", filter=Q(paid=True))).order_by()
    )  # fmt: skip
    redemptions = {row["offer_id"]: (row["n"], row["paid_n"]) for row in redeemed}
    taken = (
        Payment.objects.filter(subscription__offer__isnull=False, status__in=PAID_STATUSES, duplicate=False,
                               succeeded_at__gte=start, succeeded_at__lt=end)
        .values("subscription__offer_id").annotate(gross=Sum("amount_minor"), back=Sum("refunded_minor")).order_by()
    )  # fmt: skip
    revenue = {row["subscription__offer_id"]: (row["gross"] or 0) - (row["back"] or 0) for row in taken}
    offers = Offer.objects.filter(pk__in=set(redemptions) | set(revenue)).order_by("name", "pk")
    shown, plain = [], []
    for offer in offers:
        n, paid = redemptions.get(offer.pk, (0, 0))
        money = revenue.get(offer.pk, 0)
        rate = Fraction(paid, n) if n else None
        shown.append((offer.name, count(n), count(paid), percent(rate), rupees(money)))
        plain.append((offer.name, n, paid, _rate_csv(rate), _csv_rupees(money)))
    return Table("offers", "Offers", ("Offer", "Redemptions", "Went on to pay", "Paid (share)", "Revenue"), tuple(shown), tuple(plain))


def trials_table(desk_range: DeskRange) -> Table:
    """Trials started in the range, and how many of them have paid a term since."""
    start, end = _bounds(desk_range)
    started = SubscriptionEvent.objects.filter(reason=EventReason.TRIAL_STARTED, occurred_at__gte=start, occurred_at__lt=end)
    totals = started.annotate(paid=_paid_term()).aggregate(n=Count("id"), paid_n=Count("id", filter=Q(paid=True)))
    n, paid = totals["n"], totals["paid_n"]
    rate = Fraction(paid, n) if n else None
    return Table(
        "trials", "Trials", ("Trials started", "Converted to paid", "Conversion"),
        ((count(n), count(paid), percent(rate)),), ((n, paid, _rate_csv(rate)),),
    )  # fmt: skip


def gifts_table(desk_range: DeskRange) -> Table:
    start, end = _bounds(desk_range)
    bought = GiftSubscription.objects.filter(paid_at__gte=start, paid_at__lt=end).count()
    redeemed = GiftSubscription.objects.filter(redeemed_at__gte=start, redeemed_at__lt=end).count()
    return Table("gifts", "Gift subscriptions", ("Bought", "Redeemed"), ((count(bought), count(redeemed)),), ((bought, redeemed),))


@dataclass(frozen=True)
class OffersPage:
    tables: dict[str, Table]


def offers_tables(desk_range: DeskRange) -> dict[str, Table]:
    return {"offers": offers_table(desk_range), "trials": trials_table(desk_range), "gifts": gifts_table(desk_range)}


def offers_page(desk_range: DeskRange) -> OffersPage:
    return OffersPage(tables=offers_tables(desk_range))
