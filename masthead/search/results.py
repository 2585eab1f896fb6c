"""What a reader sees of each search result, decided by the one access rule.

Every article is asked about through ``article_access`` without counting a
view (a search is not a read). The body lends its words to the snippet only
when the reader could reread the full story for free right now: a
subscriber, an always-free story, or one already counted on this reader's
meter this month. Everyone else — including a reader still under the meter,
whose next full read would cost a free article — gets a snippet from the
lead-in, the opening any reader may see. So no paragraph past the lead-in of
a premium, archive or metered story ever reaches the page of a reader who
may not read it, whatever they searched for.

Gated articles still match on their body's words (the results list is the
same for everyone); only what is shown differs.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from masthead.access.policy import Decision, Reason
from masthead.access.readers import Reader
from masthead.access.services import article_access, readable_text
from masthead.newsroom.models import Article
from masthead.newsroom.text import plain_text

from .query import Query
from .snippets import highlight, snippet

BODY_SNIPPET_REASONS = frozenset({Reason.SUBSCRIBER, Reason.EXEMPT, Reason.ALREADY_COUNTED})


@dataclass(frozen=True)
class Result:
    article: Article
    headline: SafeString
    standfirst: SafeString
    snippet: SafeString
    full_text: bool


def snippet_text(article: Article, decision: Decision) -> str:
    """The plain text a snippet may be cut from, for this decision."""
    if decision.reason in BODY_SNIPPET_REASONS:
        return plain_text(readable_text(article, decision))
    return plain_text(article.lead_in)


def search_results(*, reader: Reader, articles: list[Article], query: Query) -> list[Result]:
    results = []
    for article in articles:
        decision = article_access(reader=reader, article=article, count=False)
        results.append(
            Result(
                article=article,
                headline=highlight(article.headline, query),
                standfirst=highlight(article.standfirst, query),
                snippet=snippet(snippet_text(article, decision), query),
                full_text=decision.reason in BODY_SNIPPET_REASONS,
            )
        )
    return results
