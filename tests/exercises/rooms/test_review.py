"""The review of an agreement in a live room (DOMAIN.md, decision state 10): the trainer
takes the agreement the room reached (or that of an earlier room of the cohort) to its
review, the facilitator leads, the circle decides keep / amend / drop by consent; a
deferred review leaves the agreement in force. All through the engine's own events."""

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from cohorts.models import Enrolment, EnrolmentStatus
from exercises.consent import Phase
from exercises.rooms import selectors, services
from exercises.rooms.models import Room, RoomEvent
from exercises.rooms.state import load_state
from tests.exercises.rooms.factories import (
    act,
    closing_round,
    decide_with_one_objection,
    make_room,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)


def state_of(room: Room):
    room.refresh_from_db()
    return load_state(room.pk, room.last_sequence)


def agreed_room(**kwargs):
    c = make_room(**kwargs)
    decide_with_one_objection(c)
    return c


def open_review(c, today=TODAY):
    c.room.refresh_from_db()
    return services.open_review(room=c.room, by=c.trainer, seen=c.room.last_sequence, today=today)


def actions_of(c, user) -> set[str]:
    room = selectors.room_for(room_id=c.room.pk, user=user)
    return {a.kind for a in selectors.room_view(room=room, user=user).actions}


def review_round(c, answers=None):
    act(c.room, c.facilitator, "round_started", round_kind="review")
    for person in c.everyone:
        answer, text = (answers or {}).get(person.pk, ("consent", ""))
        act(c.room, person, "consent_answer_given", answer=answer, text=text)


def test_the_trainer_takes_the_agreement_to_review_as_on_its_review_date():
    c = agreed_room()
    review_date = state_of(c.room).agreement.review_date

    entry = open_review(c)

    assert entry.kind == "review_opened"
    assert entry.actor == c.trainer
    # Held now, as on the review date: the engine's rule (never early) still holds.
    assert entry.data["on"] == max(TODAY, review_date).isoformat()
    assert state_of(c.room).phase is Phase.REVIEW_DUE
    # The log names the trainer who took it to review, and the date it is held as on.
    room = selectors.room_for(room_id=c.room.pk, user=c.trainer)
    line = selectors.room_view(room=room, user=c.trainer).log[-1]
    assert line.who.startswith(c.trainer.first_name)
    assert line.text.startswith("gehouden alsof het")
    # The facilitator leads; any member may propose an outcome; nobody concludes yet.
    assert "review_proposed" in actions_of(c, c.facilitator)
    assert "review_proposed" in actions_of(c, c.members[1])
    assert "review_concluded" not in actions_of(c, c.facilitator)


def test_keep_by_consent_gives_the_agreement_a_new_review_date():
    c = agreed_room()
    open_review(c)
    review_date = state_of(c.room).agreement.review_date
    next_date = review_date + timedelta(days=180)
    act(
        c.room,
        c.members[1],
        "review_proposed",
        outcome="keep",
        next_review_date=next_date.isoformat(),
    )
    assert "review_concluded" not in actions_of(c, c.facilitator)
    review_round(c, {c.members[2].pk: ("concern", "Houd het geluid in de gaten.")})
    # Only once everyone has answered, and only what the circle consented to.
    assert "review_concluded" in actions_of(c, c.facilitator)
    act(c.room, c.facilitator, "review_concluded")

    state = state_of(c.room)
    assert state.phase is Phase.AGREED
    assert state.agreement.review_date == next_date
    minutes = selectors.minutes(room=c.room)
    assert minutes.reviews[0]["ending"] == "behouden met consent"
    assert minutes.reviews[0]["until"] == next_date
    assert minutes.reviews[0]["detail"].startswith("volgende evaluatie op")
    [(name, text)] = minutes.reviews[0]["proposals"][0]["concerns"]
    assert name.startswith("Cas") and text == "Houd het geluid in de gaten."
    assert minutes.decisions[-1]["kept_at_review"] is True
    room = selectors.room_for(room_id=c.room.pk, user=c.trainer)
    view = selectors.room_view(room=room, user=c.trainer)
    assert any("nieuwe evaluatiedatum" in line.text for line in view.log)


def test_an_objection_in_the_review_round_sends_the_circle_back_and_drop_ends_it():
    c = agreed_room()
    open_review(c)
    act(c.room, c.members[1], "review_proposed", outcome="drop")
    review_round(c, {c.members[0].pk: ("objection", "De markt loopt goed; schrappen schaadt.")})
    assert state_of(c.room).phase is Phase.REVIEW_DUE
    assert "review_concluded" not in actions_of(c, c.facilitator)

    act(c.room, c.members[0], "review_proposed", outcome="drop")
    review_round(c)
    act(c.room, c.facilitator, "review_concluded")

    state = state_of(c.room)
    assert state.phase is Phase.DROPPED
    assert state.policy_in_force is None
    review = selectors.minutes(room=c.room).reviews[0]
    assert review["ending"] == "geschrapt met consent"
    assert [len(p["objections"]) for p in review["proposals"]] == [1, 0]
    # The meeting can still close with a slotronde.
    closing_round(c)


def test_amend_at_review_is_a_new_version_that_goes_to_a_consent_round():
    c = agreed_room()
    open_review(c)
    version = state_of(c.room).version
    act(
        c.room,
        c.members[1],
        "review_proposed",
        outcome="amend",
        text="Wij zetten op woensdag én vrijdag een markt op het plein.",
    )
    state = state_of(c.room)
    assert state.phase is Phase.DECISION_FORMING
    assert state.version == version + 1
    act(c.room, c.facilitator, "round_started", round_kind="consent")
    for person in c.everyone:
        act(c.room, person, "consent_answer_given", answer="consent")
    act(c.room, c.facilitator, "agreed", responsibilities="Piet: vergunning aanpassen")
    state = state_of(c.room)
    assert state.phase is Phase.AGREED
    assert "vrijdag" in state.agreement.text
    ending = selectors.minutes(room=c.room).reviews[0]["ending"]
    assert ending.startswith("gewijzigd")


def test_a_deferred_review_leaves_the_agreement_in_force():
    c = agreed_room()
    open_review(c)
    agreement = state_of(c.room).agreement
    until = agreement.review_date + timedelta(days=60)
    labels = {
        a.kind: a.label
        for a in selectors.room_view(
            room=selectors.room_for(room_id=c.room.pk, user=c.facilitator), user=c.facilitator
        ).actions
    }
    assert labels["decision_deferred"] == "De evaluatie uitstellen"
    act(c.room, c.facilitator, "decision_deferred", owner="Piet", until=until.isoformat())
    state = state_of(c.room)
    assert state.phase is Phase.AGREED
    assert state.policy_in_force == agreement
    assert selectors.minutes(room=c.room).reviews[0]["until"] == until
    # Reviewable again later, from the day it was deferred to.
    entry = open_review(c)
    assert entry.data["on"] == until.isoformat()


def test_nothing_is_written_when_there_is_no_agreement_or_the_wrong_person_asks():
    c = make_room()
    c.room.refresh_from_db()
    before = c.room.last_sequence
    with pytest.raises(services.RoomError, match="Er is geen geldend besluit om te evalueren"):
        open_review(c)
    decide_with_one_objection(c)
    c.room.refresh_from_db()
    with pytest.raises(services.RoomError, match="Alleen de trainer"):
        services.open_review(room=c.room, by=c.facilitator, seen=c.room.last_sequence)
    with pytest.raises(services.StaleAction):
        services.open_review(room=c.room, by=c.trainer, seen=before)
    c.room.refresh_from_db()
    assert not RoomEvent.objects.filter(room=c.room, kind="review_opened").exists()
    # Nor can a member open the review as an action of their own.
    with pytest.raises(services.RoomError):
        act(c.room, c.facilitator, "review_opened", on=TODAY.isoformat())


def earlier_room_reviewed():
    first = agreed_room()
    closing_round(first)
    services.close_room(room=first.room, by=first.trainer)
    room = services.open_room(
        trainer=first.trainer,
        title="Evaluatie markt",
        cohort=first.cohort,
        review_of=first.room,
    )
    return first, room


def test_a_new_room_reviews_the_agreement_of_an_earlier_room_of_the_cohort():
    first, room = earlier_room_reviewed()
    seats = list(room.seats.order_by("position"))
    assert [s.member for s in seats] == first.everyone
    assert [s.role for s in seats] == [s.role for s in first.room.seats.order_by("position")]

    services.start_meeting(room=room, by=first.trainer, today=TODAY)

    state = state_of(room)
    assert state.phase is Phase.REVIEW_DUE
    assert state.agreement == state_of(first.room).agreement
    history = RoomEvent.objects.filter(room=first.room, engine=True).order_by("sequence")
    copied = RoomEvent.objects.filter(room=room).order_by("sequence")
    # The history as it was (who, when, what), then the review opened by the trainer.
    assert [(e.data, e.actor_id, e.created_at) for e in copied][:-1] == [
        (e.data, e.actor_id, e.created_at) for e in history
    ]
    assert copied.last().kind == "review_opened"
    first.room = room
    act(room, first.members[0], "review_proposed", outcome="drop")
    review_round(first)
    act(room, first.facilitator, "review_concluded")
    assert state_of(room).phase is Phase.DROPPED


def test_a_review_room_keeps_the_circle_that_made_the_agreement():
    first, room = earlier_room_reviewed()
    with pytest.raises(services.RoomError, match="de kring die het besluit nam"):
        services.set_circle(
            room=room,
            by=first.trainer,
            seats=[(first.facilitator, "facilitator"), (first.proposer, "proposer")],
        )
    assert room.seats.count() == len(first.everyone)
    # The same members in another order would not match the rounds' order either.
    reversed_circle = [(p, "member") for p in reversed(first.everyone)]
    reversed_circle[0] = (reversed_circle[0][0], "facilitator")
    reversed_circle[1] = (reversed_circle[1][0], "proposer")
    with pytest.raises(services.RoomError, match="in dezelfde volgorde"):
        services.set_circle(room=room, by=first.trainer, seats=reversed_circle)
    # The same circle with the roles handed out otherwise is fine.
    roles = ["member", "facilitator", "proposer"] + ["member"] * (len(first.everyone) - 3)
    services.set_circle(
        room=room, by=first.trainer, seats=list(zip(first.everyone, roles, strict=True))
    )


def test_only_an_agreement_in_force_of_the_same_cohort_can_be_reviewed():
    first = make_room()  # no agreement yet
    with pytest.raises(services.RoomError, match="geen geldend besluit"):
        services.open_room(
            trainer=first.trainer, title="Evaluatie", cohort=first.cohort, review_of=first.room
        )
    other = agreed_room()
    with pytest.raises(services.RoomError, match="uitvoering van de kamer"):
        services.open_room(
            trainer=first.trainer, title="Evaluatie", cohort=first.cohort, review_of=other.room
        )
    assert Room.objects.filter(title="Evaluatie").count() == 0


def test_the_review_shows_in_the_live_panel_projector_minutes_and_debrief(client):
    c = agreed_room()
    client.force_login(c.trainer)
    c.room.refresh_from_db()
    page = client.get(reverse("exercises:rooms:room", kwargs={"room_id": c.room.pk}))
    assert "Het besluit evalueren" in page.content.decode()
    response = client.post(
        reverse("exercises:rooms:control", kwargs={"room_id": c.room.pk}),
        {"control": "review", "seen": c.room.last_sequence},
    )
    assert response.status_code == 302
    act(c.room, c.members[1], "review_proposed", outcome="drop")
    page = client.get(
        reverse("exercises:rooms:room", kwargs={"room_id": c.room.pk})
    ).content.decode()
    assert 'id="review-proposal"' in page
    projector = client.get(reverse("exercises:rooms:projector", kwargs={"room_id": c.room.pk}))
    assert 'id="projector-review"' in projector.content.decode()
    review_round(c)
    act(c.room, c.facilitator, "review_concluded")
    debrief = client.get(reverse("exercises:rooms:debrief", kwargs={"room_id": c.room.pk}))
    assert "geschrapt met consent" in debrief.content.decode()
    pdf = client.get(reverse("exercises:rooms:minutes", kwargs={"room_id": c.room.pk}))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Evaluatie van het besluit" in text
    assert "geschrapt met consent" in text


def test_a_review_needs_every_member_of_that_circle_still_in_the_cohort():
    first = agreed_room()
    closing_round(first)
    services.close_room(room=first.room, by=first.trainer)
    # Having completed the course does not keep anyone out of the review ...
    Enrolment.objects.filter(cohort=first.cohort, participant=first.members[0]).update(
        status=EnrolmentStatus.COMPLETED
    )
    services.open_room(
        trainer=first.trainer, title="Evaluatie 1", cohort=first.cohort, review_of=first.room
    )
    # ... having left the cohort does: nobody is seated who could not be.
    Enrolment.objects.filter(cohort=first.cohort, participant=first.members[1]).update(
        status=EnrolmentStatus.CANCELLED
    )
    with pytest.raises(services.RoomError, match="doet nog mee aan deze uitvoering"):
        services.open_room(
            trainer=first.trainer, title="Evaluatie 2", cohort=first.cohort, review_of=first.room
        )
    assert not Room.objects.filter(title="Evaluatie 2").exists()
