"""What the practice screens explain about past decisions (presentation only).

The stored decisions are replayed one by one, so each can be shown with the situation the
participant faced: the words of the option they chose (not its index), where the meeting
stood and which step comes next after a wrong move, and what the members said in response.
Nothing here changes an attempt; the practice rules stay in `exercises.practice`.
"""

import dataclasses

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from exercises.consent import (
    DecisionState,
    ElectionState,
    Event,
    ProcessError,
    ProcessState,
    apply,
    event_from_dict,
    replay,
)
from exercises.practice import (
    ELECTION_MOVES,
    Answer,
    Move,
    PracticeError,
    Step,
    StepKind,
    _consent_moves,
    amendment_options,
    choice_label,
    decide,
    review_options,
)
from exercises.rehearsal import state_day
from exercises.scenario import FACILITATOR, ConsentScenario

# Where the meeting stands and why this move comes next, by the move that is right now.
NEXT_STEP = {
    Move.CHECK_DRIVER: _(
        "Before the proposal is presented, the circle checks the driver: does everyone "
        "recognise what is happening and what is needed?"
    ),
    Move.PRESENT: _(
        "The circle has not heard the proposal yet. First the proposer presents it; only then "
        "can the circle ask questions about it."
    ),
    Move.QUESTION_ROUND: _(
        "The proposal has been presented. Make sure everyone understands it first: start with "
        "clarifying questions, before anyone gives an opinion."
    ),
    Move.REACTION_ROUND: _(
        "Every question has been answered, so the picture is shared. Now each member in turn "
        "says what they think of the proposal."
    ),
    Move.CONSENT_ROUND: _(
        "Everyone has reacted. Now ask each member in turn: do you consent, or do you have a "
        "paramount objection?"
    ),
    Move.TEST_OBJECTIONS: _(
        "An objection has been raised. Test it with the objector and the circle before the "
        "meeting goes on."
    ),
    Move.AGREE: _(
        "Everyone has consented, or what remains is a concern. Record the agreement now."
    ),
    Move.NOMINATION_ROUND: _(
        "The role has been described. Now everyone writes down whom they nominate, and signs it."
    ),
    Move.REASONS_ROUND: _(
        "The nominations are in. Now each member says whom they nominated and why."
    ),
    Move.CHANGE_ROUND: _(
        "Everyone has given their reasons. Now ask each member whether they change their "
        "nomination after what they heard."
    ),
    Move.PROPOSE_CANDIDATE: _(
        "The rounds are complete. Now you propose a candidate, on the strength of the reasons."
    ),
    Move.ELECT: _("Everyone consents to the candidate. Ask the candidate to accept the role."),
}
NEXT_STEP_AMENDED = _(
    "The proposal has a new version. Hold a consent round on it: does anyone still have a "
    "paramount objection?"
)
NEXT_STEP_CANDIDATE = _(
    "A candidate has been proposed. Now ask each member in turn whether they consent to the "
    "candidate."
)
ELECTION_ORDER_RULE = _(
    "An election follows its rounds: everyone writes down a nomination, the reasons round, the "
    "change round, the facilitator proposes a candidate, the consent round, and the candidate "
    "accepts."
)
S3_ORDER_RULE = _(
    "The steps follow each other: check the driver, present, question round, reaction round, "
    "consent round, test objections, resolve, record the agreement."
)

# What members say that the participant needs to see right after the step that caused it.
SHOWN_AFTER_THE_STEP = frozenset(
    {
        "question_asked",
        "question_answered",
        "test_question_answered",
        "candidate_declined",
        "meeting_evaluated",
        "objection_withdrawn",
    }
)


@dataclasses.dataclass(frozen=True)
class Said:
    """One contribution of a member, as a line of dialogue."""

    member: str
    text: str
    kind: str
    is_proposer: bool = False
    rating: int | None = None


@dataclasses.dataclass(frozen=True)
class Explained:
    """A stored decision with the situation it was taken in."""

    choice: str = ""  # the chosen option in words
    expected: str = ""  # the right option in words
    next_step: str = ""  # after a wrong move: where the meeting stands, what comes next
    rule: str = ""  # the rule of the method, fitted to this kind of process
    said: tuple[Said, ...] = ()


def explain(practice) -> dict[int, Explained]:
    """Each decision of `practice` (by sequence), replayed in the order it was taken."""
    scenario = practice.scenario
    explained: dict[int, Explained] = {}
    events: list[Event] = []
    state: ProcessState | None = None
    for row in practice.decisions:
        row_events = [event_from_dict(data) for data in row.events]
        if state is None:
            events += row_events
            state = replay(events) if events else None
            continue
        if row.step != StepKind.START:
            explained[row.sequence] = _explain_row(scenario, state, row, row_events)
        for event in row_events:
            state = apply(state, event)
    return explained


def _explain_row(scenario, state: ProcessState, row, row_events: list[Event]) -> Explained:
    labels = _option_labels(scenario, state, row.step)
    choice = labels.get(row.choice) or choice_label(row.choice) if row.choice else ""
    expected = labels.get(row.expected) or choice_label(row.expected) if row.expected else ""
    next_step = ""
    rule = ""
    if row.step == StepKind.CHOOSE:
        rule = _order_rule(scenario, state)
        if row.correct is False:
            next_step = next_step_hint(scenario, state)
    proposer = getattr(state, "proposer", None)
    said: list[Said] = []
    for event in row_events:
        line = _said(event, proposer=proposer)
        if line is not None and line not in said:  # the same words once, not per test question
            said.append(line)
    return Explained(
        choice=choice, expected=expected, next_step=next_step, rule=rule, said=tuple(said)
    )


def _option_labels(scenario, state: ProcessState, step: str) -> dict[str, str]:
    """The words of options that are stored as a number (a menu of amendments, reviews)."""
    try:
        if step == StepKind.AMEND:
            return dict(amendment_options(scenario, state))
        if step == StepKind.REVIEW and isinstance(scenario, ConsentScenario) and scenario.review:
            return dict(review_options(scenario))
    except (AttributeError, IndexError, TypeError, ValueError):
        return {}
    return {}


def _order_rule(scenario, state: ProcessState) -> str:
    if isinstance(state, ElectionState):
        return str(ELECTION_ORDER_RULE)
    if isinstance(scenario, ConsentScenario) and scenario.method == "s3":
        return str(S3_ORDER_RULE)
    return ""


def right_move(scenario, state: ProcessState) -> Move | None:
    """The move the facilitator should make now, when no member has the floor."""
    if isinstance(state, ElectionState):
        moves = ELECTION_MOVES
    else:
        moves = _consent_moves(scenario)
    step = Step(StepKind.CHOOSE, options=tuple((m.value, m.label) for m in moves))
    for move in moves:
        try:
            outcome = decide(
                scenario, state, step, Answer(choice=move.value), today=state_day(state)
            )
        except (ProcessError, PracticeError):
            continue
        if outcome.correct:
            return move
    return None


def next_step_hint(scenario, state: ProcessState) -> str:
    """Where the meeting stands and which step comes next, in words."""
    move = right_move(scenario, state)
    if move is None:
        return ""
    if move is Move.CONSENT_ROUND and isinstance(state, ElectionState):
        return str(NEXT_STEP_CANDIDATE)
    if move is Move.CONSENT_ROUND and isinstance(state, DecisionState) and state.version > 1:
        return str(NEXT_STEP_AMENDED)
    return str(NEXT_STEP[move])


def _said(event: Event, *, proposer: str | None) -> Said | None:
    if event.actor == FACILITATOR:
        return None
    text, rating = "", None
    kind = event.kind
    if kind == "question_asked":
        text = event.question
    elif kind == "question_answered":
        text = event.answer
    elif kind == "test_question_asked":
        text = str(event.question.label)
    elif kind == "test_question_answered":
        text = event.answer
    elif kind == "reaction_given":
        text = event.reaction
    elif kind == "consent_answer_given":
        text = f"{choice_label(event.answer.value)}{': ' + event.text if event.text else ''}"
    elif kind == "turn_passed":
        text = gettext("passes.")
    elif kind == "meeting_evaluated":
        text, rating = event.keep_or_change, event.rating
    elif kind in ("reason_given", "nomination_changed", "nomination_kept", "candidate_declined"):
        text = getattr(event, "reason", "")
    elif kind in ("amendment_suggested", "proposal_amended"):
        text = event.text
    elif kind == "objection_withdrawn":
        text = gettext(event.action)
    if not text:
        return None
    return Said(
        member=event.actor, text=text, kind=kind, is_proposer=event.actor == proposer, rating=rating
    )
