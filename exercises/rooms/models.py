"""A live practice room: seats in circle order, an append-only log with a per-room sequence
number, and the trainer's coaching notes. The process state is rebuilt by replaying the
engine events of the log (`exercises.rooms.engine`)."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Short codes for a hall full of people: no 0/O or 1/I to misread on a projector.
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class RoomProcess(models.TextChoices):
    DECISION = "decision", _("consent decision")
    ELECTION = "election", _("sociocratic election")


class RoomStatus(models.TextChoices):
    PREPARING = "preparing", _("being prepared")
    RUNNING = "running", _("in progress")
    PAUSED = "paused", _("paused")
    CLOSED = "closed", _("closed")


class SeatRole(models.TextChoices):
    FACILITATOR = "facilitator", _("facilitator")
    PROPOSER = "proposer", _("proposer")
    MEMBER = "member", _("member")
    MINUTE_TAKER = "minute_taker", _("minute taker")


class Room(models.Model):
    title = models.CharField(_("title"), max_length=200)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="practice_rooms_led",
        verbose_name=_("trainer"),
    )
    cohort = models.ForeignKey(
        "cohorts.Cohort",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practice_rooms",
        verbose_name=_("cohort"),
    )
    join_code = models.CharField(
        _("join code"), max_length=12, unique=True, null=True, blank=True, editable=False
    )
    process = models.CharField(
        _("process"), max_length=20, choices=RoomProcess.choices, default=RoomProcess.DECISION
    )
    scenario = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="practice_rooms",
        verbose_name=_("scenario"),
    )
    # What the circle decides on: a snapshot of the scenario, or the group's free proposal
    # (driver, shared aim, proposal / role, tasks, qualities, term), so editing a scenario
    # never changes a room under way.
    brief = models.JSONField(_("brief"), default=dict)
    status = models.CharField(
        _("status"), max_length=20, choices=RoomStatus.choices, default=RoomStatus.PREPARING
    )
    # The sequence number of the newest log entry; a client acts on the sequence it saw.
    last_sequence = models.PositiveIntegerField(_("last sequence"), default=0)
    # Bumped by everything a viewer can see (log, seats, shared notes): the ETag of a poll.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("practice room")
        verbose_name_plural = _("practice rooms")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cohort__isnull=False) | Q(join_code__isnull=False),
                name="room_has_cohort_or_join_code",
            ),
            models.CheckConstraint(
                condition=Q(revision__gte=F("last_sequence")),
                name="room_revision_not_behind_log",
            ),
            models.CheckConstraint(
                condition=Q(status="closed", closed_at__isnull=False)
                | (~Q(status="closed") & Q(closed_at__isnull=True)),
                name="room_closed_at_iff_closed",
            ),
        ]

    def __str__(self):
        return self.title


class Seat(models.Model):
    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="seats", verbose_name=_("room")
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="practice_seats",
        verbose_name=_("member"),
    )
    position = models.PositiveSmallIntegerField(_("place in the circle"))
    role = models.CharField(
        _("role"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER
    )
    absent = models.BooleanField(_("absent"), default=False)
    # A private persona card from the scenario (name, role, interests): only this member
    # and the trainer see it.
    persona = models.JSONField(_("persona card"), default=dict, blank=True)

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["room", "position"]
        constraints = [
            models.UniqueConstraint(fields=["room", "member"], name="seat_one_per_member"),
            models.UniqueConstraint(fields=["room", "position"], name="seat_one_per_place"),
            # One facilitator, one proposer, one minute taker per room at a time.
            models.UniqueConstraint(
                fields=["room", "role"],
                condition=~Q(role="member"),
                name="seat_unique_special_role",
            ),
        ]

    def __str__(self):
        return f"{self.room_id}: {self.member} ({self.get_role_display()})"

    @property
    def engine_id(self) -> str:
        """The member's id in the engine's circle."""
        return member_id(self.member_id)


def member_id(user_pk: int) -> str:
    return f"m{user_pk}"


class RoomEvent(models.Model):
    """One entry of the room's log, append-only. Engine events (`engine=True`) rebuild the
    process; room events (pause, absence, facilitator handed on) only annotate it."""

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="events", verbose_name=_("room")
    )
    sequence = models.PositiveIntegerField(_("sequence"))
    kind = models.CharField(_("kind"), max_length=40)
    engine = models.BooleanField(_("engine event"), default=True)
    data = models.JSONField(_("event"), default=dict)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("actor"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("room event")
        verbose_name_plural = _("room events")
        ordering = ["room", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["room", "sequence"], name="room_event_unique_sequence"),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="room_event_sequence_gte_1"),
        ]

    def __str__(self):
        return f"{self.room_id}#{self.sequence} {self.kind}"


class CoachNote(models.Model):
    room = models.ForeignKey(
        Room, on_delete=models.CASCADE, related_name="notes", verbose_name=_("room")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("author"),
    )
    text = models.TextField(_("note"))
    shared = models.BooleanField(
        _("shared with the members"),
        default=False,
        help_text=_("Shared notes appear in every member's debrief; private ones only to you."),
    )
    # Where in the log the note was made, for the debrief timeline.
    after_sequence = models.PositiveIntegerField(_("after log entry"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("coaching note")
        verbose_name_plural = _("coaching notes")
        ordering = ["room", "after_sequence", "created_at", "pk"]

    def __str__(self):
        return self.text[:40]
