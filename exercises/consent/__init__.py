"""The consent engine: the sociocratic consent decision and election as pure state machines.

No Django here. The process follows shared/DOMAIN.md (SKM by default, S3 as a setting).

API, for solo practice and for a live room alike:

- ``start(event)`` begins a process from ``DecisionPrepared`` or ``RoleDefined``;
  ``apply(state, event)`` returns the next state or raises ``ProcessError`` and leaves the
  state untouched; ``replay(events)`` rebuilds a state from stored events.
- Events are frozen dataclasses with an ``actor`` (a member id, or the facilitator's id) and
  an optional ``at``. Store them with ``event.to_dict()``, read them back with
  ``event_from_dict(data)``; ``EVENT_TYPES`` maps every ``kind`` to its class.
- ``state.open_actions(member)`` is the set of event kinds ``member`` may take now (whose turn
  it is, who may ask a test question, who may withdraw an objection, what the facilitator
  may start). The engine still checks the content when the event is applied.
- ``state.whose_turn``, ``state.current_round`` (``Round.order``, ``.turns``,
  ``.open_members``), ``state.phase`` (``Phase`` / ``ElectionPhase``, ``.label`` for
  display) and ``state.log`` (append-only ``LogEntry`` with the proposal version) describe
  the meeting. A decision also has ``objections`` (``Objection`` with ``verdict``,
  ``reason``, ``tested_with``, ``withdrawn``), ``objection_under_test``, ``concerns``,
  ``agreement`` / ``policy_in_force``, ``deferral`` and ``referral``; an election has
  ``role``, ``nominations`` (hidden until all are in), ``candidate``, ``objections``,
  ``concerns`` and ``result``.
- ``ProcessError`` has a ``code``, ``params`` and ``format(gettext)`` for a message a user
  can read; the Django side translates with ``gettext(err.message) % err.params``.

The meeting frame: ``RoundStarted(round_kind=RoundKind.OPENING)`` before the first step
(``CheckedIn`` or ``TurnPassed`` per member) and ``RoundKind.CLOSING`` after the end
(``MeetingEvaluated`` per member), one turn each in circle order.

Testing an objection: ``TestQuestionAsked`` / ``TestQuestionAnswered`` for each
``TestQuestion`` (the objector answers, the circle takes part; ``text`` holds the asker's
own words when they put the question in them), then ``ObjectionTested``
with the verdict and its reason. ``ObjectionWithdrawn`` by the objector at any time before
it is resolved. Unresolved: ``DecisionDeferred`` (owner, ``on``, later ``until``) or
``DecisionReferred`` (to the higher circle); the current policy stays in force. Review:
``ReviewOpened``, ``ReviewProposed`` (keep / amend / drop), a ``RoundKind.REVIEW`` consent
round, then ``ReviewConcluded``; amend goes back to the consent round on the new version.
"""

from .decision import (
    Agreement,
    Concern,
    DecisionState,
    Deferral,
    Phase,
    ProposalVersion,
    Question,
    Referral,
    ReviewProposal,
    Suggestion,
    apply_decision,
    start_decision,
)
from .election import (
    Candidacy,
    CandidateConcern,
    ElectionPhase,
    ElectionResult,
    ElectionState,
    Nomination,
    Role,
    apply_election,
    start_election,
)
from .errors import MESSAGES, ProcessError
from .events import (
    EVENT_TYPES,
    Agreed,
    AmendmentSuggested,
    CandidateAccepted,
    CandidateDeclined,
    CandidateProposed,
    CheckedIn,
    ConsentAnswerGiven,
    DecisionDeferred,
    DecisionPrepared,
    DecisionReferred,
    DriverChecked,
    Event,
    LogEntry,
    MeetingEvaluated,
    NoElection,
    NominationChanged,
    NominationKept,
    NominationMade,
    ObjectionTested,
    ObjectionWithdrawn,
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
    ReviewProposed,
    RoleAmended,
    RoleDefined,
    RoundStarted,
    TestQuestionAnswered,
    TestQuestionAsked,
    TurnPassed,
    event_from_dict,
)
from .objections import Objection, TestAnswer
from .replay import ProcessState, apply, replay, start
from .rounds import Round, Turn
from .settings import Method, Settings
from .vocabulary import ConsentAnswer, ReviewOutcome, RoundKind, TestQuestion, Verdict

__all__ = [
    "EVENT_TYPES",
    "MESSAGES",
    "Agreed",
    "Agreement",
    "AmendmentSuggested",
    "Candidacy",
    "CandidateAccepted",
    "CandidateConcern",
    "CandidateDeclined",
    "CandidateProposed",
    "CheckedIn",
    "Concern",
    "ConsentAnswer",
    "ConsentAnswerGiven",
    "DecisionDeferred",
    "DecisionPrepared",
    "DecisionReferred",
    "DecisionState",
    "Deferral",
    "DriverChecked",
    "ElectionPhase",
    "ElectionResult",
    "ElectionState",
    "Event",
    "LogEntry",
    "MeetingEvaluated",
    "Method",
    "NoElection",
    "Nomination",
    "NominationChanged",
    "NominationKept",
    "NominationMade",
    "Objection",
    "ObjectionTested",
    "ObjectionWithdrawn",
    "Phase",
    "ProcessError",
    "ProcessState",
    "ProposalAmended",
    "ProposalPresented",
    "ProposalVersion",
    "ProposalWithdrawn",
    "Question",
    "QuestionAnswered",
    "QuestionAsked",
    "ReactionGiven",
    "ReasonGiven",
    "Referral",
    "Responsibility",
    "ReviewConcluded",
    "ReviewOpened",
    "ReviewOutcome",
    "ReviewProposal",
    "ReviewProposed",
    "Role",
    "RoleAmended",
    "RoleDefined",
    "Round",
    "RoundKind",
    "RoundStarted",
    "Settings",
    "Suggestion",
    "TestAnswer",
    "TestQuestion",
    "TestQuestionAnswered",
    "TestQuestionAsked",
    "Turn",
    "TurnPassed",
    "Verdict",
    "apply",
    "apply_decision",
    "apply_election",
    "event_from_dict",
    "replay",
    "start",
    "start_decision",
    "start_election",
]
