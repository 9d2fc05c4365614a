"""Production settings, checked in a fresh process as a server would start them."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DEBUG", "ALLOWED_HOSTS"}
    }
    environment |= {"DJANGO_SETTINGS_MODULE": "leerkring.settings.production", **env}
    return subprocess.run(  # noqa: S603 — our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="leerkring.nl",
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", ALLOWED_HOSTS="leerkring.nl")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_sends_tasks_to_the_database_worker():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="leerkring.nl",
    )

    assert result.stdout.strip().splitlines()[-1] == "django_tasks_db.DatabaseBackend"


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
