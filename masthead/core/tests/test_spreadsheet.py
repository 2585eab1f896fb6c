import csv
import io

import pytest

from masthead.core.spreadsheet import csv_document, spreadsheet_cell


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-1+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\t=1", "\r=1"])
def test_text_a_spreadsheet_would_run_is_written_as_text(text):
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", [-3, 12, 0.5, "-12.50", "-3", "Five (control)", "0.012000", "", None])
def test_numbers_and_plain_words_stay_as_they_are(value):
    assert spreadsheet_cell(value) == value


def test_a_document_reads_back_with_every_formula_disarmed():
    text = csv_document([["arm", "rate"], ['=HYPERLINK("https://evil.example/","x")', "0.500000"], ["Five", -2]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["arm", "rate"], ['\'=HYPERLINK("https://evil.example/","x")', "0.500000"], ["Five", "-2"]]
