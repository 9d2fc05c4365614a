import hashlib
import io

import pypdf
import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.roles import PARTICIPANT
from certificates import eligibility as eligibility_module
from certificates import render
from certificates.eligibility import enrolment_eligibility
from certificates.models import Certificate
from certificates.services import (
    CertificateError,
    correct_certificate,
    issue_certificate,
    issue_for_cohort,
    revoke_certificate,
    snapshot_for_enrolment,
)
from certificates.tasks import issue_cohort_certificates, send_certificate_email
from cohorts.models import CohortKind, EnrolmentStatus
from tests.accounts.factories import UserFactory
from tests.certificates.factories import (
    enrol_participant,
    make_completed_cohort,
    make_trainer,
    session_dates,
)

pytestmark = pytest.mark.django_db


def pdf_text(certificate: Certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return reader.pages[0].extract_text()


def stored_files(settings) -> list:
    return (
        [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
        if settings.MEDIA_ROOT.exists()
        else []
    )


# --- eligibility ----------------------------------------------------------------------------


def test_a_completed_enrolment_is_eligible(enrolment):
    assert enrolment_eligibility(enrolment).eligible


@pytest.mark.parametrize(
    "status", [EnrolmentStatus.ENROLLED, EnrolmentStatus.NO_SHOW, EnrolmentStatus.CANCELLED]
)
def test_an_enrolment_that_is_not_completed_is_not_eligible(cohort, status):
    enrolment = enrol_participant(cohort, status=status)
    result = enrolment_eligibility(enrolment)
    assert not result.eligible
    assert result.reason


def test_a_participant_without_a_name_is_not_eligible(cohort):
    enrolment = enrol_participant(cohort, first_name="", last_name="")
    result = enrolment_eligibility(enrolment)
    assert not result.eligible and result.reason


def test_unfinished_required_exercises_make_a_participant_not_eligible(enrolment, monkeypatch):
    asked = []

    def required_exercises_done(*, user, course):
        asked.append((user, course))
        return False

    monkeypatch.setattr(eligibility_module, "required_exercises_done", required_exercises_done)
    result = enrolment_eligibility(enrolment)
    assert not result.eligible and result.reason
    assert asked == [(enrolment.participant, enrolment.cohort.course)]


# --- issuing one ----------------------------------------------------------------------------


def test_issuing_stores_the_pdf_its_hash_and_a_frozen_snapshot(enrolment, trainer, cohort):
    certificate = issue_certificate(enrolment=enrolment, issued_by=trainer)

    certificate.refresh_from_db()
    assert certificate.participant == enrolment.participant
    assert certificate.issued_by == trainer
    with certificate.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == certificate.pdf_sha256
    stated = certificate.stated
    assert stated.participant_name == "Ingrid van der Meer"
    assert stated.course_title == cohort.course.title
    assert list(stated.session_dates) == session_dates(cohort)
    assert stated.trainer_names == ("Tineke Visser",)
    assert stated.location == "Stadhuis Utrecht"
    assert stated.contact_hours == cohort.course.contact_hours
    assert stated.issuer == "Leerkring"
    text = pdf_text(certificate)
    assert "Ingrid van der Meer" in text and certificate.code in text


def test_issuing_emails_the_participant_a_link(
    enrolment, trainer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(enrolment=enrolment, issued_by=trainer)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [enrolment.participant.email]
    assert f"/certificaat/{certificate.code}/" in message.body
    assert "/certificaat/mijn/" in message.body


def test_the_email_task_sends_once(enrolment, trainer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue_certificate(enrolment=enrolment, issued_by=trainer)
    send_certificate_email.enqueue(certificate.pk)
    send_certificate_email.enqueue(certificate.pk)
    assert len(mail.outbox) == 1


def test_issuing_twice_returns_the_existing_certificate(
    enrolment, trainer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = issue_certificate(enrolment=enrolment, issued_by=trainer)
        second = issue_certificate(enrolment=enrolment, issued_by=trainer)
    assert second.pk == first.pk
    assert Certificate.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_in_company_certificate_names_the_municipality():
    cohort = make_completed_cohort(kind=CohortKind.IN_COMPANY, municipality="Gemeente Zeist")
    enrolment = enrol_participant(cohort)
    trainer = cohort.trainers.get()
    certificate = issue_certificate(enrolment=enrolment, issued_by=trainer)
    assert certificate.stated.location == "Gemeente Zeist"


def test_the_profile_name_on_certificate_wins_over_first_and_last_name(cohort, trainer):
    enrolment = enrol_participant(cohort, certificate_name="drs. I.M. van der Meer")
    certificate = issue_certificate(enrolment=enrolment, issued_by=trainer)
    assert certificate.participant_name == "drs. I.M. van der Meer"


@pytest.mark.parametrize("who", ["participant", "other trainer", "same participant"])
def test_only_the_cohorts_trainers_can_issue(enrolment, who, settings):
    by = {
        "participant": lambda: UserFactory(roles=[PARTICIPANT]),
        "other trainer": make_trainer,
        "same participant": lambda: enrolment.participant,
    }[who]()
    with pytest.raises(CertificateError) as refused:
        issue_certificate(enrolment=enrolment, issued_by=by)
    assert refused.value.message
    assert not Certificate.objects.exists()
    assert not stored_files(settings)


def test_a_not_completed_enrolment_is_refused_with_the_reason(cohort, trainer, settings):
    enrolment = enrol_participant(cohort, status=EnrolmentStatus.ENROLLED)
    with pytest.raises(CertificateError) as refused:
        issue_certificate(enrolment=enrolment, issued_by=trainer)
    assert refused.value.message == enrolment_eligibility(enrolment).reason
    assert not Certificate.objects.exists()
    assert not mail.outbox


def test_a_pdf_that_fails_to_render_leaves_nothing_behind(
    enrolment, trainer, settings, monkeypatch
):
    def broken(html):
        raise OSError("cairo went away")

    monkeypatch.setattr(render, "html_to_pdf", broken)
    with pytest.raises(CertificateError) as refused:
        issue_certificate(enrolment=enrolment, issued_by=trainer)
    assert refused.value.message
    assert not Certificate.objects.exists()
    assert not stored_files(settings)
    assert not mail.outbox


def test_a_row_that_cannot_be_written_takes_its_pdf_file_with_it(
    enrolment, trainer, settings, monkeypatch
):
    def refuse(self, *args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(Certificate, "save", refuse)
    with pytest.raises(IntegrityError):
        issue_certificate(enrolment=enrolment, issued_by=trainer)
    assert not stored_files(settings)


def test_the_database_holds_one_valid_certificate_per_enrolment(enrolment, trainer):
    certificate = issue_certificate(enrolment=enrolment, issued_by=trainer)
    duplicate = Certificate.objects.get(pk=certificate.pk)
    duplicate.pk = None
    duplicate.uuid = __import__("uuid").uuid4()
    duplicate.code = "LK-0000-0000-0000"
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save(force_insert=True)


# --- snapshot, revocation, correction ----------------------------------------------------------


def test_the_certificate_keeps_what_it_stated_after_a_name_change(enrolment, trainer):
    certificate = issue_certificate(enrolment=enrolment, issued_by=trainer)
    participant = enrolment.participant
    participant.first_name, participant.last_name = "Inge", "Jansen"
    participant.save()
    course = enrolment.cohort.course
    course.title = "Een andere titel"
    course.save()

    certificate = Certificate.objects.get(pk=certificate.pk)
    assert certificate.participant_name == "Ingrid van der Meer"
    assert certificate.stated.participant_name == "Ingrid van der Meer"
    assert certificate.stated.course_title == "Besluiten met consent"
    assert "Ingrid van der Meer" in pdf_text(certificate)


def test_revoking_keeps_the_certificate_with_who_when_and_why(enrolment, trainer):
    certificate = issue_certificate(enrolment=enrolment, issued_by=trainer)
    revoked = revoke_certificate(certificate=certificate, by=trainer, reason="  Ten onrechte  ")
    revoked.refresh_from_db()
    assert revoked.is_revoked and revoked.status == "revoked"
    assert revoked.revoked_by == trainer
    assert revoked.revocation_reason == "Ten onrechte"
    assert Certificate.objects.count() == 1


def test_revoking_without_a_reason_is_refused(enrolment, trainer):
    certificate = issue_certificate(enrolment=enrolment, issued_by=trainer)
    with pytest.raises(CertificateError) as refused:
        revoke_certificate(certificate=certificate, by=trainer, reason="   ")
    assert refused.value.message
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_revoking_twice_is_refused(enrolment, trainer):
    certificate = issue_certificate(enrolment=enrolment, issued_by=trainer)
    revoke_certificate(certificate=certificate, by=trainer, reason="Fout")
    with pytest.raises(CertificateError):
        revoke_certificate(certificate=certificate, by=trainer, reason="Nog eens")
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Fout"


def test_a_participant_cannot_revoke_their_own_certificate(enrolment, trainer):
    certificate = issue_certificate(enrolment=enrolment, issued_by=trainer)
    with pytest.raises(CertificateError):
        revoke_certificate(certificate=certificate, by=enrolment.participant, reason="Weg ermee")
    certificate.refresh_from_db()
    assert not certificate.is_revoked


def test_after_revoking_a_new_certificate_can_be_issued(enrolment, trainer):
    old = issue_certificate(enrolment=enrolment, issued_by=trainer)
    revoke_certificate(certificate=old, by=trainer, reason="Verkeerde cursus")
    new = issue_certificate(enrolment=enrolment, issued_by=trainer)
    assert new.pk != old.pk and new.code != old.code


def test_a_correction_revokes_the_old_certificate_and_points_to_its_successor(enrolment, trainer):
    old = issue_certificate(enrolment=enrolment, issued_by=trainer)
    participant = enrolment.participant
    participant.certificate_name = "Ingrid van der Meer-Özdemir"
    participant.save()

    new = correct_certificate(certificate=old, by=trainer, reason="Naam gecorrigeerd")

    old.refresh_from_db()
    assert old.is_revoked and old.successor == new
    assert old.revocation_reason == "Naam gecorrigeerd"
    assert new.is_valid and new.participant_name == "Ingrid van der Meer-Özdemir"
    assert new.code != old.code and new.enrolment == enrolment
    assert "Ingrid van der Meer-Özdemir" in pdf_text(new)
    assert list(Certificate.objects.valid()) == [new]


def test_a_failed_correction_leaves_the_old_certificate_valid(enrolment, trainer, monkeypatch):
    old = issue_certificate(enrolment=enrolment, issued_by=trainer)
    monkeypatch.setattr(render, "html_to_pdf", lambda html: 1 / 0)
    with pytest.raises(CertificateError):
        correct_certificate(certificate=old, by=trainer, reason="Naam")
    old.refresh_from_db()
    assert old.is_valid and old.successor is None
    assert Certificate.objects.count() == 1


# --- a whole cohort -----------------------------------------------------------------------------


def test_issuing_for_a_cohort_issues_the_eligible_and_lists_the_others(
    cohort, trainer, django_capture_on_commit_callbacks
):
    done = [enrol_participant(cohort) for _ in range(3)]
    still_enrolled = enrol_participant(cohort, status=EnrolmentStatus.ENROLLED)
    no_show = enrol_participant(cohort, status=EnrolmentStatus.NO_SHOW)
    enrol_participant(cohort, status=EnrolmentStatus.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        result = issue_for_cohort(cohort=cohort, issued_by=trainer)

    assert {c.enrolment for c in result.issued} == set(done)
    assert {e for e, _reason in result.not_eligible} == {still_enrolled, no_show}
    assert all(reason for _e, reason in result.not_eligible)
    assert Certificate.objects.count() == 3
    assert len(mail.outbox) == 3


def test_issuing_for_a_cohort_again_adds_only_what_is_missing(cohort, trainer):
    enrol_participant(cohort)
    first = issue_for_cohort(cohort=cohort, issued_by=trainer)
    late = enrol_participant(cohort)

    second = issue_for_cohort(cohort=cohort, issued_by=trainer)

    assert [c.enrolment for c in second.issued] == [late]
    assert second.already_issued == first.issued
    assert Certificate.objects.count() == 2


def test_the_cohort_task_takes_primary_keys_and_is_idempotent(cohort, trainer):
    enrol_participant(cohort)
    enrol_participant(cohort)
    first = issue_cohort_certificates.enqueue(cohort.pk, trainer.pk)
    second = issue_cohort_certificates.enqueue(cohort.pk, trainer.pk)
    assert len(first.return_value["issued"]) == 2
    assert second.return_value["issued"] == []
    assert len(second.return_value["already_issued"]) == 2
    assert Certificate.objects.count() == 2


def test_a_participant_cannot_issue_for_a_cohort(cohort):
    participant = enrol_participant(cohort).participant
    with pytest.raises(CertificateError):
        issue_for_cohort(cohort=cohort, issued_by=participant)
    assert not Certificate.objects.exists()


def test_a_cancelled_session_is_not_on_the_certificate():
    cohort = make_completed_cohort(days=3)
    cancelled = cohort.sessions.order_by("date").last()
    cancelled.cancelled_at = timezone.now()
    cancelled.save(update_fields=["cancelled_at"])
    enrolment = enrol_participant(cohort)

    snapshot = snapshot_for_enrolment(enrolment)

    assert cancelled.date not in snapshot.session_dates
    assert len(snapshot.session_dates) == 2
