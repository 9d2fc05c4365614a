"""Issue 11, item 15: who viewed or exported whose personal data is logged, append-only, and
only administrators read the log in /beheer/."""

import csv
import io

import pytest
from django.urls import reverse

from accounts.roles import EDITOR, TRAINER
from cohorts.models import Intake
from privacy.models import AccessAction, AccessLog
from privacy.services import record_access
from tests.accounts.factories import UserFactory
from tests.cohorts.factories import fill, make_cohort

pytestmark = pytest.mark.django_db


def test_one_entry_per_person_with_names_kept_beside_the_links():
    trainer = UserFactory(roles=[TRAINER], first_name="Tineke", last_name="van Dijk")
    people = [UserFactory(), UserFactory()]
    cohort = make_cohort()

    record_access(actor=trainer, action=AccessAction.PARTICIPANTS_CSV, subjects=people, obj=cohort)

    entries = AccessLog.objects.order_by("pk")
    assert [entry.subject for entry in entries] == people
    entry = entries[0]
    assert entry.actor == trainer and entry.actor_name == f"Tineke van Dijk <{trainer.email}>"
    assert entry.subject_name.endswith(f"<{people[0].email}>")
    assert (entry.object_type, entry.object_id) == ("cohorts.cohort", str(cohort.pk))


def test_the_log_is_append_only():
    entry = record_access(
        actor=UserFactory(), action=AccessAction.OWN_DATA_EXPORTED, subjects=[UserFactory()]
    )[0]

    entry.subject_name = "iemand anders"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AccessLog.objects.update(subject_name="weg")
    with pytest.raises(TypeError):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get().subject_name != "iemand anders"


def test_deleting_a_person_keeps_the_entry_with_their_name():
    person = UserFactory(first_name="Daan", last_name="de Boer")
    record_access(actor=UserFactory(), action=AccessAction.INTAKE_VIEWED, subjects=[person])

    person.delete()

    entry = AccessLog.objects.get()
    assert entry.subject is None
    assert entry.subject_name.startswith("Daan de Boer")


def test_the_trainers_csv_export_is_logged_per_participant(client):
    cohort = make_cohort(min_participants=1, max_participants=2)
    enrolments = fill(cohort, 3)  # two seats and one on the waiting list
    trainer = cohort.trainers.get()
    client.force_login(trainer)

    response = client.get(reverse("cohorts:trainer_cohort_csv", args=[cohort.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4
    entries = AccessLog.objects.filter(action=AccessAction.PARTICIPANTS_CSV, actor=trainer)
    assert {entry.subject_id for entry in entries} == {e.participant_id for e in enrolments}


def test_viewing_intake_answers_is_logged_for_those_who_filled_one_in(client):
    cohort = make_cohort()
    with_intake, without_intake = fill(cohort, 2)
    Intake.objects.create(
        enrolment=with_intake, role="Raadslid", experience="none", hopes_to_learn="Besluiten."
    )
    trainer = cohort.trainers.get()
    client.force_login(trainer)

    response = client.get(reverse("cohorts:trainer_cohort", args=[cohort.pk]))

    assert "Besluiten." in response.text
    entries = AccessLog.objects.filter(action=AccessAction.INTAKE_VIEWED)
    assert [(e.actor_id, e.subject_id) for e in entries] == [
        (trainer.pk, with_intake.participant_id)
    ]


def _admin():
    return UserFactory(is_superuser=True, is_staff=True, roles=[EDITOR])


def test_an_administrators_edit_of_a_user_is_logged(client):
    admin = _admin()
    person = UserFactory(first_name="Daan", last_name="de Boer")
    client.force_login(admin)
    url = reverse("wagtailusers_users:edit", args=[person.pk])
    form = client.get(url).context["form"]
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, (list, tuple))
    }
    data.update(email=person.email, first_name="Daan", last_name="de Bakker", is_active="on")

    response = client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    entry = AccessLog.objects.get(action=AccessAction.USER_EDITED)
    assert (entry.actor, entry.subject) == (admin, person)


def test_an_administrator_deleting_a_user_is_logged_with_the_name(client):
    admin = _admin()
    person = UserFactory(first_name="Daan", last_name="de Boer")
    client.force_login(admin)

    response = client.post(reverse("wagtailusers_users:delete", args=[person.pk]))

    assert response.status_code == 302
    entry = AccessLog.objects.get(action=AccessAction.USER_DELETED)
    assert (entry.actor, entry.subject) == (admin, None)
    assert entry.subject_name.startswith("Daan de Boer")


def test_administrators_read_the_log_and_nobody_can_change_it(client):
    record_access(
        actor=UserFactory(first_name="Tineke"),
        action=AccessAction.PARTICIPANTS_CSV,
        subjects=[UserFactory(first_name="Daan", last_name="de Boer")],
    )
    entry = AccessLog.objects.get()
    client.force_login(_admin())

    listing = client.get("/beheer/toegangslog/")

    assert listing.status_code == 200
    assert "Daan de Boer" in listing.text
    assert client.get(f"/beheer/toegangslog/inspect/{entry.pk}/").status_code == 200
    for url in [
        "/beheer/toegangslog/new/",
        f"/beheer/toegangslog/edit/{entry.pk}/",
        f"/beheer/toegangslog/delete/{entry.pk}/",
    ]:
        assert client.get(url).status_code in (302, 403), url
        client.post(url, {})
    assert AccessLog.objects.count() == 1


@pytest.mark.parametrize("roles", [[EDITOR], [TRAINER]])
def test_editors_and_trainers_do_not_see_the_log(client, roles):
    record_access(actor=UserFactory(), action=AccessAction.INTAKE_VIEWED, subjects=[UserFactory()])
    client.force_login(UserFactory(roles=roles))

    response = client.get("/beheer/toegangslog/")

    assert response.status_code in (302, 403)
