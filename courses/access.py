"""Who may open a course's lessons. The enrolment work replaces the body of this one function."""

from courses.models import CourseFormat, CoursePage


def can_access_lessons(user, course: CoursePage) -> bool:
    """E-learning is open to every logged-in user; other formats to the course's participants
    (enrolled or completed in one of its cohorts) and its trainers."""
    if not user.is_authenticated:
        return False
    if course.format == CourseFormat.E_LEARNING or user.is_superuser:
        return True
    from cohorts.models import Enrolment, EnrolmentStatus

    return (
        Enrolment.objects.filter(
            cohort__course=course,
            participant=user,
            status__in=[EnrolmentStatus.ENROLLED, EnrolmentStatus.COMPLETED],
        ).exists()
        or course.cohorts.filter(trainers=user).exists()
    )
