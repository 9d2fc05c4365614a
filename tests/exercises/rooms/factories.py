"""Rooms for tests: a cohort of five with a trainer, seated, and a helper that plays a
whole consent decision through the services."""

from dataclasses import dataclass

from cohorts.models import Cohort
from cohorts.services.enrolment import enrol
from exercises.rooms import services
from exercises.rooms.models import Room, SeatRole
from tests.cohorts.factories import make_cohort, make_participant, make_trainer

BRIEF = {
    "driver": "Het plein wordt te weinig gebruikt; de gemeente vraagt ons om een plan.",
    "shared_aim": "Een levendige, veilige wijk voor alle bewoners.",
    "proposal": "Wij zetten op zaterdag een markt op het plein.",
}


@dataclass
class Circle:
    room: Room
    cohort: Cohort
    trainer: object
    facilitator: object
    proposer: object
    members: list

    @property
    def everyone(self) -> list:
        """Seating order."""
        return [self.facilitator, self.proposer, *self.members]


def make_room(*, members: int = 3, start: bool = True, **kwargs) -> Circle:
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer, min_participants=2, max_participants=8)
    people = [
        make_participant(first_name=n)
        for n in ["Fenna", "Piet", "Anna", "Bram", "Cas", "Dirk", "Eva", "Gijs"][: members + 2]
    ]
    for person in people:
        enrol(cohort=cohort, participant=person)
    room = services.open_room(
        trainer=trainer, title="Oefenkring", cohort=cohort, brief=BRIEF, **kwargs
    )
    roles = [SeatRole.FACILITATOR, SeatRole.PROPOSER] + [SeatRole.MEMBER] * members
    services.set_circle(room=room, by=trainer, seats=list(zip(people, roles, strict=True)))
    if start:
        services.start_meeting(room=room, by=trainer)
    room.refresh_from_db()
    return Circle(room, cohort, trainer, people[0], people[1], people[2:])


def act(room: Room, user, kind: str, **values):
    """`user` acts on the room's current sequence."""
    room.refresh_from_db()
    return services.act(room=room, user=user, kind=kind, values=values, seen=room.last_sequence)


def through_to_consent(c: Circle) -> None:
    """Presented, a question round (one question, answered), a reaction round, and the
    consent round started."""
    act(c.room, c.proposer, "proposal_presented")
    act(c.room, c.facilitator, "round_started", round_kind="question")
    for person in c.everyone:
        if person is c.members[0]:
            act(c.room, person, "question_asked", question="Wie ruimt op na de markt?")
        else:
            act(c.room, person, "turn_passed")
    act(c.room, c.proposer, "question_answered", asker=f"m{c.members[0].pk}", answer="De kramen.")
    act(c.room, c.facilitator, "round_started", round_kind="reaction")
    for person in c.everyone:
        act(c.room, person, "reaction_given", reaction="Goed idee.")
    act(c.room, c.facilitator, "round_started", round_kind="consent")


TEST_ANSWERS = {
    "aim": "Ja: de levendigheid van de wijk.",
    "harm": "Twee markten op één dag trekken elkaar leeg.",
    "preference": "Nee, geen voorkeur: het schaadt het doel.",
}


def to_testing(c: Circle) -> None:
    """Through the consent round, in which the first member objects: testing starts."""
    through_to_consent(c)
    objector = c.members[0]
    for person in c.everyone:
        if person is objector:
            act(
                c.room,
                person,
                "consent_answer_given",
                answer="objection",
                text="Zaterdag is er al een markt in het centrum; dat schaadt ons doel.",
            )
        else:
            act(c.room, person, "consent_answer_given", answer="consent")


def decide_with_one_objection(c: Circle) -> None:
    """The first member objects; the objection is tested with them, qualifies, is integrated
    in version 2; the second member keeps a concern; the decision is taken."""
    to_testing(c)
    objector, worrier = c.members[0], c.members[1]
    for question, answer in TEST_ANSWERS.items():
        act(c.room, c.facilitator, "test_question_asked", question=question)
        act(c.room, objector, "test_question_answered", question=question, answer=answer)
    act(
        c.room,
        c.facilitator,
        "objection_tested",
        verdict="qualified",
        reason="Het raakt de levendigheid van de wijk.",
    )
    act(c.room, objector, "amendment_suggested", text="Maak het de woensdag.")
    act(
        c.room,
        c.proposer,
        "proposal_amended",
        text="Wij zetten op woensdag een markt op het plein.",
        reason="Bezwaar van Anna",
    )
    act(c.room, c.facilitator, "round_started", round_kind="consent")
    for person in c.everyone:
        if person is worrier:
            act(c.room, person, "consent_answer_given", answer="concern", text="Let op het geluid.")
        else:
            act(c.room, person, "consent_answer_given", answer="consent")
    act(c.room, c.facilitator, "agreed", responsibilities="Piet: vergunning aanvragen")


def closing_round(c: Circle) -> None:
    act(c.room, c.facilitator, "round_started", round_kind="closing")
    for i, person in enumerate(c.everyone):
        act(c.room, person, "meeting_evaluated", rating=7 + i % 3, keep_or_change="Meer tempo.")


ROLE_BRIEF = {
    "role": "Gespreksleider van de buurtkring",
    "tasks": ["De vergaderingen voorbereiden", "De rondes leiden"],
    "qualities": ["Rustig", "Luistert goed"],
    "term_start": "2027-01-01",
    "term_end": "2027-12-31",
    "review_date": "2027-10-01",
}


@dataclass
class ElectionCircle:
    room: Room
    cohort: Cohort
    trainer: object
    facilitator: object
    members: list

    @property
    def everyone(self) -> list:
        """Seating order."""
        return [self.facilitator, *self.members]


def make_election(*, members: int = 4, start: bool = True) -> ElectionCircle:
    """An election room: a facilitator and `members` members (no proposer)."""
    trainer = make_trainer()
    cohort = make_cohort(trainer=trainer, min_participants=2, max_participants=8)
    people = [
        make_participant(first_name=n)
        for n in ["Fenna", "Piet", "Anna", "Bram", "Cas", "Dirk", "Eva", "Gijs"][: members + 1]
    ]
    for person in people:
        enrol(cohort=cohort, participant=person)
    room = services.open_room(
        trainer=trainer, title="Verkiezing", cohort=cohort, process="election", brief=ROLE_BRIEF
    )
    roles = [SeatRole.FACILITATOR] + [SeatRole.MEMBER] * members
    services.set_circle(room=room, by=trainer, seats=list(zip(people, roles, strict=True)))
    if start:
        services.start_meeting(room=room, by=trainer)
    room.refresh_from_db()
    return ElectionCircle(room, cohort, trainer, people[0], people[1:])


def nominate_and_give_reasons(e: ElectionCircle, nominee) -> None:
    """Everyone nominates `nominee` (one nominates themselves... or nobody), reasons round,
    change round in which everyone keeps their nomination."""
    act(e.room, e.facilitator, "round_started", round_kind="nomination")
    for person in e.everyone:
        act(e.room, person, "nomination_made", nominee=f"m{nominee.pk}")
    act(e.room, e.facilitator, "round_started", round_kind="reasons")
    for person in e.everyone:
        act(e.room, person, "reason_given", reason=f"{nominee.first_name} luistert goed.")
    act(e.room, e.facilitator, "round_started", round_kind="change")
    for person in e.everyone:
        act(e.room, person, "nomination_kept")


OBJECTION_TO_CANDIDATE = "Ik zie liever Bram; Piet heeft het al druk."
ELECTION_TEST_ANSWERS = {
    "aim": "Niet echt: de kring kan met Piet verder.",
    "harm": "Geen schade, ik vrees alleen dat hij het druk heeft.",
    "preference": "Ja, eigenlijk is het een voorkeur voor Bram.",
}


def elect_with_one_objection(e: ElectionCircle) -> None:
    """Piet is nominated, proposed and consented to; Anna objects (a preference, tested with
    her: no overwegend bezwaar, kept as a concern); Piet accepts."""
    candidate, objector = e.members[0], e.members[1]
    nominate_and_give_reasons(e, candidate)
    act(
        e.room,
        e.facilitator,
        "candidate_proposed",
        candidate=f"m{candidate.pk}",
        reason="Iedereen noemt dat hij goed luistert.",
    )
    act(e.room, e.facilitator, "round_started", round_kind="consent")
    e.room.refresh_from_db()
    order = [p for p in e.everyone if p is not candidate] + [candidate]
    for person in order:
        if person is objector:
            act(
                e.room,
                person,
                "consent_answer_given",
                answer="objection",
                text=OBJECTION_TO_CANDIDATE,
            )
        else:
            act(e.room, person, "consent_answer_given", answer="consent")
    # Tested with the objector and the circle: Bram asks, Anna answers, Cas adds his view.
    asker, other = e.members[2], e.members[3]
    for question, answer in ELECTION_TEST_ANSWERS.items():
        act(e.room, asker, "test_question_asked", question=question)
        act(e.room, objector, "test_question_answered", question=question, answer=answer)
    act(
        e.room,
        other,
        "test_question_answered",
        question="preference",
        answer="Voor mij klinkt het als een voorkeur.",
    )
    act(
        e.room,
        e.facilitator,
        "objection_tested",
        verdict="not_qualified",
        reason="Een voorkeur voor een ander is geen overwegend bezwaar.",
        keep_as_concern="1",
    )
    act(e.room, candidate, "candidate_accepted")
