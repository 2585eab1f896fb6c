import pytest
from django.core.management import call_command


@pytest.fixture(autouse=True)
def private_files(settings, tmp_path):
    """Each test's e-paper files (the demo renders its editions) in a directory of its own."""
    settings.DATA_DIR = tmp_path
    return tmp_path / "private" / "epaper"


@pytest.fixture
def demo():
    """A smaller paper than `load_demo` writes by default (today's edition,
    the recent news and a thinned archive), quick enough for every test."""
    call_command("load_demo", "--count", "400", verbosity=0)


@pytest.fixture
def whole_demo():
    """The demo exactly as `make run` loads it: the whole archive."""
    call_command("load_demo", verbosity=0)
