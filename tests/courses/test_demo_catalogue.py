"""`manage.py load_demo` builds the catalogue once; running it again changes nothing."""

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from courses.models import CourseFormat, CoursePage, LessonPage, Trainer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <function SpooledTemporaryFile.__del__"
        ":pytest.PytestUnraisableExceptionWarning"
    ),
]


def tree():
    return list(Page.objects.order_by("path").values_list("path", "slug", "live", "content_type"))


def test_load_demo_twice_gives_the_same_tree(client):
    call_command("load_demo")
    first = tree()
    counts = (Trainer.objects.count(), get_image_model().objects.count())
    call_command("load_demo")
    assert tree() == first
    assert (Trainer.objects.count(), get_image_model().objects.count()) == counts

    slugs = set(CoursePage.objects.live().values_list("slug", flat=True))
    assert {
        "studiedag-sociocratie-voor-gemeenten",
        "leergang-sociocratie",
        "sociocratie-3-0-introductie",
        "masterclass-consentbesluitvorming",
        "effectief-vergaderen-en-besluiten",
    } <= slugs
    s3 = CoursePage.objects.get(slug="sociocratie-3-0-introductie")
    assert s3.format == CourseFormat.E_LEARNING
    assert LessonPage.objects.child_of(s3).live().count() == 7
    studiedag = CoursePage.objects.get(slug="studiedag-sociocratie-voor-gemeenten")
    assert (studiedag.min_participants, studiedag.max_participants) == (5, 8)
    assert studiedag.price_on_request and studiedag.in_company

    assert client.get("/").status_code == 200
    assert client.get(studiedag.get_parent().url).status_code == 200
    assert client.get(studiedag.url).status_code == 200
