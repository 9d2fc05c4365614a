"""The catalogue: filters without JavaScript, search over courses and lessons, query counts."""

from datetime import time, timedelta
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from cohorts.models import Cohort, CohortKind, Session
from courses.models import Audience, CourseFormat
from courses.selectors.catalogue import CATALOGUE_PAGE_SIZE
from tests.courses.factories_pages import course_index, make_course, make_lesson

pytestmark = [
    pytest.mark.django_db,
    # Wagtail leaves the SpooledTemporaryFile of a new rendition for the garbage collector.
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <function SpooledTemporaryFile.__del__"
        ":pytest.PytestUnraisableExceptionWarning"
    ),
]


def shown(response) -> list[str]:
    """Slugs of the courses on the page, in order (each card links to its course)."""
    return [course.slug for course in response.context["result"].courses]


def audience(key):
    return Audience.objects.get(key=key)


def test_lists_live_courses_only(client):
    live = make_course(slug="live")
    hidden = make_course(slug="concept")
    hidden.unpublish()
    response = client.get(course_index().url)
    assert response.status_code == 200
    assert shown(response) == ["live"]
    assert live.url in response.content.decode()


def test_filter_by_format(client):
    make_course(slug="dag", format=CourseFormat.STUDY_DAY)
    make_course(slug="online", format=CourseFormat.E_LEARNING)
    response = client.get(course_index().url, {"format": "e-learning"})
    assert shown(response) == ["online"]


def test_filter_by_audience_includes_courses_for_everyone(client):
    make_course(slug="raad", audiences=[audience("raadsleden")])
    make_course(slug="ambtenaren", audiences=[audience("ambtenaren")])
    make_course(slug="iedereen", audiences=[audience("iedereen")])
    response = client.get(course_index().url, {"audience": "raadsleden"})
    assert shown(response) == ["raad", "iedereen"]


def test_unknown_filter_value_is_ignored_not_an_error(client):
    make_course(slug="dag")
    response = client.get(course_index().url, {"format": "cursus-op-de-maan"})
    assert response.status_code == 200
    assert shown(response) == ["dag"]
    assert response.context["form"].errors["format"]


def test_filter_with_planned_dates(client):
    planned = make_course(slug="gepland")
    past = make_course(slug="voorbij")
    make_course(slug="zonder")
    today = timezone.localdate()
    for course, day in ((planned, today + timedelta(days=30)), (past, today - timedelta(days=30))):
        cohort = Cohort.objects.create(course=course, title="Utrecht", kind=CohortKind.OPEN)
        Session.objects.create(cohort=cohort, date=day, start_time=time(9), end_time=time(12))
    response = client.get(course_index().url, {"planned": "on"})
    assert shown(response) == ["gepland"]


def test_search_finds_courses_and_lessons(client):
    make_course(slug="consent", intro="Besluiten met consent in de gemeenteraad.")
    with_lesson = make_course(slug="s3", intro="Een introductie.")
    make_lesson(
        with_lesson,
        title="Domeinen",
        body=[("text", RichText("<p>Over delegeren van een domein.</p>"))],
    )
    make_course(slug="anders", intro="Iets heel anders.")

    response = client.get(course_index().url, {"q": "consent"})
    assert shown(response) == ["consent"]

    response = client.get(course_index().url, {"q": "delegeren"})
    assert shown(response) == ["s3"]
    assert [lesson.title for lesson in response.context["result"].lesson_hits] == ["Domeinen"]
    assert 'id="lesson-hits"' in response.content.decode()


def test_search_and_filter_combine(client):
    make_course(slug="dag-consent", intro="consent", format=CourseFormat.STUDY_DAY)
    make_course(slug="online-consent", intro="consent", format=CourseFormat.E_LEARNING)
    response = client.get(course_index().url, {"q": "consent", "format": "studiedag"})
    assert shown(response) == ["dag-consent"]


def _image():
    buffer = BytesIO()
    PillowImage.new("RGB", (40, 30), "#1d5c4d").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="kaart", file=ImageFile(BytesIO(buffer.getvalue()), name="kaart.png")
    )


def _courses(count, image):
    for _ in range(count):
        make_course(image=image, audiences=[audience("raadsleden"), audience("adviseurs")])


QUERY_BUDGET = 14
COURSE_PAGE_BUDGET = 20


@pytest.mark.parametrize("count", [5, 50])
def test_catalogue_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    _courses(count, _image())
    url = course_index().url
    client.get(url)  # the first visit creates the card renditions
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = client.get(url)
    # One page of cards at most; the heading counts them all.
    assert len(shown(response)) == min(count, CATALOGUE_PAGE_SIZE)
    assert response.context["result"].total == count
    with django_assert_max_num_queries(QUERY_BUDGET + 4):
        response = client.get(url, {"q": "consentbesluitvorming", "audience": "adviseurs"})
    assert response.status_code == 200


@pytest.mark.parametrize("lessons", [3, 30])
def test_course_page_query_count_does_not_grow(client, django_assert_max_num_queries, lessons):
    course = make_course()
    for _ in range(lessons):
        make_lesson(course)
    client.get(course.url)
    # Routing, the page's own rows, programme/FAQ/audience/trainers, lessons, cohorts.
    with django_assert_max_num_queries(COURSE_PAGE_BUDGET):
        response = client.get(course.url)
    assert len(response.context["lessons"]) == lessons
