import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Each test's e-paper files (the demo renders its editions) in a directory of its own."""
    settings.DATA_DIR = tmp_path
    return tmp_path / "private" / "epaper"


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)
