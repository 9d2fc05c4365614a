import io

import pytest
from django.core import mail
from django.core.management import call_command

from cohorts.models import Cohort, Enrolment

pytestmark = pytest.mark.django_db


def test_demo_has_a_nearly_full_cohort_and_one_with_a_waiting_list(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())
        call_command("load_demo", stdout=io.StringIO())

    counts = {
        cohort.title: (
            cohort.enrolments.filter(status="enrolled").count(),
            cohort.enrolments.filter(status="waitlisted").count(),
            cohort.status,
        )
        for cohort in Cohort.objects.filter(kind="open")
    }
    assert counts == {
        "Utrecht": (7, 0, "confirmed"),
        "Zwolle": (8, 2, "confirmed"),
        # Held two weeks ago and closed: its participants have certificates.
        "Amersfoort": (0, 0, "completed"),
    }
    assert Enrolment.objects.filter(status="completed").count() == 6
    assert Enrolment.objects.count() == 17 + 6
    assert all(
        c.trainers.filter(email="trainer@leerkring.test").exists() for c in Cohort.objects.all()
    )
    assert mail.outbox == []  # demo people are not emailed
    # Each cohort's stored first start and last end are what its sessions say.
    for cohort in Cohort.objects.prefetch_related("sessions"):
        assert cohort.first_start is not None
        assert (cohort.first_start, cohort.last_end) == (cohort.starts_at, cohort.ends_at)
