"""Reads for the catalogue, the home page and the course page, with fixed query counts."""

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from wagtail.models import Page

from courses import content_cache
from courses.access import can_access_lessons
from courses.models import Audience, CourseFormat, CourseIndexPage, CoursePage, LessonPage, Trainer
from courses.selectors.progress import course_lessons, lesson_progress_for
from leerkring.paging import Window, counted, page_number


@dataclass(frozen=True)
class CatalogueFilters:
    format: str = ""
    audience: str = ""
    planned: bool = False
    query: str = ""

    @property
    def active(self) -> bool:
        return bool(self.format or self.audience or self.planned or self.query)


# Cards per catalogue page, and how many search hits we rank at most.
CATALOGUE_PAGE_SIZE = 12
SEARCH_LIMIT = 200


@dataclass
class CatalogueResult:
    courses: list[CoursePage]
    lesson_hits: list[LessonPage] = field(default_factory=list)
    total: int = 0
    pager: Window | None = None


def _cohort_model():
    # The cohort model arrives with the enrolment work; until it exists, nothing is planned.
    try:
        return apps.get_model("cohorts", "Cohort")
    except LookupError:
        return None


def _card_renditions():
    from wagtail.images import get_image_model

    return get_image_model().get_rendition_model().objects.filter(filter_spec="fill-480x270")


def listed_courses(*, private: Q | None = None):
    """Live, public courses as cards need them: no bodies, image and audiences at hand.

    `private` is Wagtail's private_q(), when the caller already looked it up."""
    courses = CoursePage.objects.live()
    courses = courses.public() if private is None else courses.exclude(private)
    return (
        courses.defer_streamfields()
        .select_related("image")
        .prefetch_related(
            Prefetch("audiences", queryset=Audience.objects.order_by("sort_order")),
            # The card's {% image %} finds its rendition here instead of one query per card.
            Prefetch("image__renditions", queryset=_card_renditions()),
        )
        .order_by("path")
    )


def _with_planned_dates(courses):
    cohort = _cohort_model()
    if cohort is None:
        return courses.none()
    # A session today or later: the stored last end (Cohort.last_end) is not before today.
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    upcoming = cohort.objects.listed().filter(course=OuterRef("pk"), last_end__gte=today)
    return courses.filter(Exists(upcoming))


def catalogue(*, filters: CatalogueFilters, request=None) -> CatalogueResult:
    """One page of course cards (filters and search in the database), plus lesson hits."""
    # Which sections are private, looked up once for every query below (public() asks anew).
    private = CoursePage.objects.private_q()
    courses = listed_courses(private=private)
    if filters.format:
        courses = courses.filter(format=filters.format)
    if filters.audience:
        # A course "for everyone" fits every audience.
        courses = courses.filter(
            audiences__key__in=[filters.audience, Audience.Key.EVERYONE]
        ).distinct()
    if filters.planned:
        courses = _with_planned_dates(courses)

    if not filters.query:
        pager = counted(courses, request=request, per_page=CATALOGUE_PAGE_SIZE)
        return CatalogueResult(courses=pager.items, total=pager.total, pager=pager)

    # Search ranks ids (bounded); the filtered queryset keeps those that pass the filters,
    # and only the cards of the page asked for are loaded.
    ranked = [
        page.pk
        for page in CoursePage.objects.live()
        .exclude(private)
        .defer_streamfields()
        .search(filters.query)[:SEARCH_LIMIT]
    ]
    lesson_hits = list(
        LessonPage.objects.live().exclude(private).defer_streamfields().search(filters.query)[:20]
    )
    lesson_course_paths = {lesson.path[: -LessonPage.steplen] for lesson in lesson_hits}
    parents = (
        list(CoursePage.objects.filter(path__in=lesson_course_paths).only("pk", "path", "title"))
        if lesson_course_paths
        else []
    )
    by_path = {c.path: c.pk for c in parents}
    for lesson in lesson_hits:
        lesson.course_pk = by_path.get(lesson.path[: -LessonPage.steplen])
    ranked += [pk for pk in by_path.values() if pk not in ranked]
    passing = set(courses.filter(pk__in=ranked).values_list("pk", flat=True))
    ordered = [pk for pk in ranked if pk in passing]
    number = page_number(request, "pagina")
    num_pages = max(1, -(-len(ordered) // CATALOGUE_PAGE_SIZE))
    number = min(number, num_pages)
    page_ids = ordered[(number - 1) * CATALOGUE_PAGE_SIZE : number * CATALOGUE_PAGE_SIZE]
    found = {course.pk: course for course in courses.filter(pk__in=page_ids)} if page_ids else {}
    result = [found[pk] for pk in page_ids if pk in found]
    # Lesson hits name their course; only courses that pass the filters count.
    titles = {c.pk: c.title for c in parents if c.pk in passing}
    lesson_hits = [lesson for lesson in lesson_hits if lesson.course_pk in titles]
    for lesson in lesson_hits:
        lesson.course_title = titles[lesson.course_pk]
    pager = Window(
        items=result,
        number=number,
        has_next=number < num_pages,
        param="pagina",
        query={key: request.GET.getlist(key) for key in request.GET} if request else {},
        total=len(ordered),
        num_pages=num_pages,
    )
    return CatalogueResult(courses=result, lesson_hits=lesson_hits, total=len(ordered), pager=pager)


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
    every_lesson = course_lessons(course=course, user=user, live_only=False)
    lessons = [lesson for lesson in every_lesson if lesson.live]
    may_open = can_access_lessons(user, course)
    progress = lesson_progress_for(user=user, lessons=lessons) if may_open else None
    # Every other child page is a practice exercise (the exercises app adds those types);
    # the course row's child count says whether there are any, so most pages skip the query.
    exercises = (
        list(Page.objects.child_of(course).live().not_type(LessonPage).order_by("path").specific())
        if course.numchild > len(every_lesson)
        else []
    )
    return {
        "exercises": exercises,
        # Read only when the template's cached fragments of the page's own content (programme,
        # audiences, trainers, questions) miss: courses.content_cache.
        "programme": course.programme_items.all(),
        "faqs": course.faqs.all(),
        "audiences": course.audiences.order_by("sort_order"),
        "course_trainers": Trainer.objects.filter(coursepage=course).select_related("photo"),
        "content_generation": content_cache.generation(),
        "lessons": lessons,
        "can_open_lessons": may_open,
        "progress": progress,
    }


COURSE_INDEX_URL_KEY = "courses:index-url"


def course_index_url(*, request=None) -> str | None:
    """Where the catalogue lives, for the header's "Courses" link. Every page shows it, so
    it is cached; publishing, moving or deleting a page clears it (leerkring.page_cache)."""
    from django.core.cache import cache

    url = cache.get(COURSE_INDEX_URL_KEY)
    if url is None:
        index = CourseIndexPage.objects.live().public().only("pk", "path", "url_path").first()
        url = (index.get_url(request) if index else None) or ""
        cache.set(COURSE_INDEX_URL_KEY, url, 60 * 60)
    return url or None
