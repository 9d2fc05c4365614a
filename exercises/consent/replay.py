"""One entry point for both processes: start, apply and replay events."""

from collections.abc import Iterable

from .decision import DecisionState, apply_decision, start_decision
from .election import ElectionState, apply_election, start_election
from .errors import ProcessError
from .events import DecisionPrepared, Event, RoleDefined

type ProcessState = DecisionState | ElectionState


def start(event: Event) -> ProcessState:
    """The first state of a process, from its opening event."""
    if isinstance(event, DecisionPrepared):
        return start_decision(event)
    if isinstance(event, RoleDefined):
        return start_election(event)
    raise ProcessError("not_a_start_event")


def apply(state: ProcessState, event: Event) -> ProcessState:
    """The state after `event`; raises ProcessError and leaves `state` untouched if refused."""
    if isinstance(state, DecisionState):
        return apply_decision(state, event)
    return apply_election(state, event)


def replay(events: Iterable[Event]) -> ProcessState:
    """Rebuild the state from the stored events, oldest first."""
    iterator = iter(events)
    first = next(iterator, None)
    if first is None:
        raise ProcessError("no_events")
    state = start(first)
    for event in iterator:
        state = apply(state, event)
    return state
