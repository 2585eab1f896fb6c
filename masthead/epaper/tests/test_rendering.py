import io
from datetime import date

import pytest
from django.test import Client
from PIL import Image

from masthead.core.errors import InvalidTransition
from masthead.epaper.errors import EditionInvalid
from masthead.epaper.models import Edition, EditionState, Page
from masthead.epaper.services import edition_render, edition_upload
from masthead.epaper import services

from .factories import make_pdf, pdf_upload

DAY = date(2026, 5, 4)


@pytest.fixture
def staff(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser(username="boss", email="boss@example.test", password="x" * 20))
    return client


@pytest.mark.django_db
def test_an_uploaded_edition_is_rendered_page_by_page_and_becomes_ready(staff, jobs_inline, private_files, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = staff.post("/admin/epaper/edition/add/", {"date": "2026-05-04", "pdf": pdf_upload(make_pdf(pages=4))}, follow=True)
    assert "4 page(s) are being rendered" in answer.text
    edition = Edition.objects.get(date=DAY)
    assert edition.state == EditionState.READY
    assert (edition.pages_done, edition.page_count) == (4, 4)
    pages = list(edition.pages.order_by("number"))
    assert [page.number for page in pages] == [1, 2, 3, 4]
    for page in pages:
        with page.image.open("rb") as handle:
            picture = Image.open(io.BytesIO(handle.read()))
            assert picture.format == "WEBP" and picture.width == 1600
            # A4 at 1600px wide is about 2263px tall.
            assert 2200 < picture.height < 2300 and (page.width, page.height) == picture.size
        with page.thumbnail.open("rb") as handle:
            assert Image.open(io.BytesIO(handle.read())).width == 240
    first, second = (Image.open(page.image.path).convert("RGB").getpixel((5, 5)) for page in pages[:2])
    assert first != second  # really each page's own picture
    # Everything is in the private directory, nothing under media or static.
    assert {p.name for p in private_files.rglob("*.webp")} >= {"page-001.webp", "thumb-004.webp"}
    assert "4 / 4" in staff.get("/admin/epaper/edition/").text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "upload, message",
    [
        (b"GIF89a not a newspaper at all", "That file is not a PDF."),
        (make_pdf(pages=3)[:1500], "That PDF is damaged or incomplete"),
        (b"%PDF-1.4\n%garbage without any objects\n", "That PDF is damaged or incomplete"),
    ],
    ids=["not-a-pdf", "truncated", "header-only"],
)
def test_a_broken_upload_gets_a_clear_error_and_leaves_no_edition(staff, private_files, upload, message):
    answer = staff.post("/admin/epaper/edition/add/", {"date": "2026-05-04", "pdf": pdf_upload(upload)})
    assert answer.status_code == 200
    assert message in answer.text
    assert not Edition.objects.exists()
    assert not private_files.exists() or not [path for path in private_files.rglob("*") if path.is_file()]
    assert Client().get("/epaper/2026-05-04/").status_code == 404


@pytest.mark.django_db
def test_too_many_pages_are_refused(staff, settings):
    settings.MASTHEAD_EPAPER_MAX_PAGES = 2
    answer = staff.post("/admin/epaper/edition/add/", {"date": "2026-05-04", "pdf": pdf_upload(make_pdf(pages=3))})
    assert "That PDF has 3 pages; an edition may have at most 2." in answer.text
    assert not Edition.objects.exists()


@pytest.mark.django_db
def test_one_edition_per_date(staff):
    edition_upload(day=DAY, pdf=pdf_upload())
    answer = staff.post("/admin/epaper/edition/add/", {"date": "2026-05-04", "pdf": pdf_upload()})
    assert "Edition with this Date already exists." in answer.text
    with pytest.raises(EditionInvalid) as refused:
        edition_upload(day=DAY, pdf=pdf_upload())
    assert refused.value.code == "duplicate_date"
    assert Edition.objects.count() == 1


class WorkerDied(BaseException):
    """Like the process being killed: nothing in the job gets to catch it."""


@pytest.mark.django_db
def test_a_job_killed_midway_finishes_when_run_again_without_duplicate_pages(monkeypatch):
    edition = edition_upload(day=DAY, pdf=pdf_upload(make_pdf(pages=5)))
    real_render = services._page_render

    def dies_on_page_four(*, edition, path, number):
        if number == 4:
            raise WorkerDied
        return real_render(edition=edition, path=path, number=number)

    monkeypatch.setattr(services, "_page_render", dies_on_page_four)
    with pytest.raises(WorkerDied):
        edition_render(edition_id=edition.pk)
    edition.refresh_from_db()
    assert edition.state == EditionState.RENDERING and edition.pages_done == 3
    assert Client().get("/epaper/2026-05-04/").status_code == 404  # half an edition is invisible

    monkeypatch.setattr(services, "_page_render", real_render)
    rendered_again = []
    real_pdf_render = services.pdf_render_page

    def counting(path, index, **options):
        rendered_again.append(index)
        return real_pdf_render(path, index, **options)

    monkeypatch.setattr(services, "pdf_render_page", counting)
    edition = edition_render(edition_id=edition.pk)
    assert edition.state == EditionState.READY and edition.pages_done == 5
    assert rendered_again == [3, 4]  # only pages 4 and 5 (from 0) were rendered again
    assert sorted(Page.objects.filter(edition=edition).values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    # Running it once more changes nothing.
    edition_render(edition_id=edition.pk)
    assert Page.objects.filter(edition=edition).count() == 5


@pytest.mark.django_db
def test_a_failed_job_leaves_the_edition_invisible_with_the_reason_in_the_admin(staff, monkeypatch):
    edition = edition_upload(day=DAY, pdf=pdf_upload())
    # The file is damaged on disk after the upload was checked.
    with open(edition.pdf.path, "wb") as handle:
        handle.write(b"%PDF-1.4 scrambled")
    edition = edition_render(edition_id=edition.pk)
    assert edition.state == EditionState.FAILED
    assert "damaged or incomplete" in edition.error
    assert Client().get("/epaper/2026-05-04/").status_code == 404
    listing = staff.get("/admin/epaper/edition/").text
    assert "damaged or incomplete" in listing and "failed" in listing
    assert "damaged or incomplete" in staff.get(f"/admin/epaper/edition/{edition.pk}/change/").text


@pytest.mark.django_db
def test_staff_render_a_failed_edition_again_after_fixing_its_pdf(staff, jobs_inline, django_capture_on_commit_callbacks):
    edition = edition_upload(day=DAY, pdf=pdf_upload())
    good = open(edition.pdf.path, "rb").read()
    with open(edition.pdf.path, "wb") as handle:
        handle.write(b"%PDF-1.4 scrambled")
    edition_render(edition_id=edition.pk)
    # A corrected PDF replaces the broken one.
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(f"/admin/epaper/edition/{edition.pk}/change/", {"pdf": pdf_upload(good)}, follow=True)
    edition.refresh_from_db()
    assert edition.state == EditionState.READY and edition.pages.count() == 3
    assert Client().get("/epaper/2026-05-04/").status_code == 200


@pytest.mark.django_db
def test_a_pdf_replaced_while_the_edition_is_being_rendered_is_refused_and_the_rendering_goes_on(staff):
    edition = edition_upload(day=DAY, pdf=pdf_upload())
    services.edition_move(edition=edition, to=EditionState.RENDERING)
    answer = staff.post(f"/admin/epaper/edition/{edition.pk}/change/", {"pdf": pdf_upload(make_pdf(pages=5))}, follow=True)
    assert "This edition is being rendered; replace its PDF when that has finished." in answer.text
    edition.refresh_from_db()
    assert (edition.state, edition.page_count) == (EditionState.RENDERING, 3)
    assert edition_render(edition_id=edition.pk).state == EditionState.READY


@pytest.mark.django_db
def test_an_edition_becomes_ready_only_by_being_rendered():
    edition = edition_upload(day=DAY, pdf=pdf_upload())
    with pytest.raises(InvalidTransition, match="^An edition cannot go from pending to ready.$"):
        services.edition_move(edition=edition, to=EditionState.READY)
    edition.refresh_from_db()
    assert edition.state == EditionState.PENDING and not edition.events.filter(to_state=EditionState.READY).exists()
    assert Client().get("/epaper/2026-05-04/").status_code == 404
