import pytest

from certificates.demo import load_demo_certificates
from certificates.models import Certificate
from cohorts.models import EnrolmentStatus
from tests.certificates.factories import enrol_participant

pytestmark = pytest.mark.django_db


def test_the_demo_issues_completed_enrolments_once(cohort):
    done = enrol_participant(cohort)
    enrol_participant(cohort, status=EnrolmentStatus.NO_SHOW)
    assert [c.enrolment for c in load_demo_certificates()] == [done]
    load_demo_certificates()
    assert Certificate.objects.count() == 1
