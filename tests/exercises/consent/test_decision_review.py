"""Consent decision, step 10 (review due), and the append-only log."""

from dataclasses import replace
from datetime import date

from exercises.consent import (
    Agreed,
    AmendmentSuggested,
    ConsentAnswer,
    ObjectionTested,
    Phase,
    ProposalAmended,
    QuestionAnswered,
    QuestionAsked,
    ReactionGiven,
    ReviewConcluded,
    ReviewOpened,
    ReviewOutcome,
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


def test_keeping_sets_the_next_review_date() -> None:
    event = ReviewConcluded(
        actor=FACILITATOR, outcome=ReviewOutcome.KEEP, next_review_date=date(2027, 6, 1)
    )

    state = run(review_due(), event)

    assert state.phase is Phase.AGREED
    assert state.agreement.review_date == date(2027, 6, 1)
    assert state.agreements[0].review_date == REVIEW_DATE  # history kept


def test_keeping_needs_a_later_review_date() -> None:
    keep = ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.KEEP)

    refuse(review_due(), keep, "next_review_date_required")
    refuse(review_due(), replace(keep, next_review_date=REVIEW_DATE), "next_review_date_too_early")


def test_amending_at_review_goes_back_to_the_consent_round() -> None:
    event = ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.AMEND, text="Version two.")

    state = run(review_due(), event)

    assert state.phase is Phase.DECISION_FORMING
    assert state.version == 2
    assert state.answers == ()
    assert not state.can_agree
    state = run(state, start_round(RoundKind.CONSENT))
    state = run(
        all_consent(state),
        replace(AGREED, decided_on=date(2026, 6, 2), review_date=date(2027, 1, 1)),
    )
    assert [a.version for a in state.agreements] == [1, 2]


def test_amending_at_review_needs_a_new_text() -> None:
    event = ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.AMEND, text="")

    refuse(review_due(), event, "proposal_empty")


def test_dropping_ends_the_agreement() -> None:
    state = run(review_due(), ReviewConcluded(actor=FACILITATOR, outcome=ReviewOutcome.DROP))

    assert state.phase is Phase.DROPPED
    refuse(state, ReviewOpened(actor=FACILITATOR, on=REVIEW_DATE), "wrong_phase")


def test_only_the_facilitator_concludes_the_review() -> None:
    refuse(
        review_due(), ReviewConcluded(actor="bert", outcome=ReviewOutcome.DROP), "only_facilitator"
    )


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
        ObjectionTested(actor=FACILITATOR, objector="bert", verdict=Verdict.QUALIFIED),
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
