"""manage.py apply_retention removes what outlived its purpose (issue 11, item 13)."""

import io
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from cohorts.models import Enrolment, EnrolmentStatus, Evaluation, Intake
from personal_data.services import apply_retention
from tests.certificates.factories import enrol_participant, make_completed_cohort

pytestmark = pytest.mark.django_db


def with_questionnaires(enrolment):
    Intake.objects.create(
        enrolment=enrolment, role="raadslid", experience="none", hopes_to_learn="x"
    )
    Evaluation.objects.create(
        enrolment=enrolment,
        rating=8,
        keep="de rondes",
        change="later beginnen",
        would_recommend=True,
    )
    return enrolment


def test_old_cohorts_lose_intakes_evaluation_texts_and_cancelled_enrolments():
    old = make_completed_cohort()
    old.sessions.update(date=timezone.localdate() - timedelta(days=800))
    kept = with_questionnaires(enrol_participant(old))
    cancelled = enrol_participant(old, status=EnrolmentStatus.CANCELLED)
    recent = with_questionnaires(enrol_participant(make_completed_cohort()))

    result = apply_retention()

    assert not Enrolment.objects.filter(pk=cancelled.pk).exists()
    assert not Intake.objects.filter(enrolment=kept).exists()
    evaluation = Evaluation.objects.get(enrolment=kept)
    assert (evaluation.rating, evaluation.keep, evaluation.change) == (8, "", "")
    assert Enrolment.objects.filter(pk=kept.pk).exists()
    assert Intake.objects.filter(enrolment=recent).exists()
    assert Evaluation.objects.get(enrolment=recent).keep == "de rondes"
    assert (result.cancelled_enrolments_deleted, result.intakes_deleted) == (1, 1)
    # A second run finds nothing left to do.
    again = apply_retention()
    assert (again.cancelled_enrolments_deleted, again.intakes_deleted) == (0, 0)


def test_the_period_is_configurable(settings):
    settings.RETENTION_MONTHS_AFTER_COHORT = 0
    cohort = make_completed_cohort()  # ended 30 days ago
    enrolment = with_questionnaires(enrol_participant(cohort))

    apply_retention()

    assert not Intake.objects.filter(enrolment=enrolment).exists()


def test_unverified_accounts_go_after_30_days():
    stale = User.objects.create_user(email="nooit@example.nl", password="x-y-z-12345")
    fresh = User.objects.create_user(email="net@example.nl", password="x-y-z-12345")
    verified = User.objects.create_user(email="wel@example.nl", password="x-y-z-12345")
    EmailAddress.objects.create(user=verified, email=verified.email, verified=True, primary=True)
    User.objects.filter(pk__in=[stale.pk, verified.pk]).update(
        date_joined=timezone.now() - timedelta(days=31)
    )

    call_command("apply_retention", stdout=io.StringIO())

    assert not User.objects.filter(pk=stale.pk).exists()
    assert User.objects.filter(pk__in=[fresh.pk, verified.pk]).count() == 2


def test_access_log_entries_go_after_the_retention_period(settings):
    from privacy.models import AccessLog

    settings.RETENTION_ACCESS_LOG_MONTHS = 24
    someone = User.objects.create_user(email="iemand@example.nl", password="x-y-z-12345")
    entry = {"actor": someone, "actor_name": "a", "subject": someone, "subject_name": "b"}
    AccessLog.objects.create(
        **entry, action="intake_viewed", at=timezone.now() - timedelta(days=800)
    )
    recent = AccessLog.objects.create(**entry, action="intake_viewed")

    result = apply_retention()

    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent.pk]
    assert result.access_log_entries_deleted == 1
