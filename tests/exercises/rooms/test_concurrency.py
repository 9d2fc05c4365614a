"""Eight members act on the same turn at the same moment (PostgreSQL only: SQLite serialises
every write anyway). With the row lock exactly one action is appended and the other seven are
refused as stale. The control takes the lock and the stale check out and shows the race is
real: the database's unique (room, sequence) still never lets two entries share a number."""

import pytest
from django.db import IntegrityError, connection

from exercises.rooms import services
from exercises.rooms.models import RoomEvent
from tests.concurrency import run_at_once
from tests.exercises.rooms.factories import make_room, to_testing

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: run `make test-postgres`")


def all_at_once(c, seen: int) -> list[BaseException]:
    """Everyone in the circle asks the objector a test question on the same sequence."""
    return run_at_once(
        [
            lambda person=person: services.act(
                room=c.room,
                user=person,
                kind="test_question_asked",
                values={"question": "aim"},
                seen=seen,
            )
            for person in c.everyone
        ]
    )


def test_of_eight_simultaneous_actions_on_one_turn_exactly_one_wins():
    c = make_room(members=6)
    to_testing(c)
    c.room.refresh_from_db()
    seen = c.room.last_sequence
    assert len(c.everyone) == 8
    errors = all_at_once(c, seen)
    assert len(errors) == 7
    assert all(isinstance(e, services.StaleAction) and e.sequence == seen + 1 for e in errors)
    assert RoomEvent.objects.filter(room=c.room, sequence__gt=seen).count() == 1


def test_control_without_the_lock_the_race_is_real(monkeypatch):
    c = make_room(members=6)
    to_testing(c)
    c.room.refresh_from_db()
    seen = c.room.last_sequence
    # No row lock, and every thread believes it saw the newest sequence.
    monkeypatch.setattr(services, "_locked", lambda room: type(room).objects.get(pk=room.pk))
    errors = all_at_once(c, seen)
    collisions = [e for e in errors if isinstance(e, IntegrityError)]
    assert collisions, errors  # several tried to write the same sequence number…
    sequences = list(RoomEvent.objects.filter(room=c.room).values_list("sequence", flat=True))
    assert len(sequences) == len(set(sequences))  # …and the constraint kept them unique
