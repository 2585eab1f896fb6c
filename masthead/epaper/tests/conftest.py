import pytest


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Each test's e-paper files in a directory of its own."""
    settings.DATA_DIR = tmp_path
    return tmp_path / "private" / "epaper"

