"""Funnel rollups from before there was one per dimension are converted, not
lost: days whose raw events were pruned have only these rows."""

from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from masthead.desk.models import FunnelCount, FunnelDimension as Dim


@pytest.mark.django_db(transaction=True)
def test_the_rows_by_every_dimension_at_once_become_one_rollup_per_dimension():
    call_command("migrate", "desk", "0003_funnel_days", verbosity=0)
    old = MigrationExecutor(connection).loader.project_state(("desk", "0003_funnel_days")).apps.get_model("desk", "FunnelDay")
    day = date(2026, 3, 1)
    for article, section, referrer, device, count in [(7, 2, "search", "phone", 5), (7, 2, "direct", "phone", 3), (9, None, "search", "", 4),
                                                       (None, None, "", "", 2)]:  # fmt: skip
        old.objects.create(day=day, kind="story_view", article_id=article, section_id=section, referrer=referrer, device=device, count=count)
    call_command("migrate", verbosity=0)

    rows = Counter({(row.dimension, row.value): row.count for row in FunnelCount.objects.filter(day=day, kind="story_view")})
    assert rows == Counter({
        (Dim.ALL, ""): 14,
        (Dim.STORY, "7"): 8, (Dim.STORY, "9"): 4, (Dim.STORY, ""): 2,
        (Dim.SECTION, "2"): 8, (Dim.SECTION, ""): 6,
        (Dim.REFERRER, "search"): 9, (Dim.REFERRER, "direct"): 3, (Dim.REFERRER, ""): 2,
        (Dim.DEVICE, "phone"): 8, (Dim.DEVICE, ""): 6,
    })  # fmt: skip
