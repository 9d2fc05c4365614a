"""Every change to a room: opening and seating it, each member's action in the meeting, the
trainer's controls and coaching notes.

An action runs inside one short durable transaction with the room's row locked: the client's
sequence is checked against the log (a stale action is refused with the fresh sequence), the
state is replayed from the log and the engine validates the event before it is appended with
the next sequence number. So of two members acting on the same turn exactly one wins; the
other gets the fresh state. The unique (room, sequence) constraint backs this in the database.
"""

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.models import SEAT_STATUSES, Cohort, EnrolmentStatus
from exercises.consent import Phase, ProcessError, TurnPassed, apply, start
from exercises.rooms import engine
from exercises.rooms.models import (
    CoachNote,
    Room,
    RoomEvent,
    RoomProcess,
    RoomStatus,
    Seat,
    SeatRole,
    member_id,
    new_join_code,
)
from exercises.rooms.news import publish
from exercises.rooms.state import Entry, display_name, keep_state, load_state, names_of


class RoomError(Exception):
    """A change the room refuses, with a Dutch message for the person who tried."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleAction(RoomError):
    """The client acted on an older state; `sequence` is the room's current one."""

    def __init__(self, sequence: int):
        super().__init__(
            _("Someone else acted first. The room shows the new situation; try again.")
        )
        self.sequence = sequence


def _locked(room: Room) -> Room:
    return Room.objects.select_for_update().get(pk=room.pk)


def _append(
    room: Room,
    *,
    kind: str,
    data: dict[str, Any],
    actor,
    engine_event: bool = True,
    only_change: bool = False,
) -> RoomEvent:
    """Append one entry to the locked room's log and announce it once committed.
    `only_change`: the entry is all that changes (a member's action: no seat or status
    changed in the same transaction), so the news carries it for other processes."""
    room.last_sequence += 1
    room.revision += 1
    room.save(update_fields=["last_sequence", "revision", "status", "closed_at"])
    entry = RoomEvent.objects.create(
        room=room,
        sequence=room.last_sequence,
        kind=kind,
        engine=engine_event,
        data=data,
        actor=actor,
    )
    carried = None
    if only_change and engine_event:
        carried = dataclasses.asdict(Entry(entry.sequence, kind, True, data, display_name(actor)))
    _announce(room, entry=carried)
    return entry


def _touch(room: Room) -> None:
    """Something viewers see changed outside the log (seats, a shared note)."""
    room.revision += 1
    room.save(update_fields=["revision"])
    _announce(room)


def _announce(room: Room, *, entry: dict[str, Any] | None = None) -> None:
    room_id, sequence, revision, status = room.pk, room.last_sequence, room.revision, room.status
    transaction.on_commit(
        lambda: publish(room_id, sequence=sequence, revision=revision, entry=entry, status=status)
    )


def is_room_trainer(room: Room, user) -> bool:
    if room.trainer_id == user.pk:
        return True
    return room.cohort_id is not None and room.cohort.trainers.filter(pk=user.pk).exists()


def _expect_trainer(room: Room, user) -> None:
    if not is_room_trainer(room, user):
        raise RoomError(_("Only the room's trainer can do this."))


def _expect_status(room: Room, *statuses: str) -> None:
    if room.status not in statuses:
        messages = {
            RoomStatus.PREPARING: _("The meeting has not started yet."),
            RoomStatus.PAUSED: _("The meeting is paused."),
            RoomStatus.CLOSED: _("The meeting is closed."),
            RoomStatus.RUNNING: _("The meeting is already under way."),
        }
        raise RoomError(messages[room.status])


# Opening and seating


def open_room(
    *,
    trainer,
    title: str,
    cohort: Cohort | None = None,
    with_join_code: bool = False,
    process: str = RoomProcess.DECISION,
    scenario=None,
    brief: Mapping[str, Any] | None = None,
    review_of: Room | None = None,
) -> Room:
    """A room for a cohort the trainer trains, or for anyone with the join code. With
    `review_of`: a room in which the circle of that earlier room of the cohort reviews the
    agreement it reached there (the same members are seated; see `start_meeting`)."""
    if not title.strip():
        raise RoomError(_("Give the room a title."))
    if cohort is None and not with_join_code:
        raise RoomError(_("Choose a cohort, or let people join with a code."))
    if cohort is not None and not cohort.trainers.filter(pk=trainer.pk).exists():
        raise RoomError(_("You can only open a room for a cohort you train."))
    brief = dict(brief or {})
    if review_of is not None:
        return _open_review_room(trainer=trainer, title=title, cohort=cohort, source=review_of)
    if scenario is not None:
        brief = {**scenario_brief(scenario), **{k: v for k, v in brief.items() if v}}
    _check_brief(process, brief)
    with transaction.atomic(durable=True):
        room = Room.objects.create(
            title=title.strip(),
            trainer=trainer,
            cohort=cohort,
            join_code=new_join_code() if with_join_code else None,
            process=process,
            scenario=scenario,
            brief=brief,
        )
    return room


def reviewable_agreement(room: Room):
    """The agreement in force that `room` reached, or None (no agreement, or dropped)."""
    state = load_state(room.pk, room.last_sequence)
    if engine.review_due_on(state) is None or state.phase is not Phase.AGREED:
        return None
    return state.agreement


REVIEW_STATUSES = [*SEAT_STATUSES, EnrolmentStatus.COMPLETED]


def _open_review_room(*, trainer, title: str, cohort: Cohort | None, source: Room) -> Room:
    if cohort is None or source.cohort_id != cohort.pk:
        raise RoomError(_("Choose the cohort of the room whose agreement is reviewed."))
    if reviewable_agreement(source) is None:
        raise RoomError(_("That room has no agreement in force to review."))
    circle = set(load_state(source.pk, source.last_sequence).circle)
    members = {s.member_id for s in source.seats.all() if s.engine_id in circle}
    still_in_cohort = set(
        eligible_members_of_review(cohort).filter(pk__in=members).values_list("pk", flat=True)
    )
    if still_in_cohort != members:
        raise RoomError(
            _(
                "Not everyone of the circle that made the agreement is still in this cohort: "
                "a review needs the same circle."
            )
        )
    with transaction.atomic(durable=True):
        room = Room.objects.create(
            title=title.strip(),
            trainer=trainer,
            cohort=cohort,
            process=RoomProcess.DECISION,
            scenario=source.scenario,
            brief={**source.brief, "review_of": source.pk, "review_of_title": source.title},
        )
        # The circle that made the agreement reviews it: the same members, places and roles.
        Seat.objects.bulk_create(
            Seat(room=room, member_id=s.member_id, position=s.position, role=s.role)
            for s in source.seats.all()
            if s.engine_id in circle
        )
    return room


def scenario_brief(page) -> dict[str, Any]:
    """What a room takes from an exercise page: the proposal or role, and the persona cards."""
    specific = page.specific
    scenario = specific.scenario()
    personas = [
        {"name": p.name, "role": p.role, "interests": p.interests} for p in scenario.personas
    ]
    if getattr(scenario, "kind", "") == "consent":
        return {
            "driver": scenario.driver,
            "shared_aim": scenario.shared_aim,
            "proposal": scenario.proposal,
            "review_after_months": scenario.review_after_months,
            "settings": {"method": scenario.method.value},
            "personas": personas,
        }
    role = scenario.role if hasattr(scenario, "role") else None
    return {
        "role": getattr(role, "name", "") or getattr(scenario, "role_name", ""),
        "tasks": list(getattr(role, "tasks", ()) or getattr(scenario, "tasks", ())),
        "qualities": list(getattr(role, "qualities", ()) or getattr(scenario, "qualities", ())),
        "personas": personas,
    }


def _check_brief(process: str, brief: Mapping[str, Any]) -> None:
    if process == RoomProcess.ELECTION:
        if not str(brief.get("role", "")).strip():
            raise RoomError(_("Describe the role to elect someone for."))
        if not brief.get("tasks") or not brief.get("qualities"):
            raise RoomError(_("Give the role at least one task and one quality."))
        try:
            start, end, review = (
                date.fromisoformat(brief[k]) if brief.get(k) else None
                for k in ("term_start", "term_end", "review_date")
            )
        except (TypeError, ValueError) as error:
            raise RoomError(_("Enter a valid date.")) from error
        if start and end and end <= start:
            raise RoomError(_("The term must end after it starts."))
        if start and review and review < start:
            raise RoomError(_("The review date must lie within the term or after it."))
        return
    for field, label in (
        ("driver", _("driver")),
        ("shared_aim", _("shared aim")),
        ("proposal", _("proposal")),
    ):
        if not str(brief.get(field, "")).strip():
            raise RoomError(_("Fill in the %(field)s.") % {"field": label})


def eligible_members(room: Room):
    """Whom the trainer can seat: the cohort's participants, or those who joined by code
    (for the review of an earlier agreement also those who have completed the course)."""
    from accounts.models import User

    if room.cohort_id is not None and room.brief.get("review_of"):
        return eligible_members_of_review(room.cohort_id)
    if room.cohort_id is not None:
        return User.objects.filter(
            enrolments__cohort=room.cohort_id, enrolments__status__in=SEAT_STATUSES
        ).order_by("first_name", "last_name", "pk")
    return User.objects.filter(practice_seats__room=room).order_by("practice_seats__position")


def eligible_members_of_review(cohort):
    """Who may sit in a review of an agreement the cohort reached: its participants, also
    after they completed the course; not those who cancelled."""
    from accounts.models import User

    return (
        User.objects.filter(enrolments__cohort=cohort, enrolments__status__in=REVIEW_STATUSES)
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def set_circle(*, room: Room, by, seats: Iterable[tuple[Any, str]]) -> list[Seat]:
    """Seat the circle in the order given, each with a role: one gespreksleider, one
    indiener (for a decision), at most one notulist, the others members."""
    seats = list(seats)
    with transaction.atomic(durable=True):
        room = _locked(room)
        _expect_trainer(room, by)
        _expect_status(room, RoomStatus.PREPARING)
        allowed = set(eligible_members(room).values_list("pk", flat=True))
        users = [user for user, _role in seats]
        if len(users) < 2:
            raise RoomError(_("Seat at least two members in the circle."))
        if len({u.pk for u in users}) != len(users):
            raise RoomError(_("Everyone can have only one seat."))
        if any(u.pk not in allowed for u in users):
            raise RoomError(_("Only participants of this cohort (or who joined) can be seated."))
        roles = [role for _user, role in seats]
        if roles.count(SeatRole.FACILITATOR) != 1:
            raise RoomError(_("Choose exactly one facilitator."))
        if room.process == RoomProcess.DECISION and roles.count(SeatRole.PROPOSER) != 1:
            raise RoomError(_("Choose exactly one proposer."))
        if roles.count(SeatRole.MINUTE_TAKER) > 1:
            raise RoomError(_("Choose at most one minute taker."))
        if room.process == RoomProcess.ELECTION and SeatRole.PROPOSER in roles:
            raise RoomError(_("An election has no proposer."))
        if room.brief.get("review_of") and [u.pk for u in users] != _review_circle(room):
            raise RoomError(
                _(
                    "A review is held by the circle that made the agreement: seat its "
                    "members, in the same order."
                )
            )
        personas = {s.member_id: s.persona for s in room.seats.all()}
        room.seats.all().delete()
        created = Seat.objects.bulk_create(
            Seat(room=room, member=user, position=i, role=role, persona=personas.get(user.pk, {}))
            for i, (user, role) in enumerate(seats, start=1)
        )
        _touch(room)
    return created


def _review_circle(room: Room) -> list[int]:
    """The members (user ids, in the engine's circle order) of the circle that made the
    agreement a review room reviews: the order of its rounds is fixed by that history."""
    source = Room.objects.get(pk=room.brief["review_of"])
    state = load_state(source.pk, source.last_sequence)
    return [int(m.removeprefix("m")) for m in state.circle]


def join_with_code(*, code: str, user) -> Seat:
    """Anyone with the code takes the next free seat of a room that has not started."""
    code = code.strip().upper()
    with transaction.atomic(durable=True):
        room = Room.objects.select_for_update().filter(join_code=code).first() if code else None
        if room is None:
            raise RoomError(_("No room has this code. Check the code on the screen."))
        existing = room.seats.filter(member=user).first()
        if existing is not None:
            return existing
        _expect_status(room, RoomStatus.PREPARING)
        last = room.seats.order_by("-position").values_list("position", flat=True).first() or 0
        seat = Seat.objects.create(room=room, member=user, position=last + 1)
        _touch(room)
    return seat


def hand_persona(*, room: Room, by, seat: Seat, persona_name: str) -> Seat:
    """Give a member a private persona card from the room's scenario (empty: none)."""
    personas = {p["name"]: p for p in room.brief.get("personas", [])}
    if persona_name and persona_name not in personas:
        raise RoomError(_("This scenario has no persona of that name."))
    with transaction.atomic(durable=True):
        room = _locked(room)
        _expect_trainer(room, by)
        seat = room.seats.get(pk=seat.pk)
        seat.persona = personas.get(persona_name, {})
        seat.save(update_fields=["persona"])
        _touch(room)
    return seat


def start_meeting(*, room: Room, by, today: date | None = None) -> RoomEvent:
    """The process starts: the circle (present members, in seating order) is fixed."""
    today = today or timezone.localdate()
    with transaction.atomic(durable=True):
        room = _locked(room)
        _expect_trainer(room, by)
        _expect_status(room, RoomStatus.PREPARING)
        seats = list(room.seats.all())
        present = [s for s in seats if not s.absent]
        proposer = next((s for s in seats if s.role == SeatRole.PROPOSER), None)
        if not any(s.role == SeatRole.FACILITATOR for s in seats):
            raise RoomError(_("Seat the circle and choose a facilitator first."))
        if room.brief.get("review_of"):
            return _start_review(room, by=by, today=today)
        if proposer is not None and proposer.absent:
            raise RoomError(_("The proposer is marked absent."))
        event = engine.start_event(
            process=room.process,
            brief=room.brief,
            circle=tuple(s.engine_id for s in present),
            proposer=proposer.engine_id if proposer else None,
            today=today,
        )
        try:
            start(event)
        except ProcessError as error:
            raise RoomError(engine.message(error, names_of(room))) from error
        room.status = RoomStatus.RUNNING
        return _append(room, kind=event.kind, data=event.to_dict(), actor=by)


def _start_review(room: Room, *, by, today: date) -> RoomEvent:
    """A review room starts from the history of the agreement: the engine events of the
    earlier room's log, copied with who and when, then the review opened. Nothing else
    is invented: the engine replays the same decision and checks the review's every step."""
    source = Room.objects.get(pk=room.brief["review_of"])
    history = list(
        RoomEvent.objects.filter(room=source, engine=True, sequence__lte=source.last_sequence)
    )
    state = engine.replay_log([e.data for e in history])
    event = _review_opened(room, state, today)
    room.status = RoomStatus.RUNNING
    # The history in one statement (a long meeting has hundreds of entries).
    RoomEvent.objects.bulk_create(
        RoomEvent(
            room=room,
            sequence=room.last_sequence + n,
            kind=entry.kind,
            data=entry.data,
            actor_id=entry.actor_id,
            created_at=entry.created_at,
        )
        for n, entry in enumerate(history, start=1)
    )
    room.last_sequence += len(history)
    room.revision += len(history)
    return _append(room, kind=event.kind, data=event.to_dict(), actor=by)


# The meeting


def act(
    *,
    room: Room,
    user,
    kind: str,
    values: Mapping[str, Any],
    seen: int,
    today: date | None = None,
) -> RoomEvent:
    """One member's action, as themselves (or as gespreksleider when they hold the role)."""
    today = today or timezone.localdate()
    with transaction.atomic(durable=True):
        room = _locked(room)
        seat = room.seats.filter(member=user).first()
        if seat is None:
            raise RoomError(_("You have no seat in this circle."))
        _expect_status(room, RoomStatus.RUNNING)
        if seen != room.last_sequence:
            raise StaleAction(room.last_sequence)
        if seat.absent:
            raise RoomError(_("You are marked absent; the trainer can mark you present."))
        state = load_state(room.pk, room.last_sequence)
        options = engine.open_actions(
            state,
            member=member_id(user.pk),
            facilitates=seat.role == SeatRole.FACILITATOR,
        )
        if kind not in options:
            raise RoomError(_("This action is not open to you now."))
        try:
            event = engine.build_event(
                kind, actor=options[kind], values=dict(values), state=state, today=today
            )
            after = apply(state, event)
        except engine.ActionError as error:
            raise RoomError(error.message) from error
        except ProcessError as error:
            raise RoomError(engine.message(error, names_of(room))) from error
        entry = _append(room, kind=event.kind, data=event.to_dict(), actor=user, only_change=True)
        # This process knows the new state: its news and the next action need no replay.
        transaction.on_commit(lambda: keep_state(room.pk, entry.sequence, after))
        return entry


def pass_for_absent(*, room: Room, by, seen: int) -> RoomEvent:
    """The facilitator (or trainer) passes the turn of an absent member, so a question or
    reaction round can go on. Only a pass: in the consent round the engine refuses it, so
    an absent member stays open and is never counted as consent."""
    with transaction.atomic(durable=True):
        room = _locked(room)
        facilitator = room.seats.filter(member=by, role=SeatRole.FACILITATOR).exists()
        if not facilitator and not is_room_trainer(room, by):
            raise RoomError(_("Only the facilitator or the trainer can do this."))
        _expect_status(room, RoomStatus.RUNNING)
        if seen != room.last_sequence:
            raise StaleAction(room.last_sequence)
        state = load_state(room.pk, room.last_sequence)
        turn = state.whose_turn if state is not None else None
        absent = {s.engine_id for s in room.seats.filter(absent=True)}
        if turn is None or turn not in absent:
            raise RoomError(_("It is not the turn of an absent member."))
        event = TurnPassed(actor=turn)
        try:
            apply(state, event)
        except ProcessError as error:
            raise RoomError(engine.message(error, names_of(room))) from error
        return _append(room, kind=event.kind, data=event.to_dict(), actor=by, only_change=True)


def _review_opened(room: Room, state, today: date):
    """The event that opens the review of the agreement in `state`, checked by the engine."""
    try:
        event = engine.review_opened(state, today=today)
        apply(state, event)
    except engine.ActionError as error:
        raise RoomError(error.message) from error
    except ProcessError as error:
        raise RoomError(engine.message(error, names_of(room))) from error
    return event


def open_review(*, room: Room, by, seen: int, today: date | None = None) -> RoomEvent:
    """The trainer takes the agreement the room reached to its review; the facilitator then
    leads it (a proposed outcome, a consent round on it, concluded as consented)."""
    today = today or timezone.localdate()
    with transaction.atomic(durable=True):
        room = _locked(room)
        _expect_trainer(room, by)
        _expect_status(room, RoomStatus.RUNNING)
        if seen != room.last_sequence:
            raise StaleAction(room.last_sequence)
        state = load_state(room.pk, room.last_sequence)
        event = _review_opened(room, state, today)
        return _append(room, kind=event.kind, data=event.to_dict(), actor=by)


def hand_on_facilitation(*, room: Room, by, seat: Seat) -> RoomEvent:
    """Between rounds the trainer hands the gespreksleider's role to another member."""
    with transaction.atomic(durable=True):
        room = _locked(room)
        _expect_trainer(room, by)
        _expect_status(room, RoomStatus.RUNNING, RoomStatus.PAUSED, RoomStatus.PREPARING)
        state = load_state(room.pk, room.last_sequence)
        current_round = state.current_round if state is not None else None
        if current_round is not None and not current_round.complete:
            raise RoomError(_("Hand on the facilitator's role between rounds."))
        new = room.seats.select_for_update().get(pk=seat.pk)
        if new.role != SeatRole.MEMBER:
            raise RoomError(_("Choose a member without another role."))
        room.seats.filter(role=SeatRole.FACILITATOR).update(role=SeatRole.MEMBER)
        new.role = SeatRole.FACILITATOR
        new.save(update_fields=["role"])
        return _append(
            room,
            kind="room.facilitator",
            data={"member": new.member_id},
            actor=by,
            engine_event=False,
        )


def mark_absent(*, room: Room, by, seat: Seat, absent: bool) -> RoomEvent:
    with transaction.atomic(durable=True):
        room = _locked(room)
        _expect_trainer(room, by)
        _expect_status(room, RoomStatus.PREPARING, RoomStatus.RUNNING, RoomStatus.PAUSED)
        updated = room.seats.filter(pk=seat.pk).update(absent=absent)
        if not updated:
            raise RoomError(_("This member has no seat in the room."))
        return _append(
            room,
            kind="room.absent" if absent else "room.present",
            data={"member": seat.member_id},
            actor=by,
            engine_event=False,
        )


def pause(*, room: Room, by) -> RoomEvent:
    with transaction.atomic(durable=True):
        room = _locked(room)
        _expect_trainer(room, by)
        _expect_status(room, RoomStatus.RUNNING)
        room.status = RoomStatus.PAUSED
        return _append(room, kind="room.paused", data={}, actor=by, engine_event=False)


def resume(*, room: Room, by) -> RoomEvent:
    with transaction.atomic(durable=True):
        room = _locked(room)
        _expect_trainer(room, by)
        _expect_status(room, RoomStatus.PAUSED)
        room.status = RoomStatus.RUNNING
        return _append(room, kind="room.resumed", data={}, actor=by, engine_event=False)


def close_room(*, room: Room, by) -> RoomEvent:
    """The meeting ends; the minutes and the debrief stay."""
    with transaction.atomic(durable=True):
        room = _locked(room)
        _expect_trainer(room, by)
        _expect_status(room, RoomStatus.RUNNING, RoomStatus.PAUSED)
        room.status = RoomStatus.CLOSED
        room.closed_at = timezone.now()
        return _append(room, kind="room.closed", data={}, actor=by, engine_event=False)


def add_note(*, room: Room, by, text: str, shared: bool) -> CoachNote:
    """A coaching note at this point of the log: private to the trainer, or shared with
    the members in their debrief."""
    if not text.strip():
        raise RoomError(_("Write the note first."))
    with transaction.atomic(durable=True):
        room = _locked(room)
        _expect_trainer(room, by)
        note = CoachNote.objects.create(
            room=room,
            author=by,
            text=text.strip(),
            shared=shared,
            after_sequence=room.last_sequence,
        )
        _touch(room)
    return note
