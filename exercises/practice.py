"""Solo practice: the participant facilitates a scripted circle, step by step, on the engine.

`next_step()` says what the facilitator faces now (from the engine's state and the last
decision); `decide()` checks the participant's choice against the scenario and returns the
engine events it adds. Input the process cannot take raises `ProcessError` and changes
nothing; a wrong move in the exercise itself (e.g. skipping a round) is an `Outcome` with
`correct=False`, the engine's reason, and no events.
"""

import dataclasses
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from exercises.consent import (
    Agreed,
    CandidateAccepted,
    CandidateProposed,
    DecisionState,
    DriverChecked,
    ElectionPhase,
    ElectionState,
    Event,
    NominationMade,
    ObjectionTested,
    Phase,
    ProcessError,
    ProcessState,
    ProposalPresented,
    ReactionGiven,
    ReasonGiven,
    Responsibility,
    RoundKind,
    RoundStarted,
    apply,
)
from exercises.scenario import (
    FACILITATOR,
    AnswerKind,
    ConsentContribution,
    ConsentScenario,
    ElectionScenario,
    QuestionKind,
    Scenario,
    amendment_events,
    change_event,
    consent_answer_event,
    objection_test_events,
    question_events,
    right_verdict,
)


class StepKind(StrEnum):
    START = "start"  # the opening event, written when the attempt starts
    CHOOSE = "choose"  # what does the facilitator do next?
    QUESTION = "question"
    REACTION = "reaction"
    CONSENT_ANSWER = "consent_answer"
    TEST_OBJECTION = "test_objection"
    AMEND = "amend"
    AGREE = "agree"
    NOMINATE = "nominate"
    REASON = "reason"
    CHANGE = "change"
    PROPOSE = "propose"
    DONE = "done"


class Skill(StrEnum):
    QUESTIONS = "questions"
    OBJECTIONS = "objections"
    INTEGRATION = "integration"
    ORDER = "order"
    CANDIDATE = "candidate"

    @property
    def label(self) -> str:
        return str(SKILL_LABELS[self])

    @property
    def advice(self) -> str:
        return str(SKILL_ADVICE[self])


SKILL_LABELS = {
    Skill.QUESTIONS: _("Telling clarifying questions from opinions"),
    Skill.OBJECTIONS: _("Telling objections from concerns and preferences"),
    Skill.INTEGRATION: _("Integrating objections"),
    Skill.ORDER: _("Following the order of the rounds"),
    Skill.CANDIDATE: _("Proposing a candidate on the strength of the reasons"),
}

SKILL_ADVICE = {
    Skill.QUESTIONS: _(
        "Practise listening for the intent behind a question: does it ask for information, or "
        "does it carry an opinion or a 'why not…'? Redirect opinions to the reaction round."
    ),
    Skill.OBJECTIONS: _(
        "Practise testing each answer against the shared aim: an objection says how the "
        "proposal harms the aim; a concern does not block; a preference is not an objection."
    ),
    Skill.INTEGRATION: _(
        "Practise reading an objection's argument and looking for the amendment that removes "
        "the harm it names, rather than the one that sounds most agreeable."
    ),
    Skill.ORDER: _(
        "Practise the order of the consent round: present, question round, reaction round, "
        "consent round, test objections, resolve, then record the agreement."
    ),
    Skill.CANDIDATE: _(
        "Practise weighing the reasons given in the reasons and change rounds, not the number "
        "of nominations."
    ),
}


class Move(StrEnum):
    """What the facilitator can do next when no member has the floor."""

    CHECK_DRIVER = "check_driver"
    PRESENT = "present"
    QUESTION_ROUND = "question_round"
    REACTION_ROUND = "reaction_round"
    CONSENT_ROUND = "consent_round"
    TEST_OBJECTIONS = "test_objections"
    AGREE = "agree"
    NOMINATION_ROUND = "nomination_round"
    REASONS_ROUND = "reasons_round"
    CHANGE_ROUND = "change_round"
    PROPOSE_CANDIDATE = "propose_candidate"
    ELECT = "elect"

    @property
    def label(self) -> str:
        return str(MOVE_LABELS[self])


MOVE_LABELS = {
    Move.CHECK_DRIVER: _("Check the driver with the circle"),
    Move.PRESENT: _("Invite the proposer to present the proposal"),
    Move.QUESTION_ROUND: _("Start the question round"),
    Move.REACTION_ROUND: _("Start the reaction round"),
    Move.CONSENT_ROUND: _("Start the consent round"),
    Move.TEST_OBJECTIONS: _("Test the objections"),
    Move.AGREE: _("Declare the agreement"),
    Move.NOMINATION_ROUND: _("Ask everyone to write down a nomination"),
    Move.REASONS_ROUND: _("Start the reasons round"),
    Move.CHANGE_ROUND: _("Start the change round"),
    Move.PROPOSE_CANDIDATE: _("Propose a candidate"),
    Move.ELECT: _("Ask the candidate to accept the election"),
}

# Deliberately not in process order: knowing what comes next is the skill being practised.
CONSENT_MOVES = (
    Move.AGREE,
    Move.CONSENT_ROUND,
    Move.QUESTION_ROUND,
    Move.TEST_OBJECTIONS,
    Move.PRESENT,
    Move.REACTION_ROUND,
)
ELECTION_MOVES = (
    Move.PROPOSE_CANDIDATE,
    Move.CHANGE_ROUND,
    Move.ELECT,
    Move.NOMINATION_ROUND,
    Move.CONSENT_ROUND,
    Move.REASONS_ROUND,
)

NEXT = "next"  # the only choice on steps that ask no judgement

CHOICE_LABELS = {
    QuestionKind.CLARIFYING: _("Accept it as a clarifying question"),
    QuestionKind.OPINION: _("Redirect it: an opinion belongs in the reaction round"),
    AnswerKind.CONSENT: _("Consent"),
    AnswerKind.CONCERN: _("Concern"),
    AnswerKind.OBJECTION: _("Objection"),
    AnswerKind.PREFERENCE: _("Preference, not an objection"),
    "qualified": _("Qualified: it must be resolved"),
    "not_qualified": _("Not qualified"),
}


def choice_label(choice: str) -> str:
    """A stored choice in words, for feedback and history."""
    for mapping in (CHOICE_LABELS, MOVE_LABELS):
        for key, label in mapping.items():
            if key == choice:
                return str(label)
    return choice


class PracticeError(Exception):
    """Input a practice step cannot take, with a message fit to show."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(str(message))


@dataclasses.dataclass(frozen=True)
class Decision:
    """What `next_step` needs to know about the participant's previous decision."""

    step: StepKind
    choice: str
    correct: bool | None


@dataclasses.dataclass(frozen=True)
class Step:
    kind: StepKind
    member: str | None = None  # whose turn it is, or whose objection is tested
    options: tuple[tuple[str, str], ...] = ()  # (value, label)


@dataclasses.dataclass(frozen=True)
class Outcome:
    events: tuple[Event, ...]
    skill: Skill | None = None
    correct: bool | None = None
    feedback: str = ""  # the scenario's explanation, written by the trainer
    expected: str = ""  # the right choice, when the participant's was wrong
    error: ProcessError | None = None  # the engine's reason for refusing the move


@dataclasses.dataclass(frozen=True)
class Answer:
    """The participant's input on one step, parsed by the form."""

    choice: str
    member: str = ""
    text: str = ""
    review_date: date | None = None
    task_member: str = ""
    task: str = ""


def next_step(scenario: Scenario, state: ProcessState, last: Decision | None) -> Step:
    if isinstance(state, DecisionState):
        return _next_decision_step(scenario, state, last)
    return _next_election_step(state, last)


def _chose(last: Decision | None, move: Move) -> bool:
    return (
        last is not None
        and last.step is StepKind.CHOOSE
        and last.choice == move
        and bool(last.correct)
    )


def _choose(moves: tuple[Move, ...]) -> Step:
    return Step(StepKind.CHOOSE, options=tuple((m.value, m.label) for m in moves))


def _options(*choices: str) -> tuple[tuple[str, str], ...]:
    return tuple((c, choice_label(c)) for c in choices)


def _consent_moves(scenario: Scenario) -> tuple[Move, ...]:
    if isinstance(scenario, ConsentScenario) and scenario.method == "s3":
        return (*CONSENT_MOVES, Move.CHECK_DRIVER)
    return CONSENT_MOVES


def _next_decision_step(scenario: Scenario, state: DecisionState, last: Decision | None) -> Step:
    phase = state.phase
    turn = state.whose_turn
    if phase is Phase.PICTURE_FORMING and turn:
        script = scenario.question_of(turn) if isinstance(scenario, ConsentScenario) else None
        if script is not None and script.kind is QuestionKind.PASS:
            return Step(StepKind.QUESTION, member=turn, options=_options(NEXT))
        return Step(
            StepKind.QUESTION,
            member=turn,
            options=_options(QuestionKind.CLARIFYING, QuestionKind.OPINION),
        )
    if phase is Phase.OPINION_FORMING and turn:
        return Step(StepKind.REACTION, member=turn, options=_options(NEXT))
    if phase is Phase.DECISION_FORMING and turn:
        return Step(StepKind.CONSENT_ANSWER, member=turn, options=_options(*AnswerKind))
    if phase is Phase.DECISION_FORMING and state.can_agree and _chose(last, Move.AGREE):
        return Step(StepKind.AGREE)
    if phase is Phase.TEST_OBJECTION:
        started = any(o.verdict is not None for o in state.objections)
        if started or _chose(last, Move.TEST_OBJECTIONS):
            objector = state.untested_objections[0].member
            return Step(
                StepKind.TEST_OBJECTION,
                member=objector,
                options=_options("qualified", "not_qualified"),
            )
    if phase is Phase.RESOLVE:
        return Step(
            StepKind.AMEND,
            member=state.standing_objections[0].member,
            options=amendment_options(scenario, state),
        )
    if phase in (Phase.AGREED, Phase.REVIEW_DUE, Phase.WITHDRAWN, Phase.DEFERRED, Phase.DROPPED):
        return Step(StepKind.DONE)
    return _choose(_consent_moves(scenario))


def _next_election_step(state: ElectionState, last: Decision | None) -> Step:
    phase = state.phase
    turn = state.whose_turn
    current = state.current_round
    if phase is ElectionPhase.NOMINATION and current is not None and not current.complete:
        return Step(StepKind.NOMINATE, options=_options(NEXT))
    if phase is ElectionPhase.REASONS and turn:
        return Step(StepKind.REASON, member=turn, options=_options(NEXT))
    if phase is ElectionPhase.CHANGE and turn:
        return Step(StepKind.CHANGE, member=turn, options=_options(NEXT))
    if phase is ElectionPhase.CONSENT and turn:
        return Step(
            StepKind.CONSENT_ANSWER,
            member=turn,
            options=_options(AnswerKind.CONSENT, AnswerKind.CONCERN, AnswerKind.OBJECTION),
        )
    proposing = phase is ElectionPhase.CHANGE or (
        phase is ElectionPhase.PROPOSAL and state.candidate is None
    )
    if proposing and _chose(last, Move.PROPOSE_CANDIDATE):
        return Step(StepKind.PROPOSE, options=tuple((n, n) for n in state.nominees))
    if phase in (ElectionPhase.ELECTED, ElectionPhase.NO_ELECTION):
        return Step(StepKind.DONE)
    return _choose(ELECTION_MOVES)


def decide(
    scenario: Scenario, state: ProcessState, step: Step, answer: Answer, *, today: date
) -> Outcome:
    """The outcome of the participant's `answer` on `step`; raises ProcessError (nothing
    changes) when the input does not fit the step or the process refuses it."""
    valid = {value for value, _label in step.options}
    if step.options and answer.choice not in valid:
        raise PracticeError(_("Choose one of the options shown, then confirm."))
    handler = _DECIDERS.get(step.kind)
    if handler is None:
        raise ProcessError("process_closed", phase=state.phase.label)
    outcome = handler(scenario, state, step, answer, today)
    _check(state, outcome.events)  # the engine has the last word on every event
    return outcome


def _check(state: ProcessState, events: tuple[Event, ...]) -> ProcessState:
    for event in events:
        state = apply(state, event)
    return state


def _same_member(step: Step, answer: Answer) -> None:
    """The form names the member it was shown for; anyone else is acting out of turn."""
    if step.member is not None and answer.member != step.member:
        raise ProcessError("not_your_turn", member=answer.member or "?", expected=step.member)


_MOVE_EVENTS = {
    Move.PRESENT: None,  # needs the proposer, below
    Move.CHECK_DRIVER: lambda: DriverChecked(actor=FACILITATOR),
    Move.QUESTION_ROUND: lambda: RoundStarted(actor=FACILITATOR, round_kind=RoundKind.QUESTION),
    Move.REACTION_ROUND: lambda: RoundStarted(actor=FACILITATOR, round_kind=RoundKind.REACTION),
    Move.CONSENT_ROUND: lambda: RoundStarted(actor=FACILITATOR, round_kind=RoundKind.CONSENT),
    Move.NOMINATION_ROUND: lambda: RoundStarted(actor=FACILITATOR, round_kind=RoundKind.NOMINATION),
    Move.REASONS_ROUND: lambda: RoundStarted(actor=FACILITATOR, round_kind=RoundKind.REASONS),
    Move.CHANGE_ROUND: lambda: RoundStarted(actor=FACILITATOR, round_kind=RoundKind.CHANGE),
}


def _decide_move(scenario, state, step, answer, today) -> Outcome:
    move = Move(answer.choice)
    if move is Move.QUESTION_ROUND and any(r.kind is RoundKind.QUESTION for r in state.rounds):
        # The engine allows another question round; in the script every question has been
        # answered, so the picture is shared and holding one again only costs time.
        return Outcome(
            events=(),
            skill=Skill.ORDER,
            correct=False,
            feedback=str(
                _(
                    "The picture is shared: every question has been answered. Another question "
                    "round is for when it is not."
                )
            ),
        )
    try:
        events = _move_events(scenario, state, move)
        _check(state, events)
    except ProcessError as error:
        # A real facilitator's mistake: scored, explained, and the circle waits.
        return Outcome(events=(), skill=Skill.ORDER, correct=False, error=error)
    return Outcome(events=events, skill=Skill.ORDER, correct=True)


def _move_events(scenario: Scenario, state: ProcessState, move: Move) -> tuple[Event, ...]:
    if move is Move.PRESENT:
        proposer = state.proposer if isinstance(state, DecisionState) else FACILITATOR
        return (ProposalPresented(actor=proposer),)
    if move is Move.TEST_OBJECTIONS:
        if not (isinstance(state, DecisionState) and state.phase is Phase.TEST_OBJECTION):
            raise ProcessError(
                "wrong_phase", action=ObjectionTested.action, phase=state.phase.label
            )
        return ()
    if move is Move.AGREE:
        if isinstance(state, DecisionState):
            blocker = state.agreement_blocker()
            if blocker is not None:
                raise blocker
            return ()
        raise ProcessError("event_not_for_process", action=Agreed.action)
    if move is Move.PROPOSE_CANDIDATE:
        proposing = isinstance(state, ElectionState) and (
            (
                state.phase is ElectionPhase.CHANGE
                and state.current_round is not None
                and state.current_round.complete
            )
            or (state.phase is ElectionPhase.PROPOSAL and state.candidate is None)
        )
        if not proposing:
            raise ProcessError(
                "wrong_phase", action=CandidateProposed.action, phase=state.phase.label
            )
        return ()
    if move is Move.ELECT:
        candidate = state.candidate if isinstance(state, ElectionState) else None
        return (CandidateAccepted(actor=candidate or FACILITATOR),)
    return (_MOVE_EVENTS[move](),)


def _decide_question(scenario, state, step, answer, today) -> Outcome:
    _same_member(step, answer)
    contribution = scenario.question_of(answer.member)
    if contribution is None:
        raise ProcessError("not_a_member", member=answer.member)
    events = tuple(question_events(contribution, proposer=scenario.proposer))
    if contribution.kind is QuestionKind.PASS:
        return Outcome(events=events, feedback=contribution.feedback)
    return Outcome(
        events=events,
        skill=Skill.QUESTIONS,
        correct=answer.choice == contribution.kind,
        feedback=contribution.feedback,
        expected=contribution.kind.value,
    )


def _decide_reaction(scenario, state, step, answer, today) -> Outcome:
    _same_member(step, answer)
    reaction = scenario.reaction_of(answer.member)
    if reaction is None:
        raise ProcessError("not_a_member", member=answer.member)
    return Outcome(
        events=(ReactionGiven(actor=reaction.persona, reaction=reaction.text),),
        feedback=reaction.feedback,
    )


def consent_contribution(
    scenario: Scenario, state: ProcessState, member: str
) -> ConsentContribution | None:
    if isinstance(scenario, ElectionScenario):
        return scenario.consent_answer_of(member)
    script = scenario.consent_round(state.version)
    return script.answer_of(member) if script else None


def _decide_consent_answer(scenario, state, step, answer, today) -> Outcome:
    _same_member(step, answer)
    contribution = consent_contribution(scenario, state, answer.member)
    if contribution is None:
        raise ProcessError("not_a_member", member=answer.member)
    return Outcome(
        events=(consent_answer_event(contribution),),
        skill=Skill.OBJECTIONS,
        correct=answer.choice == contribution.kind,
        feedback=contribution.feedback,
        expected=contribution.kind.value,
    )


def _decide_test(scenario, state, step, answer, today) -> Outcome:
    _same_member(step, answer)
    contribution = consent_contribution(scenario, state, answer.member)
    if contribution is None:
        raise ProcessError("no_untested_objection", member=answer.member)
    expected = right_verdict(contribution).value
    events = objection_test_events(
        contribution,
        circle=state.circle,
        proposer=_proposer(scenario),
        verdict=right_verdict(contribution),
    )
    return Outcome(
        events=tuple(events),
        skill=Skill.OBJECTIONS,
        correct=answer.choice == expected,
        feedback=contribution.test_feedback,
        expected=expected,
    )


def _proposer(scenario: Scenario) -> str:
    return scenario.proposer if isinstance(scenario, ConsentScenario) else ""


def amendment_options(scenario: Scenario, state: ProcessState) -> tuple[tuple[str, str], ...]:
    script = (
        scenario.consent_round(state.version) if isinstance(scenario, ConsentScenario) else None
    )
    if script is None:
        return ()
    return tuple((str(i), a.text) for i, a in enumerate(script.amendments))


def _decide_amendment(scenario, state, step, answer, today) -> Outcome:
    script = scenario.consent_round(state.version)
    try:
        amendment = script.amendments[int(answer.choice)]
    except (AttributeError, IndexError, TypeError, ValueError):
        raise PracticeError(_("Choose one of the options shown, then confirm.")) from None
    if not amendment.integrates:
        # The objection still stands: the circle looks for a better amendment.
        return Outcome(
            events=(), skill=Skill.INTEGRATION, correct=False, feedback=amendment.feedback
        )
    events = amendment_events(amendment, objector=step.member, proposer=scenario.proposer)
    return Outcome(
        events=tuple(events), skill=Skill.INTEGRATION, correct=True, feedback=amendment.feedback
    )


def _decide_agreement(scenario, state, step, answer, today) -> Outcome:
    responsibilities: tuple[Responsibility, ...] = ()
    if answer.task_member or answer.task:
        responsibilities = (Responsibility(member=answer.task_member, task=answer.task),)
    event = Agreed(
        actor=FACILITATOR,
        decided_on=today,
        review_date=answer.review_date,
        responsibilities=responsibilities,
    )
    return Outcome(events=(event,))


def _decide_nominations(scenario, state, step, answer, today) -> Outcome:
    events = []
    for member in state.current_round.open_members:
        nomination = scenario.nomination_of(member)
        nominee = nomination.nominee if nomination else None
        events.append(NominationMade(actor=member, nominee=nominee))
    return Outcome(events=tuple(events))


def _decide_reason(scenario, state, step, answer, today) -> Outcome:
    _same_member(step, answer)
    nomination = scenario.nomination_of(answer.member)
    if nomination is None:
        raise ProcessError("not_a_member", member=answer.member)
    return Outcome(events=(ReasonGiven(actor=nomination.persona, reason=nomination.reason),))


def _decide_change(scenario, state, step, answer, today) -> Outcome:
    _same_member(step, answer)
    nomination = scenario.nomination_of(answer.member)
    if nomination is None:
        raise ProcessError("not_a_member", member=answer.member)
    return Outcome(events=(change_event(nomination),))


def _decide_proposal(scenario, state, step, answer, today) -> Outcome:
    event = CandidateProposed(actor=FACILITATOR, candidate=answer.choice, reason=answer.text)
    _check(state, (event,))  # a proposal without reasons is refused, right or wrong
    if answer.choice != scenario.candidate:
        return Outcome(
            events=(),
            skill=Skill.CANDIDATE,
            correct=False,
            feedback=scenario.wrong_candidate_feedback,
            expected=scenario.candidate,
        )
    return Outcome(
        events=(event,),
        skill=Skill.CANDIDATE,
        correct=True,
        feedback=scenario.candidate_feedback,
    )


_DECIDERS = {
    StepKind.CHOOSE: _decide_move,
    StepKind.QUESTION: _decide_question,
    StepKind.REACTION: _decide_reaction,
    StepKind.CONSENT_ANSWER: _decide_consent_answer,
    StepKind.TEST_OBJECTION: _decide_test,
    StepKind.AMEND: _decide_amendment,
    StepKind.AGREE: _decide_agreement,
    StepKind.NOMINATE: _decide_nominations,
    StepKind.REASON: _decide_reason,
    StepKind.CHANGE: _decide_change,
    StepKind.PROPOSE: _decide_proposal,
}
