"""CSV files staff open in a spreadsheet: text is never read as a formula."""

import csv
import io
import re
from collections.abc import Iterable

# What a spreadsheet may take for the start of a formula (or, for a tab or
# carriage return, of a cell it splits) when it begins a text cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def spreadsheet_cell(value):
    """``value`` as it is, unless it is text a spreadsheet would run as a
    formula: then it is written with a leading apostrophe, which spreadsheets
    take to mean "this is text" (OWASP's advice for CSV injection). Numbers,
    negative ones too, stay numbers."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS) or _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def csv_document(rows: Iterable[Iterable]) -> str:
    """The rows as CSV text, every cell made safe by ``spreadsheet_cell``."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerows([spreadsheet_cell(value) for value in row] for row in rows)
    return out.getvalue()
