"""Consent decision, steps 1-2: prepared and presented, and the S3 driver check."""

from dataclasses import FrozenInstanceError, replace

import pytest

from exercises.consent import (
    ConsentAnswer,
    DecisionState,
    DriverChecked,
    Method,
    NominationMade,
    Phase,
    ProcessError,
    ProposalPresented,
    ReactionGiven,
    RoundKind,
    start,
)

from .scenarios import (
    AT,
    CIRCLE,
    FACILITATOR,
    PROPOSER,
    REVIEW_DATE,
    answer,
    prepared,
    prepared_event,
    presented,
    refuse,
    run,
    start_round,
)


def test_prepared_fixes_circle_roles_and_version_one() -> None:
    state = prepared()

    assert state.phase is Phase.PREPARED
    assert state.circle == CIRCLE
    assert (state.facilitator, state.proposer) == (FACILITATOR, PROPOSER)
    assert state.version == 1
    assert state.proposal == "Every meeting has a timekeeper, rotating in seating order."
    assert state.text_of(1) == state.proposal
    assert state.driver.startswith("Meetings overrun")
    assert state.shared_aim.startswith("Run a lively")
    assert state.proposed_review_date == REVIEW_DATE
    assert state.whose_turn is None
    assert state.open_members == ()


def test_prepared_is_the_first_log_entry() -> None:
    (entry,) = prepared().log

    assert (entry.kind, entry.actor, entry.version, entry.at) == (
        "decision_prepared",
        PROPOSER,
        1,
        AT,
    )


def test_state_is_immutable() -> None:
    state = prepared()

    with pytest.raises(FrozenInstanceError):
        state.phase = Phase.AGREED  # type: ignore[misc]
    assert isinstance(state.circle, tuple)
    assert isinstance(state.log, tuple)


def test_circle_given_as_list_is_frozen_to_a_tuple() -> None:
    event = replace(prepared_event(), circle=list(CIRCLE))  # type: ignore[arg-type]

    assert start(event).circle == CIRCLE


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"circle": ()}, "circle_empty"),
        ({"circle": ("anna", " ")}, "member_id_blank"),
        ({"circle": ("anna", "bert", "anna")}, "circle_has_duplicates"),
        ({"facilitator": ""}, "facilitator_missing"),
        ({"proposer": " "}, "proposer_missing"),
        ({"driver": ""}, "driver_empty"),
        ({"shared_aim": "  "}, "shared_aim_empty"),
        ({"proposal": ""}, "proposal_empty"),
    ],
)
def test_incomplete_preparation_is_refused(changes: dict[str, object], code: str) -> None:
    with pytest.raises(ProcessError) as caught:
        start(replace(prepared_event(), **changes))  # type: ignore[arg-type]

    assert caught.value.code == code


def test_proposer_presents() -> None:
    state = run(prepared(), ProposalPresented(actor=PROPOSER))

    assert state.phase is Phase.PRESENTED


def test_only_the_proposer_presents() -> None:
    refuse(prepared(), ProposalPresented(actor="bert"), "only_proposer")


def test_presenting_twice_is_refused() -> None:
    refuse(presented(), ProposalPresented(actor=PROPOSER), "wrong_phase")


def test_preparing_again_is_refused() -> None:
    refuse(presented(), prepared_event(), "already_started")


def test_election_events_are_not_part_of_a_decision() -> None:
    refuse(prepared(), NominationMade(actor="anna", nominee="bert"), "event_not_for_process")


@pytest.mark.parametrize(
    "event",
    [
        start_round(RoundKind.QUESTION),
        start_round(RoundKind.REACTION),
        start_round(RoundKind.CONSENT),
        answer("anna", ConsentAnswer.CONSENT),
        ReactionGiven(actor="anna", reaction="Fine."),
    ],
)
def test_skipping_the_presentation_is_refused(event: object) -> None:
    error = refuse(prepared(), event, "wrong_phase")  # type: ignore[arg-type]

    assert "prepared phase" in str(error)


def test_s3_needs_the_driver_checked_before_presenting() -> None:
    error = refuse(
        prepared(method=Method.S3), ProposalPresented(actor=PROPOSER), "driver_not_checked"
    )

    assert "driver" in str(error)


def test_s3_presents_after_the_circle_checked_the_driver() -> None:
    state = run(
        prepared(method=Method.S3),
        DriverChecked(actor=FACILITATOR),
        ProposalPresented(actor=PROPOSER),
    )

    assert state.driver_checked
    assert state.phase is Phase.PRESENTED


def test_skm_needs_no_driver_check_but_allows_one() -> None:
    assert not prepared().settings.requires_driver_check
    state = run(prepared(), DriverChecked(actor=FACILITATOR), ProposalPresented(actor=PROPOSER))

    assert state.phase is Phase.PRESENTED


def test_the_facilitator_checks_the_driver() -> None:
    refuse(prepared(method=Method.S3), DriverChecked(actor="bert"), "only_facilitator")


def test_the_driver_is_checked_once() -> None:
    state = run(prepared(method=Method.S3), DriverChecked(actor=FACILITATOR))

    refuse(state, DriverChecked(actor=FACILITATOR), "driver_already_checked")


def test_the_driver_is_checked_before_presenting() -> None:
    refuse(presented(method=Method.S3), DriverChecked(actor=FACILITATOR), "wrong_phase")


def test_a_fresh_decision_cannot_be_agreed() -> None:
    state: DecisionState = prepared()

    assert not state.can_agree
    assert state.why_not_agreed == "No consent round has been held on version 1."
