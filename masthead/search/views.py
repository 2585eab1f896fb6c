"""The search page: reads the form, asks the selectors, renders."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from masthead.core.replica import reads_from_replica
from masthead.newsroom.models import Section

from .backends import Order
from .forms import SearchForm
from .query import parse_query
from .results import search_results
from .selectors import search_articles


@require_safe
@reads_from_replica
def search(request):
    form = SearchForm(request.GET if request.GET else None)
    context = {
        "form": form, "sections": Section.objects.all(), "orders": SearchForm.base_fields["sort"].choices,
        "query": None, "page": None, "results": [],
    }  # fmt: skip
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound:
        query = parse_query(form.cleaned_data["q"])
        context["query"] = query
        context["newest_first"] = form.cleaned_data["sort"] == Order.NEWEST
        if query:
            page = search_articles(
                query=query,
                reader=request.reader,
                section=form.cleaned_data["section"],
                day_from=form.cleaned_data["start"],
                day_to=form.cleaned_data["end"],
                page=_page_number(request.GET.get("page")),
                order=form.cleaned_data["sort"],
            )
            context["page"] = page
            context["results"] = search_results(reader=request.reader, articles=page.articles, query=query)
    response = render(request, "search/search.html", context, status=status)
    # Snippets depend on who asks (what they may read): never from a shared cache.
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Cookie"
    return response


def _page_number(raw) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return 1
