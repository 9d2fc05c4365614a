"""Consent decision, step 10 (review due), and the append-only log."""

from dataclasses import replace
from datetime import date

from exercises.consent import (
    Agreed,
    AmendmentSuggested,
    ConsentAnswer,
    DecisionDeferred,
    ObjectionTested,
    Phase,
    ProposalAmended,
    QuestionAnswered,
    QuestionAsked,
    ReactionGiven,
    ReviewConcluded,
    ReviewOpened,
    ReviewOutcome,
    ReviewProposed,
    RoundKind,
    Verdict,
)

from .scenarios import (
    AT,
    DECIDED_ON,
    FACILITATOR,
    PROPOSER,
    REVIEW_DATE,
    all_consent,
    answer,
    in_consent_round,
    in_picture_forming,
    put_test_questions,
    refuse,
    run,
    start_round,
)

AGREED = Agreed(actor=FACILITATOR, decided_on=DECIDED_ON)


def agreed():
    return run(all_consent(in_consent_round()), AGREED)


def review_due():
    return run(agreed(), ReviewOpened(actor=FACILITATOR, on=REVIEW_DATE))


def test_the_review_opens_on_the_review_date() -> None:
    assert review_due().phase is Phase.REVIEW_DUE


def test_the_review_does_not_open_early() -> None:
    error = refuse(
        agreed(), ReviewOpened(actor=FACILITATOR, on=date(2026, 5, 31)), "review_not_due"
    )

    assert "2026-06-01" in str(error)


def test_only_the_facilitator_opens_the_review() -> None:
    refuse(agreed(), ReviewOpened(actor="bert", on=REVIEW_DATE), "only_facilitator")


def test_a_review_needs_an_agreement() -> None:
    refuse(in_consent_round(), ReviewOpened(actor=FACILITATOR, on=REVIEW_DATE), "wrong_phase")


def proposed(outcome: ReviewOutcome, **fields) -> ReviewProposed:
    return ReviewProposed(actor="bert", outcome=outcome, **fields)


KEEP = proposed(ReviewOutcome.KEEP, next_review_date=date(2027, 6, 1))


def consented(state, proposal):
    state = run(state, proposal, start_round(RoundKind.REVIEW))
    return all_consent(state)


def test_keeping_is_decided_by_a_consent_round_and_sets_the_next_review_date() -> None:
    state = consented(review_due(), KEEP)
    assert state.phase is Phase.REVIEW_CONSENT

    state = run(state, ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.KEEP))

    assert state.phase is Phase.AGREED
    assert state.agreement.review_date == date(2027, 6, 1)
    assert state.agreements[0].review_date == REVIEW_DATE  # history kept


def test_the_facilitator_alone_never_concludes_a_review() -> None:
    refuse(
        review_due(),
        ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.DROP),
        "review_proposal_missing",
    )
    state = run(review_due(), proposed(ReviewOutcome.DROP))
    refuse(
        state,
        ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.DROP),
        "review_needs_consent",
    )
    state = run(state, start_round(RoundKind.REVIEW), answer("anna"))
    refuse(
        state, ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.DROP), "round_not_complete"
    )


def test_the_review_round_gives_each_member_one_turn_facilitator_last() -> None:
    state = run(review_due(), KEEP, start_round(RoundKind.REVIEW))

    assert state.current_round.order == ("anna", "bert", "carla", FACILITATOR)
    refuse(state, answer("bert"), "not_your_turn")


def test_an_objection_in_the_review_round_sends_the_circle_back_to_proposing() -> None:
    state = run(
        review_due(),
        KEEP,
        start_round(RoundKind.REVIEW),
        answer("anna"),
        answer("bert"),
        answer("carla", ConsentAnswer.OBJECTION, "The rota never worked: meetings still overrun."),
        answer(FACILITATOR),
    )

    assert state.phase is Phase.REVIEW_DUE
    assert state.review_proposal is None
    refuse(
        state,
        ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.KEEP),
        "review_proposal_missing",
    )
    state = run(state, proposed(ReviewOutcome.AMEND, text="A timekeeper and a hard stop."))
    assert state.phase is Phase.DECISION_FORMING


def test_the_concluded_outcome_is_the_one_consented_to() -> None:
    state = consented(review_due(), KEEP)

    refuse(
        state,
        ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.DROP),
        "review_outcome_differs",
    )


def test_keeping_needs_a_later_review_date() -> None:
    refuse(review_due(), proposed(ReviewOutcome.KEEP), "next_review_date_required")
    refuse(
        review_due(),
        proposed(ReviewOutcome.KEEP, next_review_date=REVIEW_DATE),
        "next_review_date_too_early",
    )


def test_amending_at_review_goes_back_to_the_consent_round() -> None:
    state = run(review_due(), proposed(ReviewOutcome.AMEND, text="Version two."))

    assert state.phase is Phase.DECISION_FORMING
    assert state.version == 2
    assert state.answers == ()
    assert not state.can_agree
    assert state.policy_in_force.version == 1  # the agreement stays in force meanwhile
    state = run(state, start_round(RoundKind.CONSENT))
    state = run(
        all_consent(state),
        replace(AGREED, decided_on=date(2026, 6, 2), review_date=date(2027, 1, 1)),
    )
    assert [a.version for a in state.agreements] == [1, 2]


def test_amending_at_review_needs_a_new_text() -> None:
    refuse(review_due(), proposed(ReviewOutcome.AMEND, text=""), "proposal_empty")
    refuse(
        review_due(),
        ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.AMEND, text="v2"),
        "review_amend_by_proposal",
    )


def test_dropping_ends_the_agreement() -> None:
    state = consented(review_due(), proposed(ReviewOutcome.DROP))
    state = run(state, ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.DROP))

    assert state.phase is Phase.DROPPED
    assert state.policy_in_force is None
    refuse(state, ReviewOpened(actor=FACILITATOR, on=REVIEW_DATE), "wrong_phase")


def test_only_the_facilitator_records_the_review() -> None:
    state = consented(review_due(), proposed(ReviewOutcome.DROP))
    refuse(state, ReviewConcluded(actor="bert", outcome=ReviewOutcome.DROP), "only_facilitator")


def test_only_members_propose_an_outcome_one_at_a_time() -> None:
    refuse(review_due(), replace(KEEP, actor="eve"), "not_a_member")
    refuse(run(review_due(), KEEP), KEEP, "review_proposal_pending")


def test_a_deferred_review_leaves_the_agreement_in_force_and_reviewable_later() -> None:
    later = date(2026, 9, 1)
    state = run(
        review_due(),
        DecisionDeferred(
            actor=FACILITATOR, owner="carla", until=later, on=REVIEW_DATE, reason="Numbers."
        ),
    )

    assert state.phase is Phase.AGREED
    assert state.policy_in_force == state.agreement
    assert state.agreement.version == 1
    refuse(state, ReviewOpened(actor=FACILITATOR, on=date(2026, 8, 1)), "review_not_due")
    state = run(state, ReviewOpened(actor=FACILITATOR, on=later))
    assert state.phase is Phase.REVIEW_DUE


# The log


def test_the_log_keeps_every_step_with_who_when_and_which_version() -> None:
    state = run(
        in_picture_forming(),
        QuestionAsked(actor="anna", question="Online too?", at=AT),
        QuestionAnswered(actor=PROPOSER, asker="anna", answer="Yes."),
    )
    for member in ("bert", "carla", "dirk"):
        state = run(state, QuestionAsked(actor=member, question="Why?"))
        state = run(state, QuestionAnswered(actor=PROPOSER, asker=member, answer="Because."))
    state = run(state, start_round(RoundKind.REACTION))
    state = run(state, *(ReactionGiven(actor=m, reaction="Good.") for m in state.open_members))
    state = run(
        state,
        start_round(RoundKind.CONSENT),
        answer("anna"),
        answer("bert", ConsentAnswer.OBJECTION, "Harms the aim."),
        answer("carla", ConsentAnswer.CONCERN, "Rota?"),
        answer("dirk"),
        *put_test_questions("bert"),
        ObjectionTested(
            actor=FACILITATOR, objector="bert", verdict=Verdict.QUALIFIED, reason="Harms the aim."
        ),
        AmendmentSuggested(actor="bert", text="Only long meetings."),
        ProposalAmended(actor=PROPOSER, text="Long meetings get a timekeeper."),
        start_round(RoundKind.CONSENT),
    )
    state = run(all_consent(state), AGREED)

    kinds = [entry.kind for entry in state.log]
    assert kinds.count("question_asked") == 4
    assert kinds.count("question_answered") == 4
    assert kinds.count("reaction_given") == 4
    assert kinds.count("consent_answer_given") == 8
    assert kinds.count("objection_tested") == 1
    assert kinds.count("test_question_asked") == kinds.count("test_question_answered") == 3
    assert kinds.count("proposal_amended") == 1
    question = next(e for e in state.log if e.kind == "question_asked")
    assert (question.actor, question.version, question.at) == ("anna", 1, AT)
    by_kind = {(e.kind, e.actor, e.version) for e in state.log}
    assert ("consent_answer_given", "bert", 1) in by_kind  # the objection on version 1
    assert ("proposal_amended", PROPOSER, 2) in by_kind  # the amendment made version 2
    assert ("consent_answer_given", "bert", 2) in by_kind  # consent to version 2
    assert ("agreed", FACILITATOR, 2) in by_kind
    # Lapsed answers stay in the log and in the rounds, only not counted.
    assert state.text_of(1) != state.proposal
    assert [r.version for r in state.rounds if r.kind is RoundKind.CONSENT] == [1, 2]


def test_the_log_only_grows() -> None:
    state = in_consent_round()
    before = state.log

    after = run(state, answer("anna")).log

    assert after[: len(before)] == before
    assert len(after) == len(before) + 1
