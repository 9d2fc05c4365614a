"""'My data' → a ZIP with everything about the person, built by a task, link emailed,
downloadable only by them and only for 7 days (issue 11, item 11)."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from certificates.services import issue_certificate
from cohorts.models import Intake
from courses.models import ReflectionNote
from personal_data.models import DataExport, ExportStatus
from personal_data.services import build_export, delete_expired_exports
from tests.accounts.factories import UserFactory
from tests.certificates.factories import enrol_participant, make_completed_cohort, make_trainer

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    trainer = make_trainer()
    enrolment = enrol_participant(make_completed_cohort(trainer=trainer), first_name="Ingrid")
    Intake.objects.create(
        enrolment=enrolment, role="beleidsadviseur", experience="none", hopes_to_learn="Consent"
    )
    certificate = issue_certificate(enrolment=enrolment, issued_by=trainer, notify=False)
    return enrolment.participant, certificate


def ask_and_download(client, user):
    client.force_login(user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("personal_data:export_request"))
    export = DataExport.objects.get(user=user)
    response = client.get(reverse("personal_data:export_download", args=[export.uuid]))
    body = b""
    if response.status_code == 200:
        body = b"".join(response.streaming_content)
        # Closing the response closes the file; without close_old_connections, as the test
        # client does, or request_finished would close the test's PostgreSQL connection.
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
    return export, response.status_code, body


def test_the_export_holds_the_data_and_the_pdfs_and_the_link_is_emailed(client, person):
    user, certificate = person
    ReflectionNote.objects.create(
        participant=user,
        lesson=_a_lesson(),
        block_id="q",
        question="Wat neem je mee?",
        answer="Rondes werken",
    )

    export, status, body = ask_and_download(client, user)

    assert export.status == ExportStatus.READY
    assert export.expires_at - export.ready_at == timedelta(days=7)
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert str(export.uuid) in message.body
    assert status == 200
    archive = zipfile.ZipFile(io.BytesIO(body))
    data = json.loads(archive.read("gegevens.json"))
    assert data["account"]["email"] == user.email
    assert "password" not in data["account"]
    assert data["enrolments"][0]["intake"]["role"] == "beleidsadviseur"
    assert data["reflection_notes"][0]["answer"] == "Rondes werken"
    assert data["certificates"][0]["code"] == certificate.code
    assert archive.read(f"certificaten/{certificate.code}.pdf").startswith(b"%PDF")


def test_downloading_is_written_to_the_access_log(client, person):
    from privacy.models import AccessLog

    user, _certificate = person

    export, _status, _body = ask_and_download(client, user)

    entry = AccessLog.objects.get()
    assert (entry.actor, entry.subject, entry.action) == (user, user, "own_data_exported")
    assert entry.object_id == str(export.pk)


def test_someone_else_cannot_download_it(client, person):
    user, _certificate = person
    export, _status, _body = ask_and_download(client, user)
    client.force_login(UserFactory())

    response = client.get(reverse("personal_data:export_download", args=[export.uuid]))

    assert response.status_code == 404


def test_after_7_days_the_link_is_dead_and_the_file_is_removed(client, person):
    user, _certificate = person
    export, _status, _body = ask_and_download(client, user)
    storage, name = export.file.storage, export.file.name
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    response = client.get(reverse("personal_data:export_download", args=[export.uuid]))
    removed = delete_expired_exports()

    assert response.status_code == 404
    assert removed == 1
    assert not storage.exists(name)


def test_running_the_task_twice_builds_and_mails_once(client, person):
    user, _certificate = person
    export, _status, _body = ask_and_download(client, user)
    name = export.file.name

    build_export(export_id=export.pk)

    export.refresh_from_db()
    assert export.file.name == name
    assert len(mail.outbox) == 1


def test_the_export_file_is_private(client, person):
    user, _certificate = person
    export, _status, _body = ask_and_download(client, user)

    with pytest.raises(ValueError):
        export.file.url  # noqa: B018


def _a_lesson():
    from courses.models import CourseFormat
    from tests.courses.factories_pages import make_course, make_lesson

    return make_lesson(make_course(format=CourseFormat.E_LEARNING))
