"""The e-paper's pages and files. Every byte of an edition leaves through
``_send_file`` after ``services.page_access`` has said yes."""

from datetime import date, timedelta
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from masthead.core.errors import MastheadError
from masthead.core.inputs import InputInvalid, parse_month
from masthead.core.periods import local_date
from masthead.core.urls import absolute_url

from . import selectors
from .app_settings import app_settings
from .errors import ShareLinkInvalid
from .models import Edition
from .pdf import pdf_single_page
from .services import page_access, share_link_create, share_link_read
from .storage import epaper_storage

DENIED = "The e-paper's pages are for subscribers."


@require_GET
def calendar_page(request):
    today = local_date(timezone.now())
    latest = selectors.latest_edition()
    asked = request.GET.get("month", "")
    month_asked = _month_asked(asked)
    shown = month_asked or (latest.date if latest else today).replace(day=1)
    earliest, newest = selectors.months_with_editions()
    previous_month = (shown - timedelta(days=1)).replace(day=1)
    next_month = (shown.replace(day=28) + timedelta(days=4)).replace(day=1)
    weeks = selectors.month_grid(shown.year, shown.month)
    # A month without editions says so, and names the nearest months that
    # have some, rather than leave the reader paging through empty ones.
    empty = latest is not None and not any(cell.edition and cell.in_month for week in weeks for cell in week)
    before, after = selectors.editions_around(first=shown, last=next_month - timedelta(days=1)) if empty else (None, None)
    context = {
        "month": shown,
        "weeks": weeks,
        "latest": latest,
        "today": today,
        "previous_month": previous_month if earliest and previous_month >= earliest else None,
        "next_month": next_month if newest and next_month <= newest else None,
        "month_not_understood": bool(asked) and month_asked is None,
        "empty_month": empty,
        "nearest_month_before": before.date.replace(day=1) if before else None,
        "nearest_month_after": after.date.replace(day=1) if after else None,
    }
    return render(request, "epaper/calendar.html", context)


@require_GET
def reader(request, day: date):
    edition = selectors.ready_edition(day)
    if edition is None:
        return _no_edition(request, day)
    number = _page_number(request.GET.get("page", "1"))
    pages = selectors.edition_pages(edition)
    if not 1 <= number <= len(pages):
        raise Http404("That edition has no such page.")
    now = timezone.now()
    access = page_access(reader=request.reader, edition=edition, number=number, now=now)
    strip = [
        {"page": page, "visible": page_access(reader=request.reader, edition=edition, number=page.number, now=now).may_view}
        for page in pages
    ]
    context = {
        "edition": edition,
        "page": pages[number - 1],
        "number": number,
        "total": len(pages),
        "access": access,
        "strip": strip,
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < len(pages) else None,
        "today_local": local_date(now),
    }
    return _private(render(request, "epaper/reader.html", context))


@require_GET
def page_image(request, day: date, number: int):
    edition, page = _edition_and_page(day, number)
    access = page_access(reader=request.reader, edition=edition, number=number, share_token=request.GET.get("share", ""))
    if not access.may_view:
        return _denied(access.message or DENIED)
    return _send_file(page.image.name, content_type="image/webp")


@require_GET
def page_thumbnail(request, day: date, number: int):
    edition, page = _edition_and_page(day, number)
    if not page_access(reader=request.reader, edition=edition, number=number).may_view:
        return _denied(DENIED)
    return _send_file(page.thumbnail.name, content_type="image/webp")


@require_GET
def page_save_image(request, day: date, number: int):
    edition, page = _edition_and_page(day, number)
    if not page_access(reader=request.reader, edition=edition, number=number).may_save:
        return _denied("Saving e-paper pages comes with a subscription.")
    return _send_file(page.image.name, content_type="image/webp", download_name=f"epaper-{day}-page-{number}.webp")


@require_GET
def page_save_pdf(request, day: date, number: int):
    edition, _ = _edition_and_page(day, number)
    if not page_access(reader=request.reader, edition=edition, number=number).may_save:
        return _denied("Saving e-paper pages comes with a subscription.")
    response = HttpResponse(pdf_single_page(edition.pdf.path, number - 1), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, f"epaper-{day}-page-{number}.pdf")
    return _private(response, max_age=3600)


@require_GET
def edition_download(request, day: date):
    edition = selectors.edition_for_reader(day)
    # Saving the whole edition is the same right as saving its first page.
    if not page_access(reader=request.reader, edition=edition, number=1).may_save:
        return _denied("Saving the e-paper comes with a subscription.")
    return _send_file(edition.pdf.name, content_type="application/pdf", download_name=f"epaper-{day}.pdf")


@require_POST
def page_share(request, day: date, number: int):
    edition, page = _edition_and_page(day, number)
    try:
        link = share_link_create(reader=request.reader, edition=edition, number=number)
    except MastheadError as error:
        return _denied(error.message)
    url = absolute_url(request, reverse("epaper:shared", args=[link.token]))
    context = {"edition": edition, "page": page, "number": number, "share_url": url, "expires_at": link.expires_at}
    return _private(render(request, "epaper/share_created.html", context))


@require_GET
def shared_page(request, token: str):
    """A page someone shared: readable by anyone while the link lasts, then the subscribe prompt."""
    try:
        shared = share_link_read(token=token)
    except ShareLinkInvalid as error:
        return _private(render(request, "epaper/share_invalid.html", {"message": error.message}, status=400))
    number = shared.number
    edition = Edition.objects.ready().filter(pk=shared.edition_id).first()
    if edition is None:
        raise Http404("That edition is no longer available.")
    page = selectors.edition_page(edition, number)
    access = page_access(reader=request.reader, edition=edition, number=number, share_token=token)
    context = {
        "edition": edition, "page": page, "number": number, "access": access, "token": token,
        "expires_at": shared.expires_at, "today_local": local_date(timezone.now()),
    }  # fmt: skip
    return _private(render(request, "epaper/shared.html", context, status=200 if access.may_view else 410))


# --- helpers ------------------------------------------------------------------


def _no_edition(request, day: date):
    """A day without an edition (none printed, or not ready yet): say so, with
    the nearest editions either side."""
    before, after = selectors.editions_around(first=day, last=day)
    context = {"day": day, "before": before, "after": after}
    return render(request, "epaper/no_edition.html", context, status=404)


def _edition_and_page(day: date, number: int):
    edition = selectors.edition_for_reader(day)
    return edition, selectors.edition_page(edition, number)


def _send_file(name: str, *, content_type: str, download_name: str | None = None):
    """The file itself, or (behind nginx) a header telling nginx to send it from its internal location."""
    if app_settings.ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = app_settings.ACCEL_REDIRECT + quote(name)
        if download_name:
            response["Content-Disposition"] = content_disposition_header(True, download_name)
    else:
        try:
            handle = epaper_storage().open(name, "rb")
        except FileNotFoundError:
            raise Http404("That file is missing.") from None
        response = FileResponse(
            handle, content_type=content_type, as_attachment=bool(download_name), filename=download_name or ""
        )
    return _private(response, max_age=3600)


def _private(response, *, max_age: int = 0):
    """Reader-specific: never kept by a shared cache, never sniffed into another type."""
    response["Cache-Control"] = f"private, max-age={max_age}" if max_age else "private, no-cache"
    response["Vary"] = "Cookie"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _denied(message: str):
    response = HttpResponse(message, status=403, content_type="text/plain; charset=utf-8")
    response = _private(response)
    response["Cache-Control"] = "private, no-store"
    return response


def _page_number(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise Http404("No such page.") from None


def _month_asked(raw: str) -> date | None:
    """The month in ``?month=``; a malformed or out-of-range one shows the latest."""
    try:
        return parse_month(raw) if raw else None
    except InputInvalid:
        return None
