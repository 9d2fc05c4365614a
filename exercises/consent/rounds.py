"""Rounds: everyone speaks once, in circle order."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from .errors import ProcessError
from .vocabulary import ConsentAnswer, RoundKind


@dataclass(frozen=True)
class Turn:
    member: str
    text: str = ""
    answer: ConsentAnswer | None = None
    passed: bool = False
    at: datetime | None = None


@dataclass(frozen=True)
class Round:
    kind: RoundKind
    version: int
    order: tuple[str, ...]
    turns: tuple[Turn, ...] = ()
    # Nominations are written at the same time, so they need not follow the seating order.
    in_order: bool = True

    @property
    def spoken(self) -> tuple[str, ...]:
        return tuple(turn.member for turn in self.turns)

    @property
    def open_members(self) -> tuple[str, ...]:
        spoken = set(self.spoken)
        return tuple(member for member in self.order if member not in spoken)

    @property
    def next_member(self) -> str | None:
        if not self.in_order:
            return None
        open_members = self.open_members
        return open_members[0] if open_members else None

    @property
    def complete(self) -> bool:
        return not self.open_members

    def turn_of(self, member: str) -> Turn | None:
        return next((turn for turn in self.turns if turn.member == member), None)

    def take(self, turn: Turn) -> "Round":
        """The round with `turn` added, or ProcessError when it is not that member's turn."""
        if turn.member not in self.order:
            raise ProcessError("not_a_member", member=turn.member)
        if turn.member in self.spoken:
            raise ProcessError("already_had_turn", member=turn.member)
        expected = self.next_member
        if expected is not None and turn.member != expected:
            raise ProcessError("not_your_turn", member=turn.member, expected=expected)
        return replace(self, turns=(*self.turns, turn))


class RoundLookups:
    """Round queries both processes answer the same way. A state using this provides
    `rounds`, `version` and `_round_kind_of_phase()`."""

    rounds: tuple[Round, ...]
    version: int

    def _round_kind_of_phase(self) -> RoundKind | None:
        raise NotImplementedError

    @property
    def current_round(self) -> Round | None:
        """The round of the current phase on the current version, if one has started."""
        kind = self._round_kind_of_phase()
        if kind is None or not self.rounds:
            return None
        last = self.rounds[-1]
        return last if last.kind is kind and last.version == self.version else None

    def _latest_consent_round(self) -> Round | None:
        # Only the current version counts: answers given to earlier ones have lapsed.
        return next(
            (
                r
                for r in reversed(self.rounds)
                if r.kind is RoundKind.CONSENT and r.version == self.version
            ),
            None,
        )

    @property
    def consent_round(self) -> Round | None:
        return self._latest_consent_round()

    @property
    def whose_turn(self) -> str | None:
        current = self.current_round
        return current.next_member if current else None

    @property
    def answers(self) -> tuple[Turn, ...]:
        """Consent answers on the current version."""
        consent_round = self.consent_round
        return consent_round.turns if consent_round else ()


def plan_round(
    circle: Sequence[str],
    *,
    kind: RoundKind,
    version: int,
    start_with: str | None = None,
    rotation: int = 0,
    last: Sequence[str] = (),
    in_order: bool = True,
) -> Round:
    """A new round in seating order, rotated to its start, with `last` moved to the end."""
    if start_with is not None and start_with not in circle:
        raise ProcessError("start_with_not_member", member=start_with)
    last_in_circle = tuple(dict.fromkeys(member for member in last if member in circle))
    if start_with in last_in_circle:
        raise ProcessError("start_with_answers_last", member=start_with)
    start = circle.index(start_with) if start_with is not None else rotation % len(circle)
    rotated = (*circle[start:], *circle[:start])
    order = tuple(m for m in rotated if m not in last_in_circle) + last_in_circle
    return Round(kind=kind, version=version, order=order, in_order=in_order)


def check_circle(circle: Sequence[str]) -> None:
    if not circle:
        raise ProcessError("circle_empty")
    if any(not member.strip() for member in circle):
        raise ProcessError("member_id_blank")
    seen: set[str] = set()
    for member in circle:
        if member in seen:
            raise ProcessError("circle_has_duplicates", member=member)
        seen.add(member)


def require_text(text: str, code: str, **params: object) -> None:
    if not text.strip():
        raise ProcessError(code, **params)


def check_answer_text(answer: ConsentAnswer, text: str) -> None:
    """A concern needs its text; an objection needs its argument."""
    if answer is ConsentAnswer.CONCERN:
        require_text(text, "concern_needs_text")
    if answer is ConsentAnswer.OBJECTION:
        require_text(text, "objection_needs_argument")


def names(members: Sequence[str]) -> str:
    """Members listed for a message."""
    return ", ".join(members)
