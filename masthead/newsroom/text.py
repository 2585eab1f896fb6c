"""Pure functions over article HTML: sanitising and the lead-in.

The body is stored already sanitised, whoever wrote it (admin, import, API),
so no page, feed or e-mail ever has to trust it again.
"""

import html
import re

import nh3
from lxml import html as lxml_html

BODY_TAGS = {
    "p", "h2", "h3", "h4", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "br", "hr", "figure", "figcaption", "img",
    "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "type"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
_cleaner = nh3.Cleaner(
    tags=BODY_TAGS,
    attributes=BODY_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)

LEAD_IN_MIN_WORDS = 50
LEAD_IN_MAX_WORDS = 100
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]?$")


def sanitize_body(raw: str) -> str:
    """Only the markup an article may carry: no scripts, styles, handlers or
    javascript: links survive."""
    return _cleaner.clean(raw or "").strip()


def plain_text(fragment: str) -> str:
    """The words of an HTML fragment, for meta descriptions and word counts."""
    if not fragment or not fragment.strip():
        return ""
    root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    return " ".join(root.text_content().split())


def _blocks(body: str) -> list:
    if not body.strip():
        return []
    root = lxml_html.fragment_fromstring(body, create_parent="div")
    blocks = []
    if root.text and root.text.strip():
        # Text outside any element is a paragraph of its own.
        blocks.append(_paragraph(root.text.strip()))
    for element in root:
        if isinstance(element.tag, str):
            tail = element.tail
            element.tail = None
            blocks.append(element)
            if tail and tail.strip():
                blocks.append(_paragraph(tail.strip()))
    return blocks


def _paragraph(text: str):
    return lxml_html.fragment_fromstring(f"<p>{html.escape(text)}</p>")


def _words(element) -> list[str]:
    return element.text_content().split()


def derive_lead_in(body: str) -> str:
    """The opening of an article that any reader may see.

    Whole paragraphs from the top until there are at least ~50 words, never
    more than ~100; a first paragraph longer than that is cut at the last
    sentence that fits (or the last word, with an ellipsis).
    """
    parts: list[str] = []
    count = 0
    for block in _blocks(body):
        if block.tag in {"figure", "img", "table", "hr"}:
            continue
        words = _words(block)
        if not words:
            continue
        if count + len(words) <= LEAD_IN_MAX_WORDS:
            parts.append(lxml_html.tostring(block, encoding="unicode").strip())
            count += len(words)
        elif count < LEAD_IN_MIN_WORDS:
            parts.append(f"<p>{html.escape(_cut(words, LEAD_IN_MAX_WORDS - count))}</p>")
            break
        else:
            break
        if count >= LEAD_IN_MIN_WORDS:
            break
    return "\n".join(parts)


def _cut(words: list[str], limit: int) -> str:
    kept = words[:limit]
    for end in range(len(kept), 0, -1):
        if _SENTENCE_END.search(kept[end - 1]) and end >= limit // 2:
            return " ".join(kept[:end])
    return " ".join(kept) + " …"


def word_count(body: str) -> int:
    return len(plain_text(body).split())
