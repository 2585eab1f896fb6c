import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args, env_overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("MASTHEAD_", "DJANGO_"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_is_clean_in_production(tmp_path):
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env_overrides={
            "MASTHEAD_ENVIRONMENT": "production",
            "SECRET_KEY": "a-production-secret-that-is-long-and-random-enough-0123456789abcdef",
            "MASTHEAD_ALLOWED_HOSTS": "news.example.com",
            "MASTHEAD_DATA_DIR": str(tmp_path),
        },
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _manage(
        "check",
        env_overrides={
            "MASTHEAD_ENVIRONMENT": "production",
            "MASTHEAD_ALLOWED_HOSTS": "news.example.com",
            "MASTHEAD_DATA_DIR": str(tmp_path),
            "SECRET_KEY": "",
        },
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_development_keeps_the_generated_secret_key_across_restarts(tmp_path):
    env = {"MASTHEAD_DATA_DIR": str(tmp_path), "SECRET_KEY": ""}
    first = _manage("shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", env_overrides=env)
    second = _manage("shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)", env_overrides=env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == second.stdout.strip()
    assert len(first.stdout.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_health_and_readiness_endpoints(client, db):
    assert client.get("/healthz").text == "ok\n"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.text == "ready\n"
