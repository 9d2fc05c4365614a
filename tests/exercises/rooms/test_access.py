"""The one-room access query in plain SQL (for the live panel, its polls and the socket)
says exactly what the ORM query does, for everyone who may or may not enter."""

import pytest

from cohorts.services.enrolment import enrol
from exercises.rooms import access
from tests.cohorts.factories import make_participant, make_trainer
from tests.exercises.rooms.factories import make_room

pytestmark = pytest.mark.django_db


def test_the_plain_query_agrees_with_the_orm_for_every_kind_of_viewer():
    c = make_room()
    co_trainer = make_trainer()
    c.cohort.trainers.add(co_trainer)
    onlooker = make_participant()
    enrol(cohort=c.cohort, participant=onlooker)
    viewers = {
        "trainer": (c.trainer, access.TRAINER),
        "co-trainer": (co_trainer, access.TRAINER),
        "member": (c.members[0], access.MEMBER),
        "onlooker": (onlooker, access.ONLOOKER),
        "outsider": (make_participant(), None),
        "other trainer": (make_trainer(), None),
    }
    for label, (user, expected) in viewers.items():
        orm = access.rooms_with_access(user).get(pk=c.room.pk)
        plain = access.room_with_access(c.room.pk, user)
        assert access.access_of(orm) == access.access_of(plain) == expected, label
        assert (plain.revision, plain.last_sequence, plain.status) == (
            orm.revision,
            orm.last_sequence,
            orm.status,
        )
    assert access.room_with_access(c.room.pk + 1000, c.trainer) is None
