"""Highlighted snippets, computed in Python over text the reader may read.

The database is never asked for a snippet: it would cut one from the whole
body, gated paragraphs included. Here the caller hands over only the text
the access decision lets this reader see, and the snippet is cut from that.
Everything is escaped; the only markup added is ``<mark>``.

Pure functions: no database, no settings.
"""

import html
import unicodedata
from functools import lru_cache

from django.utils.safestring import SafeString, mark_safe

from .query import Query, words_of

SNIPPET_WORDS = 32
# Common English endings, so "banks" lights up "bank" and "banking", as the
# engines' stemmers matched them. A rough match is enough for a highlight.
_ENDINGS = ("ingly", "edly", "ings", "ing", "ies", "ied", "es", "ed", "ly", "s")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    word = _fold(word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=65_536)
def _token_stems(token: str) -> frozenset[str]:
    # Pages of results repeat the same words over and over: each token is
    # split and stemmed once per process, not once per snippet.
    return frozenset(stem(word) for word in words_of(token))


def _matches(token: str, stems: frozenset[str]) -> bool:
    return not stems.isdisjoint(_token_stems(token))


def highlight(text: str, query: Query) -> SafeString:
    """The whole text, escaped, with the query's words in ``<mark>``."""
    stems = frozenset(stem(word) for word in query.words)
    return mark_safe(" ".join(_token_html(token, stems) for token in text.split()))


def _token_html(token: str, stems: frozenset[str]) -> str:
    escaped = html.escape(token)
    return f"<mark>{escaped}</mark>" if stems and _matches(token, stems) else escaped


def snippet(text: str, query: Query, *, length: int = SNIPPET_WORDS) -> SafeString:
    """About ``length`` words of plain ``text`` around the most query words,
    escaped, with those words in ``<mark>``; the opening when none occur."""
    tokens = text.split()
    if not tokens:
        return mark_safe("")
    stems = frozenset(stem(word) for word in query.words)
    hits = [bool(stems) and _matches(token, stems) for token in tokens]
    start = _best_window(tokens, hits, stems, length)
    shown = tokens[start : start + length]
    body = " ".join(_token_html(token, stems) for token in shown)
    before = "… " if start > 0 else ""
    after = " …" if start + length < len(tokens) else ""
    return mark_safe(before + body + after)


def _best_window(tokens: list[str], hits: list[bool], stems: frozenset[str], length: int) -> int:
    """Where the window with the most distinct query words starts (a few
    words before the first of them, for context)."""
    if not any(hits):
        return 0
    best_start, best_score = 0, -1
    for first, hit in enumerate(hits):
        if not hit:
            continue
        start = max(first - 4, 0)
        window = tokens[start : start + length]
        score = len(stems & frozenset().union(*map(_token_stems, window)))
        if score > best_score:
            best_start, best_score = start, score
        if best_score == len(stems):
            break
    return best_start
