"""Plain helpers that build catalogue pages for tests (other apps' tests import these too)."""

import itertools
from decimal import Decimal

from courses.demo import ensure_home_page
from courses.models import CourseFormat, CourseIndexPage, CoursePage, LessonPage

_numbers = itertools.count(1)


def course_index() -> CourseIndexPage:
    """The one course index under the home page, created when missing."""
    index = CourseIndexPage.objects.first()
    if index is None:
        home = ensure_home_page()
        index = home.add_child(instance=CourseIndexPage(title="Cursussen", slug="cursussen"))
    return index


def make_course(**kwargs) -> CoursePage:
    """A live, published course; pass any CoursePage field to override the defaults."""
    n = next(_numbers)
    audiences = kwargs.pop("audiences", None)
    trainers = kwargs.pop("trainers", None)
    fields = {
        "title": f"Studiedag {n}",
        "slug": f"cursus-{n}",
        "intro": "Een dag oefenen met consentbesluitvorming.",
        "format": CourseFormat.STUDY_DAY,
        "dagdelen": 2,
        "contact_hours": Decimal("6.0"),
        "price_amount": Decimal("395.00"),
    }
    fields.update(kwargs)
    if fields.get("price_on_request"):
        fields.setdefault("price_amount", None)
    course = course_index().add_child(instance=CoursePage(**fields))
    if audiences is not None or trainers is not None:
        if audiences is not None:
            course.audiences.set(audiences)
        if trainers is not None:
            course.trainers.set(trainers)
        course.save_revision().publish()
    return course


def make_lesson(course: CoursePage, **kwargs) -> LessonPage:
    """A live lesson as the last child of `course`."""
    n = next(_numbers)
    fields = {"title": f"Les {n}", "slug": f"les-{n}", "estimated_minutes": 10}
    fields.update(kwargs)
    return course.add_child(instance=LessonPage(**fields))
