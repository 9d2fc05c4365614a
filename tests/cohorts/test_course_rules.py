"""The course says how attendance completes it and whether its exercises count."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from certificates.eligibility import enrolment_eligibility
from cohorts.models import AttendanceStatus, EnrolmentStatus
from cohorts.services.lifecycle import close_cohort, confirm_cohort
from cohorts.services.planning import cancel_session
from courses.models import AttendanceRule, CoursePage
from tests.cohorts.factories import days_ahead, fill, make_cohort, study_day
from tests.cohorts.test_completion import register
from tests.courses.factories_pages import make_course
from tests.exercises.factories import consent_exercise

pytestmark = pytest.mark.django_db

P, A = AttendanceStatus.PRESENT, AttendanceStatus.ABSENT


def three_sessions(course):
    cohort = make_cohort(
        course=course,
        sessions=[study_day(days_ahead(2)), study_day(days_ahead(9)), study_day(days_ahead(16))],
    )
    enrolments = fill(cohort, 2)
    if cohort.status == "planned":
        confirm_cohort(cohort=cohort, by=cohort.trainers.get(), reason="Kleine groep")
    cohort.refresh_from_db()
    return cohort, enrolments


def test_at_least_two_of_three_completes():
    course = make_course(
        format="leergang", attendance_rule=AttendanceRule.AT_LEAST, attendance_minimum=2
    )
    cohort, (two, one) = three_sessions(course)
    register(cohort, [{two.pk: P, one.pk: P}, {two.pk: P, one.pk: A}, {two.pk: A, one.pk: A}])

    close_cohort(cohort=cohort, by=cohort.trainers.get(), now=cohort.ends_at + timedelta(1))

    two.refresh_from_db()
    one.refresh_from_db()
    assert two.status == EnrolmentStatus.COMPLETED
    assert one.status == EnrolmentStatus.ENROLLED  # the trainer decides


def test_every_session_is_the_default_rule():
    cohort, (two, _one) = three_sessions(make_course(format="leergang"))
    register(cohort, [{two.pk: P}, {two.pk: P}, {two.pk: A}])

    close_cohort(cohort=cohort, by=cohort.trainers.get(), now=cohort.ends_at + timedelta(1))

    two.refresh_from_db()
    assert two.status == EnrolmentStatus.ENROLLED


def test_a_cancelled_session_does_not_count():
    cohort, (both, _other) = three_sessions(make_course(format="leergang"))
    trainer = cohort.trainers.get()
    cancel_session(session=cohort.ordered_sessions[2], by=trainer, reason="Zaal dicht")
    cohort.refresh_from_db()
    register(cohort, [{both.pk: P}, {both.pk: P}])

    close_cohort(cohort=cohort, by=trainer, now=cohort.ends_at + timedelta(1))

    both.refresh_from_db()
    assert both.status == EnrolmentStatus.COMPLETED


def test_at_least_needs_a_number():
    course = CoursePage(title="X", format="leergang", attendance_rule=AttendanceRule.AT_LEAST)
    with pytest.raises(ValidationError) as error:
        course.clean()
    assert "attendance_minimum" in error.value.message_dict
    course.attendance_minimum = 2
    assert course.sessions_needed(3) == 2 and course.sessions_needed(1) == 1


@pytest.mark.parametrize(("required", "eligible"), [(True, False), (False, True)])
def test_required_exercises_count_only_when_the_course_says_so(required, eligible):
    course = make_course(exercises_required=required)
    consent_exercise(parent=course, required_for_completion=True, slug="verplicht")
    cohort = make_cohort(course=course, starts_in_days=2)
    enrolment = fill(cohort, 1)[0]
    enrolment.status = EnrolmentStatus.COMPLETED  # as closing the cohort would
    enrolment.participant.first_name = "Anna"
    enrolment.participant.save()

    assert bool(enrolment_eligibility(enrolment)) is eligible
