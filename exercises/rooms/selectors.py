"""What a room shows, shaped for its templates and its WebSocket, in a fixed number of
queries: the room with the viewer's access (1), its seats with their members (1), the log
(replayed once per process and sequence, see `state`) and, for the trainer, the notes (1)."""

import dataclasses
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext, gettext_noop

from exercises.consent import (
    EVENT_TYPES,
    ConsentAnswer,
    DecisionState,
    ElectionState,
    Phase,
    ReviewOutcome,
    RoundKind,
    Verdict,
)
from exercises.rooms import access, engine
from exercises.rooms.models import CoachNote, Room, RoomEvent, RoomStatus, Seat, SeatRole, member_id
from exercises.rooms.state import Entry, display_name, load_state, names_of, once, shared_of


def room_for(*, room_id: int, user) -> Room | None:
    """The room with the viewer's access annotated (see `access`), or None."""
    return (
        access.rooms_with_access(user)
        .select_related("cohort", "trainer")
        .filter(pk=room_id)
        .first()
    )


def rooms_of(*, user) -> QuerySet[Room]:
    """Rooms the user leads or sits in, newest first: for "Mijn leerkring"."""
    rooms = access.rooms_with_access(user).filter(
        pk__in=Room.objects.filter(seats__member=user).values("pk")
    ) | access.rooms_with_access(user).filter(trainer=user)
    return rooms.distinct().order_by("-created_at")[:10]


def rooms_to_review(*, trainer) -> QuerySet[Room]:
    """Decision rooms of the trainer's cohorts whose agreement could be reviewed (the
    service checks that one is in force), newest first; review rooms themselves included."""
    return (
        Room.objects.filter(process="decision", cohort__trainers=trainer, last_sequence__gt=0)
        .select_related("cohort")
        .distinct()
        .order_by("-created_at", "-pk")
    )


@dataclasses.dataclass(frozen=True)
class SeatView:
    seat: Seat
    name: str
    engine_id: str
    role_label: str
    is_turn: bool
    spoken: bool
    answer: str  # in the consent round: consent / concern / objection, or ""
    is_me: bool

    def as_anyone(self) -> "SeatView":
        """The seat as a viewer who is not in it sees it."""
        return dataclasses.replace(self, is_me=False) if self.is_me else self


@dataclasses.dataclass(frozen=True)
class FieldView:
    name: str
    label: str
    kind: str
    required: bool
    choices: list[tuple[str, str]]


@dataclasses.dataclass(frozen=True)
class ActionView:
    kind: str
    label: str
    as_facilitator: bool
    fields: list[FieldView]
    style: str


@dataclasses.dataclass(frozen=True)
class LogLine:
    sequence: int
    who: str
    what: str
    text: str
    version: int | None


@dataclasses.dataclass(frozen=True)
class RoomView:
    room: Room
    access: str
    me: Seat | None
    seats: list[SeatView]
    state: Any
    names: dict[str, str]
    actions: list[ActionView]
    log: list[LogLine]
    notes: list[CoachNote]

    @property
    def is_trainer(self) -> bool:
        return self.access == access.TRAINER

    def as_anyone(self) -> "RoomView":
        """This view without the viewer's "(you)" in the circle: for the parts of the live
        panel rendered once for every viewer (`rooms_tags.shared_part`)."""
        return dataclasses.replace(self, seats=[s.as_anyone() for s in self.seats])

    @property
    def position(self) -> tuple:
        """Everything of the viewer's own that the live panel's actions show: viewers in
        the same position see the same actions (`rooms_tags.position_part`)."""
        actions = tuple((a.kind, a.as_facilitator) for a in self.actions)
        return (self.access, self.me is not None, self.facilitates, self.turn_is_absent, actions)

    @property
    def facilitates(self) -> bool:
        return self.me is not None and self.me.role == SeatRole.FACILITATOR

    @property
    def is_decision(self) -> bool:
        return isinstance(self.state, DecisionState) or self.room.process == "decision"

    @property
    def phase(self) -> str:
        if self.state is None:
            return gettext(self.room.get_status_display())
        return gettext(self.state.phase.label)

    @property
    def round_label(self) -> str:
        current = self.state.current_round if self.state is not None else None
        return gettext(current.kind.label) if current is not None else ""

    @property
    def whose_turn(self) -> str:
        turn = self.state.whose_turn if self.state is not None else None
        return self.names.get(turn, "") if turn else ""

    @property
    def turn_is_absent(self) -> bool:
        turn = self.state.whose_turn if self.state is not None else None
        return any(s.engine_id == turn and s.seat.absent for s in self.seats)

    @property
    def candidate_name(self) -> str:
        candidate = getattr(self.state, "candidate", None)
        return self.names.get(candidate, "") if candidate else ""

    @property
    def is_election(self) -> bool:
        return isinstance(self.state, ElectionState)

    @property
    def role(self):
        """The role being elected for, as now (amended or not); None in a decision."""
        return self.state.role if self.is_election else None

    @property
    def brief_term(self) -> dict[str, date] | None:
        """Before the election starts: the term and review date the trainer gave."""
        brief = self.room.brief
        if self.room.process != "election" or not brief.get("term_start"):
            return None
        return {
            k: date.fromisoformat(brief[k])
            for k in ("term_start", "term_end", "review_date")
            if brief.get(k)
        }

    @property
    def nominated_count(self) -> int:
        return len(self.state.nominated_members) if self.is_election else 0

    @property
    def nominations_revealed(self) -> bool:
        return self.is_election and self.state.nominations_complete

    @property
    def nominations(self) -> list[dict[str, str]]:
        """Once all are in: each member's nomination, their reasons and any change."""
        if not self.nominations_revealed:
            return []
        state = self.state
        reasons = {t.member: t.text for t in state.reasons}
        changes = {n.member: n for n in state.changes}
        rows = []
        for n in state.nominations:
            change = changes.get(n.member)
            rows.append(
                {
                    "member": self.names.get(n.member, n.member),
                    "nominee": self._nominee(n.nominee),
                    "reason": reasons.get(n.member, ""),
                    "changed_to": self._nominee(change.nominee) if change else "",
                    "change_reason": change.reason if change else "",
                }
            )
        return rows

    def _nominee(self, nominee: str | None) -> str:
        return self.names.get(nominee, nominee) if nominee else gettext("nobody")

    @property
    def candidacy_reason(self) -> str:
        if not self.is_election or self.state.candidate is None or not self.state.candidacies:
            return ""
        return self.state.candidacies[-1].reason

    @property
    def election_result(self) -> dict[str, Any] | None:
        result = getattr(self.state, "result", None) if self.is_election else None
        if result is None:
            return None
        return {
            "person": self.names.get(result.person, result.person),
            "role": result.role.name,
            "term_start": result.role.term_start,
            "term_end": result.role.term_end,
            "review_date": result.review_date,
        }

    @property
    def proposal(self) -> str:
        if isinstance(self.state, DecisionState):
            return self.state.proposal
        return self.room.brief.get("proposal", "")

    @property
    def version(self) -> int:
        return self.state.version if isinstance(self.state, DecisionState) else 1

    @property
    def objections(self) -> list[dict[str, Any]]:
        if self.state is None:
            return []
        return [
            {
                "name": self.names.get(o.member, o.member),
                "argument": o.argument,
                "verdict": gettext(o.verdict.label) if o.verdict else "",
                "qualified": o.verdict is Verdict.QUALIFIED,
                "withdrawn": o.withdrawn,
                "reason": o.reason,
                "under_test": self.state.objection_under_test is o,
                "asked": [gettext(q.label) for q, _who in o.asked],
            }
            for o in self.state.objections
        ]

    @property
    def concerns(self) -> list[tuple[str, str]]:
        if self.state is None:
            return []
        return [(self.names.get(c.member, c.member), c.text) for c in self.state.concerns]

    @property
    def agreement(self):
        return getattr(self.state, "agreement", None)

    @property
    def can_open_review(self) -> bool:
        """The trainer can take the agreement in force to its review now."""
        return (
            self.running
            and isinstance(self.state, DecisionState)
            and self.state.phase is Phase.AGREED
            and (self.state.current_round is None or self.state.current_round.complete)
        )

    @property
    def review_due_on(self):
        return engine.review_due_on(self.state)

    @property
    def reviewing(self) -> bool:
        return isinstance(self.state, DecisionState) and self.state.phase in (
            Phase.REVIEW_DUE,
            Phase.REVIEW_CONSENT,
        )

    @property
    def review_proposal(self) -> dict[str, Any] | None:
        """The outcome of the review on the table (keep or drop), for the consent round."""
        proposal = getattr(self.state, "review_proposal", None)
        if proposal is None:
            return None
        return {
            "name": self.names.get(proposal.member, proposal.member),
            "outcome": review_outcome_label(proposal.outcome),
            "next_review_date": proposal.next_review_date,
        }

    @property
    def reviews(self) -> list[dict[str, Any]]:
        return reviews(self.log_events, self.names)

    @property
    def dropped(self) -> bool:
        return isinstance(self.state, DecisionState) and self.state.phase is Phase.DROPPED

    @property
    def closing_turns(self) -> list[tuple[str, str]]:
        if self.state is None:
            return []
        closing = next((r for r in self.state.rounds if r.kind is RoundKind.CLOSING), None)
        return (
            [(self.names.get(t.member, t.member), t.text) for t in closing.turns] if closing else []
        )

    @property
    def ratings(self) -> list[tuple[str, int, str]]:
        return evaluations(self.state, self.names, self.log_events)

    @property
    def log_events(self) -> list:
        return list(self.state.log) if self.state is not None else []

    @property
    def sequence(self) -> int:
        return self.room.last_sequence

    @property
    def running(self) -> bool:
        return self.room.status == RoomStatus.RUNNING


def review_outcome_label(outcome: ReviewOutcome | str) -> str:
    return {
        ReviewOutcome.KEEP: gettext("keep the agreement"),
        ReviewOutcome.AMEND: gettext("amend the agreement"),
        ReviewOutcome.DROP: gettext("drop the agreement"),
    }[ReviewOutcome(outcome)]


def reviews(log, names) -> list[dict[str, Any]]:
    """Each review of the agreement, from the engine's own events: when it was held (as on
    its review date), each outcome proposed and how the circle answered, and how it ended
    (kept with a new review date, amended into a new version, dropped, or deferred)."""
    result: list[dict[str, Any]] = []
    for entry in log:
        event = entry.event
        kind = event.kind
        if kind == "review_opened":
            result.append(
                {"on": event.on, "proposals": [], "ending": "", "until": None, "detail": ""}
            )
            continue
        if not result or result[-1]["ending"]:
            continue
        review = result[-1]
        if kind == "review_proposed":
            review["proposals"].append(
                {
                    "name": names.get(event.actor, event.actor),
                    "outcome": review_outcome_label(event.outcome),
                    "next_review_date": event.next_review_date,
                    "text": event.text,
                    "objections": [],
                    "concerns": [],
                }
            )
            if event.outcome is ReviewOutcome.AMEND:
                review["ending"] = gettext("amended: the new version went to a consent round")
        elif kind == "consent_answer_given" and review["proposals"]:
            answer = (names.get(event.actor, event.actor), event.text)
            if event.answer is ConsentAnswer.OBJECTION:
                review["proposals"][-1]["objections"].append(answer)
            elif event.answer is ConsentAnswer.CONCERN:
                review["proposals"][-1]["concerns"].append(answer)
        elif kind == "review_concluded":
            if event.outcome is ReviewOutcome.DROP:
                review["ending"] = gettext("dropped by consent")
            else:
                review["ending"] = gettext("kept by consent")
                review["until"] = event.next_review_date
                review["detail"] = gettext("next review on %(date)s") % {
                    "date": date_format(event.next_review_date, "SHORT_DATE_FORMAT")
                }
        elif kind == "decision_deferred":
            review["ending"] = gettext("deferred; the agreement stays in force")
            review["until"] = event.until
            review["detail"] = gettext("until %(date)s") % {
                "date": date_format(event.until, "SHORT_DATE_FORMAT")
            }
    return result


def evaluations(state, names, log) -> list[tuple[str, int, str]]:
    """The slotronde: each member's mark and one thing to keep or change."""
    return [
        (names.get(e.event.actor, e.event.actor), e.event.rating, e.event.keep_or_change)
        for e in log
        if e.event.kind == "meeting_evaluated"
    ]


def _seats_for(room: Room, seats: list[Seat], state, names, me_pk) -> list[SeatView]:
    """The circle as this viewer sees it: the same for everyone but for "you", so built once
    per process and revision (as `_shared_view`) and marked per viewer."""
    key = ("seat-views", room.pk, room.revision, room.last_sequence, get_language())
    shared = once(key, lambda: _seat_views(seats, state, names, None))
    return [
        dataclasses.replace(view, is_me=True) if view.seat.member_id == me_pk else view
        for view in shared
    ]


def _seat_views(seats: list[Seat], state, names, me_pk) -> list[SeatView]:
    current = state.current_round if state is not None else None
    turn = state.whose_turn if state is not None else None
    views = []
    for seat in seats:
        spoken = current.turn_of(seat.engine_id) if current is not None else None
        answer = ""
        if spoken is not None and spoken.answer is not None:
            answer = {
                ConsentAnswer.CONSENT: gettext("consent"),
                ConsentAnswer.CONCERN: gettext("concern"),
                ConsentAnswer.OBJECTION: gettext("objection"),
            }[spoken.answer]
        views.append(
            SeatView(
                seat=seat,
                name=names[seat.engine_id],
                engine_id=seat.engine_id,
                role_label=gettext(seat.get_role_display()),
                is_turn=turn == seat.engine_id,
                spoken=spoken is not None,
                answer=answer,
                is_me=seat.member_id == me_pk,
            )
        )
    return views


def _action_views(state, options: dict[str, str], names) -> list[ActionView]:
    views = []
    for kind, actor in options.items():
        action = engine.ACTIONS[kind]
        fields = [
            FieldView(
                name=f.name,
                label=gettext(f.label),
                kind=f.kind,
                required=f.required,
                choices=f.choices(state, names) if f.choices else [],
            )
            for f in action.fields
        ]
        if any(f.kind == "choice" and not f.choices for f in fields):
            continue  # nothing to choose from yet (e.g. no question left to answer)
        views.append(
            ActionView(
                kind=kind,
                label=engine.label_of(kind, state),
                as_facilitator=actor == engine.FACILITATOR,
                fields=fields,
                style=action.style,
            )
        )
    return views


def nominations_revealed(state) -> bool:
    """In an election, who nominated whom stays hidden until everyone has nominated."""
    return not isinstance(state, ElectionState) or state.nominations_complete


def public_data(data: dict[str, Any], revealed: bool) -> dict[str, Any]:
    """A log entry as members may see it now: a nomination's nominee is left out while the
    nominations are still hidden."""
    if revealed or data.get("kind") != "nomination_made":
        return data
    return {k: v for k, v in data.items() if k != "nominee"}


def _nominee_name(data: dict[str, Any], names: dict[str, str]) -> str:
    nominee = data.get("nominee")
    return names.get(nominee, nominee) if nominee else gettext("nobody")


def describe(data: dict[str, Any], names: dict[str, str], revealed: bool = True) -> tuple[str, str]:
    """What a log entry says: the action, and the text that was spoken, if any. A hidden
    nomination says only that it was handed in."""
    kind = data.get("kind", "")
    cls = EVENT_TYPES.get(kind)
    if cls is None:
        return kind, ""
    what = gettext(cls.action)
    if kind == "round_started":
        what = gettext(RoundKind(data["round_kind"]).label)
    text_fields = ("question", "answer", "reaction", "text", "reason", "keep_or_change", "proposal")
    texts = [str(data[f]) for f in text_fields if isinstance(data.get(f), str) and data.get(f)]
    if kind == "consent_answer_given":
        label = {
            "consent": gettext("consent"),
            "concern": gettext("concern"),
            "objection": gettext("objection"),
        }[data["answer"]]
        texts = [label, *[t for t in texts if t != data["answer"]]]
    if kind == "objection_tested":
        texts = [gettext(Verdict(data["verdict"]).label), *texts]
    if kind == "meeting_evaluated":
        texts = [str(data["rating"]), *texts]
    if kind == "nomination_made":
        texts = [_nominee_name(data, names)] if revealed else []
    if kind == "nomination_changed":
        texts = [_nominee_name(data, names), *texts]
    if kind in ("review_proposed", "review_concluded"):
        texts = [review_outcome_label(data["outcome"]), *texts]
        if data.get("next_review_date"):
            day = date_format(date.fromisoformat(data["next_review_date"]), "SHORT_DATE_FORMAT")
            texts.append(gettext("new review date %(date)s") % {"date": day})
    if kind == "review_opened":
        day = date_format(date.fromisoformat(data["on"]), "SHORT_DATE_FORMAT")
        texts = [gettext("held as on %(date)s") % {"date": day}]
    if kind == "decision_deferred" and data.get("until"):
        day = date_format(date.fromisoformat(data["until"]), "SHORT_DATE_FORMAT")
        texts = [gettext("until %(date)s") % {"date": day}, *texts]
    if kind == "candidate_proposed":
        texts = [names.get(data.get("candidate", ""), data.get("candidate", "")), *texts]
    return what, " — ".join(texts)


_ROOM_EVENTS = {
    "room.paused": gettext_noop("The trainer paused the meeting"),
    "room.resumed": gettext_noop("The meeting goes on"),
    "room.absent": gettext_noop("Marked absent"),
    "room.present": gettext_noop("Marked present"),
    "room.facilitator": gettext_noop("The facilitator's role was handed on"),
    "room.closed": gettext_noop("The meeting was closed"),
}


def log_lines(
    entries: Iterable[Entry], names: dict[str, str], revealed: bool = True
) -> list[LogLine]:
    lines = []
    for entry in entries:
        if entry.engine:
            actor = entry.data.get("actor", "")
            who = names.get(actor, "") or entry.actor_name
            if entry.kind == "review_opened":
                who = entry.actor_name  # the trainer takes the agreement to review
            what, text = describe(entry.data, names, revealed)
        else:
            member = entry.data.get("member")
            who = entry.actor_name
            what = gettext(_ROOM_EVENTS.get(entry.kind, entry.kind))
            text = names.get(member_id(member), "") if member else ""
        lines.append(LogLine(entry.sequence, who, what, text, None))
    return lines


def room_view(*, room: Room, user) -> RoomView:
    """Everything the room page, its live panel and the projector show to this viewer. The
    parts that are the same for every viewer are read once per process and revision (news
    reaches eight members at once); only what is the viewer's own is worked out per viewer."""
    role = access.access_of(room)
    seats, names, state, log = _shared_view(room)
    me = next((s for s in seats if s.member_id == user.pk), None)
    options = {}
    if me is not None and not me.absent and room.status == RoomStatus.RUNNING:
        options = engine.open_actions(
            state, member=me.engine_id, facilitates=me.role == SeatRole.FACILITATOR
        )
    notes = list(room.notes.select_related("author")) if role == access.TRAINER else []
    return RoomView(
        room=room,
        access=role,
        me=me,
        seats=_seats_for(room, seats, state, names, user.pk),
        state=state,
        names=names,
        actions=_action_views(state, options, names),
        log=log,
        notes=notes,
    )


def _shared_view(room: Room):
    """The seats, names, state and last log lines of the room's revision (see
    `state.shared_of`), in this language: once per process, revision and language."""

    def build():
        shared = shared_of(room)
        seats = list(shared.seats)
        names = names_of(room, seats)
        lines = log_lines(shared.entries, names, nominations_revealed(shared.state))
        return seats, names, shared.state, lines

    return once(("room-view", room.pk, room.revision, room.last_sequence, get_language()), build)


def news_from_snapshot(snapshot: dict[str, Any], *, user_id: int, after: int) -> dict[str, Any]:
    """The JSON news for one member from the revision's shared snapshot (no queries)."""
    state = snapshot["state"]
    revealed = nominations_revealed(state)
    seat = snapshot["seats"].get(user_id)
    options = {}
    if seat is not None and not seat[1] and snapshot["status"] == RoomStatus.RUNNING:
        options = engine.open_actions(
            state, member=member_id(user_id), facilitates=seat[0] == SeatRole.FACILITATOR
        )
    return {
        "type": "news",
        "sequence": snapshot["last_sequence"],
        "revision": snapshot["revision"],
        "status": snapshot["status"],
        "phase": state.phase.value if state is not None else None,
        "whose_turn": state.whose_turn if state is not None else None,
        "open_actions": sorted(options),
        "events": [
            {"sequence": s, "kind": k, "data": public_data(d, revealed)}
            for s, k, d in snapshot["events"]
            if s > after
        ],
        **_revealed_nominations(state),
    }


def _revealed_nominations(state) -> dict[str, Any]:
    """For JSON clients of an election: the nominations, once everyone has nominated (the
    log entries they got earlier left the nominee out)."""
    if not isinstance(state, ElectionState) or not state.nominations_complete:
        return {}
    return {"nominations": [{"member": n.member, "nominee": n.nominee} for n in state.nominations]}


def room_news(*, room: Room, user, after: int) -> dict[str, Any]:
    """The JSON a WebSocket client gets: the log entries after `after`, and what it may do."""
    state = load_state(room.pk, room.last_sequence)
    me = room.seats.filter(member=user).values("role", "absent").first()
    options = {}
    if me is not None and not me["absent"] and room.status == RoomStatus.RUNNING:
        options = engine.open_actions(
            state, member=member_id(user.pk), facilitates=me["role"] == SeatRole.FACILITATOR
        )
    revealed = nominations_revealed(state)
    events = [
        {"sequence": s, "kind": k, "data": public_data(d, revealed)}
        for s, k, d in RoomEvent.objects.filter(room=room, sequence__gt=after)
        .order_by("sequence")
        .values_list("sequence", "kind", "data")
    ]
    return {
        "type": "news",
        "sequence": room.last_sequence,
        "revision": room.revision,
        "status": room.status,
        "phase": state.phase.value if state is not None else None,
        "whose_turn": state.whose_turn if state is not None else None,
        "open_actions": sorted(options),
        "events": events,
        **_revealed_nominations(state),
    }


@dataclasses.dataclass(frozen=True)
class Minutes:
    room: Room
    names: dict[str, str]
    state: Any
    decisions: list[dict[str, Any]]
    evaluations: list[tuple[str, int, str]]
    present: list[str]
    absent: list[str]
    reviews: list[dict[str, Any]] = dataclasses.field(default_factory=list)


def minutes(*, room: Room) -> Minutes:
    """The besluitenlijst: each decision with its version, concerns, review date and who
    does what; or how the process ended otherwise; and the slotronde."""
    seats = list(room.seats.select_related("member"))
    names = names_of(room, seats)
    state = load_state(room.pk, room.last_sequence)
    decisions: list[dict[str, Any]] = []
    if isinstance(state, DecisionState):
        previous = None
        for agreement in state.agreements:
            kept = previous is not None and previous.version == agreement.version
            previous = agreement
            decisions.append(
                {
                    "kept_at_review": kept,
                    "text": agreement.text,
                    "version": agreement.version,
                    "decided_on": agreement.decided_on,
                    "review_date": agreement.review_date,
                    "concerns": [
                        (names.get(c.member, c.member), c.text) for c in agreement.concerns
                    ],
                    "responsibilities": [(r.member, r.task) for r in agreement.responsibilities],
                }
            )
    elif state is not None and getattr(state, "result", None) is not None:
        result = state.result
        decisions.append(
            {
                "elected": names.get(result.person, result.person),
                "role": result.role.name,
                "term": (result.role.term_start, result.role.term_end),
                "review_date": result.review_date,
                "concerns": [(names.get(c.member, c.member), c.text) for c in result.concerns],
            }
        )
    return Minutes(
        room=room,
        names=names,
        state=state,
        decisions=decisions,
        evaluations=evaluations(state, names, state.log if state is not None else []),
        present=[names[s.engine_id] for s in seats if not s.absent],
        absent=[names[s.engine_id] for s in seats if s.absent],
        reviews=reviews(state.log if state is not None else [], names),
    )


@dataclasses.dataclass(frozen=True)
class TimelineItem:
    sequence: int
    when: Any
    who: str
    what: str
    text: str
    note: CoachNote | None = None


def debrief(*, room: Room, user) -> list[TimelineItem]:
    """The whole log with the trainer's notes in place: shared ones for members, all of them
    for the trainer."""
    seats = list(room.seats.select_related("member"))
    names = names_of(room, seats)
    entries = list(RoomEvent.objects.filter(room=room).select_related("actor"))
    notes = room.notes.select_related("author")
    if access.access_of(room) != access.TRAINER:
        notes = notes.filter(shared=True)
    notes_after: dict[int, list[CoachNote]] = {}
    for note in notes:
        notes_after.setdefault(note.after_sequence, []).append(note)
    items = [
        TimelineItem(n.after_sequence, n.created_at, display_name(n.author), "", n.text, n)
        for n in notes_after.get(0, [])
    ]
    state = load_state(room.pk, room.last_sequence)
    lines = log_lines(map(Entry.of, entries), names, nominations_revealed(state))
    for entry, line in zip(entries, lines, strict=True):
        items.append(TimelineItem(entry.sequence, entry.created_at, line.who, line.what, line.text))
        for note in notes_after.get(entry.sequence, []):
            items.append(
                TimelineItem(
                    entry.sequence, note.created_at, display_name(note.author), "", note.text, note
                )
            )
    return items
