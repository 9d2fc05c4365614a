"""Solo practice: the participant facilitates a scripted circle, step by step, on the engine
(or plays one member or the proposer: `LEARNER_STEPS`, with the script deciding the rest).

`next_step()` says what the facilitator faces now (from the engine's state and the last
decision); `decide()` checks the participant's choice against the scenario and returns the
engine events it adds. Input the process cannot take raises `ProcessError` and changes
nothing; a wrong move in the exercise itself (e.g. skipping a round) is an `Outcome` with
`correct=False`, the engine's reason, and no events.
"""

import dataclasses
from datetime import date
from enum import StrEnum

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exercises.consent import (
    Agreed,
    AmendmentSuggested,
    CandidateAccepted,
    CandidateDeclined,
    CandidateProposed,
    ConsentAnswer,
    ConsentAnswerGiven,
    DecisionState,
    DriverChecked,
    ElectionPhase,
    ElectionState,
    Event,
    MeetingEvaluated,
    NominationMade,
    ObjectionTested,
    Phase,
    ProcessError,
    ProcessState,
    ProposalAmended,
    ProposalPresented,
    QuestionAnswered,
    QuestionAsked,
    ReactionGiven,
    ReasonGiven,
    Responsibility,
    ReviewConcluded,
    ReviewOutcome,
    RoundKind,
    RoundStarted,
    TestQuestion,
    TestQuestionAnswered,
    TestQuestionAsked,
    TurnPassed,
    Verdict,
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
    Situation,
    add_months,
    amendment_events,
    change_event,
    consent_answer_event,
    elements_found,
    judge_text,
    objection_test_events,
    question_events,
    referral_event,
    review_events,
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
    CLOSING = "closing"  # the slotronde, after the agreement or the election
    NOMINATE = "nominate"
    REASON = "reason"
    CHANGE = "change"
    PROPOSE = "propose"
    REVIEW = "review"  # the agreement is due for review: what goes to the circle?
    CLARIFY = "clarify"  # the facilitator's own clarifying question to the objector
    # Steps of a participant who plays a member or the proposer (see LEARNER_STEPS).
    OWN_TURN = "own_turn"  # their turn in the question or reaction round
    MEMBER_CONSENT = "member_consent"  # their answer in the consent round
    PROPOSER_ANSWER = "proposer_answer"  # as proposer: answer a clarifying question
    DONE = "done"


# The steps that are the participant's own when they play a member or the proposer; every
# other step is decided by the script (`learners_step`).
LEARNER_STEPS = (StepKind.OWN_TURN, StepKind.MEMBER_CONSENT, StepKind.PROPOSER_ANSWER)


class Skill(StrEnum):
    QUESTIONS = "questions"
    OBJECTIONS = "objections"
    INTEGRATION = "integration"
    ORDER = "order"
    CANDIDATE = "candidate"
    REVIEW = "review"

    @property
    def label(self) -> str:
        return str(SKILL_LABELS[self])

    @property
    def advice(self) -> str:
        return str(SKILL_ADVICE[self])

    @property
    def rule(self) -> str:
        """The rule of the method this skill practises, as feedback names it."""
        return str(SKILL_RULES[self][0])

    @property
    def source(self) -> str:
        """Where the rule comes from: SKM, or the S3 pattern."""
        return str(SKILL_RULES[self][1])


SKILL_LABELS = {
    Skill.QUESTIONS: _("Telling clarifying questions from opinions"),
    Skill.OBJECTIONS: _("Telling objections from concerns and preferences"),
    Skill.INTEGRATION: _("Integrating objections"),
    Skill.ORDER: _("Following the order of the rounds"),
    Skill.CANDIDATE: _("Proposing a candidate on the strength of the reasons"),
    Skill.REVIEW: _("Reviewing an agreement with the circle"),
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
    Skill.REVIEW: _(
        "Practise reviewing with the circle: ask what it has seen since the agreement, let a "
        "member propose to keep, amend or drop it, and take that to a consent round."
    ),
}


SKILL_RULES = {
    Skill.QUESTIONS: (
        _("In the question round members only ask clarifying questions; opinions wait."),
        _("SKM: picture forming (beeldvorming); S3: consent decision making, questions"),
    ),
    Skill.OBJECTIONS: (
        _(
            "An objection is argued and tested with the objector and the circle: does it relate "
            "to the shared aim, what harm does it name, is it a preference?"
        ),
        _("SKM: consent and the paramount objection; S3: test arguments qualify as objections"),
    ),
    Skill.INTEGRATION: (
        _("An overwegend bezwaar is resolved by an amendment that removes the harm it names."),
        _("SKM: integrating objections; S3: resolve objections"),
    ),
    Skill.ORDER: (
        _(
            "The rounds follow each other: present, question round, reaction round, consent "
            "round, test objections, resolve, record the agreement."
        ),
        _("SKM: the consent decision round; S3: consent decision making"),
    ),
    Skill.CANDIDATE: (
        _("The facilitator proposes a candidate on the strength of the reasons, not the count."),
        _("SKM: sociocratic election; S3: role selection"),
    ),
    Skill.REVIEW: (
        _(
            "At review the circle decides by consent to keep, amend or drop the agreement; the "
            "facilitator alone decides none of them."
        ),
        _("SKM: evaluating decisions (review date); S3: evaluate and evolve agreements"),
    ),
}

# Difficulty weights: telling a preference from an objection is harder than recognising consent.
BASE_WEIGHT = {
    Skill.QUESTIONS: 1,
    Skill.OBJECTIONS: 2,
    Skill.INTEGRATION: 3,
    Skill.ORDER: 1,
    Skill.CANDIDATE: 5,
    Skill.REVIEW: 5,
}
ANSWER_WEIGHT = {
    AnswerKind.CONSENT: 1,
    AnswerKind.CONCERN: 2,
    AnswerKind.OBJECTION: 2,
    AnswerKind.PREFERENCE: 3,
}
# Testing an objection is the heart of the method: setting an argued one aside weighs most.
VERDICT_WEIGHT = {AnswerKind.OBJECTION: 5, AnswerKind.PREFERENCE: 3}
# After this many misses on one step the participant sees a hint and a menu; a right choice
# from it earns nothing.
MISSES_BEFORE_HINT = 2
# Words that show a candidate is proposed by the count rather than the reasons.
COUNT_WORDS = ("meeste stemmen", "meeste nominaties", "de meesten", "meerderheid", "most votes")


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
REFER = "refer"  # the choice to refer an unresolvable objection to the higher circle
ALONE = "alone"  # the facilitator concludes the review without the circle

CHOICE_LABELS = {
    QuestionKind.CLARIFYING: _("Accept it as a clarifying question"),
    QuestionKind.OPINION: _("Redirect it: an opinion belongs in the reaction round"),
    AnswerKind.CONSENT: _("Consent"),
    AnswerKind.CONCERN: _("Concern"),
    AnswerKind.OBJECTION: _("Objection"),
    AnswerKind.PREFERENCE: _("Preference, not an objection"),
    "qualified": _("Qualified: it must be resolved"),
    "not_qualified": _("Not qualified"),
    ALONE: _("Conclude the review yourself: the agreement stays as it is"),
    "answer": _("Answer the question with the information asked"),
    "defend": _("Defend the proposal"),
    "promise": _("Promise to change the proposal"),
}

# What a proposer says who does not answer a clarifying question (practised away).
PROPOSER_DETOURS = {
    "defend": _("That is exactly why this proposal is the best way; I have thought it through."),
    "promise": _("Good point, I will change the proposal straight away."),
}
# The facilitator's own clarifying question stands for the test question about the aim.
CLARIFYING_TEST_QUESTION = TestQuestion.AIM
# Fewer words than this is no argument for an objection ("Nee.", "Ik ben ertegen.").
MIN_ARGUMENT_WORDS = 4

REVIEW_OUTCOME_LABELS = {
    ReviewOutcome.KEEP: _("Keep"),
    ReviewOutcome.AMEND: _("Amend"),
    ReviewOutcome.DROP: _("Drop"),
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
    free_text: bool = False  # the participant writes the words (an amendment, reasons)
    hint: str = ""  # shown after two misses on this step


@dataclasses.dataclass(frozen=True)
class Outcome:
    events: tuple[Event, ...]
    skill: Skill | None = None
    correct: bool | None = None
    feedback: str = ""  # the scenario's explanation, written by the trainer
    expected: str = ""  # the right choice, when the participant's was wrong
    error: ProcessError | None = None  # the engine's reason for refusing the move
    weight: int = 1  # difficulty
    points: int = 0  # earned: the weight when right, nothing for a wrong choice or a guess
    text: str = ""  # the participant's own words, kept for the trainer
    model_answer: str = ""  # shown next to a free-text answer
    reaction: str = ""  # what a persona says in response


@dataclasses.dataclass(frozen=True)
class Answer:
    """The participant's input on one step, parsed by the form."""

    choice: str
    member: str = ""
    text: str = ""
    review_date: date | None = None
    task_member: str = ""
    task: str = ""


def next_step(
    scenario: Scenario, state: ProcessState, last: Decision | None, *, misses: int = 0
) -> Step:
    """What the facilitator faces now. `misses`: wrong tries on this same step so far."""
    if isinstance(state, DecisionState):
        step = _next_decision_step(scenario, state, last)
    else:
        step = _next_election_step(state, last)
    if step.kind is StepKind.AMEND and misses >= MISSES_BEFORE_HINT:
        # Two misses: a menu of amendments with a hint; choosing from it earns nothing.
        step = dataclasses.replace(
            step,
            free_text=False,
            options=amendment_options(scenario, state),
            hint=_amend_hint(scenario, state),
        )
    elif step.kind is StepKind.CLARIFY and misses >= MISSES_BEFORE_HINT:
        # Two misses: the model question to ask; asking it earns nothing.
        script = consent_contribution(scenario, state, step.member or "")
        step = dataclasses.replace(
            step,
            free_text=False,
            options=((NEXT, script.model_question if script else NEXT),),
            hint=_("%(rule)s For example: “%(question)s”")
            % {
                "rule": SKILL_RULES[Skill.OBJECTIONS][0],
                "question": script.model_question if script else "",
            },
        )
    elif misses >= MISSES_BEFORE_HINT and step.kind in (StepKind.CHOOSE, StepKind.PROPOSE):
        step = dataclasses.replace(step, hint=_hint(scenario, state, step))
    return step


def _hint(scenario: Scenario, state: ProcessState, step: Step) -> str:
    if step.kind is StepKind.PROPOSE and isinstance(scenario, ElectionScenario):
        return str(scenario.wrong_candidate_feedback or SKILL_RULES[Skill.CANDIDATE][0])
    return str(SKILL_RULES[Skill.ORDER][0])


def _amend_hint(scenario: Scenario, state: ProcessState) -> str:
    script = (
        scenario.consent_round(state.version) if isinstance(scenario, ConsentScenario) else None
    )
    if script is not None and script.rubric:
        return script.rubric
    return str(SKILL_RULES[Skill.INTEGRATION][0])


def ended(state: ProcessState) -> bool:
    """The process has reached its end (the slotronde may still follow)."""
    return state.phase in _ENDED


_ENDED = (
    Phase.AGREED,
    Phase.REVIEW_DUE,
    Phase.WITHDRAWN,
    Phase.DEFERRED,
    Phase.REFERRED,
    Phase.DROPPED,
    ElectionPhase.ELECTED,
    ElectionPhase.NO_ELECTION,
)


def _closing_step(state: ProcessState) -> Step:
    last = state.rounds[-1] if state.rounds else None
    if last is not None and last.kind is RoundKind.CLOSING and last.complete:
        return Step(StepKind.DONE)
    return Step(StepKind.CLOSING, options=_options(NEXT))


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


def learner_of(scenario: Scenario) -> str:
    """The persona the participant plays, or "" when they facilitate."""
    return getattr(scenario, "learner", "")


def learners_step(scenario: Scenario, step: Step) -> bool:
    """Whether the participant decides `step`; otherwise the script does (right answers)."""
    learner = learner_of(scenario)
    if not learner or step.kind is StepKind.DONE or step.kind in LEARNER_STEPS:
        return True
    # The proposer works out the amendment with the objector.
    return step.kind is StepKind.AMEND and learner == _proposer(scenario)


def _learner_step(scenario: Scenario, state: DecisionState) -> Step | None:
    """The step of a participant who plays a member or the proposer, when it is theirs."""
    learner = learner_of(scenario)
    if not learner:
        return None
    phase, turn = state.phase, state.whose_turn
    if phase is Phase.PICTURE_FORMING and learner == state.proposer:
        waiting = next((q for q in state.questions if q.answer is None), None)
        if waiting is not None:
            return Step(
                StepKind.PROPOSER_ANSWER,
                member=waiting.member,
                options=proposer_answer_options(scenario, state, waiting.member),
            )
    if turn != learner:
        return None
    if phase in (Phase.PICTURE_FORMING, Phase.OPINION_FORMING):
        return Step(StepKind.OWN_TURN, member=turn, options=_options(NEXT))
    if phase is Phase.DECISION_FORMING:
        return Step(
            StepKind.MEMBER_CONSENT,
            member=turn,
            options=_options(AnswerKind.CONSENT, AnswerKind.CONCERN, AnswerKind.OBJECTION),
            free_text=True,
        )
    return None


def _next_decision_step(scenario: Scenario, state: DecisionState, last: Decision | None) -> Step:
    phase = state.phase
    turn = state.whose_turn
    own = _learner_step(scenario, state)
    if own is not None:
        return own
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
        # Testing has started once a verdict is recorded or a test question asked.
        started = any(o.verdict is not None or o.asked for o in state.objections)
        clarifying = last is not None and last.step is StepKind.CLARIFY
        if started or clarifying or _chose(last, Move.TEST_OBJECTIONS):
            objection = state.untested_objections[0]
            objector = objection.member
            script = consent_contribution(scenario, state, objector)
            clarify = (
                not learner_of(scenario)
                and script is not None
                and script.question_key_elements
                and not objection.was_asked(CLARIFYING_TEST_QUESTION)
            )
            if clarify:
                # First the facilitator asks the objector a question in their own words.
                return Step(StepKind.CLARIFY, member=objector, free_text=True)
            return Step(
                StepKind.TEST_OBJECTION,
                member=objector,
                options=_options("qualified", "not_qualified"),
            )
    if phase is Phase.RESOLVE:
        script = (
            scenario.consent_round(state.version) if isinstance(scenario, ConsentScenario) else None
        )
        if script is not None and script.key_elements:
            # The participant works out the amendment with the objector, in their own words.
            return Step(StepKind.AMEND, member=state.standing_objections[0].member, free_text=True)
        return Step(
            StepKind.AMEND,
            member=state.standing_objections[0].member,
            options=amendment_options(scenario, state),
        )
    review = scenario.review if isinstance(scenario, ConsentScenario) else None
    if phase is Phase.REVIEW_DUE and review is not None and turn is None:
        return Step(StepKind.REVIEW, options=review_options(scenario))
    if ended(state):
        return _closing_step(state)
    return _choose(_consent_moves(scenario))


def review_options(scenario: ConsentScenario) -> tuple[tuple[str, str], ...]:
    """Concluding alone first (the habit practised away), then each member's proposal."""
    options = [(ALONE, choice_label(ALONE))]
    for index, option in enumerate(scenario.review.options):
        label = _("%(member)s proposes: %(outcome)s") % {
            "member": option.member,
            "outcome": REVIEW_OUTCOME_LABELS[option.outcome],
        }
        text = f"{label}. {option.text}".strip() if option.text else str(label)
        options.append((str(index), text))
    return tuple(options)


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
            options=_options(*AnswerKind),
        )
    proposing = phase in (ElectionPhase.CHANGE, ElectionPhase.RESOLVE) or (
        phase is ElectionPhase.PROPOSAL and state.candidate is None
    )
    if proposing and _chose(last, Move.PROPOSE_CANDIDATE):
        return Step(StepKind.PROPOSE, options=tuple((n, n) for n in state.nominees), free_text=True)
    if phase is ElectionPhase.TEST_OBJECTION and state.objection_under_test is not None:
        return Step(
            StepKind.TEST_OBJECTION,
            member=state.objection_under_test.member,
            options=_options("qualified", "not_qualified"),
        )
    if ended(state):
        return _closing_step(state)
    return _choose(ELECTION_MOVES)


def decide(
    scenario: Scenario,
    state: ProcessState,
    step: Step,
    answer: Answer,
    *,
    today: date,
    misses: int = 0,
) -> Outcome:
    """The outcome of the participant's `answer` on `step`; raises ProcessError (nothing
    changes) when the input does not fit the step or the process refuses it. After
    `MISSES_BEFORE_HINT` misses on the same step a right answer earns no points."""
    valid = {value for value, _label in step.options}
    if step.options and not step.free_text and answer.choice not in valid:
        raise PracticeError(_("Choose one of the options shown, then confirm."))
    if step.kind is StepKind.PROPOSE and answer.choice not in valid:
        raise PracticeError(_("Choose one of the options shown, then confirm."))
    handler = _DECIDERS.get(step.kind)
    if handler is None:
        raise ProcessError("process_closed", phase=state.phase.label)
    outcome = handler(scenario, state, step, answer, today)
    _check(state, outcome.events)  # the engine has the last word on every event
    if outcome.correct is None:
        return outcome
    guessed = misses >= MISSES_BEFORE_HINT
    points = outcome.weight if outcome.correct and not guessed else 0
    return dataclasses.replace(outcome, points=points)


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


def _reaction(scenario: Scenario, name: str, situation: Situation) -> str:
    persona = scenario.persona(name)
    return persona.reaction(situation) if persona is not None else ""


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
            or state.phase is ElectionPhase.RESOLVE
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
    if contribution.kind is QuestionKind.PASS:
        events = tuple(question_events(contribution, proposer=scenario.proposer))
        return Outcome(events=events, feedback=contribution.feedback)
    # What the facilitator decides happens: an opinion let through as a question gets an
    # answer (and starts cross-talk); a question redirected goes unanswered.
    handled_as = QuestionKind(answer.choice)
    reaction = ""
    if handled_as is QuestionKind.CLARIFYING:
        reply = contribution.answer
        if contribution.kind is QuestionKind.OPINION:
            reaction = _reaction(scenario, scenario.proposer, Situation.OPINION_LET_THROUGH)
            reply = reaction or str(_("That is not a question; I did consider it, though."))
        events = (
            QuestionAsked(actor=contribution.persona, question=contribution.text),
            QuestionAnswered(actor=scenario.proposer, asker=contribution.persona, answer=reply),
        )
        if learner_of(scenario) and learner_of(scenario) == scenario.proposer:
            events = events[:1]  # the participant answers as the proposer
    else:
        events = (TurnPassed(actor=contribution.persona),)
    return Outcome(
        events=events,
        skill=Skill.QUESTIONS,
        correct=answer.choice == contribution.kind,
        feedback=contribution.feedback,
        expected=contribution.kind.value,
        weight=BASE_WEIGHT[Skill.QUESTIONS],
        reaction=reaction,
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
        weight=ANSWER_WEIGHT[contribution.kind],
    )


def _decide_test(scenario, state, step, answer, today) -> Outcome:
    _same_member(step, answer)
    contribution = consent_contribution(scenario, state, answer.member)
    if contribution is None:
        raise ProcessError("no_untested_objection", member=answer.member)
    if contribution.kind not in (AnswerKind.OBJECTION, AnswerKind.PREFERENCE):
        # A participant who plays this member objected where the script does not: tested as
        # what it is, it does not qualify and stays as a concern.
        contribution = dataclasses.replace(
            contribution,
            kind=AnswerKind.PREFERENCE,
            test_feedback=str(
                _("It does not show how the proposal harms the shared aim; it stays a concern.")
            ),
        )
    expected = right_verdict(contribution).value
    # The participant's verdict is what the circle records: a wrongly dismissed objection
    # stays dismissed (as a concern) and the meeting goes on.
    verdict = Verdict(answer.choice)
    events = objection_test_events(
        contribution,
        circle=state.circle,
        proposer=_proposer(scenario),
        verdict=verdict,
        keep_as_concern=verdict is Verdict.NOT_QUALIFIED,
        asked=_asked(state, contribution.persona),
    )
    situation = None
    if verdict is Verdict.NOT_QUALIFIED and contribution.kind is AnswerKind.OBJECTION:
        situation = Situation.OBJECTION_DISMISSED
    elif verdict is Verdict.QUALIFIED and contribution.kind is AnswerKind.OBJECTION:
        situation = Situation.OBJECTION_HEARD
    elif verdict is Verdict.QUALIFIED:
        situation = Situation.PREFERENCE_UPHELD
    reaction = _reaction(scenario, contribution.persona, situation) if situation else ""
    return Outcome(
        events=tuple(events),
        skill=Skill.OBJECTIONS,
        correct=answer.choice == expected,
        feedback=contribution.test_feedback,
        expected=expected,
        weight=VERDICT_WEIGHT.get(contribution.kind, ANSWER_WEIGHT[contribution.kind]),
        reaction=reaction,
    )


def _proposer(scenario: Scenario) -> str:
    return scenario.proposer if isinstance(scenario, ConsentScenario) else ""


def _asked(state: ProcessState, member: str) -> frozenset[TestQuestion]:
    """Test questions already asked of `member`'s objection under test."""
    objection = next(
        (o for o in getattr(state, "all_objections", ()) if o.member == member and o.open), None
    )
    if objection is None:
        return frozenset()
    return frozenset(q for q in TestQuestion if objection.was_asked(q))


def _decide_clarify(scenario, state, step, answer, today) -> Outcome:
    """The facilitator's own clarifying question to the objector, held against the author's
    key elements like a written amendment; after two misses the model question is asked."""
    _same_member(step, answer)
    script = consent_contribution(scenario, state, step.member or "")
    if script is None:
        raise ProcessError("no_untested_objection", member=answer.member)
    weight = BASE_WEIGHT[Skill.OBJECTIONS]
    feedback = str(SKILL_RULES[Skill.OBJECTIONS][0])
    text, model = "", script.model_question
    if step.free_text:
        text = answer.text.strip()
        if not text:
            raise PracticeError(_("Write the question you put to the objector."))
        judged = judge_text(text, script.question_key_elements)
        if judged.missing:
            listed = ", ".join(judged.missing)
            feedback = f"{feedback} {_('Not yet in your question')}: {listed}."
        if not judged.passed:
            return Outcome(
                events=(),
                skill=Skill.OBJECTIONS,
                correct=False,
                feedback=feedback,
                weight=weight,
                text=text,
                model_answer=model,
            )
    events = (
        TestQuestionAsked(
            actor=FACILITATOR,
            objector=step.member,
            question=CLARIFYING_TEST_QUESTION,
            text=text or model,
        ),
        TestQuestionAnswered(
            actor=step.member,
            objector=step.member,
            question=CLARIFYING_TEST_QUESTION,
            answer=script.test_answer(CLARIFYING_TEST_QUESTION),
        ),
    )
    return Outcome(
        events=events,
        skill=Skill.OBJECTIONS,
        correct=True,
        feedback=feedback,
        weight=weight,
        text=text,
        model_answer=model if text else "",
    )


# A participant who plays a member or the proposer


def _decide_own_turn(scenario, state, step, answer, today) -> Outcome:
    """The participant's own turn in the question or reaction round: the persona's words."""
    _same_member(step, answer)
    if state.phase is Phase.PICTURE_FORMING:
        script = scenario.question_of(answer.member)
        if script is None:
            raise ProcessError("not_a_member", member=answer.member)
        return Outcome(events=tuple(question_events(script, proposer=scenario.proposer)))
    reaction = scenario.reaction_of(answer.member)
    if reaction is None:
        raise ProcessError("not_a_member", member=answer.member)
    return Outcome(events=(ReactionGiven(actor=reaction.persona, reaction=reaction.text),))


def objection_refusal() -> str:
    """Why an objection without an argument is refused: the rule and its source."""
    rule, source = SKILL_RULES[Skill.OBJECTIONS]
    reason = ProcessError("objection_needs_argument").format(gettext)
    return f"{reason} {gettext('Rule')}: {rule} ({source})"


def expected_answer(contribution: ConsentContribution) -> AnswerKind:
    """What a participant who plays this member answers: a preference is no objection."""
    if contribution.kind is AnswerKind.PREFERENCE:
        return AnswerKind.CONCERN
    return contribution.kind


def _decide_member_consent(scenario, state, step, answer, today) -> Outcome:
    """The participant's own answer in the consent round. Right when they tell an objection
    from a concern (or consent) as their persona's position asks; what they say is what the
    circle hears: an objection kept to themselves is never tested."""
    _same_member(step, answer)
    script = consent_contribution(scenario, state, answer.member)
    if script is None:
        raise ProcessError("not_a_member", member=answer.member)
    try:
        kind = AnswerKind(answer.choice)
    except ValueError:
        raise PracticeError(_("Choose one of the options shown, then confirm.")) from None
    text = answer.text.strip()
    if kind is AnswerKind.OBJECTION and len(text.split()) < MIN_ARGUMENT_WORDS:
        raise PracticeError(objection_refusal())
    event = ConsentAnswerGiven(
        actor=answer.member,
        answer=ConsentAnswer(kind.value),
        text="" if kind is AnswerKind.CONSENT else text,
    )
    expected = expected_answer(script)
    objects = kind is AnswerKind.OBJECTION
    return Outcome(
        events=(event,),
        skill=Skill.OBJECTIONS,
        correct=objects == (expected is AnswerKind.OBJECTION),
        feedback=script.feedback,
        expected=expected.value,
        weight=ANSWER_WEIGHT[script.kind],
        text=text,
    )


def proposer_answer_options(
    scenario: Scenario, state: DecisionState, asker: str
) -> tuple[tuple[str, str], ...]:
    """The proposer's possible answers to `asker`'s question; the right one moves place."""
    script = scenario.question_of(asker) if isinstance(scenario, ConsentScenario) else None
    right = script.answer if script is not None and script.answer else ""
    options = [("answer", right or str(_("I will find that out and tell you before we decide.")))]
    options += [(value, str(text)) for value, text in PROPOSER_DETOURS.items()]
    shift = state.circle.index(asker) % len(options) if asker in state.circle else 0
    return tuple(options[shift:] + options[:shift])


def _decide_proposer_answer(scenario, state, step, answer, today) -> Outcome:
    _same_member(step, answer)
    said = dict(step.options)[answer.choice]
    event = QuestionAnswered(actor=state.proposer, asker=answer.member, answer=said)
    script = scenario.question_of(answer.member)
    rule = str(
        _(
            "A clarifying question asks for information: the proposer answers it, without "
            "defending or changing the proposal; reactions and amendments come later."
        )
    )
    right = answer.choice == "answer"
    return Outcome(
        events=(event,),
        skill=Skill.QUESTIONS,
        correct=right,
        feedback=(script.feedback if script and right else "") or rule,
        expected="answer",
        weight=BASE_WEIGHT[Skill.QUESTIONS] + 1,
    )


def amendment_options(scenario: Scenario, state: ProcessState) -> tuple[tuple[str, str], ...]:
    script = (
        scenario.consent_round(state.version) if isinstance(scenario, ConsentScenario) else None
    )
    if script is None:
        return ()
    options = tuple((str(i), a.text) for i, a in enumerate(script.amendments))
    if script.refer_to:
        label = _("Refer the decision to %(circle)s; the current policy stays in force") % {
            "circle": script.refer_to
        }
        options = (*options, (REFER, str(label)))
    return options


def _decide_amendment(scenario, state, step, answer, today) -> Outcome:
    script = scenario.consent_round(state.version)
    if step.free_text:
        return _decide_written_amendment(scenario, state, step, answer, script)
    if answer.choice == REFER and script is not None and script.refer_to:
        # Right when no amendment in this circle's mandate resolves the objection.
        resolvable = any(a.integrates for a in script.amendments)
        return Outcome(
            events=(referral_event(script),),
            skill=Skill.INTEGRATION,
            correct=not resolvable,
            feedback=script.rubric,
            weight=BASE_WEIGHT[Skill.INTEGRATION],
        )
    try:
        amendment = script.amendments[int(answer.choice)]
    except (AttributeError, IndexError, TypeError, ValueError):
        raise PracticeError(_("Choose one of the options shown, then confirm.")) from None
    weight = BASE_WEIGHT[Skill.INTEGRATION]
    if not amendment.integrates:
        # The objection still stands: the circle looks for a better amendment.
        return Outcome(
            events=(),
            skill=Skill.INTEGRATION,
            correct=False,
            feedback=amendment.feedback,
            weight=weight,
            reaction=_reaction(scenario, step.member, Situation.AMENDMENT_FALLS_SHORT),
        )
    events = amendment_events(amendment, objector=step.member, proposer=scenario.proposer)
    return Outcome(
        events=tuple(events),
        skill=Skill.INTEGRATION,
        correct=True,
        feedback=amendment.feedback,
        weight=weight,
    )


def _decide_written_amendment(scenario, state, step, answer, script) -> Outcome:
    text = answer.text.strip()
    if not text:
        raise PracticeError(_("Write the amended proposal with the objector."))
    # Most of the author's key elements must be there: the harm the objection names is gone.
    judged = judge_text(text, script.key_elements)
    model = next((a.text for a in script.amendments if a.integrates), "")
    feedback = script.rubric
    if judged.missing:
        listed = ", ".join(judged.missing)
        feedback = f"{feedback} {_('Not yet in your amendment')}: {listed}.".strip()
    weight = BASE_WEIGHT[Skill.INTEGRATION]
    if not judged.passed:
        return Outcome(
            events=(),
            skill=Skill.INTEGRATION,
            correct=False,
            feedback=feedback,
            weight=weight,
            text=text,
            model_answer=model,
            reaction=_reaction(scenario, step.member, Situation.AMENDMENT_FALLS_SHORT),
        )
    events = (
        AmendmentSuggested(actor=step.member, text=text),
        ProposalAmended(
            actor=scenario.proposer, text=text, reason=str(_("Worked out with the objector."))
        ),
    )
    return Outcome(
        events=events,
        skill=Skill.INTEGRATION,
        correct=True,
        feedback=feedback,
        weight=weight,
        text=text,
        model_answer=model,
    )


def _decide_agreement(scenario, state, step, answer, today) -> Outcome:
    responsibilities: tuple[Responsibility, ...] = ()
    if answer.task_member or answer.task:
        responsibilities = (Responsibility(member=answer.task_member, task=answer.task),)
    review_date = answer.review_date
    if review_date is None and state.agreements:
        # Amended at review: the first agreement's review date has passed.
        review_date = add_months(today, scenario.review_after_months)
    event = Agreed(
        actor=FACILITATOR,
        decided_on=today,
        review_date=review_date,
        responsibilities=responsibilities,
    )
    return Outcome(events=(event,))


def _decide_review(scenario, state, step, answer, today) -> Outcome:
    weight = BASE_WEIGHT[Skill.REVIEW]
    rule = str(SKILL_RULES[Skill.REVIEW][0])
    agreement = state.agreements[-1]
    if answer.choice == ALONE:
        # The engine refuses it: keep, amend and drop all need the circle's consent.
        alone = ReviewConcluded(
            actor=FACILITATOR,
            outcome=ReviewOutcome.KEEP,
            next_review_date=add_months(agreement.review_date, scenario.review_after_months),
        )
        try:
            _check(state, (alone,))
        except ProcessError as error:
            return Outcome(
                events=(),
                skill=Skill.REVIEW,
                correct=False,
                error=error,
                feedback=rule,
                weight=weight,
            )
    try:
        option = scenario.review.options[int(answer.choice)]
    except (IndexError, TypeError, ValueError):
        raise PracticeError(_("Choose one of the options shown, then confirm.")) from None
    events = review_events(
        option, agreement_review=agreement.review_date, months=scenario.review_after_months
    )
    return Outcome(
        events=tuple(events),
        skill=Skill.REVIEW,
        correct=option.right,
        feedback=option.feedback or rule,
        expected=_right_review_choice(scenario),
        weight=weight,
    )


def _right_review_choice(scenario) -> str:
    return next((str(i) for i, o in enumerate(scenario.review.options) if o.right), "")


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
    weight = BASE_WEIGHT[Skill.CANDIDATE]
    lowered = answer.text.lower()
    by_count = any(word in lowered for word in COUNT_WORDS)
    found = elements_found(answer.text, scenario.reason_key_elements)
    reasons_named = not found or any(hit for _element, hit in found)
    if answer.choice != scenario.candidate:
        # The proposal is made: the circle hears it, and the candidate declines because the
        # role needs what they cannot give. The facilitator proposes again.
        reaction = _reaction(scenario, answer.choice, Situation.DECLINES_CANDIDACY)
        decline = CandidateDeclined(
            actor=answer.choice, reason=reaction or str(_("This role does not fit me now."))
        )
        return Outcome(
            events=(event, decline),
            skill=Skill.CANDIDATE,
            correct=False,
            feedback=scenario.wrong_candidate_feedback,
            expected=scenario.candidate,
            weight=weight,
            text=answer.text,
            reaction=reaction,
        )
    if by_count or not reasons_named:
        # The right person for the wrong reason: the facilitator must name the reasons.
        return Outcome(
            events=(),
            skill=Skill.CANDIDATE,
            correct=False,
            feedback=str(SKILL_RULES[Skill.CANDIDATE][0]),
            expected=scenario.candidate,
            weight=weight,
            text=answer.text,
            model_answer=scenario.candidate_feedback,
        )
    return Outcome(
        events=(event,),
        skill=Skill.CANDIDATE,
        correct=True,
        feedback=scenario.candidate_feedback,
        weight=weight,
        text=answer.text,
        model_answer=scenario.candidate_feedback,
    )


def _decide_closing(scenario, state, step, answer, today) -> Outcome:
    """The slotronde: each persona rates the meeting. Who was set aside says so now."""
    events: list[Event] = [RoundStarted(actor=FACILITATOR, round_kind=RoundKind.CLOSING)]
    dismissed = {o.member for o in dismissed_objections(scenario, state)}
    for member in state.new_round(RoundKind.CLOSING).order:
        if member in dismissed:
            text = _reaction(scenario, member, Situation.CLOSING_AFTER_DISMISSAL) or str(
                _("I said what worried me, and it was set aside. I will keep quiet next time.")
            )
            rating = 4
        else:
            text = _reaction(scenario, member, Situation.CLOSING) or str(
                _("Keep the rounds: everyone was heard.")
            )
            rating = 8
        events.append(MeetingEvaluated(actor=member, rating=rating, keep_or_change=text))
    if not dismissed:
        return Outcome(events=tuple(events))
    # The consequence of setting an argued objection aside: the integration it needed never
    # happened, and that counts now.
    consequence = getattr(scenario, "dismissal_consequence", "")
    return Outcome(
        events=tuple(events),
        skill=Skill.INTEGRATION,
        correct=False,
        feedback=consequence or str(ENDING_LABELS[EndingKind.AGREED_OBJECTION_DISMISSED]),
        weight=BASE_WEIGHT[Skill.INTEGRATION] * len(dismissed),
        reaction=next(
            (
                _reaction(scenario, member, Situation.CLOSING_AFTER_DISMISSAL)
                for member in sorted(dismissed)
            ),
            "",
        ),
    )


def dismissed_objections(scenario: Scenario, state: ProcessState) -> list:
    """Argued objections (per the script) that the circle recorded as not overwegend."""
    result = []
    for objection in getattr(state, "all_objections", ()):
        if objection.verdict is not Verdict.NOT_QUALIFIED:
            continue
        script = _script_for(scenario, objection.member, objection.version)
        if script is not None and script.kind is AnswerKind.OBJECTION:
            result.append(objection)
    return result


def _script_for(scenario: Scenario, member: str, version: int) -> ConsentContribution | None:
    if isinstance(scenario, ElectionScenario):
        return scenario.consent_answer_of(member)
    script = scenario.consent_round(version)
    return script.answer_of(member) if script else None


class EndingKind(StrEnum):
    AGREED = "agreed"
    AGREED_OBJECTION_DISMISSED = "agreed_objection_dismissed"
    AGREED_OBJECTION_UNSPOKEN = "agreed_objection_unspoken"  # the participant kept it back
    AGREED_PICTURE_NOT_SHARED = "agreed_picture_not_shared"  # questions met with a defence
    AGREED_AFTER_DETOUR = "agreed_after_detour"  # a preference was treated as an objection
    REFERRED = "referred"
    DEFERRED = "deferred"
    ELECTED = "elected"
    ELECTED_AFTER_WRONG_PROPOSAL = "elected_after_wrong_proposal"
    NO_ELECTION = "no_election"
    REVIEW_KEPT = "review_kept"
    REVIEW_AMENDED = "review_amended"
    REVIEW_DROPPED = "review_dropped"
    OTHER = "other"


ENDING_LABELS = {
    EndingKind.AGREED: _("Decision taken: every objection was heard and integrated."),
    EndingKind.AGREED_OBJECTION_DISMISSED: _(
        "Decision taken, but an overwegend bezwaar was set aside."
    ),
    EndingKind.AGREED_OBJECTION_UNSPOKEN: _(
        "Decision taken, but you kept your objection to yourself: the harm it names is still "
        "in the agreement."
    ),
    EndingKind.AGREED_PICTURE_NOT_SHARED: _(
        "Decision taken, but questions were met with a defence or a promise instead of an "
        "answer: the circle decided without a shared picture."
    ),
    EndingKind.AGREED_AFTER_DETOUR: _(
        "Decision taken after a detour: a preference was treated as an objection."
    ),
    EndingKind.REFERRED: _("Referred to the higher circle; the current policy stays in force."),
    EndingKind.DEFERRED: _("Deferred; the current policy stays in force."),
    EndingKind.ELECTED: _("Elected on the strength of the reasons."),
    EndingKind.ELECTED_AFTER_WRONG_PROPOSAL: _(
        "Elected after a detour: first a candidate was proposed who did not fit the role."
    ),
    EndingKind.NO_ELECTION: _("No election."),
    EndingKind.REVIEW_KEPT: _("Reviewed: the circle kept the agreement by consent."),
    EndingKind.REVIEW_AMENDED: _("Reviewed: the circle amended the agreement by consent."),
    EndingKind.REVIEW_DROPPED: _("Reviewed: the circle dropped the agreement by consent."),
    EndingKind.OTHER: _("The process has ended."),
}


@dataclasses.dataclass(frozen=True)
class Ending:
    kind: EndingKind
    consequence: str = ""  # what happens later, written by the author

    @property
    def label(self) -> str:
        return str(ENDING_LABELS[self.kind])


def ending(scenario: Scenario, state: ProcessState) -> Ending | None:
    """How the meeting ended, and what follows from the participant's decisions."""
    if not ended(state):
        return None
    if isinstance(state, ElectionState):
        if state.phase is ElectionPhase.NO_ELECTION:
            return Ending(EndingKind.NO_ELECTION)
        if any(c.candidate != state.candidate for c in state.candidacies):
            return Ending(EndingKind.ELECTED_AFTER_WRONG_PROPOSAL)
        return Ending(EndingKind.ELECTED)
    if state.phase is Phase.REFERRED:
        return Ending(EndingKind.REFERRED)
    if state.phase is Phase.DEFERRED:
        return Ending(EndingKind.DEFERRED)
    if getattr(scenario, "review", None) is not None:
        return _review_ending(scenario, state)
    if state.phase is not Phase.AGREED:
        return Ending(EndingKind.OTHER)
    if dismissed_objections(scenario, state):
        consequence = getattr(scenario, "dismissal_consequence", "")
        return Ending(EndingKind.AGREED_OBJECTION_DISMISSED, consequence=consequence)
    if unspoken_objection(scenario, state):
        consequence = getattr(scenario, "dismissal_consequence", "")
        return Ending(EndingKind.AGREED_OBJECTION_UNSPOKEN, consequence=consequence)
    if unanswered_questions(scenario, state):
        return Ending(EndingKind.AGREED_PICTURE_NOT_SHARED)
    for objection in state.all_objections:
        script = _script_for(scenario, objection.member, objection.version)
        preference = script is not None and script.kind is AnswerKind.PREFERENCE
        if preference and objection.verdict is Verdict.QUALIFIED:
            return Ending(EndingKind.AGREED_AFTER_DETOUR)
    return Ending(EndingKind.AGREED)


def unspoken_objection(scenario: Scenario, state: ProcessState) -> bool:
    """The participant plays a member whose script objects to the agreed version, and they
    did not object to it."""
    learner = learner_of(scenario)
    if not learner or not isinstance(scenario, ConsentScenario):
        return False
    script = scenario.consent_round(state.version)
    position = script.answer_of(learner) if script else None
    if position is None or position.kind is not AnswerKind.OBJECTION:
        return False
    return not any(o.member == learner and o.version == state.version for o in state.all_objections)


def unanswered_questions(scenario: Scenario, state: ProcessState) -> list[str]:
    """Members whose clarifying question the participant, as proposer, did not answer with
    the information asked."""
    if not isinstance(scenario, ConsentScenario) or learner_of(scenario) != scenario.proposer:
        return []
    result = []
    for question in state.questions:
        script = scenario.question_of(question.member)
        if script is not None and script.answer and question.answer != script.answer:
            result.append(question.member)
    return result


def _review_ending(scenario: ConsentScenario, state: DecisionState) -> Ending | None:
    right = scenario.review.right_option
    if state.phase is Phase.DROPPED:
        kind = EndingKind.REVIEW_DROPPED
    elif state.phase is Phase.AGREED and len(state.agreements) > 1:
        amended = state.agreements[-1].version != state.agreements[-2].version
        kind = EndingKind.REVIEW_AMENDED if amended else EndingKind.REVIEW_KEPT
    else:
        return None  # the review is still under way
    outcome = {
        EndingKind.REVIEW_KEPT: ReviewOutcome.KEEP,
        EndingKind.REVIEW_AMENDED: ReviewOutcome.AMEND,
        EndingKind.REVIEW_DROPPED: ReviewOutcome.DROP,
    }[kind]
    # What follows when the circle settled for another outcome than the one that serves it.
    wrong = right is not None and right.outcome is not outcome
    return Ending(kind, consequence=scenario.review.consequence if wrong else "")


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
    StepKind.CLOSING: _decide_closing,
    StepKind.REVIEW: _decide_review,
    StepKind.CLARIFY: _decide_clarify,
    StepKind.OWN_TURN: _decide_own_turn,
    StepKind.MEMBER_CONSENT: _decide_member_consent,
    StepKind.PROPOSER_ANSWER: _decide_proposer_answer,
}
