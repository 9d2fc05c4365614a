"""The room's rules, through its services: the log, turns, stale actions, absence."""

import pytest

from exercises.rooms import services
from exercises.rooms.models import RoomEvent, RoomStatus, SeatRole
from exercises.rooms.selectors import minutes
from exercises.rooms.state import load_state
from tests.cohorts.factories import make_participant
from tests.exercises.rooms.factories import (
    act,
    closing_round,
    decide_with_one_objection,
    make_room,
    through_to_consent,
)

pytestmark = pytest.mark.django_db


def test_a_circle_takes_a_decision_with_a_tested_and_integrated_objection():
    c = make_room()
    decide_with_one_objection(c)
    closing_round(c)
    c.room.refresh_from_db()
    state = load_state(c.room.pk, c.room.last_sequence)
    assert state.phase.value == "agreed"
    assert state.agreement.version == 2
    assert [con.text for con in state.agreement.concerns] == ["Let op het geluid."]
    sequences = list(c.room.events.values_list("sequence", flat=True))
    assert sequences == list(range(1, c.room.last_sequence + 1))
    result = minutes(room=c.room)
    assert result.decisions[0]["text"] == "Wij zetten op woensdag een markt op het plein."
    assert [r for _n, r, _t in result.evaluations] == [7, 8, 9, 7, 8]


def test_a_stale_action_is_refused_with_the_fresh_sequence_and_nothing_written():
    c = make_room()
    seen = c.room.last_sequence
    services.act(room=c.room, user=c.proposer, kind="proposal_presented", values={}, seen=seen)
    with pytest.raises(services.StaleAction) as refused:
        services.act(
            room=c.room,
            user=c.facilitator,
            kind="round_started",
            values={"round_kind": "question"},
            seen=seen,
        )
    assert refused.value.sequence == seen + 1
    assert "iemand anders" in refused.value.message.lower()
    assert RoomEvent.objects.filter(room=c.room).count() == seen + 1


def test_of_two_members_on_the_same_turn_exactly_one_wins():
    c = make_room()
    act(c.room, c.proposer, "proposal_presented")
    act(c.room, c.facilitator, "round_started", round_kind="question")
    c.room.refresh_from_db()
    seen = c.room.last_sequence
    wins, refusals = 0, 0
    for person in (c.facilitator, c.facilitator):
        try:
            services.act(room=c.room, user=person, kind="turn_passed", values={}, seen=seen)
            wins += 1
        except services.StaleAction:
            refusals += 1
    assert (wins, refusals) == (1, 1)


def test_only_the_member_whose_turn_it_is_can_speak():
    c = make_room()
    act(c.room, c.proposer, "proposal_presented")
    act(c.room, c.facilitator, "round_started", round_kind="question")
    before = RoomEvent.objects.count()
    with pytest.raises(services.RoomError) as refused:
        act(c.room, c.members[0], "question_asked", question="Waarom?")
    assert refused.value.message == "Deze actie staat nu niet voor u open."
    assert RoomEvent.objects.count() == before


def test_an_outsider_cannot_act_and_nobody_can_act_for_another():
    c = make_room()
    with pytest.raises(services.RoomError, match="geen plaats"):
        act(c.room, make_participant(), "proposal_presented")
    # The proposer's action taken by someone else is simply not open to them.
    with pytest.raises(services.RoomError):
        act(c.room, c.members[0], "proposal_presented", actor=f"m{c.proposer.pk}")
    act(c.room, c.proposer, "proposal_presented")


def test_an_absent_member_stays_open_and_never_counts_as_consent():
    c = make_room()
    through_to_consent(c)
    absent = c.members[-1]
    seat = c.room.seats.get(member=absent)
    services.mark_absent(room=c.room, by=c.trainer, seat=seat, absent=True)
    for person in c.everyone[:-1]:
        act(c.room, person, "consent_answer_given", answer="consent")
    c.room.refresh_from_db()
    with pytest.raises(services.RoomError, match="afwezig"):
        act(c.room, absent, "consent_answer_given", answer="consent")
    # Nobody passes for them in a consent round…
    with pytest.raises(services.RoomError):
        services.pass_for_absent(room=c.room, by=c.facilitator, seen=c.room.last_sequence)
    # …and the decision cannot be taken while they are open.
    with pytest.raises(services.RoomError, match="open"):
        act(c.room, c.facilitator, "agreed")
    state = load_state(c.room.pk, c.room.last_sequence)
    assert state.open_members == (f"m{absent.pk}",)


def test_the_facilitator_passes_for_an_absent_member_in_a_question_round():
    c = make_room()
    act(c.room, c.proposer, "proposal_presented")
    services.mark_absent(
        room=c.room, by=c.trainer, seat=c.room.seats.get(member=c.facilitator), absent=False
    )
    act(c.room, c.facilitator, "round_started", round_kind="question")
    services.mark_absent(
        room=c.room, by=c.trainer, seat=c.room.seats.get(member=c.members[0]), absent=True
    )
    act(c.room, c.facilitator, "turn_passed")
    act(c.room, c.proposer, "turn_passed")
    c.room.refresh_from_db()
    with pytest.raises(services.RoomError, match="Alleen"):
        services.pass_for_absent(room=c.room, by=c.members[1], seen=c.room.last_sequence)
    services.pass_for_absent(room=c.room, by=c.facilitator, seen=c.room.last_sequence)
    c.room.refresh_from_db()
    state = load_state(c.room.pk, c.room.last_sequence)
    assert state.whose_turn == f"m{c.members[1].pk}"


def test_the_facilitators_role_is_handed_on_between_rounds_only():
    c = make_room()
    act(c.room, c.proposer, "proposal_presented")
    act(c.room, c.facilitator, "round_started", round_kind="question")
    new = c.room.seats.get(member=c.members[0])
    with pytest.raises(services.RoomError, match="tussen de rondes"):
        services.hand_on_facilitation(room=c.room, by=c.trainer, seat=new)
    for person in c.everyone:
        act(c.room, person, "turn_passed")
    services.hand_on_facilitation(room=c.room, by=c.trainer, seat=new)
    # The new facilitator leads; the old one can no longer start a round.
    with pytest.raises(services.RoomError):
        act(c.room, c.facilitator, "round_started", round_kind="reaction")
    act(c.room, c.members[0], "round_started", round_kind="reaction")
    assert c.room.seats.get(member=c.facilitator).role == SeatRole.MEMBER


def test_pause_holds_every_action_until_resumed():
    c = make_room()
    services.pause(room=c.room, by=c.trainer)
    with pytest.raises(services.RoomError, match="gepauzeerd"):
        act(c.room, c.proposer, "proposal_presented")
    services.resume(room=c.room, by=c.trainer)
    act(c.room, c.proposer, "proposal_presented")
    with pytest.raises(services.RoomError, match="trainer"):
        services.pause(room=c.room, by=c.proposer)


def test_seating_is_checked():
    c = make_room(start=False)
    outsider = make_participant()
    with pytest.raises(services.RoomError, match="deelnemers"):
        services.set_circle(
            room=c.room,
            by=c.trainer,
            seats=[(c.facilitator, SeatRole.FACILITATOR), (outsider, SeatRole.PROPOSER)],
        )
    with pytest.raises(services.RoomError, match="gespreksleider"):
        services.set_circle(
            room=c.room,
            by=c.trainer,
            seats=[(c.facilitator, SeatRole.MEMBER), (c.proposer, SeatRole.PROPOSER)],
        )
    assert c.room.seats.count() == 5


def test_a_room_by_join_code():
    c = make_room(start=False)
    room = services.open_room(
        trainer=c.trainer, title="Zaal", with_join_code=True, brief=c.room.brief
    )
    stranger = make_participant()
    seat = services.join_with_code(code=room.join_code.lower(), user=stranger)
    assert seat.position == 1
    assert services.join_with_code(code=room.join_code, user=stranger) == seat
    with pytest.raises(services.RoomError, match="code"):
        services.join_with_code(code="XXXXXX", user=stranger)


def test_notes_are_the_trainers_and_closing_needs_the_trainer():
    c = make_room()
    with pytest.raises(services.RoomError):
        services.add_note(room=c.room, by=c.proposer, text="Goed", shared=True)
    note = services.add_note(room=c.room, by=c.trainer, text="Let op de volgorde", shared=False)
    assert note.after_sequence == 1
    services.close_room(room=c.room, by=c.trainer)
    c.room.refresh_from_db()
    assert c.room.status == RoomStatus.CLOSED
