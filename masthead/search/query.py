"""What a reader typed, made safe for either full-text engine.

Both engines have a query language (FTS5's MATCH syntax, PostgreSQL's
tsquery), and a stray quote, ``*``, ``-``, ``NEAR`` or ``:`` in the wrong
place is a syntax error there. So nothing the reader typed reaches an engine
as syntax: the text is cut into words (letters, digits and the marks that
belong to them, in any script) and each engine gets those words quoted in its
own way. Words in double quotes stay together as a phrase; every word or
phrase must match (AND), as readers expect of a search box.

Pure functions: no database, no settings.
"""

import unicodedata
from dataclasses import dataclass

# Long enough for any real question; a pasted page is cut, not refused.
MAX_QUERY_CHARS = 200
MAX_WORDS = 12
# Longer "words" are noise (a pasted hash, a URL's path); they are dropped.
MAX_WORD_CHARS = 40


@dataclass(frozen=True)
class Query:
    """Phrases of one or more words; a single word is a one-word phrase."""

    phrases: tuple[tuple[str, ...], ...]

    def __bool__(self) -> bool:
        return bool(self.phrases)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(word for phrase in self.phrases for word in phrase)


def _is_word_char(char: str) -> bool:
    # Letters, numbers and combining marks (Devanagari vowel signs, accents):
    # the characters FTS5's unicode61 tokenizer keeps inside a token.
    return unicodedata.category(char)[0] in "LNM"


def words_of(text: str) -> list[str]:
    """The words of a piece of text, lower-cased, in order."""
    found, current = [], []
    for char in text:
        if _is_word_char(char):
            current.append(char)
        elif current:
            found.append("".join(current))
            current = []
    if current:
        found.append("".join(current))
    return [word.casefold() for word in found if len(word) <= MAX_WORD_CHARS]


def parse_query(raw: str | None) -> Query:
    """A reader's text as phrases of plain words; never raises."""
    text = unicodedata.normalize("NFKC", (raw or "")[:MAX_QUERY_CHARS])
    phrases: list[tuple[str, ...]] = []
    budget = MAX_WORDS
    # Between quotes (even-numbered pieces are outside): an unmatched quote
    # simply runs to the end of the text.
    for position, piece in enumerate(text.split('"')):
        words = words_of(piece)[:budget]
        budget -= len(words)
        if not words:
            continue
        if position % 2:
            phrases.append(tuple(words))
        else:
            phrases.extend((word,) for word in words)
    unique = tuple(dict.fromkeys(phrases))
    return Query(unique)


def fts5_match(query: Query, *, columns: tuple[str, ...] = ()) -> str:
    """FTS5 MATCH text: each phrase in double quotes, so no word is syntax
    (``AND``, ``NEAR``, ``*``). Words hold no quotes, so none need escaping.
    With ``columns`` (our own names, not input), every phrase must match
    within them."""
    phrases = " ".join('"' + " ".join(phrase) + '"' for phrase in query.phrases)
    return "{" + " ".join(columns) + "} : (" + phrases + ")" if columns else phrases


def websearch_text(query: Query) -> str:
    """Text for PostgreSQL's ``websearch_to_tsquery``: phrases quoted, words
    bare. It has no operators left to misread (no ``-``, ``or``, quotes inside)."""
    parts = []
    for phrase in query.phrases:
        # "or" on its own is websearch's OR operator; as a phrase it is a word.
        parts.append('"' + " ".join(phrase) + '"' if len(phrase) > 1 or phrase[0] == "or" else phrase[0])
    return " ".join(parts)
