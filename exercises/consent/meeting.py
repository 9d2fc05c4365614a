"""The meeting frame both processes share: the opening round (openingsronde) before the
first step and the closing round (slotronde) after the end. One turn each, in circle order."""

from dataclasses import replace
from typing import Any

from .errors import ProcessError
from .events import CheckedIn, MeetingEvaluated, RoundStarted
from .rounds import Turn, names, require_text
from .vocabulary import RoundKind

MEETING_ROUNDS = (RoundKind.OPENING, RoundKind.CLOSING)


def start_opening_round(state: Any, event: RoundStarted, *, phase_before: Any, phase_to: Any):
    if state.phase is not phase_before or state.rounds or getattr(state, "driver_checked", False):
        raise ProcessError("opening_round_too_late")
    new_round = state.new_round(RoundKind.OPENING, event.start_with)
    return replace(state, phase=phase_to, rounds=(*state.rounds, new_round))


def start_closing_round(state: Any, event: RoundStarted, *, ending_phases: frozenset):
    if state.phase not in ending_phases:
        raise ProcessError("closing_round_too_early")
    if state.rounds and state.rounds[-1].kind is RoundKind.CLOSING:
        raise ProcessError("closing_round_held")
    current = state.current_round
    if current is not None and not current.complete:
        raise ProcessError(
            "round_not_complete", round=current.kind.label, members=names(current.open_members)
        )
    new_round = state.new_round(RoundKind.CLOSING, event.start_with)
    return replace(state, rounds=(*state.rounds, new_round))


def _take(state: Any, kind: RoundKind, turn: Turn):
    current = state.current_round
    if current is None or current.kind is not kind:
        raise ProcessError("no_round_in_progress")
    return replace(state, rounds=(*state.rounds[:-1], current.take(turn)))


def check_in(state: Any, event: CheckedIn):
    state = _take(state, RoundKind.OPENING, Turn(member=event.actor, text=event.text, at=event.at))
    require_text(event.text, "checkin_empty")
    return state


def evaluate(state: Any, event: MeetingEvaluated):
    text = event.keep_or_change
    state = _take(state, RoundKind.CLOSING, Turn(member=event.actor, text=text, at=event.at))
    if not isinstance(event.rating, int) or not 1 <= event.rating <= 10:
        raise ProcessError("rating_out_of_range")
    require_text(text, "evaluation_empty")
    return state


def meeting_round_kind(state: Any, ending_phases: frozenset) -> RoundKind | None:
    """The closing round counts as the current round once it has started after the end."""
    if state.phase in ending_phases and state.rounds:
        if state.rounds[-1].kind is RoundKind.CLOSING:
            return RoundKind.CLOSING
    return None
