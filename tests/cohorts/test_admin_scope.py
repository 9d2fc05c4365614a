"""/beheer/cohorts/: a trainer reaches only the cohorts they train and cannot pick trainers;
tokens are never shown; a maximum below the seats taken is refused; deleting a cohort with
enrolments is refused with words, not a server error (issue 11, items 6, 8 and 10)."""

import pytest
from django.contrib.auth.models import Group

from accounts.models import User
from accounts.roles import EDITOR, TRAINER
from cohorts.models import Cohort, CohortKind
from tests.cohorts.factories import fill, make_cohort, make_trainer
from tests.cohorts.test_cohort_admin import form

pytestmark = pytest.mark.django_db


def edit_data(cohort, **overrides):
    from wagtail.test.utils.form_data import inline_formset

    session = cohort.first_session
    sessions = inline_formset(
        [
            {
                "id": session.pk,
                "date": session.date.isoformat(),
                "start_time": session.start_time.strftime("%H:%M"),
                "end_time": session.end_time.strftime("%H:%M"),
                "location": "",
                "online_url": "",
            }
        ],
        initial=1,
    )
    data = form(
        cohort.course,
        cohort.trainers.first(),
        sessions=sessions,
        title=cohort.title,
        kind=cohort.kind,
        min_participants=cohort.min_participants,
        max_participants=cohort.max_participants,
        go_no_go_date=cohort.go_no_go_date.isoformat(),
        cancellation_cutoff="",
    )
    data.update(overrides)
    return data


@pytest.fixture
def stranger_cohort():
    """An in-company cohort trained by someone else, with people enrolled."""
    cohort = make_cohort(kind=CohortKind.IN_COMPANY, municipality="Zwolle", title="Zwolle intern")
    return cohort


def test_a_trainer_lists_only_their_own_cohorts(client, stranger_cohort):
    trainer = make_trainer()
    own = make_cohort(trainer=trainer, title="Mijn eigen groep")
    client.force_login(trainer)

    page = client.get("/beheer/cohorts/").content.decode()

    assert own.title in page
    assert stranger_cohort.title not in page


@pytest.mark.parametrize("view", ["edit", "inspect", "delete", "history", "usage"])
def test_a_trainer_cannot_open_someone_elses_cohort(client, stranger_cohort, view):
    client.force_login(make_trainer())

    response = client.get(f"/beheer/cohorts/{view}/{stranger_cohort.pk}/")

    assert response.status_code in (403, 404)


def test_a_trainer_cannot_add_themself_to_someone_elses_cohort(client, stranger_cohort):
    trainer = make_trainer()
    client.force_login(trainer)

    response = client.post(
        f"/beheer/cohorts/edit/{stranger_cohort.pk}/",
        edit_data(stranger_cohort, trainers=[trainer.pk]),
    )

    assert response.status_code == 404
    assert trainer not in stranger_cohort.trainers.all()


def test_a_trainer_cannot_change_who_trains_their_cohort(client):
    trainer, colleague = make_trainer(), make_trainer()
    cohort = make_cohort(trainer=trainer)
    client.force_login(trainer)

    page = client.get(f"/beheer/cohorts/edit/{cohort.pk}/").content.decode()
    response = client.post(
        f"/beheer/cohorts/edit/{cohort.pk}/",
        edit_data(cohort, trainers=[colleague.pk], title="Nieuwe naam"),
    )

    assert 'name="trainers"' not in page
    assert response.status_code == 302, response.context["form"].errors
    cohort.refresh_from_db()
    assert cohort.title == "Nieuwe naam"
    assert list(cohort.trainers.all()) == [trainer]


def test_a_cohort_a_trainer_creates_is_theirs_whatever_is_posted(client):
    trainer, colleague = make_trainer(), make_trainer()
    other = make_cohort(trainer=colleague)
    client.force_login(trainer)

    response = client.post("/beheer/cohorts/new/", form(other.course, colleague))

    assert response.status_code == 302
    created = Cohort.objects.get(title="Utrecht najaar")
    assert list(created.trainers.all()) == [trainer]


def test_an_editor_assigns_trainers(client, stranger_cohort):
    editor = User.objects.create_user(email="redacteur@example.nl", password="x-y-z-12345")
    editor.groups.add(Group.objects.get(name=EDITOR))
    trainer = make_trainer()
    client.force_login(editor)

    page = client.get(f"/beheer/cohorts/edit/{stranger_cohort.pk}/").content.decode()
    response = client.post(
        f"/beheer/cohorts/edit/{stranger_cohort.pk}/",
        edit_data(stranger_cohort, trainers=[trainer.pk], kind="in_company", municipality="Zwolle"),
    )

    assert 'name="trainers"' in page
    assert response.status_code == 302, response.context["form"].errors
    assert list(stranger_cohort.trainers.all()) == [trainer]


def test_the_invitation_token_is_never_shown(admin_client, stranger_cohort):
    token = stranger_cohort.invitation_token
    assert token

    pages = [
        admin_client.get(url).content.decode()
        for url in (
            "/beheer/cohorts/",
            f"/beheer/cohorts/inspect/{stranger_cohort.pk}/",
            f"/beheer/cohorts/edit/{stranger_cohort.pk}/",
            f"/beheer/cohorts/history/{stranger_cohort.pk}/",
        )
    ]

    assert all(token not in page for page in pages)


def test_a_maximum_below_the_seats_taken_is_refused(admin_client):
    cohort = make_cohort(max_participants=8)
    fill(cohort, 8)

    response = admin_client.post(
        f"/beheer/cohorts/edit/{cohort.pk}/", edit_data(cohort, max_participants=5)
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["max_participants"]
    assert "8" in errors[0]
    cohort.refresh_from_db()
    assert cohort.max_participants == 8


def test_the_maximum_may_go_down_to_the_seats_taken(admin_client):
    cohort = make_cohort(max_participants=8)
    fill(cohort, 6)

    response = admin_client.post(
        f"/beheer/cohorts/edit/{cohort.pk}/", edit_data(cohort, max_participants=6)
    )

    assert response.status_code == 302, response.context["form"].errors
    cohort.refresh_from_db()
    assert cohort.max_participants == 6


def test_the_refusal_is_in_dutch(admin_client):
    cohort = make_cohort(max_participants=8)
    fill(cohort, 8)

    response = admin_client.post(
        f"/beheer/cohorts/edit/{cohort.pk}/",
        edit_data(cohort, max_participants=5),
        HTTP_ACCEPT_LANGUAGE="nl",
    )

    assert "8 plaatsen zijn bezet" in response.content.decode()


def test_deleting_a_cohort_with_enrolments_is_refused_with_a_message(admin_client):
    cohort = make_cohort()
    fill(cohort, 2)

    response = admin_client.post(f"/beheer/cohorts/delete/{cohort.pk}/", follow=True)

    assert response.status_code == 200
    assert Cohort.objects.filter(pk=cohort.pk).exists()
    message = next(iter(response.context["messages"])).message
    assert "cannot be deleted" in message or "kan niet worden verwijderd" in message


def test_an_empty_cohort_can_be_deleted(admin_client):
    cohort = make_cohort()

    response = admin_client.post(f"/beheer/cohorts/delete/{cohort.pk}/")

    assert response.status_code == 302
    assert not Cohort.objects.filter(pk=cohort.pk).exists()


@pytest.fixture
def admin_client(client):
    admin = User.objects.create_superuser(email="beheer@example.nl", password="x-y-z-12345")
    client.force_login(admin)
    return client


def test_the_trainer_role_exists():
    assert Group.objects.filter(name=TRAINER).exists()
