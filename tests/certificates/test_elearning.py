import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import CertificateError, issue_elearning_certificate
from courses.models import CourseFormat, LessonProgress
from tests.accounts.factories import UserFactory
from tests.courses.factories_pages import make_course, make_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course(title="Consent in 30 minuten", format=CourseFormat.E_LEARNING)
    make_lesson(course)
    make_lesson(course)
    return course


def finish(participant, course):
    for lesson in course.get_children().specific():
        LessonProgress.objects.update_or_create(
            participant=participant, lesson=lesson, defaults={"completed_at": timezone.now()}
        )


def test_a_participant_who_finished_every_lesson_gets_an_e_learning_certificate(course):
    participant = UserFactory(first_name="Esra", last_name="Yilmaz")
    finish(participant, course)
    certificate = issue_elearning_certificate(participant=participant, course=course, notify=False)
    assert certificate.course == course and certificate.enrolment is None
    assert certificate.participant_name == "Esra Yilmaz"
    assert certificate.stated.session_dates == (timezone.localdate(),)
    again = issue_elearning_certificate(participant=participant, course=course, notify=False)
    assert again.pk == certificate.pk


def test_unfinished_lessons_are_refused_with_the_count(course):
    participant = UserFactory()
    first = course.get_children().first().specific
    LessonProgress.objects.create(
        participant=participant, lesson=first, completed_at=timezone.now()
    )
    with pytest.raises(CertificateError) as refused:
        issue_elearning_certificate(participant=participant, course=course)
    assert "1" in refused.value.message and "2" in refused.value.message
    assert not Certificate.objects.exists()


def test_a_cohort_course_has_no_e_learning_certificate():
    course = make_course()
    participant = UserFactory()
    with pytest.raises(CertificateError):
        issue_elearning_certificate(participant=participant, course=course)
    assert not Certificate.objects.exists()


def test_the_participant_asks_for_it_on_the_site(client, course):
    participant = UserFactory()
    client.force_login(participant)
    url = reverse("certificates:request_elearning", args=[course.pk])
    assert client.post(url)["Location"] == reverse("certificates:mine")
    assert not Certificate.objects.exists()
    finish(participant, course)
    client.post(url)
    assert Certificate.objects.get().participant == participant


def test_finishing_the_last_lesson_issues_the_certificate_emails_it_and_links_it(
    client, course, mailoutbox, django_capture_on_commit_callbacks
):
    """Issue 10, item 3: after the last lesson the certificate is reachable on the course
    page and on "My Leerkring", and the participant gets an email."""
    participant = UserFactory(first_name="Esra", last_name="Yilmaz")
    client.force_login(participant)
    first, last = (page.specific for page in course.get_children())
    client.post(reverse("courses:lesson_done", args=[first.pk]))
    assert not Certificate.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("courses:lesson_done", args=[last.pk]), follow=True)
    certificate = Certificate.objects.get(participant=participant, course=course)
    download = reverse("certificates:download", args=[certificate.uuid])
    assert download in response.content.decode()
    assert len(mailoutbox) == 1 and participant.email in mailoutbox[0].to
    assert download in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_finished_course_without_certificate_offers_to_get_one(client, course):
    participant = UserFactory()
    finish(participant, course)
    client.force_login(participant)
    html = client.get(course.url).content.decode()
    assert reverse("certificates:request_elearning", args=[course.pk]) in html
