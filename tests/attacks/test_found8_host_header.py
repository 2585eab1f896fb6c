"""A forged Host header could steer password-reset links in production.

Account mail writes its links on ``core.urls.site_url``: MASTHEAD_SITE_URL
when set, else the request's own host. In production only ALLOWED_HOSTS
stands between a forged Host header and that host; a deployment that answers
to any host ("*") or to any subdomain (".example.com", a wildcard DNS record
behind it) and leaves MASTHEAD_SITE_URL unset started happily, and a
password-reset request sent with "Host: evil.example.com" mailed the reader a
link to the attacker's site carrying their reset key. Production now refuses
to start that way.
"""

import pytest

from masthead.core.tests.test_settings import _manage

PRODUCTION = {
    "MASTHEAD_ENVIRONMENT": "production",
    "SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789abcdef",
}


@pytest.mark.parametrize("hosts", ["*", ".example.com", "news.example.com,*"])
def test_production_answering_any_host_needs_the_sites_own_address(tmp_path, hosts):
    result = _manage(
        "check", env_overrides={**PRODUCTION, "MASTHEAD_ALLOWED_HOSTS": hosts, "MASTHEAD_DATA_DIR": str(tmp_path)}
    )

    assert result.returncode != 0
    assert "MASTHEAD_SITE_URL must be set in production when MASTHEAD_ALLOWED_HOSTS" in result.stderr


def test_production_answering_any_host_starts_with_the_sites_own_address(tmp_path):
    result = _manage(
        "check",
        env_overrides={
            **PRODUCTION,
            "MASTHEAD_ALLOWED_HOSTS": ".example.com",
            "MASTHEAD_SITE_URL": "https://news.example.com",
            "MASTHEAD_DATA_DIR": str(tmp_path),
        },
    )

    assert "MASTHEAD_SITE_URL must be set" not in result.stderr
