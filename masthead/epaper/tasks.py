"""E-paper jobs run by the huey consumer."""

from django.db import transaction
from huey.contrib.djhuey import HUEY, db_task
from huey.exceptions import TaskLockedException

from . import services


@db_task(retries=2, retry_delay=30)
def edition_render_job(edition_id: int):
    # One worker per edition: two at once would write the same page files.
    try:
        with HUEY.lock_task(f"epaper-render-{edition_id}"):
            services.edition_render(edition_id=edition_id)
    except TaskLockedException:
        return  # another worker is on it; it finishes the edition


def edition_render_after_commit(edition) -> None:
    """Queue the rendering once the edition's row is committed, so the worker finds it."""
    edition_id = edition.pk
    transaction.on_commit(lambda: edition_render_job(edition_id))
