"""The new-room form for an election (DOMAIN.md election state 1): role, at least one task
and one quality, a term that starts before it ends, a review date within or after the
term. Bad input is refused with a Dutch message on its field and nothing is written."""

import pytest
from django.urls import reverse
from django.utils import timezone

from exercises.consent import ElectionState
from exercises.rooms import selectors, services
from exercises.rooms.models import Room
from exercises.rooms.state import load_state
from tests.exercises.rooms.factories import (
    ROLE_BRIEF,
    elect_with_one_objection,
    make_election,
    make_room,
)

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "Verkiezing",
    "process": "election",
    "role": "Gespreksleider van de buurtkring",
    "tasks": "De vergaderingen voorbereiden\nDe rondes leiden",
    "qualities": "Rustig\nLuistert goed",
    "term_start": "2027-01-01",
    "term_end": "2027-12-31",
    "review_date": "2027-10-01",
}


@pytest.fixture
def trainer_client(client):
    c = make_room(start=False)
    client.force_login(c.trainer)
    client.cohort = c.cohort
    return client


def post(client, **changes):
    data = {**GOOD, "cohort": client.cohort.pk, **changes}
    return client.post(reverse("exercises:rooms:new"), data)


def test_the_form_offers_role_tasks_qualities_term_and_review_date(trainer_client):
    page = trainer_client.get(reverse("exercises:rooms:new")).content.decode()
    for label in ("termijn begint op", "termijn eindigt op", "evaluatiedatum van de verkiezing"):
        assert label in page
    assert 'type="date"' in page
    # Filled in already (a term of a year from today), so an election needs no typing there.
    today = timezone.localdate()
    assert f'name="term_start" value="{today.isoformat()}"' in page


def test_an_election_room_keeps_the_term_and_review_date(trainer_client):
    response = post(trainer_client)
    room = Room.objects.get(title="Verkiezing")
    assert response.status_code == 302
    assert room.brief["term_start"] == "2027-01-01"
    assert room.brief["term_end"] == "2027-12-31"
    assert room.brief["review_date"] == "2027-10-01"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"term_end": "2026-12-31"}, "term_end", "De termijn moet eindigen na de begindatum."),
        ({"term_end": "2027-01-01"}, "term_end", "De termijn moet eindigen na de begindatum."),
        (
            {"review_date": "2026-06-01"},
            "review_date",
            "De evaluatiedatum moet binnen de termijn of erna liggen.",
        ),
        ({"term_start": ""}, "term_start", "Vul de datum in."),
        ({"review_date": ""}, "review_date", "Vul de datum in."),
        ({"term_end": "31-31-2027"}, "term_end", "Vul een geldige datum in."),
        ({"tasks": "  \n "}, "tasks", "Geef de rol minstens één taak."),
        ({"qualities": ""}, "qualities", "Noem minstens één kwaliteit die de rol vraagt."),
        ({"role": " "}, "role", "Beschrijf de rol waarvoor iemand gekozen wordt."),
    ],
)
def test_bad_input_gets_a_dutch_message_and_no_room(trainer_client, changes, field, message):
    response = post(trainer_client, **changes)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert not Room.objects.filter(title="Verkiezing").exists()


def test_a_decision_room_does_not_need_the_election_fields(trainer_client):
    response = post(
        trainer_client,
        process="decision",
        term_end="",
        review_date="",
        driver="Het plein is leeg.",
        shared_aim="Een levendige wijk.",
        proposal="Een markt op zaterdag.",
    )
    assert response.status_code == 302
    assert "term_end" not in Room.objects.get(title="Verkiezing").brief


def test_the_election_uses_the_term_and_review_date():
    e = make_election(members=2)
    e.room.refresh_from_db()
    state = load_state(e.room.pk, e.room.last_sequence)
    assert isinstance(state, ElectionState)
    assert state.role.term_start.isoformat() == ROLE_BRIEF["term_start"]
    assert state.role.review_date.isoformat() == ROLE_BRIEF["review_date"]


def test_the_service_refuses_a_term_that_ends_before_it_starts():
    e = make_election(members=2, start=False)
    with pytest.raises(services.RoomError, match="De termijn moet eindigen"):
        services.open_room(
            trainer=e.trainer,
            title="Verkeerd",
            cohort=e.cohort,
            process="election",
            brief={**ROLE_BRIEF, "term_end": "2026-01-01"},
        )
    with pytest.raises(services.RoomError, match="binnen de termijn of erna"):
        services.open_room(
            trainer=e.trainer,
            title="Verkeerd",
            cohort=e.cohort,
            process="election",
            brief={**ROLE_BRIEF, "review_date": "2026-01-01"},
        )
    assert not Room.objects.filter(title="Verkeerd").exists()


def test_the_minutes_show_the_term_and_review_date_of_the_election():
    e = make_election()
    elect_with_one_objection(e)
    e.room.refresh_from_db()
    minutes = selectors.minutes(room=e.room)
    [decision] = minutes.decisions
    assert [d.isoformat() for d in decision["term"]] == ["2027-01-01", "2027-12-31"]
    assert decision["review_date"].isoformat() == ROLE_BRIEF["review_date"]


def test_the_rooms_to_review_take_the_same_queries_for_2_or_40_rooms(
    trainer_client, django_assert_max_num_queries
):
    from exercises.rooms.models import Room as RoomModel

    trainer = trainer_client.cohort.trainers.first()

    def add(n):
        RoomModel.objects.bulk_create(
            RoomModel(
                title=f"Kamer {i}",
                trainer=trainer,
                cohort=trainer_client.cohort,
                last_sequence=3,
                revision=3,
            )
            for i in range(n)
        )

    add(2)
    with django_assert_max_num_queries(40) as few:
        page = trainer_client.get(reverse("exercises:rooms:new"))
    assert "Kamer 1 · " in page.content.decode()
    add(38)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = trainer_client.get(reverse("exercises:rooms:new"))
    assert page.content.decode().count("Kamer ") >= 40


def test_the_room_shows_the_term_and_review_date_before_and_after_the_start(client):
    e = make_election(members=2, start=False)
    client.force_login(e.members[0])
    url = reverse("exercises:rooms:room", kwargs={"room_id": e.room.pk})
    assert "01-01-2027 – 31-12-2027" in client.get(url).content.decode()
    services.start_meeting(room=e.room, by=e.trainer)
    page = client.get(url).content.decode()
    assert "01-01-2027 – 31-12-2027" in page
    assert "01-10-2027" in page
