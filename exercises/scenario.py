"""A practice scenario as plain data: what an exercise page holds, in the shape practice reads.

An attempt keeps a snapshot of its scenario (`to_dict()`), so editing the page later never
changes an attempt that is under way or already scored.
"""

import dataclasses
from datetime import date
from enum import StrEnum
from typing import Any

from exercises.consent import (
    Agreed,
    AmendmentSuggested,
    CandidateAccepted,
    CandidateProposed,
    ConsentAnswer,
    ConsentAnswerGiven,
    DecisionPrepared,
    DriverChecked,
    Event,
    Method,
    NominationChanged,
    NominationKept,
    NominationMade,
    ObjectionTested,
    ProposalAmended,
    ProposalPresented,
    QuestionAnswered,
    QuestionAsked,
    ReactionGiven,
    ReasonGiven,
    RoleDefined,
    RoundKind,
    RoundStarted,
    Settings,
    TestQuestion,
    TestQuestionAnswered,
    TestQuestionAsked,
    TurnPassed,
    Verdict,
)

# The participant facilitates from outside the circle; personas are the circle's members.
FACILITATOR = "facilitator"


class QuestionKind(StrEnum):
    CLARIFYING = "clarifying"
    OPINION = "opinion"  # an opinion (or "why not…") disguised as a question
    PASS = "pass"  # noqa: S105 - a turn passed, not a password


class AnswerKind(StrEnum):
    CONSENT = "consent"
    CONCERN = "concern"
    OBJECTION = "objection"  # reasoned: qualifies when tested
    PREFERENCE = "preference"  # presented as an objection, but only a preference

    @property
    def spoken_as(self) -> ConsentAnswer:
        """How the persona says it in the round; a preference is voiced as an objection."""
        if self is AnswerKind.PREFERENCE:
            return ConsentAnswer.OBJECTION
        return ConsentAnswer(self.value)


@dataclasses.dataclass(frozen=True)
class Persona:
    name: str
    role: str
    interests: str = ""


@dataclasses.dataclass(frozen=True)
class QuestionContribution:
    persona: str
    kind: QuestionKind
    text: str = ""
    answer: str = ""  # the proposer's answer to a clarifying question
    feedback: str = ""


@dataclasses.dataclass(frozen=True)
class Reaction:
    persona: str
    text: str
    feedback: str = ""


@dataclasses.dataclass(frozen=True)
class ConsentContribution:
    persona: str
    kind: AnswerKind
    text: str = ""
    feedback: str = ""  # why this is a consent, concern, objection or preference
    test_feedback: str = ""  # for objections: why it does or does not qualify
    # The objector's answers to the test questions (aim, harm, preference), in that order.
    test_answers: tuple[str, ...] = ()

    def test_answer(self, question: TestQuestion) -> str:
        index = list(TestQuestion).index(question)
        if index < len(self.test_answers) and self.test_answers[index].strip():
            return self.test_answers[index]
        return self.text or "—"


@dataclasses.dataclass(frozen=True)
class Amendment:
    text: str  # the whole proposal as amended
    integrates: bool
    feedback: str = ""


@dataclasses.dataclass(frozen=True)
class ConsentRound:
    answers: tuple[ConsentContribution, ...]
    amendments: tuple[Amendment, ...] = ()

    @property
    def qualified_objectors(self) -> tuple[str, ...]:
        return tuple(a.persona for a in self.answers if a.kind is AnswerKind.OBJECTION)

    @property
    def objectors(self) -> tuple[str, ...]:
        return tuple(a.persona for a in self.answers if a.spoken_as is ConsentAnswer.OBJECTION)

    def answer_of(self, persona: str) -> ConsentContribution | None:
        return next((a for a in self.answers if a.persona == persona), None)


@dataclasses.dataclass(frozen=True)
class ConsentScenario:
    """A consent decision: the circle, the proposal and each round's scripted contributions."""

    title: str
    driver: str
    shared_aim: str
    proposal: str
    proposer: str
    personas: tuple[Persona, ...]
    questions: tuple[QuestionContribution, ...]
    reactions: tuple[Reaction, ...]
    consent_rounds: tuple[ConsentRound, ...]
    method: Method = Method.SKM
    review_after_months: int = 6

    kind = "consent"

    @property
    def circle(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.personas)

    def persona(self, name: str) -> Persona | None:
        return next((p for p in self.personas if p.name == name), None)

    def question_of(self, persona: str) -> QuestionContribution | None:
        return next((q for q in self.questions if q.persona == persona), None)

    def reaction_of(self, persona: str) -> Reaction | None:
        return next((r for r in self.reactions if r.persona == persona), None)

    def consent_round(self, version: int) -> ConsentRound | None:
        """The script of the consent round on proposal version `version` (1-based)."""
        if 1 <= version <= len(self.consent_rounds):
            return self.consent_rounds[version - 1]
        return None

    def start_event(self, *, today: date) -> DecisionPrepared:
        return DecisionPrepared(
            actor=self.proposer,
            circle=self.circle,
            facilitator=FACILITATOR,
            proposer=self.proposer,
            driver=self.driver,
            shared_aim=self.shared_aim,
            proposal=self.proposal,
            review_date=add_months(today, self.review_after_months),
            settings=Settings(method=self.method),
        )

    def correct_path(self, *, today: date) -> list[Event]:
        """The events of a facilitator who decides everything right; the scenario is playable
        when the engine accepts them all and ends agreed."""
        events: list[Event] = [self.start_event(today=today)]
        if self.method is Method.S3:
            events.append(DriverChecked(actor=FACILITATOR))
        events += [
            ProposalPresented(actor=self.proposer),
            RoundStarted(actor=FACILITATOR, round_kind=RoundKind.QUESTION),
        ]
        for question in self.questions:
            events += question_events(question, proposer=self.proposer)
        events.append(RoundStarted(actor=FACILITATOR, round_kind=RoundKind.REACTION))
        events += [ReactionGiven(actor=r.persona, reaction=r.text) for r in self.reactions]
        for consent_round in self.consent_rounds:
            events.append(RoundStarted(actor=FACILITATOR, round_kind=RoundKind.CONSENT))
            events += [consent_answer_event(a) for a in consent_round.answers]
            for answer in consent_round.answers:
                if answer.kind in _TESTED:
                    events += objection_test_events(
                        answer,
                        circle=self.circle,
                        proposer=self.proposer,
                        verdict=right_verdict(answer),
                    )
            if consent_round.qualified_objectors:
                amendment = next((a for a in consent_round.amendments if a.integrates), None)
                if amendment is None:
                    break
                events += amendment_events(
                    amendment, objector=consent_round.qualified_objectors[0], proposer=self.proposer
                )
        events.append(Agreed(actor=FACILITATOR, decided_on=today))
        return events

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **_encode(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ConsentScenario":
        return cls(
            title=data["title"],
            driver=data["driver"],
            shared_aim=data["shared_aim"],
            proposal=data["proposal"],
            proposer=data["proposer"],
            personas=tuple(Persona(**p) for p in data["personas"]),
            questions=tuple(
                QuestionContribution(**{**q, "kind": QuestionKind(q["kind"])})
                for q in data["questions"]
            ),
            reactions=tuple(Reaction(**r) for r in data["reactions"]),
            consent_rounds=tuple(
                ConsentRound(
                    answers=tuple(contribution_from_dict(a) for a in r["answers"]),
                    amendments=tuple(Amendment(**a) for a in r["amendments"]),
                )
                for r in data["consent_rounds"]
            ),
            method=Method(data.get("method", Method.SKM)),
            review_after_months=int(data.get("review_after_months", 6)),
        )


_TESTED = (AnswerKind.OBJECTION, AnswerKind.PREFERENCE)


def question_events(question: QuestionContribution, *, proposer: str) -> list[Event]:
    """What enters the log once the facilitator handles a turn in the question round right:
    a clarifying question is asked and answered; an opinion is redirected to the reaction
    round, so the member's turn passes without a question."""
    if question.kind is QuestionKind.CLARIFYING:
        return [
            QuestionAsked(actor=question.persona, question=question.text),
            QuestionAnswered(actor=proposer, asker=question.persona, answer=question.answer),
        ]
    return [TurnPassed(actor=question.persona)]


def consent_answer_event(answer: ConsentContribution) -> ConsentAnswerGiven:
    text = "" if answer.kind is AnswerKind.CONSENT else answer.text
    return ConsentAnswerGiven(actor=answer.persona, answer=answer.kind.spoken_as, text=text)


def objection_test_events(
    answer: ConsentContribution, *, circle: tuple[str, ...], proposer: str, verdict: Verdict
) -> list[Event]:
    """The objection tested with the objector and the circle: the facilitator asks whether it
    relates to the aim and whether it is a preference, another member (the proposer first)
    asks what harm it does; the objector answers each; then the verdict with its reason."""
    objector = answer.persona
    member = next((m for m in (proposer, *circle) if m != objector), None)
    events: list[Event] = []
    for question in TestQuestion:
        asker = member if question is TestQuestion.HARM and member else FACILITATOR
        events += [
            TestQuestionAsked(actor=asker, objector=objector, question=question),
            TestQuestionAnswered(
                actor=objector,
                objector=objector,
                question=question,
                answer=answer.test_answer(question),
            ),
        ]
    reason = answer.test_feedback.strip() or answer.feedback.strip() or verdict.label
    events.append(
        ObjectionTested(actor=FACILITATOR, objector=objector, verdict=verdict, reason=reason)
    )
    return events


def right_verdict(answer: ConsentContribution) -> Verdict:
    return Verdict.QUALIFIED if answer.kind is AnswerKind.OBJECTION else Verdict.NOT_QUALIFIED


def amendment_events(amendment: Amendment, *, objector: str, proposer: str) -> list[Event]:
    return [
        AmendmentSuggested(actor=objector, text=amendment.text),
        ProposalAmended(actor=proposer, text=amendment.text, reason=amendment.feedback),
    ]


# Sociocratic election


@dataclasses.dataclass(frozen=True)
class NominationScript:
    persona: str
    nominee: str | None  # None: nobody
    reason: str
    changes: bool = False
    new_nominee: str | None = None
    change_reason: str = ""


@dataclasses.dataclass(frozen=True)
class ElectionScenario:
    """An open election: the role, each persona's nomination and reasons, and whom the
    facilitator should propose (and why)."""

    title: str
    role: str
    role_description: str
    tasks: tuple[str, ...]
    qualities: tuple[str, ...]
    personas: tuple[Persona, ...]
    nominations: tuple[NominationScript, ...]
    candidate: str
    candidate_feedback: str
    consent_answers: tuple[ConsentContribution, ...]
    wrong_candidate_feedback: str = ""
    term_months: int = 12
    method: Method = Method.SKM

    kind = "election"

    @property
    def circle(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.personas)

    def persona(self, name: str) -> Persona | None:
        return next((p for p in self.personas if p.name == name), None)

    def nomination_of(self, persona: str) -> NominationScript | None:
        return next((n for n in self.nominations if n.persona == persona), None)

    def consent_answer_of(self, persona: str) -> ConsentContribution | None:
        return next((a for a in self.consent_answers if a.persona == persona), None)

    def start_event(self, *, today: date) -> RoleDefined:
        return RoleDefined(
            actor=FACILITATOR,
            circle=self.circle,
            facilitator=FACILITATOR,
            role=self.role,
            term_start=today,
            term_end=add_months(today, self.term_months),
            tasks=self.tasks,
            qualities=self.qualities,
            settings=Settings(method=self.method),
        )

    def correct_path(self, *, today: date) -> list[Event]:
        events: list[Event] = [
            self.start_event(today=today),
            RoundStarted(actor=FACILITATOR, round_kind=RoundKind.NOMINATION),
        ]
        events += [NominationMade(actor=n.persona, nominee=n.nominee) for n in self.nominations]
        events.append(RoundStarted(actor=FACILITATOR, round_kind=RoundKind.REASONS))
        events += [ReasonGiven(actor=n.persona, reason=n.reason) for n in self.nominations]
        events.append(RoundStarted(actor=FACILITATOR, round_kind=RoundKind.CHANGE))
        events += [change_event(n) for n in self.nominations]
        events += [
            CandidateProposed(
                actor=FACILITATOR, candidate=self.candidate, reason=self.candidate_feedback
            ),
            RoundStarted(actor=FACILITATOR, round_kind=RoundKind.CONSENT),
        ]
        events += [consent_answer_event(a) for a in self.consent_answers_in_order()]
        events.append(CandidateAccepted(actor=self.candidate))
        return events

    def consent_answers_in_order(self) -> list[ConsentContribution]:
        """Consent answers in the order the engine asks them: the candidate answers last."""
        others = [a for a in self.consent_answers if a.persona != self.candidate]
        return others + [a for a in self.consent_answers if a.persona == self.candidate]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **_encode(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ElectionScenario":
        return cls(
            title=data["title"],
            role=data["role"],
            role_description=data["role_description"],
            tasks=tuple(data["tasks"]),
            qualities=tuple(data["qualities"]),
            personas=tuple(Persona(**p) for p in data["personas"]),
            nominations=tuple(NominationScript(**n) for n in data["nominations"]),
            candidate=data["candidate"],
            candidate_feedback=data["candidate_feedback"],
            consent_answers=tuple(contribution_from_dict(a) for a in data["consent_answers"]),
            wrong_candidate_feedback=data.get("wrong_candidate_feedback", ""),
            term_months=int(data.get("term_months", 12)),
            method=Method(data.get("method", Method.SKM)),
        )


def contribution_from_dict(data: dict[str, Any]) -> ConsentContribution:
    return ConsentContribution(
        **{
            **data,
            "kind": AnswerKind(data["kind"]),
            "test_answers": tuple(data.get("test_answers", ())),
        }
    )


def change_event(nomination: NominationScript) -> Event:
    if nomination.changes:
        return NominationChanged(
            actor=nomination.persona,
            nominee=nomination.new_nominee,
            reason=nomination.change_reason,
        )
    return NominationKept(actor=nomination.persona, reason=nomination.change_reason)


type Scenario = ConsentScenario | ElectionScenario


def scenario_from_dict(data: dict[str, Any]) -> Scenario:
    if data.get("kind") == ElectionScenario.kind:
        return ElectionScenario.from_dict(data)
    return ConsentScenario.from_dict(data)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate_day)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has a 28th


def _encode(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    return value
