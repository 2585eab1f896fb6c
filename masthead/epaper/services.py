"""The e-paper: editions uploaded, rendered page by page, and who may read, save and share them.

Rendering is a background job (tasks.py) that may die at any point: each page
is written and then recorded once (a unique row per edition and page), so a
rerun skips the pages already done and finishes the rest. Readers only ever
find editions whose every page is rendered (state ``ready``).
"""

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from masthead.core.errors import InvalidOperation, InvalidTransition
from masthead.core.periods import local_date
from masthead.subscriptions.selectors import reading_subscription, term_refunded

from .app_settings import app_settings
from .errors import EditionInvalid, ShareLinkExpired, ShareLinkInvalid
from .models import Edition, EditionEvent, EditionState, Page
from .pdf import pdf_page_count, pdf_render_page
from .storage import epaper_storage

log = logging.getLogger(__name__)

SHARE_SALT = "masthead.epaper.share"

# Which moves of an edition's state are allowed. "rendering → rendering" is a
# rerun picking up after a worker died; "ready → pending" a replaced PDF.
ALLOWED_MOVES = {
    EditionState.PENDING: {EditionState.RENDERING, EditionState.FAILED},
    EditionState.RENDERING: {EditionState.RENDERING, EditionState.READY, EditionState.FAILED},
    EditionState.FAILED: {EditionState.PENDING, EditionState.RENDERING},
    EditionState.READY: {EditionState.PENDING},
}


# --- Uploading and rendering ------------------------------------------------


def edition_pdf_check(upload) -> int:
    """The page count of an uploaded PDF, or EditionInvalid saying why it cannot be an edition."""
    limit = app_settings.MAX_UPLOAD_MB * 1024 * 1024
    if upload.size is not None and upload.size > limit:
        raise EditionInvalid("too_large", f"That file is larger than {app_settings.MAX_UPLOAD_MB} MB.")
    if hasattr(upload, "temporary_file_path"):
        source = upload.temporary_file_path()
    else:
        upload.seek(0)
        source = upload.read()
    upload.seek(0)
    return pdf_page_count(source, max_pages=app_settings.MAX_PAGES)


def edition_upload(*, day: date, pdf) -> Edition:
    """A new edition, waiting for its pages to be rendered (tasks.edition_render_job)."""
    pages = edition_pdf_check(pdf)
    if Edition.objects.filter(date=day).exists():
        raise EditionInvalid("duplicate_date", f"There is already an edition for {day:%-d %B %Y}.")
    try:
        with transaction.atomic():
            edition = Edition(date=day, page_count=pages)
            edition.pdf.save("edition.pdf", pdf, save=False)
            edition.save()
    except IntegrityError:
        raise EditionInvalid("duplicate_date", f"There is already an edition for {day:%-d %B %Y}.") from None
    return edition


def edition_pdf_replace(*, edition: Edition, pdf) -> Edition:
    """A corrected PDF for an edition: readers stop seeing it until the new pages are rendered."""
    pages = edition_pdf_check(pdf)
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.state == EditionState.RENDERING:
            raise InvalidOperation("busy", "This edition is being rendered; replace its PDF when that has finished.")
        if edition.state != EditionState.PENDING:
            edition = edition_move(edition=edition, to=EditionState.PENDING, message="New PDF uploaded.")
        old_files = _files_of(edition)
        edition.pages.all().delete()
        edition.pdf.save("edition.pdf", pdf, save=False)
        edition.page_count, edition.pages_done, edition.error = pages, 0, ""
        edition.save(update_fields=["pdf", "page_count", "pages_done", "error"])
        transaction.on_commit(lambda: _delete_files(old_files))
    return edition


def edition_move(*, edition: Edition, to: EditionState, message: str = "") -> Edition:
    """The one place an edition's state changes: checked, under a row lock, with an event row."""
    with transaction.atomic():
        locked = Edition.objects.select_for_update().get(pk=edition.pk)
        if to not in ALLOWED_MOVES[EditionState(locked.state)]:
            raise InvalidTransition(message=f"An edition cannot go from {locked.state} to {to}.")
        EditionEvent.objects.create(edition=locked, from_state=locked.state, to_state=to, message=message)
        locked.state = to
        locked.error = message if to == EditionState.FAILED else ""
        if to == EditionState.READY:
            locked.ready_at = timezone.now()
        locked.save(update_fields=["state", "error", "ready_at"])
    return locked


def edition_render(*, edition_id: int) -> Edition:
    """Render every page not yet rendered; the edition becomes ready when all are.

    Safe to run again at any point: a page is recorded only after its files
    are written, and a page already recorded is skipped. A failure that is
    the PDF's (or the renderer's) marks the edition failed with the reason,
    for staff to see; the edition stays invisible to readers.
    """
    edition = Edition.objects.get(pk=edition_id)
    if edition.state == EditionState.READY:
        return edition
    edition = edition_move(edition=edition, to=EditionState.RENDERING)
    try:
        path = edition.pdf.path
        total = pdf_page_count(path, max_pages=app_settings.MAX_PAGES)
        Edition.objects.filter(pk=edition.pk).update(page_count=total)
        done = set(edition.pages.values_list("number", flat=True))
        for number in range(1, total + 1):
            if number not in done:
                _page_render(edition=edition, path=path, number=number)
            Edition.objects.filter(pk=edition.pk).update(pages_done=edition.pages.count())
    except (EditionInvalid, OSError, ValueError) as error:
        message = getattr(error, "message", None) or f"Rendering failed: {error}"
        log.warning("e-paper edition %s failed: %s", edition.date, message)
        return edition_move(edition=edition, to=EditionState.FAILED, message=message)
    except Exception as error:
        # Anything else is still the edition's failure as far as staff can tell:
        # say so in the admin, and let the job's log carry the traceback.
        edition_move(edition=edition, to=EditionState.FAILED, message=f"Rendering failed: {error}")
        raise
    return edition_move(edition=edition, to=EditionState.READY)


def edition_render_again(*, edition: Edition) -> Edition:
    """Staff asking for a failed edition to be rendered again (keeps the pages already done)."""
    return edition_move(edition=edition, to=EditionState.PENDING, message="Rendering requested again.")


def _page_render(*, edition: Edition, path: str, number: int) -> Page:
    rendered = pdf_render_page(
        path, number - 1, width=app_settings.PAGE_WIDTH, thumbnail_width=app_settings.THUMBNAIL_WIDTH
    )
    storage = epaper_storage()
    base = f"editions/{edition.date:%Y-%m-%d}/{edition.pk}"
    image_name = _overwrite(storage, f"{base}/page-{number:03d}.webp", rendered.image)
    thumbnail_name = _overwrite(storage, f"{base}/thumb-{number:03d}.webp", rendered.thumbnail)
    page, _ = Page.objects.get_or_create(
        edition=edition,
        number=number,
        defaults={"image": image_name, "thumbnail": thumbnail_name, "width": rendered.width, "height": rendered.height},
    )
    return page


def _overwrite(storage, name: str, content: bytes) -> str:
    """Write a file under a fixed name: a half-written one left by a dead worker is replaced."""
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(content))


def _files_of(edition: Edition) -> list[str]:
    names = []
    for page in edition.pages.all():
        names += [page.image.name, page.thumbnail.name]
    return names


def _delete_files(names) -> None:
    storage = epaper_storage()
    for name in names:
        if name:
            storage.delete(name)


def edition_delete(*, edition: Edition) -> None:
    """Remove an edition with its PDF and images (after the database forgets them)."""
    names = [*_files_of(edition), edition.pdf.name]
    with transaction.atomic():
        edition.delete()
        transaction.on_commit(lambda: _delete_files(names))


# --- Who may read, save and share -------------------------------------------


@dataclass(frozen=True)
class PageAccess:
    may_view: bool
    may_save: bool
    may_share: bool
    # subscriber, shared, todays_front_page, subscribers_only, share_expired, share_invalid
    reason: str
    message: str = ""


def page_access(*, reader, edition: Edition, number: int, share_token: str = "", now: datetime | None = None) -> PageAccess:
    """The one answer to "may this reader see this page of this edition, save it, share it?".

    The e-paper is a subscriber benefit (``reader.is_subscriber``, the site's
    one subscriber check): subscribers read, save and share every page.
    Anyone else sees today's front page, and a page a subscriber shared with
    them while the link lasts; every other page is for subscribers.
    """
    now = now or timezone.now()
    if reader.is_subscriber:
        return PageAccess(True, True, True, "subscriber")
    if share_token:
        try:
            share_link_check(token=share_token, edition=edition, number=number, now=now)
        except ShareLinkExpired as error:
            return PageAccess(False, False, False, "share_expired", error.message)
        except ShareLinkInvalid as error:
            return PageAccess(False, False, False, "share_invalid", error.message)
        return PageAccess(True, False, False, "shared")
    if number == 1 and edition.date == local_date(now):
        return PageAccess(True, False, False, "todays_front_page")
    return PageAccess(False, False, False, "subscribers_only")


@dataclass(frozen=True)
class ShareLink:
    token: str
    expires_at: datetime


@dataclass(frozen=True)
class SharedPage:
    """What a genuine share token carries: the page, its expiry, and the
    sharer's paid term (none for complimentary access), which a refund of that
    term takes the share back with, as it does a gift link."""

    edition_id: int
    number: int
    expires_at: datetime
    subscription_id: int | None
    term_number: int | None


def share_link_create(*, reader, edition: Edition, number: int, now: datetime | None = None) -> ShareLink:
    """A signed link to one page that anyone may open until it expires."""
    now = now or timezone.now()
    if not page_access(reader=reader, edition=edition, number=number, now=now).may_share:
        raise InvalidOperation("not_subscriber", "Sharing e-paper pages comes with a subscription.")
    expires_at = now + timedelta(days=app_settings.SHARE_DAYS)
    subscription = reading_subscription(user=reader.user, now=now)
    sharer = [subscription.pk, subscription.term_number] if subscription else None
    payload = {"e": edition.pk, "p": number, "x": int(expires_at.timestamp()), "s": sharer}
    return ShareLink(token=signing.dumps(payload, salt=SHARE_SALT, compress=True), expires_at=expires_at)


def share_link_read(*, token: str) -> SharedPage:
    """What a genuine link carries, or ShareLinkInvalid. Links made before they
    named their sharer ("s") are refused: they lasted a few days only."""
    try:
        payload = signing.loads(token, salt=SHARE_SALT)
        sharer = payload["s"]
        subscription_id, term_number = (int(sharer[0]), int(sharer[1])) if sharer is not None else (None, None)
        return SharedPage(
            edition_id=int(payload["e"]),
            number=int(payload["p"]),
            expires_at=datetime.fromtimestamp(int(payload["x"]), tz=UTC),
            subscription_id=subscription_id,
            term_number=term_number,
        )
    except (signing.BadSignature, KeyError, IndexError, TypeError, ValueError):
        raise ShareLinkInvalid("tampered", "This share link is not valid: it may have been altered or copied incompletely.") from None


def share_link_check(*, token: str, edition: Edition, number: int, now: datetime) -> datetime:
    """The link's expiry, if it is genuine, for this very page, not expired,
    and the term it was shared in was not refunded."""
    shared = share_link_read(token=token)
    if (shared.edition_id, shared.number) != (edition.pk, number):
        raise ShareLinkInvalid("other_page", "This share link is for a different page.")
    if now >= shared.expires_at:
        raise ShareLinkExpired("expired", f"This share link expired on {timezone.localtime(shared.expires_at):%-d %B %Y}.")
    if shared.subscription_id is not None and term_refunded(
        subscription_id=shared.subscription_id, term_number=shared.term_number
    ):
        raise ShareLinkInvalid("refunded", "This share link is no longer valid.")
    return shared.expires_at
