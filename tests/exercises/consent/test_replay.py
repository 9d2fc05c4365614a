"""Replay and serialisation: stored events rebuild any moment of the process."""

import json
from datetime import date, datetime, timedelta

import pytest

from exercises.consent import (
    EVENT_TYPES,
    Agreed,
    AmendmentSuggested,
    CandidateAccepted,
    CandidateDeclined,
    CandidateProposed,
    CheckedIn,
    ConsentAnswer,
    ConsentAnswerGiven,
    DecisionDeferred,
    DecisionReferred,
    DriverChecked,
    Event,
    MeetingEvaluated,
    Method,
    NoElection,
    NominationChanged,
    NominationKept,
    NominationMade,
    ObjectionTested,
    ObjectionWithdrawn,
    ProcessError,
    ProposalAmended,
    ProposalPresented,
    ProposalWithdrawn,
    QuestionAnswered,
    QuestionAsked,
    ReactionGiven,
    ReasonGiven,
    Responsibility,
    ReviewConcluded,
    ReviewOpened,
    ReviewOutcome,
    ReviewProposed,
    RoleAmended,
    RoundKind,
    RoundStarted,
    TestQuestion,
    TestQuestionAnswered,
    TestQuestionAsked,
    TurnPassed,
    Verdict,
    event_from_dict,
    replay,
)

from .scenarios import (
    AT,
    FACILITATOR,
    PROPOSER,
    all_consent,
    events_of,
    in_consent_round,
    in_election_consent_round,
    prepared_event,
    role_defined_event,
    run,
)

SAMPLES: list[Event] = [
    prepared_event(method=Method.S3, rotate_start=True),
    role_defined_event(facilitator_answers_last=False),
    DriverChecked(actor="dirk", at=AT),
    ProposalPresented(actor="anna"),
    RoundStarted(actor="dirk", round_kind=RoundKind.CONSENT, start_with="bert"),
    QuestionAsked(actor="bert", question="Wie houdt de tijd bij?"),
    QuestionAnswered(actor="anna", asker="bert", answer="Om de beurt."),
    ReactionGiven(actor="carla", reaction="Goed plan."),
    TurnPassed(actor="carla", at=datetime(2026, 1, 15, 19, 30, tzinfo=None)),
    ProposalAmended(actor="anna", text="v2", reason="Bert's objection."),
    ConsentAnswerGiven(actor="bert", answer=ConsentAnswer.OBJECTION, text="Harms the aim."),
    ObjectionTested(
        actor="dirk",
        objector="bert",
        verdict=Verdict.NOT_QUALIFIED,
        keep_as_concern=True,
        reason="A preference.",
    ),
    AmendmentSuggested(actor="bert", text="Only long meetings."),
    ProposalWithdrawn(actor="anna", reason="Obsolete."),
    DecisionDeferred(actor="dirk", owner="carla", until=date(2026, 3, 1), on=date(2026, 1, 15)),
    Agreed(
        actor="dirk",
        decided_on=date(2026, 1, 15),
        responsibilities=(Responsibility("carla", "Rota"),),
        review_date=date(2026, 6, 1),
    ),
    ReviewOpened(actor="dirk", on=date(2026, 6, 1)),
    ReviewConcluded(actor="dirk", outcome=ReviewOutcome.KEEP, next_review_date=date(2027, 1, 1)),
    NominationMade(actor="anna", nominee=None),
    ReasonGiven(actor="anna", reason="Careful."),
    NominationChanged(actor="anna", nominee="bert", reason="Convinced."),
    NominationKept(actor="bert"),
    CandidateProposed(actor="dirk", candidate="carla", reason="Careful."),
    RoleAmended(actor="dirk", term_end=date(2026, 8, 1), tasks=("Minutes",), reason="Shorter."),
    CandidateAccepted(actor="carla"),
    CandidateDeclined(actor="carla", reason="No time."),
    NoElection(actor="dirk"),
    CheckedIn(actor="anna", text="Goed uitgerust."),
    MeetingEvaluated(actor="bert", rating=8, keep_or_change="Keep the rounds short."),
    TestQuestionAsked(actor="carla", objector="bert", question=TestQuestion.HARM),
    TestQuestionAnswered(
        actor="bert", objector="bert", question=TestQuestion.HARM, answer="It costs time."
    ),
    ObjectionWithdrawn(actor="bert", keep_as_concern=True),
    DecisionReferred(actor="dirk", to_circle="Algemene kring", reason="Budget is theirs."),
    ReviewProposed(actor="bert", outcome=ReviewOutcome.AMEND, text="v3"),
]


def through_json(event: Event) -> Event:
    return event_from_dict(json.loads(json.dumps(event.to_dict())))


def test_the_samples_cover_every_event_kind() -> None:
    assert {event.kind for event in SAMPLES} == set(EVENT_TYPES)


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: e.kind)
def test_every_event_survives_a_json_round_trip(event: Event) -> None:
    data = event.to_dict()

    assert data["kind"] == event.kind
    assert through_json(event) == event


def test_dates_are_stored_as_iso_strings() -> None:
    event = ReviewOpened(actor="dirk", on=date(2026, 6, 1), at=datetime(2026, 6, 1, 20, 0))

    assert event.to_dict() == {
        "kind": "review_opened",
        "actor": "dirk",
        "at": "2026-06-01T20:00:00",
        "on": "2026-06-01",
    }


def test_aware_timestamps_survive_a_round_trip() -> None:
    from datetime import timezone

    event = TurnPassed(
        actor="anna", at=datetime(2026, 1, 1, 9, tzinfo=timezone(timedelta(hours=1)))
    )

    assert through_json(event) == event


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ProcessError) as caught:
        event_from_dict({"kind": "vote_cast", "actor": "anna"})

    assert caught.value.code == "unknown_event_kind"


def test_a_malformed_event_is_refused() -> None:
    with pytest.raises(ProcessError) as caught:
        event_from_dict({"kind": "review_opened", "actor": "dirk", "on": "not a date"})

    assert caught.value.code == "malformed_event"


def test_a_missing_field_is_refused() -> None:
    with pytest.raises(ProcessError) as caught:
        event_from_dict({"kind": "question_asked", "actor": "anna"})

    assert caught.value.code == "malformed_event"


def test_replay_rebuilds_a_decision() -> None:
    state = run(
        all_consent(in_consent_round()), Agreed(actor=FACILITATOR, decided_on=date(2026, 1, 15))
    )

    assert replay(events_of(state)) == state
    assert replay(through_json(e) for e in events_of(state)) == state


def test_replay_rebuilds_any_earlier_moment() -> None:
    state = all_consent(in_consent_round())
    events = events_of(state)

    earlier = replay(events[:-2])

    assert earlier.open_members == ("carla", FACILITATOR)
    assert earlier.log == state.log[:-2]


def test_replay_rebuilds_an_election() -> None:
    state = in_election_consent_round("carla")

    assert replay(through_json(e) for e in events_of(state)) == state


def test_replay_needs_events() -> None:
    with pytest.raises(ProcessError) as caught:
        replay([])

    assert caught.value.code == "no_events"


def test_replay_starts_with_a_start_event() -> None:
    with pytest.raises(ProcessError) as caught:
        replay([ProposalPresented(actor=PROPOSER)])

    assert caught.value.code == "not_a_start_event"


def test_replay_stops_at_a_refused_event() -> None:
    events = [prepared_event(), QuestionAsked(actor="anna", question="Too early?")]

    with pytest.raises(ProcessError) as caught:
        replay(events)

    assert caught.value.code == "wrong_phase"
