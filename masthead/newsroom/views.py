"""Reader-facing pages. Each view asks the selectors and renders; no rules here."""

from datetime import date

from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.utils import timezone

from masthead.core.periods import local_date
from masthead.core.urls import absolute_url

from . import selectors
from .models import Article, Section
from .presentation import article_credit, article_description, news_article_ld

SECTION_PAGE_SIZE = 20


def home(request):
    return render(request, "newsroom/home.html", {"page": selectors.home_page()})


def section(request, slug):
    section = get_object_or_404(Section, slug=slug)
    paginator = Paginator(selectors.section_articles(section=section), SECTION_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "newsroom/section.html",
        {"section": section, "page_obj": page, "canonical_url": absolute_url(request, _page_path(section, page))},
    )


def _page_path(section, page):
    path = section.get_absolute_url()
    return path if page.number == 1 else f"{path}?page={page.number}"


def article(request, slug):
    found = selectors.article_by_slug(slug=slug)
    if found is None:
        raise Http404("No such article")
    return _render_article(request, found, preview=False)


@staff_member_required
def article_preview(request, pk):
    """An editor's view of any article, live or not, exactly as readers will see it."""
    found = get_object_or_404(Article.objects.select_related("section", "agency"), pk=pk)
    return _render_article(request, found, preview=True)


def _render_article(request, article, *, preview):
    url = absolute_url(request, article.get_absolute_url())
    image_url = absolute_url(request, article.image.url) if article.image else None
    structured = (
        news_article_ld(
            article=article,
            url=url,
            site_url=absolute_url(request, "/"),
            logo_url=absolute_url(request, static("img/logo.png")),
            image_url=image_url,
        )
        if not preview
        else None
    )
    response = render(
        request,
        "newsroom/article.html",
        {
            "article": article,
            "preview": preview,
            "canonical_url": url,
            "description": article_description(article),
            "credit": article_credit(article),
            "image_url": image_url,
            "structured_data": structured,
            "more_from_section": selectors.section_articles(section=article.section).exclude(pk=article.pk)[:4],
        },
    )
    if preview:
        response["X-Robots-Tag"] = "noindex"
    return response


def archive_index(request):
    return render(
        request,
        "newsroom/archive_index.html",
        {"years": selectors.archive_years(), "span": selectors.archive_span()},
    )


def archive_year(request, year):
    months = selectors.archive_months(year=year)
    if not months:
        raise Http404("Nothing was published that year")
    return render(
        request,
        "newsroom/archive_year.html",
        {"year": year, "months": [{"date": date(year, m["month"], 1), "count": m["count"]} for m in months]},
    )


def archive_month(request, year, month):
    first = _valid_date(year, month, 1)
    days = selectors.archive_days(year=year, month=month)
    if not days:
        raise Http404("Nothing was published that month")
    return render(request, "newsroom/archive_month.html", {"month": first, "days": days})


def archive_day(request, year, month, day):
    day = _valid_date(year, month, day)
    if day > local_date(timezone.now()):
        raise Http404("That day has not happened yet")
    earlier, later = selectors.neighbouring_days(day=day)
    return render(
        request,
        "newsroom/archive_day.html",
        {
            "day": day,
            "articles": selectors.articles_on_day(day=day),
            "earlier": earlier,
            "later": later,
            "span": selectors.archive_span(),
        },
    )


def _valid_date(year, month, day) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise Http404("No such date") from None
