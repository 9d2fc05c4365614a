"""Reads for the catalogue, the home page and the course page, with fixed query counts."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from wagtail.models import Page

from courses.access import can_access_lessons
from courses.models import Audience, CourseFormat, CourseIndexPage, CoursePage, LessonPage, Trainer
from courses.selectors.progress import lesson_progress_for


@dataclass(frozen=True)
class CatalogueFilters:
    format: str = ""
    audience: str = ""
    planned: bool = False
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(self.format or self.audience or self.planned or self.query)


@dataclass
class CatalogueResult:
    courses: list[CoursePage]
    lesson_hits: list[LessonPage] = field(default_factory=list)


def _cohort_model():
    # The cohort model arrives with the enrolment work; until it exists, nothing is planned.
    try:
        return apps.get_model("cohorts", "Cohort")
    except LookupError:
        return None


def listed_courses():
    """Live, public courses as cards need them: no bodies, image and audiences at hand."""
    return (
        CoursePage.objects.live()
        .public()
        .defer_streamfields()
        .select_related("image")
        .prefetch_related(Prefetch("audiences", queryset=Audience.objects.order_by("sort_order")))
        .order_by("path")
    )


def _with_planned_dates(courses):
    cohort = _cohort_model()
    if cohort is None:
        return courses.none()
    upcoming = cohort.objects.listed().filter(
        course=OuterRef("pk"), sessions__date__gte=timezone.localdate()
    )
    return courses.filter(Exists(upcoming))


def catalogue(*, filters: CatalogueFilters) -> CatalogueResult:
    courses = listed_courses()
    if filters.format:
        courses = courses.filter(format=filters.format)
    if filters.audience:
        # A course "for everyone" fits every audience.
        courses = courses.filter(
            audiences__key__in=[filters.audience, Audience.Key.EVERYONE]
        ).distinct()
    if filters.planned:
        courses = _with_planned_dates(courses)

    lesson_hits: list[LessonPage] = []
    if filters.query:
        # Search returns ranked ids; the filtered queryset above shapes the cards.
        ranked = [page.pk for page in CoursePage.objects.live().public().search(filters.query)]
        lesson_hits = list(
            LessonPage.objects.live().public().defer_streamfields().search(filters.query)[:20]
        )
        lesson_course_paths = {lesson.path[: -LessonPage.steplen] for lesson in lesson_hits}
        by_path = (
            {
                c.path: c.pk
                for c in CoursePage.objects.filter(path__in=lesson_course_paths).only("pk", "path")
            }
            if lesson_course_paths
            else {}
        )
        for lesson in lesson_hits:
            lesson.course_pk = by_path.get(lesson.path[: -LessonPage.steplen])
        ranked += [pk for pk in by_path.values() if pk not in ranked]
        found = {course.pk: course for course in courses.filter(pk__in=ranked)}
        result = [found[pk] for pk in ranked if pk in found]
        titles = {course.pk: course.title for course in result}
        lesson_hits = [lesson for lesson in lesson_hits if lesson.course_pk in titles]
        for lesson in lesson_hits:
            lesson.course_title = titles[lesson.course_pk]
        return CatalogueResult(courses=result, lesson_hits=lesson_hits)
    return CatalogueResult(courses=list(courses))


def filter_choices() -> dict:
    return {
        "formats": CourseFormat.choices,
        "audiences": Audience.Key.choices,
    }


def featured_courses(*, home) -> list[CoursePage]:
    """The editor's picks for the home page, or else the first few live courses."""
    picked_ids = list(home.featured_courses.values_list("course_id", flat=True))
    courses = listed_courses()
    if picked_ids:
        found = {course.pk: course for course in courses.filter(pk__in=picked_ids)}
        return [found[pk] for pk in picked_ids if pk in found]
    return list(courses[:3])


def course_detail(*, course: CoursePage, user) -> dict:
    """What the course page shows next to the page's own fields."""
    lessons = list(LessonPage.objects.child_of(course).live().defer_streamfields().order_by("path"))
    may_open = can_access_lessons(user, course)
    progress = lesson_progress_for(user=user, lessons=lessons) if may_open else None
    # Every other child page is a practice exercise (the exercises app adds those types).
    exercises = list(
        Page.objects.child_of(course).live().not_type(LessonPage).order_by("path").specific()
    )
    return {
        "exercises": exercises,
        "programme": list(course.programme_items.all()),
        "faqs": list(course.faqs.all()),
        "audiences": list(course.audiences.order_by("sort_order")),
        "course_trainers": list(Trainer.objects.filter(coursepage=course).select_related("photo")),
        "lessons": lessons,
        "can_open_lessons": may_open,
        "progress": progress,
    }


def course_index_url(*, request=None) -> str | None:
    """Where the catalogue lives, for the header's "Courses" link."""
    index = CourseIndexPage.objects.live().public().only("pk", "path", "url_path").first()
    return index.get_url(request) if index else None
