"""The e-paper for apps: editions, pages with what this reader may open,
and page images behind the very check the web reader uses."""

from datetime import date

from django.utils import timezone
from ninja import Path, Query, Router

from masthead.epaper import selectors as epaper
from masthead.epaper import views as epaper_views
from masthead.epaper.models import Edition
from masthead.epaper.services import page_access

from ..errors import Forbidden
from ..readers import api_reader
from . import present
from .schemas import EditionDetailOut, EditionPage, errors

router = Router(tags=["e-paper"])

EDITIONS_PAGE_SIZE = 30
MAX_PAGES = 10_000
DENIED = "The e-paper's pages are for subscribers."
# Page images are bytes, not JSON: documented by hand.
IMAGE_RESPONSE = {"200": {"description": "The page as WebP.", "content": {"image/webp": {"schema": {"type": "string", "format": "binary"}}}}}


@router.get("/epaper/editions", response={200: EditionPage, **errors(401, 422)})
def editions(request, page: int = Query(1, ge=1, le=10_000)):
    """Ready editions, newest first (pending or failed ones do not exist for readers)."""
    ready = Edition.objects.ready().order_by("-date")
    return present.paged_rows(
        ready, page=page, page_size=EDITIONS_PAGE_SIZE, item=lambda edition: present.edition(request, edition)
    )


@router.get("/epaper/editions/{day}", response={200: EditionDetailOut, **errors(401, 404, 422)}, url_name="epaper_edition")
def edition(request, day: date):
    found = epaper.edition_for_reader(day)
    reader, now = api_reader(request), timezone.now()
    pages = []
    for page in epaper.edition_pages(found):
        where = {"day": day.isoformat(), "number": page.number}
        pages.append(
            {
                "number": page.number,
                "width": page.width,
                "height": page.height,
                "readable": page_access(reader=reader, edition=found, number=page.number, now=now).may_view,
                "image_url": present.api_url(request, "epaper_page_image", **where),
                "thumbnail_url": present.api_url(request, "epaper_page_thumbnail", **where),
            }
        )
    return {"date": found.date, "page_count": len(pages), "pages": pages}


def _page_file(request, day: date, number: int, send):
    """The e-paper's own view sends the bytes (and so keeps the one exit for
    files, X-Accel-Redirect included); the API first answers a refusal in JSON."""
    found = epaper.edition_for_reader(day)
    epaper.edition_page(found, number)
    reader = api_reader(request)
    if not page_access(reader=reader, edition=found, number=number).may_view:
        raise Forbidden("subscribers_only", DENIED)
    request.reader = reader  # the view asks the same question of the same reader
    return send(request, day, number)


@router.get(
    "/epaper/editions/{day}/pages/{number}/image",
    response=errors(401, 403, 404, 422),
    openapi_extra={"responses": IMAGE_RESPONSE},
    url_name="epaper_page_image",
)
def page_image(request, day: date, number: int = Path(..., ge=1, le=MAX_PAGES)):
    return _page_file(request, day, number, epaper_views.page_image)


@router.get(
    "/epaper/editions/{day}/pages/{number}/thumbnail",
    response=errors(401, 403, 404, 422),
    openapi_extra={"responses": IMAGE_RESPONSE},
    url_name="epaper_page_thumbnail",
)
def page_thumbnail(request, day: date, number: int = Path(..., ge=1, le=MAX_PAGES)):
    return _page_file(request, day, number, epaper_views.page_thumbnail)
