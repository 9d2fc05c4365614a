"""The one-room access query in plain SQL (for the live panel, its polls and the socket)
says exactly what the ORM query does, for everyone who may or may not enter."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

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


def test_after_a_key_rotation_a_socket_session_is_not_renewed_behind_the_members_back(settings):
    """Django's `get_user` would renew a session signed with a rotated key; a socket has no
    cookie to send the new key with, so that would sign the member out."""
    settings.SECRET_KEY = "de-oude-sleutel-" + "x" * 40
    member = make_participant()
    client = Client()
    client.force_login(member)
    key = client.session.session_key
    assert access.still_signed_in(member, key)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "de-nieuwe-sleutel-" + "y" * 40
    assert not access.still_signed_in(member, key)  # the action is refused ...
    assert SessionStore().exists(key)  # ... and the session kept for Django to renew
