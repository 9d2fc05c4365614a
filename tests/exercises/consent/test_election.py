"""Sociocratic election: role, nomination, reasons, change, proposal, consent, resolve."""

from dataclasses import replace
from datetime import date

import pytest

from exercises.consent import (
    CandidateAccepted,
    CandidateDeclined,
    CandidateProposed,
    ConsentAnswer,
    ElectionPhase,
    NoElection,
    Nomination,
    NominationChanged,
    NominationKept,
    NominationMade,
    ObjectionTested,
    ProcessError,
    QuestionAsked,
    ReasonGiven,
    RoleAmended,
    RoundKind,
    Verdict,
    start,
)

from .scenarios import (
    CIRCLE,
    FACILITATOR,
    NOMINEES,
    ROLE_END,
    ROLE_START,
    answer,
    candidate_proposed,
    changes_done,
    in_election_consent_round,
    nominated,
    put_test_questions,
    refuse,
    role_defined,
    role_defined_event,
    run,
    start_round,
)


def propose(candidate: str, reason: str = "Clear reasons were given.") -> CandidateProposed:
    return CandidateProposed(actor=FACILITATOR, candidate=candidate, reason=reason)


def objected(candidate: str = "carla", objector: str = "anna"):
    """The consent round on `candidate` done; `objector`'s objection tested and qualified."""
    state = in_election_consent_round(candidate)
    for member in state.current_round.order:
        kind = ConsentAnswer.OBJECTION if member == objector else ConsentAnswer.CONSENT
        state = run(state, answer(member, kind, "Term too long." if member == objector else ""))
    assert state.phase is ElectionPhase.TEST_OBJECTION
    verdict = ObjectionTested(
        actor=FACILITATOR,
        objector=objector,
        verdict=Verdict.QUALIFIED,
        reason="A year is longer than the logbook project runs.",
    )
    return run(state, *put_test_questions(objector, member="bert"), verdict)


# Role defined


def test_role_defined_fixes_role_term_and_circle() -> None:
    state = role_defined()

    assert state.phase is ElectionPhase.ROLE_DEFINED
    assert state.role.name == "Secretary"
    assert state.role.tasks == ("Keep the logbook", "Send the minutes")
    assert (state.role.term_start, state.role.term_end) == (ROLE_START, ROLE_END)
    assert state.role.qualities == ("Accurate", "Writes clearly")
    assert state.circle == CIRCLE


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"role": " "}, "role_name_empty"),
        ({"term_end": ROLE_START}, "term_ends_before_start"),
        ({"circle": ()}, "circle_empty"),
        ({"facilitator": ""}, "facilitator_missing"),
    ],
)
def test_an_incomplete_role_is_refused(changes: dict[str, object], code: str) -> None:
    with pytest.raises(ProcessError) as caught:
        start(replace(role_defined_event(), **changes))  # type: ignore[arg-type]

    assert caught.value.code == code


def test_decision_events_are_not_part_of_an_election() -> None:
    refuse(role_defined(), QuestionAsked(actor="anna", question="?"), "event_not_for_process")


def test_decision_rounds_are_not_part_of_an_election() -> None:
    refuse(role_defined(), start_round(RoundKind.QUESTION), "round_kind_not_in_process")


def test_defining_the_role_again_is_refused() -> None:
    refuse(role_defined(), role_defined_event(), "already_started")


# Nomination


def test_nominations_are_hidden_until_everyone_has_nominated() -> None:
    state = run(
        role_defined(),
        start_round(RoundKind.NOMINATION),
        NominationMade(actor="bert", nominee="carla"),
        NominationMade(actor="anna", nominee="anna"),  # oneself
    )

    assert state.phase is ElectionPhase.NOMINATION
    assert state.nominated_members == ("bert", "anna")
    assert state.open_members == ("carla", "dirk")
    assert state.nominations == ()
    assert state.current_nominations == ()
    assert "sealed_nominations" not in repr(state)
    assert all(e.kind != "nomination_made" for e in state.public_log)


def test_nominations_show_once_complete_signed_and_in_seating_order() -> None:
    state = nominated()

    assert state.nominations == tuple(Nomination(m, n) for m, n in NOMINEES.items())
    assert state.nominees == ("carla", "bert")
    assert state.public_log == state.log


def test_nominations_need_no_order_but_one_each() -> None:
    state = run(role_defined(), start_round(RoundKind.NOMINATION))
    assert state.whose_turn is None

    state = run(state, NominationMade(actor="dirk", nominee=None))  # nobody

    refuse(state, NominationMade(actor="dirk", nominee="anna"), "already_had_turn")
    refuse(state, NominationMade(actor="eve", nominee="anna"), "not_a_member")
    refuse(state, NominationMade(actor="anna", nominee=" "), "nominee_blank")


def test_nominating_before_the_round_is_refused() -> None:
    refuse(role_defined(), NominationMade(actor="anna", nominee="bert"), "wrong_phase")


# Reasons and change rounds


def test_reasons_round_waits_for_all_nominations() -> None:
    state = run(role_defined(), start_round(RoundKind.NOMINATION))

    refuse(state, start_round(RoundKind.REASONS), "round_not_complete")


def test_reasons_round_goes_in_order_and_needs_reasons() -> None:
    state = run(nominated(), start_round(RoundKind.REASONS))

    assert state.whose_turn == "anna"
    refuse(state, ReasonGiven(actor="bert", reason="Careful."), "not_your_turn")
    refuse(state, ReasonGiven(actor="anna", reason=""), "reason_required")
    state = run(state, ReasonGiven(actor="anna", reason="Carla writes clearly."))
    assert state.reasons[0].text == "Carla writes clearly."


def test_change_round_cannot_skip_the_reasons_round() -> None:
    refuse(nominated(), start_round(RoundKind.CHANGE), "wrong_phase")


def in_change_round():
    state = run(nominated(), start_round(RoundKind.REASONS))
    state = run(state, *(ReasonGiven(actor=m, reason="Careful.") for m in CIRCLE))
    return run(state, start_round(RoundKind.CHANGE))


def test_each_may_change_their_nomination_and_says_why() -> None:
    state = run(
        in_change_round(),
        NominationKept(actor="anna"),
        NominationChanged(actor="bert", nominee="anna", reason="Anna's reasons convinced me."),
    )

    current = {n.member: n.nominee for n in state.current_nominations}
    assert current["bert"] == "anna"
    assert state.nominations[1].nominee == "carla"  # the first nomination is kept
    assert state.nominees == ("carla", "anna", "bert")


def test_a_change_needs_a_reason_and_a_different_nominee() -> None:
    state = run(in_change_round(), NominationKept(actor="anna"), NominationKept(actor="bert"))
    state = run(state, NominationKept(actor="carla"))

    refuse(
        state,
        NominationChanged(actor="dirk", nominee=None, reason="Hm."),
        "nomination_unchanged_nobody",
    )
    state = run(in_change_round(), NominationKept(actor="anna"))

    refuse(state, NominationChanged(actor="bert", nominee="anna", reason=""), "change_needs_reason")
    refuse(
        state,
        NominationChanged(actor="bert", nominee="carla", reason="Hm."),
        "nomination_unchanged",
    )


# Proposal


def test_the_facilitator_proposes_a_nominee_with_reasons() -> None:
    state = candidate_proposed("carla")

    assert state.phase is ElectionPhase.PROPOSAL
    assert state.candidate == "carla"
    assert state.candidacies[0].reason == "Most careful."
    assert state.open_members == ("anna", "bert", FACILITATOR, "carla")


def test_proposing_waits_for_the_change_round() -> None:
    refuse(in_change_round(), propose("carla"), "round_not_complete")


def test_proposing_cannot_skip_the_rounds() -> None:
    refuse(nominated(), propose("carla"), "wrong_phase")


def test_proposal_rests_on_reasons() -> None:
    refuse(changes_done(), propose("carla", reason=""), "proposal_needs_reasons")


def test_the_candidate_must_have_been_nominated() -> None:
    refuse(changes_done(), propose("anna"), "candidate_not_nominated")


def test_only_the_facilitator_proposes() -> None:
    event = CandidateProposed(actor="bert", candidate="carla", reason="Careful.")

    refuse(changes_done(), event, "only_facilitator")


def test_one_proposal_at_a_time() -> None:
    refuse(candidate_proposed("carla"), propose("bert"), "candidate_already_proposed")


# Consent round


def test_the_candidate_answers_last_after_the_facilitator() -> None:
    state = in_election_consent_round("carla")

    assert state.phase is ElectionPhase.CONSENT
    assert state.current_round.order == ("anna", "bert", FACILITATOR, "carla")


def test_the_candidate_answers_last_even_when_the_facilitator_answers_in_turn() -> None:
    state = in_election_consent_round("bert", facilitator_answers_last=False)

    assert state.current_round.order == ("anna", "carla", FACILITATOR, "bert")


def test_the_candidate_cannot_start_the_round() -> None:
    refuse(
        candidate_proposed("carla"),
        start_round(RoundKind.CONSENT, "carla"),
        "start_with_answers_last",
    )


def test_an_objection_to_a_candidate_needs_an_argument() -> None:
    refuse(
        in_election_consent_round(),
        answer("anna", ConsentAnswer.OBJECTION),
        "objection_needs_argument",
    )


def test_the_candidate_accepts_once_all_have_consented() -> None:
    state = in_election_consent_round("carla")
    state = run(state, *(answer(m) for m in state.current_round.order[:-1]))

    error = refuse(state, CandidateAccepted(actor="carla"), "members_open")
    assert "carla" in str(error)

    state = run(state, answer("carla"))
    assert state.can_elect
    refuse(state, CandidateAccepted(actor="bert"), "only_candidate")

    state = run(state, CandidateAccepted(actor="carla"))
    assert state.phase is ElectionPhase.ELECTED
    assert state.result.person == "carla"
    assert state.result.role == state.role
    assert state.result.review_date == ROLE_END  # no review date given: end of term
    refuse(state, CandidateAccepted(actor="carla"), "already_elected")


def test_the_review_date_of_the_role_is_recorded() -> None:
    event = replace(role_defined_event(), review_date=date(2026, 8, 1))
    state = run(start(event), start_round(RoundKind.NOMINATION))
    state = run(state, *(NominationMade(actor=m, nominee="carla") for m in CIRCLE))
    state = run(state, start_round(RoundKind.REASONS))
    state = run(state, *(ReasonGiven(actor=m, reason="Careful.") for m in CIRCLE))
    state = run(state, start_round(RoundKind.CHANGE))
    state = run(state, *(NominationKept(actor=m) for m in CIRCLE), propose("carla"))
    state = run(state, start_round(RoundKind.CONSENT))
    state = run(state, *(answer(m) for m in state.current_round.order))

    state = run(state, CandidateAccepted(actor="carla"))

    assert state.result.review_date == date(2026, 8, 1)


def test_accepting_before_a_consent_round_is_refused() -> None:
    refuse(
        candidate_proposed("carla"),
        CandidateAccepted(actor="carla"),
        "no_consent_round_on_candidate",
    )
    refuse(changes_done(), CandidateAccepted(actor="carla"), "no_candidate")


# Resolve


def test_an_objection_leads_to_resolve_and_blocks() -> None:
    state = objected()

    assert state.phase is ElectionPhase.RESOLVE
    assert [o.member for o in state.objections] == ["anna"]
    refuse(state, CandidateAccepted(actor="carla"), "objection_stands")


def test_resolve_by_proposing_another_candidate() -> None:
    state = run(objected(), propose("bert"))

    assert state.phase is ElectionPhase.PROPOSAL
    assert state.candidate == "bert"
    assert state.version == 2
    assert state.answers == ()  # consent to the earlier proposal lapsed
    assert state.objections == ()


def test_resolve_cannot_propose_the_same_candidate_unchanged() -> None:
    refuse(objected(), propose("carla"), "same_candidate_without_change")


def test_resolve_by_amending_the_role_then_proposing_again() -> None:
    amend = RoleAmended(actor=FACILITATOR, term_end=date(2026, 8, 1), reason="Shorter term.")

    state = run(objected(), amend)

    assert state.phase is ElectionPhase.PROPOSAL
    assert state.candidate is None
    assert state.role.term_end == date(2026, 8, 1)
    assert state.role.version == 2
    assert state.roles[0].term_end == ROLE_END

    state = run(state, propose("carla"), start_round(RoundKind.CONSENT))
    state = run(state, *(answer(m) for m in state.current_round.order))
    state = run(state, CandidateAccepted(actor="carla"))
    assert state.result.role.term_end == date(2026, 8, 1)
    assert state.candidacies[-1].role_version == 2


def test_an_amended_role_must_change_and_keep_a_valid_term() -> None:
    refuse(objected(), RoleAmended(actor=FACILITATOR), "role_unchanged")
    refuse(
        objected(), RoleAmended(actor=FACILITATOR, term_end=ROLE_START), "term_ends_before_start"
    )
    refuse(objected(), RoleAmended(actor="anna", tasks=()), "only_facilitator")


def test_the_candidate_may_decline() -> None:
    state = run(candidate_proposed("carla"), CandidateDeclined(actor="carla", reason="No time."))

    assert state.phase is ElectionPhase.PROPOSAL
    assert state.candidate is None
    refuse(state, CandidateDeclined(actor="carla"), "no_candidate")
    assert run(state, propose("bert")).candidate == "bert"


def test_only_the_candidate_declines() -> None:
    refuse(candidate_proposed("carla"), CandidateDeclined(actor="bert"), "only_candidate")


def test_no_election_when_nobody_fits() -> None:
    state = run(objected(), NoElection(actor=FACILITATOR, reason="Nobody has the time."))

    assert state.phase is ElectionPhase.NO_ELECTION
    assert state.closing_reason == "Nobody has the time."
    refuse(state, propose("bert"), "wrong_phase")
    refuse(state, CandidateAccepted(actor="carla"), "process_closed")


def test_no_election_waits_for_the_rounds() -> None:
    refuse(nominated(), NoElection(actor=FACILITATOR), "wrong_phase")
    refuse(in_change_round(), NoElection(actor=FACILITATOR), "round_not_complete")
