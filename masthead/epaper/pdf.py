"""PDF work with pypdfium2: checking an upload, rendering a page, cutting one out.

pypdfium2 (PDFium's bindings) is not safe to share between threads, so each
function opens, uses and closes its own document.
"""

import io
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

from .errors import EditionInvalid

PDF_MAGIC = b"%PDF-"
# PDF readers accept the header anywhere in the first kilobyte.
MAGIC_WINDOW = 1024
WEBP_QUALITY = 82
# A page far taller than it is wide would make a huge bitmap at reading width.
MAX_ASPECT = 4


@dataclass(frozen=True)
class RenderedPage:
    image: bytes
    thumbnail: bytes
    width: int
    height: int


def pdf_page_count(source, *, max_pages: int) -> int:
    """The number of pages of an uploaded PDF, or EditionInvalid saying why it cannot be used.

    ``source`` is a path or the file's bytes.
    """
    head = _head(source)
    if PDF_MAGIC not in head[:MAGIC_WINDOW]:
        raise EditionInvalid("not_pdf", "That file is not a PDF.")
    try:
        document = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise EditionInvalid("encrypted", "That PDF is protected by a password; upload it without one.") from None
        raise EditionInvalid("unreadable", "That PDF is damaged or incomplete and cannot be opened.") from None
    try:
        count = len(document)
        if count < 1:
            raise EditionInvalid("empty", "That PDF has no pages.")
        if count > max_pages:
            raise EditionInvalid("too_many_pages", f"That PDF has {count} pages; an edition may have at most {max_pages}.")
        # A file cut short often still opens; its last page is where it shows.
        _check_page(document, count - 1)
        return count
    finally:
        document.close()


def pdf_render_page(path: str, index: int, *, width: int, thumbnail_width: int) -> RenderedPage:
    """Page ``index`` (from 0) as a WebP at reading width and a small thumbnail."""
    document = pdfium.PdfDocument(path)
    try:
        page = document[index]
        try:
            page_width, page_height = page.get_size()
            scale = width / page_width
            if page_height * scale > width * MAX_ASPECT:
                scale = width * MAX_ASPECT / page_height
            bitmap = page.render(scale=scale, may_draw_forms=True)
            picture = bitmap.to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        document.close()
    small = picture.copy()
    small.thumbnail((thumbnail_width, thumbnail_width * MAX_ASPECT), Image.Resampling.LANCZOS)
    return RenderedPage(
        image=_webp(picture), thumbnail=_webp(small), width=picture.width, height=picture.height
    )


def pdf_single_page(path: str, index: int) -> bytes:
    """A new PDF holding page ``index`` (from 0) alone, for saving one page."""
    source = pdfium.PdfDocument(path)
    single = pdfium.PdfDocument.new()
    try:
        single.import_pages(source, [index])
        buffer = io.BytesIO()
        single.save(buffer)
        return buffer.getvalue()
    finally:
        single.close()
        source.close()


def _head(source) -> bytes:
    if isinstance(source, (bytes, bytearray)):
        return bytes(source[:MAGIC_WINDOW])
    with open(source, "rb") as handle:
        return handle.read(MAGIC_WINDOW)


def _check_page(document, index: int) -> None:
    try:
        page = document[index]
        page.get_size()
        page.close()
    except pdfium.PdfiumError:
        raise EditionInvalid("unreadable", "That PDF is damaged or incomplete: its pages cannot be read.") from None


def _webp(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format="WEBP", quality=WEBP_QUALITY, method=4)
    return buffer.getvalue()
