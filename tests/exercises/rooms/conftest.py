import pytest

from exercises.rooms.state import forget_states


@pytest.fixture(autouse=True)
def _fresh_room_states():
    # Each test's rolled-back database may give a new room the id of an old one.
    forget_states()
    yield
    forget_states()
