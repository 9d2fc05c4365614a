"""Dutch emails through Django Tasks, each kind sent once per enrolment."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.models import NotificationKind, SentNotification
from cohorts.services.enrolment import cancel_enrolment, enrol
from cohorts.services.lifecycle import cancel_cohort
from cohorts.tasks import send_due_reminders, send_enrolment_email
from tests.cohorts.factories import fill, make_cohort, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the emails queued with transaction.on_commit, as after a real commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def kinds_sent_to(user):
    return sorted(
        SentNotification.objects.filter(enrolment__participant=user).values_list("kind", flat=True)
    )


def test_enrolling_sends_one_email_with_calendar(on_commit):
    cohort = make_cohort()
    participant = make_participant()

    with on_commit():
        enrol(cohort=cohort, participant=participant)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [participant.email]
    assert cohort.course.title in message.subject
    assert message.attachments[0][0] == "leerkring.ics"
    assert kinds_sent_to(participant) == ["enrolled"]


def test_a_task_run_twice_sends_once(on_commit):
    cohort = make_cohort()
    with on_commit():
        enrolment = enrol(cohort=cohort, participant=make_participant())

    send_enrolment_email.enqueue(enrolment.pk, NotificationKind.ENROLLED)

    assert len(mail.outbox) == 1


def test_no_email_when_the_transaction_rolls_back(on_commit):
    cohort = make_cohort()
    participant = make_participant()
    enrol(cohort=cohort, participant=participant)

    with on_commit():
        with pytest.raises(
            Exception, match=r"U bent al ingeschreven voor deze uitvoering\. Zie Mijn leerkring"
        ):
            enrol(cohort=cohort, participant=participant)

    assert mail.outbox == []


def test_fifth_enrolment_confirms_and_tells_everyone(on_commit):
    cohort = make_cohort()
    with on_commit():
        enrolments = fill(cohort, 5)

    confirmed = [m for m in mail.outbox if m.subject.startswith(("It goes ahead", "Het gaat door"))]
    assert {m.to[0] for m in confirmed} == {e.participant.email for e in enrolments}


def test_waitlist_offer_mail_has_the_accept_link(on_commit):
    cohort = make_cohort(min_participants=1, max_participants=1)
    with on_commit():
        first, waiting = fill(cohort, 2)
    mail.outbox.clear()

    with on_commit():
        cancel_enrolment(enrolment=first, by=first.participant)

    assert len(mail.outbox) == 1
    assert f"/inschrijvingen/{waiting.pk}/plaats-aannemen/" in mail.outbox[0].body
    assert kinds_sent_to(waiting.participant) == ["offered", "waitlisted"]


def test_cohort_cancelled_tells_each_person_once(on_commit):
    cohort = make_cohort(min_participants=1, max_participants=1)
    with on_commit():
        enrolled, waiting = fill(cohort, 2)
    mail.outbox.clear()

    with on_commit():
        cancel_cohort(cohort=cohort, by=cohort.trainers.get(), reason="Trainer ziek")

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [enrolled.participant.email, waiting.participant.email]
    )
    assert all("Trainer ziek" in m.body for m in mail.outbox)


def test_reminder_three_days_before_start_is_sent_once(on_commit):
    cohort = make_cohort(starts_in_days=2)
    with on_commit():
        enrolment = fill(cohort, 1)[0]
    far = make_cohort(starts_in_days=20)
    fill(far, 1)
    mail.outbox.clear()

    assert send_due_reminders() == 1
    assert send_due_reminders() == 0

    assert [m.to[0] for m in mail.outbox] == [enrolment.participant.email]
    assert kinds_sent_to(enrolment.participant) == ["enrolled", "reminder"]


def test_stale_offer_mail_is_not_sent():
    cohort = make_cohort(min_participants=1, max_participants=1)
    first, waiting = fill(cohort, 2)
    cancel_enrolment(enrolment=first, by=first.participant)
    cancel_enrolment(enrolment=waiting, by=waiting.participant, now=timezone.now())

    send_enrolment_email.enqueue(waiting.pk, NotificationKind.OFFERED)

    assert mail.outbox == []


def test_evaluation_invitation_after_closing(on_commit):
    from cohorts.services.lifecycle import close_cohort

    cohort = make_cohort(starts_in_days=1)
    enrolments = fill(cohort, 5)
    mail.outbox.clear()

    with on_commit():
        close_cohort(cohort=cohort, by=cohort.trainers.get(), now=cohort.ends_at + timedelta(1))

    assert len(mail.outbox) == 5
    assert f"/inschrijvingen/{enrolments[0].pk}/evaluatie/" in " ".join(m.body for m in mail.outbox)
