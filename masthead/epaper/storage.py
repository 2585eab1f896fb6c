"""Where e-paper files live: a private directory that no URL maps to.

Edition PDFs and page images are a subscriber benefit, so they are kept
under ``DATA_DIR/private/epaper`` (not MEDIA_ROOT, not STATIC_ROOT) and every
byte leaves through a view after the access check (views.py).
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    # Read from the settings on each use (not once at start-up), so the
    # directory follows MASTHEAD_DATA_DIR wherever the storage was created.
    @property
    def base_location(self):
        return str(settings.DATA_DIR / "private" / "epaper")

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        # A public URL would be a side door around the access check.
        raise NotImplementedError("E-paper files have no public URL; they are served by masthead.epaper.views.")


def epaper_storage() -> PrivateStorage:
    return PrivateStorage(directory_permissions_mode=0o700, file_permissions_mode=0o600)
