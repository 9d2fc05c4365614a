"""The room over HTTP: who sees it, acting, polling with ETag/304, the trainer's controls,
the projector, the minutes PDF and the debrief."""

import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from pypdf import PdfReader

from exercises.rooms.models import CoachNote, Room, RoomStatus
from tests.cohorts.factories import make_participant
from tests.exercises.rooms.factories import (
    BRIEF,
    closing_round,
    decide_with_one_objection,
    make_room,
)

pytestmark = pytest.mark.django_db


def url(name, room, **kwargs):
    return reverse(f"exercises:rooms:{name}", kwargs={"room_id": room.pk, **kwargs})


def test_a_trainer_opens_seats_and_starts_a_room(client):
    c = make_room(start=False)
    client.force_login(c.trainer)
    response = client.post(
        reverse("exercises:rooms:new"),
        {"title": "Middagkring", "cohort": c.cohort.pk, "process": "decision", **BRIEF},
    )
    room = Room.objects.get(title="Middagkring")
    assert response.status_code == 302
    page = client.get(url("room", room))
    assert "Zet de kring op" in page.content.decode()
    posted = {f"place_{c.facilitator.pk}": "1", f"role_{c.facilitator.pk}": "facilitator"}
    posted |= {f"place_{c.proposer.pk}": "2", f"role_{c.proposer.pk}": "proposer"}
    posted |= {f"place_{c.members[0].pk}": "3", f"role_{c.members[0].pk}": "member"}
    client.post(url("circle", room), posted)
    assert list(room.seats.values_list("member", flat=True)) == [
        c.facilitator.pk,
        c.proposer.pk,
        c.members[0].pk,
    ]
    client.post(url("start", room))
    room.refresh_from_db()
    assert room.status == RoomStatus.RUNNING and room.last_sequence == 1


def test_a_participant_cannot_open_a_room(client):
    client.force_login(make_participant())
    assert client.get(reverse("exercises:rooms:new")).status_code == 403


def test_only_the_cohort_sees_the_room(client):
    c = make_room()
    client.force_login(make_participant())
    for name in ("room", "live", "projector", "debrief", "minutes"):
        assert client.get(url(name, c.room)).status_code == 404, name
    client.force_login(c.members[0])
    assert client.get(url("room", c.room)).status_code == 200


def test_a_member_sees_only_the_actions_open_to_them(client):
    c = make_room()
    client.force_login(c.proposer)
    html = client.get(url("room", c.room)).content.decode()
    assert 'data-action="proposal_presented"' in html
    client.force_login(c.members[0])
    html = client.get(url("room", c.room)).content.decode()
    assert 'class="room-action' not in html


def test_acting_over_http_and_a_stale_form_gets_the_fresh_state(client):
    c = make_room()
    client.force_login(c.proposer)
    response = client.post(
        url("act", c.room), {"action": "proposal_presented", "seen": 1}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    c.room.refresh_from_db()
    assert c.room.last_sequence == 2
    client.force_login(c.facilitator)
    response = client.post(
        url("act", c.room),
        {"action": "round_started", "round_kind": "question", "seen": 1},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "Iemand anders was u voor" in html
    assert 'data-sequence="2"' in html


def test_nobody_acts_for_another(client):
    c = make_room()
    client.force_login(c.members[0])
    client.post(url("act", c.room), {"action": "proposal_presented", "seen": 1})
    c.room.refresh_from_db()
    assert c.room.last_sequence == 1


def test_polling_answers_304_until_something_changes(client, django_assert_num_queries):
    c = make_room()
    client.force_login(c.members[0])
    first = client.get(url("live", c.room))
    etag = first["ETag"]
    # Session, user, and the room with the viewer's access: the same for every poll.
    with django_assert_num_queries(3):
        again = client.get(url("live", c.room), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    client.force_login(c.proposer)
    client.post(url("act", c.room), {"action": "proposal_presented", "seen": 1})
    client.force_login(c.members[0])
    changed = client.get(url("live", c.room), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_the_live_panel_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    c = make_room()
    decide_with_one_objection(c)
    client.force_login(c.members[0])
    with django_assert_max_num_queries(9):
        assert client.get(url("live", c.room)).status_code == 200


def test_the_trainer_pauses_marks_absent_and_notes(client):
    c = make_room()
    client.force_login(c.trainer)
    client.post(url("control", c.room), {"control": "pause"})
    c.room.refresh_from_db()
    assert c.room.status == RoomStatus.PAUSED
    seat = c.room.seats.get(member=c.members[0])
    client.post(url("control", c.room), {"control": "absent", "seat": seat.pk})
    seat.refresh_from_db()
    assert seat.absent
    client.post(url("note", c.room), {"text": "Goede vraag van Anna", "shared": "1"})
    client.post(url("note", c.room), {"text": "Alleen voor mij"})
    assert CoachNote.objects.filter(room=c.room).count() == 2
    client.force_login(c.members[0])
    response = client.post(url("control", c.room), {"control": "resume"})
    assert response.status_code == 404


def test_the_persona_card_is_private(client):
    c = make_room(start=False)
    c.room.brief = {
        **c.room.brief,
        "personas": [{"name": "Els", "role": "buurtbewoner", "interests": "rust"}],
    }
    c.room.save()
    client.force_login(c.trainer)
    seat = c.room.seats.get(member=c.members[0])
    client.post(url("control", c.room), {"control": "persona", "seat": seat.pk, "persona": "Els"})
    client.force_login(c.members[0])
    assert "buurtbewoner" in client.get(url("room", c.room)).content.decode()
    client.force_login(c.members[1])
    assert "buurtbewoner" not in client.get(url("room", c.room)).content.decode()


def test_the_projector_shows_the_proposal_in_large_type(client):
    c = make_room()
    client.force_login(c.trainer)
    html = client.get(url("projector", c.room)).content.decode()
    assert "room-projector" in html and BRIEF["proposal"] in html
    assert 'class="room-action' not in html


def test_the_projector_page_uses_the_socket_and_polls_with_etag_as_fallback(
    client, django_assert_num_queries
):
    c = make_room()
    client.force_login(c.trainer)
    page = client.get(url("projector", c.room)).content.decode()
    assert f'ws-connect="/ws/kamers/{c.room.pk}/?view=projector"' in page
    assert 'data-live-url="' + url("projector_live", c.room) + '"' in page
    first = client.get(url("projector_live", c.room))
    assert first.status_code == 200 and "room-projector" in first.content.decode()
    with django_assert_num_queries(3):
        again = client.get(url("projector_live", c.room), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    client.force_login(c.proposer)
    client.post(url("act", c.room), {"action": "proposal_presented", "seen": 1})
    client.force_login(c.trainer)
    changed = client.get(url("projector_live", c.room), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert changed.content != first.content


def test_minutes_and_debrief_after_the_meeting(client):
    c = make_room()
    decide_with_one_objection(c)
    closing_round(c)
    client.force_login(c.trainer)
    client.post(url("note", c.room), {"text": "Mooi getoetst", "shared": "1"})
    client.post(url("note", c.room), {"text": "Piet sprak te lang", "shared": ""})
    client.post(url("control", c.room), {"control": "close"})
    response = client.get(url("minutes", c.room))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Wij zetten op woensdag een markt op het plein." in text
    assert "Let op het geluid." in text
    assert "Piet: vergunning aanvragen" in text
    client.force_login(c.members[0])
    debrief = client.get(url("debrief", c.room)).content.decode()
    assert "Mooi getoetst" in debrief and "Piet sprak te lang" not in debrief
    # "Mijn leerkring" lists the room with its debrief (the section the dashboard includes).
    section = render_to_string(
        "exercises/rooms/includes/dashboard_section.html", {"user": c.members[0]}
    )
    assert url("debrief", c.room) in section
