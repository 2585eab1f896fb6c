"""Articles, sections, search and plans: open to anyone, decided per reader."""

from datetime import date

from ninja import Query, Router, Status

from masthead.access.funnel import funnel_events_for_view
from masthead.access.services import article_access
from masthead.core.replica import reads_from_replica
from masthead.newsroom import cache as article_cache
from masthead.newsroom import selectors as newsroom
from masthead.newsroom.models import Section
from masthead.search.forms import SearchForm
from masthead.search.query import parse_query
from masthead.search.results import search_results
from masthead.search.selectors import PAGE_SIZE as SEARCH_PAGE_SIZE
from masthead.search.selectors import last_page, search_articles
from masthead.subscriptions import selectors as plans

from ..errors import ApiNotFound
from ..readers import api_reader
from . import present
from .schemas import ArticleOut, ArticlePage, PlansOut, SearchPage, SectionOut, errors

router = Router(tags=["reading"])

MAX_PAGE_SIZE = 50
# Deep enough for any app's scrolling; the archive beyond is reached by search or date.
MAX_PAGE = 10_000


def _section(slug: str) -> Section:
    found = Section.objects.filter(slug=slug).first()
    if found is None:
        raise ApiNotFound("section_not_found", "No such section.")
    return found


@router.get("/articles", response={200: ArticlePage, **errors(401, 404, 422)})
@reads_from_replica
def articles(
    request,
    page: int = Query(1, ge=1, le=MAX_PAGE),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
    section: str | None = Query(None, max_length=80, description="A section's slug."),
    premium: bool | None = Query(None, description="Only premium stories (true) or only the others (false)."),
):
    """Live articles, newest first. Headline, standfirst and links only: the
    text comes from the article itself, through the access decision."""
    found = newsroom.live_articles()
    if section:
        found = found.filter(section=_section(section))
    if premium is not None:
        found = found.premium_stories() if premium else found.not_premium_stories()
    total = found.count()
    start = (page - 1) * page_size
    return {
        "items": [present.article_item(request, article) for article in found[start : start + page_size]],
        "page": page,
        "page_size": page_size,
        "total": total,
        "pages": present.pages_of(total, page_size),
    }


@router.get("/articles/{slug}", response={200: ArticleOut, **errors(401, 404, 422)}, by_alias=True)
def article(request, slug: str, gift: str | None = Query(None, max_length=200, description="A gift link's token.")):
    """One article as this reader may read it. A GET is a page view: it
    counts against an anonymous or non-subscribing reader's meter exactly as
    the web page does (rereading a counted article is free)."""
    found = article_cache.article_by_slug(slug)
    if found is None or not found.is_live():
        raise ApiNotFound("article_not_found", "No such article.")
    decision = article_access(reader=api_reader(request), article=found, count=True, gift_token=gift)
    funnel_events_for_view(article_id=found.pk, decision=decision)
    return present.article_detail(request, found, decision)


@router.get("/sections", response={200: list[SectionOut], **errors(401)})
@reads_from_replica
def sections(request):
    return [present.section(request, section) for section in Section.objects.all()]


@router.get("/search", response={200: SearchPage, **errors(401, 404, 422)})
@reads_from_replica
def search(
    request,
    q: str = Query(..., max_length=1000),
    section: str | None = Query(None, max_length=80),
    from_: date | None = Query(None, alias="from", description="First day (publication's zone), YYYY-MM-DD."),
    to: date | None = Query(None, description="Last day, included."),
    page: int = Query(1, ge=1, le=last_page()),
):
    """The archive search, with snippets cut only from text this reader may
    read (masthead.search.results): never a gated paragraph."""
    section_found = _section(section) if section else None
    # The search page's own form keeps the rules (query length, date order).
    form = SearchForm({"q": q, "from": from_ or "", "to": to or ""})
    if not form.is_valid():
        message = "; ".join(f"{field}: {' '.join(problems)}" for field, problems in form.errors.items())
        return Status(422, {"code": "invalid_request", "message": message})
    query = parse_query(form.cleaned_data["q"])
    if not query:
        return {"query": q, "capped": False, "items": [], "page": 1, "page_size": SEARCH_PAGE_SIZE, "total": 0, "pages": 1}
    reader = api_reader(request)
    found = search_articles(
        query=query, reader=reader, section=section_found, day_from=form.cleaned_data["start"], day_to=form.cleaned_data["end"], page=page
    )
    results = search_results(reader=reader, articles=found.articles, query=query)
    return {
        "query": q,
        "capped": found.capped,
        "items": [
            {
                "article": present.article_item(request, result.article),
                "headline_html": str(result.headline),
                "standfirst_html": str(result.standfirst),
                "snippet_html": str(result.snippet),
                "full_text": result.full_text,
            }
            for result in results
        ],
        "page": found.number,
        "page_size": found.page_size,
        "total": found.total,
        "pages": found.num_pages,
    }


@router.get("/plans", response={200: PlansOut, **errors(401)})
def plans_on_sale(request):
    return {
        "plans": [present.plan(plan) for plan in plans.plans_on_sale()],
        "benefits": [{"title": b.title, "description": b.description} for b in plans.benefits_shown()],
    }
