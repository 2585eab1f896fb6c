from datetime import date, timedelta

import pypdfium2 as pdfium
import pytest

from masthead.demo.editions import demo_edition_pdf, demo_editions_load
from masthead.epaper.models import EditionState
from masthead.testing.newsroom import make_article, make_section

TODAY = date(2026, 5, 4)
SECRET = "The minister's private letter said the deal would close on Friday."


def _text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    return "\n".join(document[index].get_textpage().get_text_range() for index in range(len(document)))


@pytest.mark.django_db
def test_the_demo_paper_is_made_of_headlines_standfirsts_and_lead_ins_only(time_machine):
    time_machine.move_to("2026-05-04 18:00 +05:30", tick=False)
    markets = make_section(name="Markets", slug="markets")
    opening = " ".join(["Traders watched the central bank closely through the session"] * 8) + "."
    premium = make_article(
        section=markets, headline="Bank merger talks advance", standfirst="Two lenders near a deal.",
        body=f"<p>{opening}</p><p>{opening}</p><p>{SECRET}</p>", is_premium=True,
    )  # fmt: skip
    for n in range(12):
        make_article(section=markets, headline=f"Market wrap {n}", published_ago=timedelta(hours=n + 2))

    first, second = demo_edition_pdf(day=TODAY), demo_edition_pdf(day=TODAY)
    assert first == second  # deterministic: same articles, same bytes
    text = " ".join(_text(first).split())
    assert len(pdfium.PdfDocument(first)) == 4
    assert premium.headline in text and "Two lenders near a deal." in text and "Traders watched" in text
    assert SECRET not in text


@pytest.mark.django_db
def test_demo_editions_are_rendered_for_today_and_the_days_before(time_machine, settings):
    settings.MASTHEAD_EPAPER_PAGE_WIDTH = 400
    time_machine.move_to("2026-05-04 18:00 +05:30", tick=False)
    for n in range(8):
        make_article(headline=f"Story {n}", published_ago=timedelta(hours=12 * n))
    editions = demo_editions_load(today=TODAY, days=3, pages=2)
    assert [edition.date for edition in editions] == [TODAY, date(2026, 5, 3), date(2026, 5, 2)]
    assert all(edition.state == EditionState.READY and edition.pages.count() == 2 for edition in editions)
