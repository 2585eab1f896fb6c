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

_BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote", "figcaption", "td", "th", "br", "pre", "hr")
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
    for element in root.iter(*_BLOCK_TAGS):
        # Blocks are separate words: "…the end.</p><p>Next…" must not glue.
        element.tail = " " + (element.tail or "")
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
    return plain_text(lxml_html.tostring(element, encoding="unicode")).split()


def derive_lead_in(body: str) -> str:
    """The opening of an article that any reader may see.

    Whole paragraphs from the top until there are at least ~50 words, never
    more than ~100 and never more than half the article; a first paragraph
    longer than that is cut at the last sentence that fits (or the last word,
    with an ellipsis).
    """
    blocks = _blocks(body)
    total = sum(len(_words(block)) for block in blocks)
    # A short story must not be given away whole: its lead-in is at most half of it.
    most = min(LEAD_IN_MAX_WORDS, max(total // 2, 1))
    least = min(LEAD_IN_MIN_WORDS, most)
    parts: list[str] = []
    count = 0
    for block in blocks:
        if block.tag in {"figure", "img", "table", "hr"}:
            continue
        words = _words(block)
        if not words:
            continue
        if count + len(words) <= most:
            parts.append(lxml_html.tostring(block, encoding="unicode").strip())
            count += len(words)
        elif count < least:
            parts.append(f"<p>{html.escape(_cut(words, most - count))}</p>")
            break
        else:
            break
        if count >= least:
            break
    return "\n".join(parts)


def _cut(words: list[str], limit: int) -> str:
    kept = words[:limit]
    for end in range(len(kept), 0, -1):
        if _SENTENCE_END.search(kept[end - 1]) and end >= limit // 2:
            return " ".join(kept[:end])
    return " ".join(kept) + "…"


def word_count(body: str) -> int:
    return len(plain_text(body).split())
