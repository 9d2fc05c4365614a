"""Page types: creation through the Wagtail admin, the tree rules, and rendering."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from courses.models import (
    Audience,
    CourseFAQ,
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    HomePage,
    LessonPage,
    ProgrammeItem,
)
from tests.accounts.factories import UserFactory
from tests.courses.factories_pages import course_index, make_course, make_lesson

pytestmark = pytest.mark.django_db


class TestAdminCreation(WagtailPageTestCase):
    def setUp(self):
        self.editor = UserFactory(is_superuser=True, is_staff=True)
        self.client.force_login(self.editor)
        self.home = HomePage.objects.get()

    def test_tree_rules(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedParentPageTypes(LessonPage, {CoursePage})
        self.assertCanCreateAt(CourseIndexPage, CoursePage)
        self.assertCanCreateAt(CoursePage, LessonPage)
        self.assertCanNotCreateAt(HomePage, CoursePage)
        self.assertCanNotCreateAt(CourseIndexPage, LessonPage)
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_editor_creates_course_index(self):
        self.assertCanCreate(
            self.home,
            CourseIndexPage,
            nested_form_data({"title": "Cursussen", "intro": rich_text("<p>Alles.</p>")}),
        )
        assert CourseIndexPage.objects.get().live

    def test_editor_creates_course_with_programme_faq_and_body(self):
        index = course_index()
        audiences = Audience.objects.filter(key__in=["raadsleden", "adviseurs"])
        data = nested_form_data(
            {
                "title": "Studiedag Consent",
                "intro": "Een dag oefenen.",
                "format": CourseFormat.STUDY_DAY,
                "dagdelen": "2",
                "contact_hours": "6.0",
                "min_participants": "5",
                "max_participants": "8",
                "price_on_request": "on",
                "price_amount": "",
                "vat_category": "21",
                "price_includes": rich_text("<ul><li>intake</li></ul>"),
                "price_excludes": rich_text(""),
                "price_note": "",
                "attendance_rule": "all",
                "attendance_minimum": "",
                "learning_goals": streamfield([("goal", "Consent uitleggen")]),
                "programme_items": inline_formset(
                    [
                        {
                            "starts_at": "09:30",
                            "ends_at": "12:30",
                            "title": "Theorie",
                            "description": "",
                        }
                    ]
                ),
                "faqs": inline_formset(
                    [{"question": "Voorkennis?", "answer": rich_text("<p>Nee.</p>")}]
                ),
                "body": streamfield(
                    [
                        ("text", rich_text("<p>Welkom</p>")),
                        ("quote", {"quote": "Goed genoeg voor nu.", "attribution": ""}),
                    ]
                ),
                "comments": inline_formset([]),
            }
        )
        data["audiences"] = [str(a.pk) for a in audiences]
        self.assertCanCreate(index, CoursePage, data)
        course = CoursePage.objects.get(slug="studiedag-consent")
        assert course.live and course.price_on_request
        assert set(course.audiences.values_list("key", flat=True)) == {"raadsleden", "adviseurs"}
        assert [item.title for item in course.programme_items.all()] == ["Theorie"]
        assert course.faqs.count() == 1
        assert [block.block_type for block in course.body] == ["text", "quote"]

    def test_admin_refuses_min_above_max(self):
        index = course_index()
        data = nested_form_data(
            {
                "title": "Te kleine groep",
                "slug": "te-kleine-groep",
                "intro": "x",
                "format": CourseFormat.STUDY_DAY,
                "min_participants": "9",
                "max_participants": "8",
                "price_amount": "100",
                "vat_category": "21",
                "learning_goals": streamfield([]),
                "programme_items": inline_formset([]),
                "faqs": inline_formset([]),
                "body": streamfield([]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        url = reverse("wagtailadmin_pages:add", args=["courses", "coursepage", index.pk])
        response = self.client.post(url, data)
        assert response.status_code == 200
        assert "max_participants" in response.context["form"].errors
        assert not CoursePage.objects.filter(slug="te-kleine-groep").exists()

    def test_editor_creates_lesson(self):
        course = make_course(format=CourseFormat.E_LEARNING)
        data = nested_form_data(
            {
                "title": "Drivers",
                "intro": "Waarom we iets doen.",
                "estimated_minutes": "12",
                "body": streamfield(
                    [
                        ("text", rich_text("<p>Een driver is…</p>")),
                        ("reflection", {"question": "Wat is uw driver?", "hint": ""}),
                        (
                            "key_points",
                            {"heading": "", "points": streamfield([("item", "Eerst de driver")])},
                        ),
                    ]
                ),
                "comments": inline_formset([]),
            }
        )
        self.assertCanCreate(course, LessonPage, data)
        lesson = LessonPage.objects.get(slug="drivers")
        assert lesson.get_parent().pk == course.pk
        assert len(lesson.reflection_blocks()) == 1


def test_group_size_rules_in_clean():
    course = CoursePage(title="x", slug="x", intro="x", format=CourseFormat.STUDY_DAY)
    assert (course.min_participants, course.max_participants) == (5, 8)
    course.price_amount = Decimal("100")
    course.min_participants, course.max_participants = 0, 8
    with pytest.raises(ValidationError) as error:
        course.clean()
    assert "min_participants" in error.value.message_dict
    course.min_participants, course.max_participants = 6, 5
    with pytest.raises(ValidationError) as error:
        course.clean()
    assert "max_participants" in error.value.message_dict
    course.min_participants, course.price_amount = 5, None
    with pytest.raises(ValidationError) as error:
        course.clean()
    assert "price_amount" in error.value.message_dict


def test_database_refuses_bad_group_size_and_missing_price():
    course = make_course()
    with pytest.raises(IntegrityError), transaction.atomic():
        CoursePage.objects.filter(pk=course.pk).update(min_participants=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        CoursePage.objects.filter(pk=course.pk).update(price_amount=None, price_on_request=False)
    course.refresh_from_db()
    assert course.min_participants == 5 and course.price_amount is not None


def test_home_page_renders_featured_courses_and_municipality_block(client):
    course = make_course(title="Studiedag voor gemeenten")
    home = HomePage.objects.get()
    home.in_company_heading = "In-company voor uw gemeente"
    home.save()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="featured-courses"' in html and course.url in html
    assert 'id="in-company"' in html


def test_course_page_renders_everything_it_has(client):
    course = make_course(title="Studiedag Sociocratie", price_on_request=True, price_amount=None)
    ProgrammeItem.objects.create(course=course, title="Theorie")
    CourseFAQ.objects.create(course=course, question="Voorkennis nodig?", answer="<p>Nee.</p>")
    lesson = make_lesson(course, title="Eerste les")
    response = client.get(course.url)
    assert response.status_code == 200
    html = response.content.decode()
    for marker in ('id="course-facts"', 'id="programme"', "Voorkennis nodig?", 'id="lesson-list"'):
        assert marker in html
    # Anonymous visitors see the lesson titles but no links into them.
    assert "Eerste les" in html and lesson.url not in html


def test_course_index_and_lesson_render(client):
    course = make_course(format=CourseFormat.E_LEARNING)
    lesson = make_lesson(course)
    assert client.get(course_index().url).status_code == 200
    client.force_login(UserFactory())
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert 'id="lesson-form"' in response.content.decode()
