"""Who may receive a certificate, and why not. Reads other apps' data, never writes it."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from cohorts.models import Enrolment, EnrolmentStatus
from courses.models import CourseFormat, CoursePage


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.eligible


ELIGIBLE = Eligibility(True)


def required_exercises_done(*, user, course) -> bool:
    """Whether the course's required exercises are done.

    The exercises app provides the rule; until it is installed no exercise is required.
    """
    try:
        from exercises.selectors import required_exercises_completed
    except ImportError:
        return True
    return bool(required_exercises_completed(user=user, course=course))


def _name_and_exercises(*, participant, course) -> Eligibility:
    if not participant.name_on_certificate.strip():
        return Eligibility(
            False,
            _(
                "The participant's profile has no name. Ask them to fill in their name "
                "under My details, then issue the certificate."
            ),
        )
    # The course says whether its required exercises count (CoursePage.exercises_required).
    if course.exercises_required and not required_exercises_done(user=participant, course=course):
        return Eligibility(
            False,
            _(
                "The required exercises of this course are not all done yet. The "
                "certificate can be issued once they are."
            ),
        )
    return ELIGIBLE


def enrolment_eligibility(enrolment: Enrolment) -> Eligibility:
    """A cohort participant is eligible once the trainer marked the enrolment completed
    (which follows the course's attendance rule) and the required exercises are done."""
    if enrolment.status != EnrolmentStatus.COMPLETED:
        return Eligibility(
            False,
            _(
                "This enrolment is not completed (status: %(status)s). Mark it completed "
                "in the attendance register once the participant meets the attendance rule."
            )
            % {"status": enrolment.get_status_display()},
        )
    return _name_and_exercises(participant=enrolment.participant, course=enrolment.cohort.course)


def elearning_eligibility(*, participant, course: CoursePage) -> Eligibility:
    """An e-learning participant is eligible once every lesson and required exercise is done."""
    from courses.models import LessonPage
    from courses.selectors.progress import lesson_progress_for

    if course.format != CourseFormat.E_LEARNING:
        return Eligibility(
            False,
            _("This course is taught in cohorts; certificates are issued per enrolment."),
        )
    lessons = list(LessonPage.objects.live().child_of(course).defer_streamfields())
    progress = lesson_progress_for(user=participant, lessons=lessons)
    if not progress.finished:
        return Eligibility(
            False,
            _("Not all lessons are completed yet (%(done)s of %(total)s).")
            % {"done": progress.completed, "total": progress.total},
        )
    return _name_and_exercises(participant=participant, course=course)
