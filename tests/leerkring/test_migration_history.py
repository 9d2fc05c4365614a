import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.migrations.recorder import MigrationRecorder

pytestmark = pytest.mark.django_db


def test_a_current_database_passes():
    call_command("check_migration_history")


def test_a_database_from_before_the_cohorts_move_is_told_to_start_again():
    MigrationRecorder.Migration.objects.create(app="courses", name="0004_cohorts_enrolment")

    advice = r"courses\.0004_cohorts_enrolment.*make clean && make run"
    with pytest.raises(CommandError, match=advice):
        call_command("check_migration_history")
