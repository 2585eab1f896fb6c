from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from masthead.core.inputs import InputInvalid, parse_day, parse_id
from masthead.core.periods import local_date
from masthead.subscriptions.models import Plan

from .dashboard import Table, all_columns_csv_table, csv_text, desk_page, tables
from .funnel_page import funnel_page, funnel_tables
from .offers import offers_page, offers_tables
from .retention import retention_page, retention_tables
from .selectors import RANGE_DAYS_MAX, DeskRange, daily_figures, default_range, desk_plans

DESK_PERMISSION = "desk.view_desk"


def may_open_desk(user) -> bool:
    """Business staff (the group holds the permission) and superusers."""
    return user.is_active and user.is_staff and user.has_perm(DESK_PERMISSION)


def _range_from(query, today) -> DeskRange:
    """The range asked for (``from``, ``to``), or the last 30 days; refused
    with a reason when it cannot be read."""
    default = default_range(today)
    first_text, last_text = query.get("from", ""), query.get("to", "")
    first = parse_day(first_text) if first_text else None
    last = parse_day(last_text) if last_text else default.last
    if first is None:
        first = last - (default.last - default.first)
    if first > last:
        raise InputInvalid(message="The first day comes after the last.")
    if last > today:
        raise InputInvalid(message=f"The last day can be today ({today}) at the latest.")
    desk_range = DeskRange(first, last)
    if desk_range.days > RANGE_DAYS_MAX:
        raise InputInvalid(message=f"Choose at most {RANGE_DAYS_MAX} days.")
    return desk_range


def _plan_from(query, plans: list[Plan]) -> Plan | None:
    """The plan asked for (``plan``, its id), or None for every plan."""
    text = query.get("plan", "")
    if not text:
        return None
    plan_id = parse_id(text)
    plan = next((plan for plan in plans if plan.pk == plan_id), None)
    if plan is None:
        raise InputInvalid(message="No such plan.")
    return plan


# The desk's pages, in the order its navigation lists them.
DESK_PAGES = (
    ("desk:dashboard", "Subscribers and revenue"),
    ("desk:funnel", "Funnel"),
    ("desk:retention", "Retention"),
    ("desk:offers", "Offers, trials and gifts"),
    ("experiments:index", "Experiments"),
)


def desk_nav(current: str) -> list[dict]:
    return [{"href": reverse(name), "label": label, "current": name == current} for name, label in DESK_PAGES]


def _csv_response(table: Table | None, names: str, filename: str) -> HttpResponse:
    if table is None:
        return HttpResponse(f"No such table: ask for {names}.\n", status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(csv_text(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _range_page(request, *, page: str, template: str, build, csv_tables):
    """A desk page over a range of days (no plan): the range read or refused
    with its reason (400), the page, or one of its tables as CSV."""
    if not may_open_desk(request.user):
        raise PermissionDenied
    today = local_date(timezone.now())
    context = {"today": today, "desk_nav": desk_nav(page)}
    try:
        desk_range = _range_from(request.GET, today)
    except InputInvalid as error:
        context.update(error=error.message, desk_range=default_range(today))
        return render(request, template, context, status=400)
    if request.GET.get("format") == "csv":
        found = csv_tables(desk_range)
        name = request.GET.get("table", "")
        slug = page.partition(":")[2]
        return _csv_response(found.get(name), ", ".join(found), f"desk-{slug}-{name}-{desk_range.first}-{desk_range.last}.csv")
    query = f"from={desk_range.first}&to={desk_range.last}"
    context.update(page=build(desk_range), desk_range=desk_range, query=query, query_range=query)
    return render(request, template, context)


@login_required
def funnel(request):
    return _range_page(
        request, page="desk:funnel", template="desk/funnel.html", build=funnel_page,
        csv_tables=lambda desk_range: funnel_tables(desk_range)[0],
    )  # fmt: skip


@login_required
def retention(request):
    return _range_page(request, page="desk:retention", template="desk/retention.html", build=retention_page, csv_tables=retention_tables)


@login_required
def offers(request):
    return _range_page(request, page="desk:offers", template="desk/offers.html", build=offers_page, csv_tables=offers_tables)


@login_required
def dashboard(request):
    if not may_open_desk(request.user):
        raise PermissionDenied
    today = local_date(timezone.now())
    plans = desk_plans()
    context = {"today": today, "plans": plans, "desk_nav": desk_nav("desk:dashboard")}
    try:
        desk_range = _range_from(request.GET, today)
        plan = _plan_from(request.GET, plans)
    except InputInvalid as error:
        context.update(error=error.message, desk_range=default_range(today))
        return render(request, "desk/dashboard.html", context, status=400)
    plan_id = plan.pk if plan else None
    if request.GET.get("format") == "csv":
        return _csv(request, desk_range, plan_id)
    query = f"from={desk_range.first}&to={desk_range.last}" + (f"&plan={plan_id}" if plan_id else "")
    context.update(desk=desk_page(desk_range, plan_id=plan_id), desk_range=desk_range, plan=plan, query=query,
                   query_range=f"from={desk_range.first}&to={desk_range.last}")  # fmt: skip
    return render(request, "desk/dashboard.html", context)


def _csv(request, desk_range: DeskRange, plan_id: int | None) -> HttpResponse:
    days, rows = desk_range.each_day(), daily_figures(desk_range, plan_id=plan_id)
    name = request.GET.get("table", "all")
    table = all_columns_csv_table(days, rows) if name == "all" else tables(days, rows).get(name)
    if table is None:
        return HttpResponse("No such table: ask for mrr, states, flows or all.\n", status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(csv_text(table), content_type="text/csv; charset=utf-8")
    plan = f"-plan{plan_id}" if plan_id else ""
    response["Content-Disposition"] = f'attachment; filename="desk-{table.slug}{plan}-{desk_range.first}-{desk_range.last}.csv"'
    return response
