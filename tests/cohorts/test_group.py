"""Running the group: waiting list, capacity, enrolling on someone's behalf, messages,
"everyone present", the sign-in sheet, the go/no-go email and the exports."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook

from cohorts.models import (
    AttendanceStatus,
    CohortLogEntry,
    CohortStatus,
    EnrolmentStatus,
    EnrolmentStatusChange,
    LogKind,
)
from cohorts.services.attendance import Mark, mark_everyone_present, record_attendance
from cohorts.services.group import (
    enrol_on_behalf,
    message_group,
    move_up,
    offer_place_now,
    raise_capacity,
    send_go_no_go_emails,
)
from cohorts.services.lifecycle import CohortError, confirm_cohort
from tests.cohorts.factories import fill, make_cohort, make_participant, make_trainer, moment
from tests.courses.factories_pages import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def full_with_queue(waiting=3):
    trainer = make_trainer()
    cohort = make_cohort(
        trainer=trainer,
        course=make_course(max_participants=10),
        min_participants=1,
        max_participants=2,
    )
    enrolments = fill(cohort, 2 + waiting)
    return trainer, cohort, enrolments[2:]


def test_raising_capacity_offers_the_freed_places_in_order(on_commit, mailoutbox):
    trainer, cohort, (first, second, third) = full_with_queue()
    mailoutbox.clear()

    with on_commit():
        offered = raise_capacity(cohort=cohort, by=trainer, max_participants=4)

    assert [e.pk for e in offered] == [first.pk, second.pk]
    third.refresh_from_db()
    assert third.status == EnrolmentStatus.WAITLISTED
    assert len(mailoutbox) == 2
    assert cohort.log_entries.filter(kind=LogKind.CAPACITY_RAISED).exists()


def test_capacity_stays_within_the_course_maximum():
    trainer, cohort, _waiting = full_with_queue()
    with pytest.raises(CohortError) as error:
        raise_capacity(cohort=cohort, by=trainer, max_participants=11)
    assert error.value.field == "max_participants"
    cohort.refresh_from_db()
    assert cohort.max_participants == 2


def test_move_up_needs_a_reason_and_swaps_with_the_one_before():
    trainer, cohort, (first, second, _third) = full_with_queue()
    with pytest.raises(CohortError) as error:
        move_up(enrolment=second, by=trainer, reason=" ")
    assert error.value.field == "reason"

    move_up(enrolment=second, by=trainer, reason="Werkt bij de gemeente die dit organiseert")

    first.refresh_from_db()
    second.refresh_from_db()
    assert second.waitlist_position < first.waitlist_position
    entry = cohort.log_entries.get(kind=LogKind.WAITLIST)
    assert entry.reason == "Werkt bij de gemeente die dit organiseert" and entry.by == trainer
    with pytest.raises(CohortError):
        move_up(enrolment=second, by=trainer, reason="nog eens")


def test_offer_now_needs_a_free_place_then_skips_the_queue():
    trainer, cohort, (_first, _second, third) = full_with_queue()
    with pytest.raises(CohortError):
        offer_place_now(enrolment=third, by=trainer)
    cohort.max_participants = 3
    cohort.save()

    offer_place_now(enrolment=third, by=trainer)

    third.refresh_from_db()
    assert third.status == EnrolmentStatus.OFFERED


def test_another_trainer_cannot_run_the_group():
    _trainer, cohort, (first, *_rest) = full_with_queue()
    with pytest.raises(CohortError):
        move_up(enrolment=first, by=make_trainer(), reason="x")
    with pytest.raises(CohortError):
        raise_capacity(cohort=cohort, by=make_trainer(), max_participants=3)


def test_enrol_on_behalf_of_someone_new_invites_them_and_the_history_says_who(
    on_commit, mailoutbox
):
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer)
    mailoutbox.clear()

    with on_commit():
        enrolment = enrol_on_behalf(
            cohort=cohort,
            by=trainer,
            email="Nieuw@Gemeente.nl",
            first_name="Nora",
            last_name="Nieuw",
        )

    assert enrolment.participant.email == "nieuw@gemeente.nl"
    assert not enrolment.participant.has_usable_password()
    change = EnrolmentStatusChange.objects.get(enrolment=enrolment)
    assert change.changed_by == trainer
    subjects = sorted(m.subject for m in mailoutbox)
    assert any("ingeschreven" in s.lower() for s in subjects)
    password_url = reverse("account_reset_password")
    invitation = next(m for m in mailoutbox if password_url in m.body)
    assert "Kies hier uw wachtwoord" in invitation.body
    assert invitation.to == ["nieuw@gemeente.nl"]


def test_enrol_on_behalf_refused_leaves_no_account():
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer)
    with pytest.raises(CohortError) as error:
        enrol_on_behalf(cohort=cohort, by=trainer, email="iemand@example.nl")
    assert error.value.field == "first_name"
    existing = make_participant()
    enrol_on_behalf(cohort=cohort, by=trainer, email=existing.email)
    with pytest.raises(CohortError) as error:
        enrol_on_behalf(cohort=cohort, by=trainer, email=existing.email.upper())
    assert error.value.field == "email"


def test_enrol_on_behalf_of_someone_new_refused_by_enrol_leaves_nothing(mailoutbox):
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer)
    type(cohort).objects.filter(pk=cohort.pk).update(status=CohortStatus.CANCELLED)
    mailoutbox.clear()

    with pytest.raises(CohortError, match="niet meer inschrijven") as error:
        enrol_on_behalf(
            cohort=cohort, by=trainer, email="nieuw@example.nl", first_name="N", last_name="N"
        )

    assert error.value.field == "email"
    assert not get_user_model().objects.filter(email="nieuw@example.nl").exists()
    assert not cohort.enrolments.exists()
    assert not CohortLogEntry.objects.filter(kind=LogKind.ENROLLED_ON_BEHALF).exists()
    assert mailoutbox == []


def test_enrol_on_behalf_is_one_transaction_a_late_failure_leaves_nothing(monkeypatch):
    """The account, the enrolment and its history commit with the log entry or not at all
    (before, they were committed one by one and only a refusal removed the account)."""
    from cohorts.services import group

    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer)

    def broken_log(*args, **kwargs):
        raise RuntimeError("the log entry cannot be written")

    monkeypatch.setattr(group, "_log", broken_log)
    with pytest.raises(RuntimeError):
        enrol_on_behalf(
            cohort=cohort, by=trainer, email="nieuw@example.nl", first_name="N", last_name="N"
        )

    assert not get_user_model().objects.filter(email="nieuw@example.nl").exists()
    assert not cohort.enrolments.exists()
    assert not EnrolmentStatusChange.objects.filter(enrolment__cohort=cohort).exists()


def test_a_message_reaches_the_chosen_group_once_each_and_is_logged(on_commit, mailoutbox):
    trainer, cohort, waiting = full_with_queue(waiting=2)
    mailoutbox.clear()

    with on_commit():
        count = message_group(
            cohort=cohort,
            by=trainer,
            subject="Parkeren",
            body="Parkeer achter het stadhuis.",
            group="waitlisted",
        )

    assert count == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted(e.participant.email for e in waiting)
    assert mailoutbox[0].subject == "Parkeren"
    entry = cohort.log_entries.get(kind=LogKind.MESSAGE)
    assert entry.text == "Parkeer achter het stadhuis." and entry.by == trainer
    with pytest.raises(CohortError) as error:
        message_group(cohort=cohort, by=trainer, subject="", body="x")
    assert error.value.field == "subject"


def test_everyone_present_keeps_the_exceptions():
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer, starts_in_days=2, min_participants=1)
    absent, *others = fill(cohort, 3)
    cohort.refresh_from_db()  # the first enrolment confirmed it
    session = cohort.sessions.select_related("cohort").get()
    now = moment(session.date, 17)
    record_attendance(
        session=session, by=trainer, marks={absent.pk: Mark(AttendanceStatus.ABSENT)}, now=now
    )

    assert mark_everyone_present(session=session, by=trainer, now=now) == 2

    marks = {a.enrolment_id: a.status for a in session.attendance.all()}
    assert marks == {
        absent.pk: AttendanceStatus.ABSENT,
        **{e.pk: AttendanceStatus.PRESENT for e in others},
    }


def test_the_go_no_go_email_goes_once_to_the_trainers(mailoutbox):
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer, starts_in_days=12)
    fill(cohort, 2)
    mailoutbox.clear()
    day = cohort.effective_go_no_go_date

    assert send_go_no_go_emails(today=day - timedelta(days=1)) == 0
    assert send_go_no_go_emails(today=day) == 1
    assert send_go_no_go_emails(today=day) == 0
    (mail,) = mailoutbox
    assert mail.to == [trainer.email]
    assert "2" in mail.body and reverse("cohorts:trainer_cohort", args=[cohort.pk]) in mail.body


def test_a_decided_cohort_gets_no_go_no_go_email(mailoutbox):
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer, starts_in_days=12)
    confirm_cohort(cohort=cohort, by=trainer, reason="Gaat door met drie")
    assert send_go_no_go_emails(today=cohort.effective_go_no_go_date) == 0


def test_sign_in_sheet_and_exports(client):
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer, starts_in_days=2)
    enrolments = fill(cohort, 2)
    session = cohort.ordered_sessions[0]
    client.force_login(trainer)

    pdf = client.get(reverse("cohorts:trainer_signin_sheet", args=[session.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    xlsx = client.get(reverse("cohorts:trainer_cohort_xlsx", args=[cohort.pk]))
    sheet = load_workbook(BytesIO(xlsx.content)).active
    emails = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert emails == {e.participant.email for e in enrolments}

    csv = client.get(reverse("cohorts:trainer_attendance_csv", args=[session.pk]))
    assert enrolments[0].participant.email in csv.content.decode("utf-8-sig")
    assert (
        client.get(reverse("cohorts:trainer_evaluations_csv", args=[cohort.pk])).status_code == 200
    )

    client.force_login(make_trainer())
    assert client.get(reverse("cohorts:trainer_signin_sheet", args=[session.pk])).status_code == 404
    assert client.get(reverse("cohorts:trainer_cohort_xlsx", args=[cohort.pk])).status_code == 404


def test_waitlist_actions_over_http(client):
    trainer, cohort, (first, second, _third) = full_with_queue()
    client.force_login(trainer)
    url = reverse("cohorts:trainer_waitlist_action", args=[second.pk])

    client.post(url, {"action": "up", "reason": "Voorrang afgesproken"})
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.waitlist_position < first.waitlist_position
    client.post(url, {"action": "remove", "reason": "Kan toch niet"})
    second.refresh_from_db()
    assert second.status == EnrolmentStatus.CANCELLED
    assert CohortLogEntry.objects.filter(cohort=cohort).exists()
    page = client.get(reverse("cohorts:trainer_cohort", args=[cohort.pk]))
    assert page.status_code == 200


def test_enrol_someone_and_message_over_http_show_dutch_field_errors(client):
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer)
    client.force_login(trainer)
    enrol_url = reverse("cohorts:trainer_enrol_someone", args=[cohort.pk])
    message_url = reverse("cohorts:trainer_message", args=[cohort.pk])

    response = client.post(enrol_url, {"email": "nieuw@example.nl"})
    assert (
        "Deze persoon heeft nog geen account" in (response.context["form"].errors["first_name"][0])
    )
    response = client.post(
        enrol_url, {"email": "nieuw@example.nl", "first_name": "Nora", "last_name": "Nieuw"}
    )
    assert response.status_code == 302
    assert cohort.enrolments.get().participant.email == "nieuw@example.nl"

    response = client.post(message_url, {"group": "waitlisted", "subject": "Hoi", "body": "Tekst"})
    assert "Er zit nog niemand in deze groep" in response.context["form"].errors["group"][0]
    response = client.post(message_url, {"group": "enrolled", "subject": "Hoi", "body": "Tekst"})
    assert response.status_code == 302
    assert cohort.log_entries.filter(kind=LogKind.MESSAGE).exists()
