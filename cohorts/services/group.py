"""Running the group: the waiting list, capacity, enrolling someone on their behalf, messages
to the group, and the go/no-go email on the decision date. Only a trainer of the cohort (or
an administrator) runs it; every action is logged on the cohort."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import (
    CohortLogEntry,
    CohortStatus,
    Enrolment,
    EnrolmentStatus,
    LogKind,
    NotificationKind,
)
from cohorts.services.enrolment import (
    OFFER_VALIDITY,
    EnrolmentError,
    already_enrolled_message,
    enrol_within,
    is_trainer_of,
    lock_cohort,
    notify,
    promote_from_waitlist,
    seats_taken,
    transition,
)
from cohorts.services.lifecycle import CohortError
from leerkring.notifications import notifications_enabled


def _require_trainer(cohort, by) -> None:
    if not is_trainer_of(by, cohort):
        raise CohortError(_("Only a trainer of this cohort can do this."))


def _log(cohort, kind, *, by, text, reason="", subject=""):
    return CohortLogEntry.objects.create(
        cohort=cohort,
        kind=kind,
        by=by if by is not None and by.is_authenticated else None,
        text=text,
        reason=reason,
        subject=subject,
    )


def _waiting(cohort, enrolment_id: int) -> Enrolment:
    enrolment = cohort.enrolments.select_related("participant").filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.status != EnrolmentStatus.WAITLISTED:
        raise CohortError(_("This person is no longer on the waiting list. Reload the page."))
    return enrolment


# --- waiting list -----------------------------------------------------------------------------


@transaction.atomic
def offer_place_now(*, enrolment: Enrolment, by, now: datetime | None = None) -> Enrolment:
    """Offer a free place to this person now, ahead of the order of the list."""
    now = now or timezone.now()
    cohort = lock_cohort(enrolment.cohort_id)
    _require_trainer(cohort, by)
    enrolment = _waiting(cohort, enrolment.pk)
    if seats_taken(cohort) >= cohort.max_participants:
        raise CohortError(
            _("There is no free place. Raise the maximum first, or take someone off the list.")
        )
    starts_at = cohort.starts_at
    if starts_at is None or starts_at <= now:
        raise CohortError(_("The cohort has started; places can no longer be offered."))
    transition(
        enrolment,
        to=EnrolmentStatus.OFFERED,
        by=by,
        reason=_("Offered by the trainer."),
        offer_expires_at=min(now + OFFER_VALIDITY, starts_at),
    )
    notify(enrolment, NotificationKind.OFFERED)
    _log(
        cohort,
        LogKind.WAITLIST,
        by=by,
        text=_("Place offered to %(name)s.") % {"name": enrolment.participant},
    )
    return enrolment


@transaction.atomic
def move_up(*, enrolment: Enrolment, by, reason: str) -> Enrolment:
    """Swap this person with the one before them on the list; the reason is kept."""
    cohort = lock_cohort(enrolment.cohort_id)
    _require_trainer(cohort, by)
    enrolment = _waiting(cohort, enrolment.pk)
    reason = reason.strip()
    if not reason:
        raise CohortError(
            _("Give a reason for moving someone up; it is kept in the history."), field="reason"
        )
    ahead = (
        cohort.enrolments.filter(
            status=EnrolmentStatus.WAITLISTED, waitlist_position__lt=enrolment.waitlist_position
        )
        .order_by("-waitlist_position")
        .first()
    )
    if ahead is None:
        raise CohortError(_("This person is already first on the waiting list."))
    mine, theirs = enrolment.waitlist_position, ahead.waitlist_position
    # The unique position per cohort holds at every step: park one first.
    # Max() ignores the NULL positions (PostgreSQL sorts them first in a descending order).
    parked = (cohort.enrolments.aggregate(top=Max("waitlist_position"))["top"] or 0) + 1
    Enrolment.objects.filter(pk=ahead.pk).update(waitlist_position=parked)
    Enrolment.objects.filter(pk=enrolment.pk).update(waitlist_position=theirs)
    Enrolment.objects.filter(pk=ahead.pk).update(waitlist_position=mine)
    _log(
        cohort,
        LogKind.WAITLIST,
        by=by,
        text=_("%(name)s moved up past %(other)s.")
        % {"name": enrolment.participant, "other": ahead.participant},
        reason=reason,
    )
    enrolment.refresh_from_db()
    return enrolment


@transaction.atomic
def raise_capacity(
    *, cohort, by, max_participants: int, now: datetime | None = None
) -> list[Enrolment]:
    """Raise the maximum (up to the course's); the freed places go to the list in order."""
    cohort = lock_cohort(cohort.pk)
    _require_trainer(cohort, by)
    if not cohort.is_open_for_changes:
        raise CohortError(_("This cohort is closed or cancelled."))
    if max_participants <= cohort.max_participants:
        raise CohortError(
            _("Enter a maximum above the current %(max)s.") % {"max": cohort.max_participants},
            field="max_participants",
        )
    if max_participants > cohort.course.max_participants:
        raise CohortError(
            _(
                "This course allows at most %(max)s participants per group. Lower the maximum to "
                "%(max)s or less."
            )
            % {"max": cohort.course.max_participants},
            field="max_participants",
        )
    before = cohort.max_participants
    cohort.max_participants = max_participants
    cohort.save(update_fields=["max_participants", "updated_at"])
    offered = promote_from_waitlist(cohort=cohort, now=now)
    _log(
        cohort,
        LogKind.CAPACITY_RAISED,
        by=by,
        text=_("Maximum raised from %(before)s to %(after)s; %(offered)s place(s) offered.")
        % {"before": before, "after": max_participants, "offered": len(offered)},
    )
    return offered


# --- enrol on someone's behalf ----------------------------------------------------------------


def enrol_on_behalf(
    *, cohort, by, email: str, first_name: str = "", last_name: str = "", now=None
) -> Enrolment:
    """Enrol a person by email; someone new gets an account and an invitation to set a
    password. The history says who enrolled them.

    One transaction: the account, the enrolment, the log entry and the invitation commit
    together, and a refusal (or any failure) leaves none of them behind.
    """
    email = get_user_model().objects.normalize_email(email.strip()).lower()
    try:
        with transaction.atomic(durable=True):
            locked = lock_cohort(cohort.pk, with_sessions=False)
            _require_trainer(locked, by)
            if not email:
                raise CohortError(_("Enter an email address."), field="email")
            user = get_user_model().objects.filter(email__iexact=email).first()
            is_new = user is None
            if is_new:
                if not (first_name.strip() and last_name.strip()):
                    raise CohortError(
                        _("This person has no account yet: enter their first and last name."),
                        field="first_name",
                    )
                user = get_user_model().objects.create_user(
                    email=email, first_name=first_name.strip(), last_name=last_name.strip()
                )
                user.set_unusable_password()
                user.save(update_fields=["password"])
            enrolment = enrol_within(
                cohort=locked,
                participant=user,
                invitation_token=locked.invitation_token,
                by=by,
                now=now,
            )
            entry = _log(
                locked,
                LogKind.ENROLLED_ON_BEHALF,
                by=by,
                text=_("%(name)s enrolled (%(status)s).")
                % {
                    "name": user.get_full_name() or user.email,
                    "status": enrolment.get_status_display(),
                },
            )
            if is_new and notifications_enabled():
                from cohorts.tasks import send_invitation

                transaction.on_commit(lambda: send_invitation.enqueue(entry.pk, enrolment.pk))
    except EnrolmentError as error:
        raise CohortError(str(error), field="email") from error
    except IntegrityError as error:
        # Only reachable if a database constraint catches a duplicate the lock did not.
        raise CohortError(already_enrolled_message(), field="email") from error
    return enrolment


# --- messages ---------------------------------------------------------------------------------

MESSAGE_GROUPS = {
    "enrolled": [EnrolmentStatus.ENROLLED],
    "waitlisted": [EnrolmentStatus.WAITLISTED, EnrolmentStatus.OFFERED],
    "everyone": [EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED, EnrolmentStatus.OFFERED],
    "completed": [EnrolmentStatus.COMPLETED],
}


@transaction.atomic
def message_group(*, cohort, by, subject: str, body: str, group: str = "enrolled") -> int:
    """One email to each person in the group; the message is logged on the cohort."""
    from cohorts.tasks import send_announcement

    cohort = lock_cohort(cohort.pk)
    _require_trainer(cohort, by)
    subject, body = subject.strip(), body.strip()
    if not subject:
        raise CohortError(_("Write a subject."), field="subject")
    if not body:
        raise CohortError(_("Write a message."), field="body")
    if group not in MESSAGE_GROUPS:
        raise CohortError(_("Choose who gets the message."), field="group")
    ids = list(
        cohort.enrolments.filter(status__in=MESSAGE_GROUPS[group]).values_list("pk", flat=True)
    )
    if not ids:
        raise CohortError(_("Nobody in this group yet; no message was sent."), field="group")
    entry = _log(
        cohort,
        LogKind.MESSAGE,
        by=by,
        subject=subject,
        text=body,
        reason=_("To %(count)s person(s).") % {"count": len(ids)},
    )
    if notifications_enabled():
        for enrolment_id in ids:
            transaction.on_commit(
                lambda enrolment_id=enrolment_id: send_announcement.enqueue(entry.pk, enrolment_id)
            )
    return len(ids)


# --- go / no-go on the decision date ------------------------------------------------------------


def go_no_go_due(*, today=None) -> list:
    """Planned cohorts at or past their go/no-go date that have not had the email yet."""
    from cohorts.models import Cohort

    today = today or timezone.localdate()
    already = CohortLogEntry.objects.filter(kind=LogKind.GO_NO_GO_REMINDER).values("cohort_id")
    return list(
        Cohort.objects.filter(status=CohortStatus.PLANNED, go_no_go_date__lte=today)
        .exclude(pk__in=already)
        .order_by("pk")
    )


def send_go_no_go_emails(*, today=None) -> int:
    """Run daily: trainers (and an in-company cohort's contact) get the numbers and a link."""
    from cohorts.emails import send_go_no_go_email

    sent = 0
    for cohort in go_no_go_due(today=today):
        with transaction.atomic():
            locked = lock_cohort(cohort.pk)
            if (
                locked.status != CohortStatus.PLANNED
                or locked.log_entries.filter(kind=LogKind.GO_NO_GO_REMINDER).exists()
            ):
                continue
            _log(locked, LogKind.GO_NO_GO_REMINDER, by=None, text=_("Go/no-go email sent."))
            if notifications_enabled():
                send_go_no_go_email(locked)
            sent += 1
    return sent
