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
    DecisionReferred,
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
    ReviewConcluded,
    ReviewOpened,
    ReviewOutcome,
    ReviewProposed,
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


class LearnerRole(StrEnum):
    """Whom the participant plays in a consent exercise; the script plays everyone else."""

    FACILITATOR = "facilitator"
    MEMBER = "member"
    PROPOSER = "proposer"


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


class Situation(StrEnum):
    """Moments a persona reacts to; the author writes the words, practice picks the moment."""

    OPINION_LET_THROUGH = "opinion_let_through"  # cross-talk when an opinion passes as a question
    OBJECTION_DISMISSED = "objection_dismissed"  # their argued objection was set aside
    OBJECTION_HEARD = "objection_heard"  # their objection was tested as overwegend bezwaar
    PREFERENCE_UPHELD = "preference_upheld"  # their preference was treated as an objection
    AMENDMENT_FALLS_SHORT = "amendment_falls_short"  # as objector, to an amendment that misses
    CLOSING = "closing"  # their turn in the slotronde
    CLOSING_AFTER_DISMISSAL = "closing_after_dismissal"  # slotronde after being dismissed
    DECLINES_CANDIDACY = "declines_candidacy"  # proposed as candidate on the wrong grounds


@dataclasses.dataclass(frozen=True)
class PersonaReaction:
    situation: Situation
    text: str


@dataclasses.dataclass(frozen=True)
class Persona:
    name: str
    role: str
    interests: str = ""
    goal: str = ""
    temperament: str = ""
    reactions: tuple[PersonaReaction, ...] = ()

    def reaction(self, situation: Situation) -> str:
        """What this persona says in `situation`, or "" when the author wrote nothing."""
        return next((r.text for r in self.reactions if r.situation is situation), "")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Persona":
        reactions = tuple(
            PersonaReaction(situation=Situation(r["situation"]), text=r["text"])
            for r in data.get("reactions", ())
        )
        return cls(
            name=data["name"],
            role=data["role"],
            interests=data.get("interests", ""),
            goal=data.get("goal", ""),
            temperament=data.get("temperament", ""),
            reactions=reactions,
        )


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
    # The rubric for the facilitator's own clarifying question to this objector: phrases
    # ("a|b" = either) a good question names, and a model question shown with the feedback.
    question_key_elements: tuple[str, ...] = ()
    model_question: str = ""

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
    # The rubric for the amendment the participant writes with the objector: each key element
    # is one or more phrases separated by "|", any of which counts.
    key_elements: tuple[str, ...] = ()
    rubric: str = ""  # what a good amendment does, shown with the feedback
    # When no amendment can resolve the objection in this circle: the higher circle it goes to.
    refer_to: str = ""

    @property
    def qualified_objectors(self) -> tuple[str, ...]:
        return tuple(a.persona for a in self.answers if a.kind is AnswerKind.OBJECTION)

    @property
    def objectors(self) -> tuple[str, ...]:
        return tuple(a.persona for a in self.answers if a.spoken_as is ConsentAnswer.OBJECTION)

    def answer_of(self, persona: str) -> ConsentContribution | None:
        return next((a for a in self.answers if a.persona == persona), None)


@dataclasses.dataclass(frozen=True)
class ReviewOption:
    """An outcome a member proposes at the review of the agreement."""

    outcome: ReviewOutcome
    member: str  # who proposes it
    text: str = ""  # for amend: the agreement as amended
    right: bool = False
    feedback: str = ""
    # How the circle answers in the review round on this outcome (keep and drop); an amended
    # version goes to an ordinary consent round instead (the scenario's next consent round).
    answers: tuple[ConsentContribution, ...] = ()

    def answer_of(self, persona: str) -> ConsentContribution | None:
        return next((a for a in self.answers if a.persona == persona), None)


@dataclasses.dataclass(frozen=True)
class ReviewScript:
    """The review of the agreement the circle made earlier: the scenario's first consent round
    is the history that led to it; what the circle does with it now is practised."""

    evidence: str  # what the circle has seen since the agreement
    options: tuple[ReviewOption, ...]
    consequence: str = ""  # shown with the ending when the circle settles for a wrong outcome

    @property
    def right_option(self) -> ReviewOption | None:
        return next((o for o in self.options if o.right), None)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ReviewScript":
        return cls(
            evidence=data.get("evidence", ""),
            options=tuple(
                ReviewOption(
                    **{
                        **o,
                        "outcome": ReviewOutcome(o["outcome"]),
                        "answers": tuple(contribution_from_dict(a) for a in o.get("answers", ())),
                    }
                )
                for o in data.get("options", ())
            ),
            consequence=data.get("consequence", ""),
        )


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
    # What happens later when an overwegend bezwaar is set aside (shown with the ending).
    dismissal_consequence: str = ""
    # Set when the exercise is the review of an agreement made earlier (see ReviewScript).
    review: ReviewScript | None = None
    # The persona the participant plays ("" = the participant facilitates). Their turns are the
    # participant's; the facilitator's steps and everyone else's turns follow the script.
    learner: str = ""

    kind = "consent"

    @property
    def learner_role(self) -> LearnerRole:
        if not self.learner:
            return LearnerRole.FACILITATOR
        return LearnerRole.PROPOSER if self.learner == self.proposer else LearnerRole.MEMBER

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

    def opening_events(self, *, today: date) -> list[Event]:
        """What the log holds when the participant starts: the start event, or for a review
        the earlier decision (agreed `review_after_months` ago) and the review opened today."""
        if self.review is None:
            return [self.start_event(today=today)]
        decided_on = add_months(today, -self.review_after_months)
        return [
            *self._decision_path(today=decided_on),
            ReviewOpened(actor=FACILITATOR, on=today),
        ]

    def correct_path(self, *, today: date) -> list[Event]:
        """The events of a facilitator who decides everything right; the scenario is playable
        when the engine accepts them all and ends agreed."""
        if self.review is None:
            return self._decision_path(today=today)
        events = self.opening_events(today=today)
        option = self.review.right_option
        if option is None:
            return events
        events += review_events(option, agreement_review=today, months=self.review_after_months)
        if option.outcome is ReviewOutcome.AMEND:
            script = self.consent_round(len(self.consent_rounds))
            events.append(RoundStarted(actor=FACILITATOR, round_kind=RoundKind.CONSENT))
            events += [consent_answer_event(a) for a in script.answers] if script else []
            events.append(
                Agreed(
                    actor=FACILITATOR,
                    decided_on=today,
                    review_date=add_months(today, self.review_after_months),
                )
            )
        return events

    def _decision_path(self, *, today: date) -> list[Event]:
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
        # In a review the last consent round is the one on the version amended at review.
        history = self.consent_rounds[:-1] if self.review else self.consent_rounds
        for consent_round in history:
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
                if amendment is None and consent_round.refer_to:
                    events.append(referral_event(consent_round))
                    return events
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
            personas=tuple(Persona.from_dict(p) for p in data["personas"]),
            questions=tuple(
                QuestionContribution(**{**q, "kind": QuestionKind(q["kind"])})
                for q in data["questions"]
            ),
            reactions=tuple(Reaction(**r) for r in data["reactions"]),
            consent_rounds=tuple(
                ConsentRound(
                    answers=tuple(contribution_from_dict(a) for a in r["answers"]),
                    amendments=tuple(Amendment(**a) for a in r["amendments"]),
                    key_elements=tuple(r.get("key_elements", ())),
                    rubric=r.get("rubric", ""),
                    refer_to=r.get("refer_to", ""),
                )
                for r in data["consent_rounds"]
            ),
            method=Method(data.get("method", Method.SKM)),
            review_after_months=int(data.get("review_after_months", 6)),
            dismissal_consequence=data.get("dismissal_consequence", ""),
            review=ReviewScript.from_dict(data["review"]) if data.get("review") else None,
            learner=data.get("learner", ""),
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
    answer: ConsentContribution,
    *,
    circle: tuple[str, ...],
    proposer: str,
    verdict: Verdict,
    keep_as_concern: bool = False,
    asked: frozenset[TestQuestion] = frozenset(),
) -> list[Event]:
    """The objection tested with the objector and the circle: the facilitator asks whether it
    relates to the aim and whether it is a preference, another member (the proposer first)
    asks what harm it does; the objector answers each; then the verdict with its reason.
    `asked`: test questions already asked and answered (e.g. in the facilitator's own words)."""
    objector = answer.persona
    member = next((m for m in (proposer, *circle) if m and m != objector), None)
    events: list[Event] = []
    for question in TestQuestion:
        if question in asked:
            continue
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
    if verdict is not right_verdict(answer):
        reason = verdict.label  # the facilitator's own call, not the author's explanation
    events.append(
        ObjectionTested(
            actor=FACILITATOR,
            objector=objector,
            verdict=verdict,
            reason=reason,
            keep_as_concern=keep_as_concern,
        )
    )
    return events


def right_verdict(answer: ConsentContribution) -> Verdict:
    return Verdict.QUALIFIED if answer.kind is AnswerKind.OBJECTION else Verdict.NOT_QUALIFIED


def referral_event(consent_round: ConsentRound) -> DecisionReferred:
    return DecisionReferred(
        actor=FACILITATOR,
        to_circle=consent_round.refer_to,
        reason=consent_round.rubric or consent_round.refer_to,
    )


def review_events(option: ReviewOption, *, agreement_review: date, months: int) -> list[Event]:
    """A member proposes `option`; for keep and drop the circle answers in a review round, and
    the facilitator concludes what the circle consented to (nobody objected). An amendment is
    a new version that goes to a consent round. `agreement_review`: the agreement's review
    date, from which a kept agreement's next review is counted."""
    next_review = None
    if option.outcome is ReviewOutcome.KEEP:
        next_review = add_months(agreement_review, months)
    events: list[Event] = [
        ReviewProposed(
            actor=option.member,
            outcome=option.outcome,
            text=option.text if option.outcome is ReviewOutcome.AMEND else "",
            next_review_date=next_review,
        )
    ]
    if option.outcome is ReviewOutcome.AMEND:
        return events
    events.append(RoundStarted(actor=FACILITATOR, round_kind=RoundKind.REVIEW))
    events += [consent_answer_event(a) for a in option.answers]
    if all(a.kind.spoken_as is not ConsentAnswer.OBJECTION for a in option.answers):
        events.append(
            ReviewConcluded(actor=FACILITATOR, outcome=option.outcome, next_review_date=next_review)
        )
    return events


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
    # The rubric for the facilitator's reasons: phrases ("a|b" = either) a good reason names.
    reason_key_elements: tuple[str, ...] = ()

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

    def opening_events(self, *, today: date) -> list[Event]:
        return [self.start_event(today=today)]

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
        for answer in self.consent_answers_in_order():
            if answer.kind in _TESTED:
                verdict = right_verdict(answer)
                events += objection_test_events(
                    answer,
                    circle=self.circle,
                    proposer="",
                    verdict=verdict,
                    keep_as_concern=verdict is Verdict.NOT_QUALIFIED,
                )
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
            personas=tuple(Persona.from_dict(p) for p in data["personas"]),
            nominations=tuple(NominationScript(**n) for n in data["nominations"]),
            candidate=data["candidate"],
            candidate_feedback=data["candidate_feedback"],
            consent_answers=tuple(contribution_from_dict(a) for a in data["consent_answers"]),
            wrong_candidate_feedback=data.get("wrong_candidate_feedback", ""),
            term_months=int(data.get("term_months", 12)),
            method=Method(data.get("method", Method.SKM)),
            reason_key_elements=tuple(data.get("reason_key_elements", ())),
        )


def contribution_from_dict(data: dict[str, Any]) -> ConsentContribution:
    return ConsentContribution(
        **{
            **data,
            "kind": AnswerKind(data["kind"]),
            "test_answers": tuple(data.get("test_answers", ())),
            "question_key_elements": tuple(data.get("question_key_elements", ())),
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


def elements_found(text: str, key_elements: tuple[str, ...]) -> tuple[tuple[str, bool], ...]:
    """Each key element with whether `text` names it (any of its "|" phrases, ignoring case)."""
    lowered = " ".join(text.lower().split())
    return tuple(
        (element, any(p.strip().lower() in lowered for p in element.split("|") if p.strip()))
        for element in key_elements
    )


@dataclasses.dataclass(frozen=True)
class Judgement:
    """Free text held against the author's key elements (an amendment, a question)."""

    passed: bool
    missing: tuple[str, ...]  # the first phrase of each key element the text does not name


def judge_text(text: str, key_elements: tuple[str, ...]) -> Judgement:
    """Most key elements (two thirds, at least one) must be named for the text to pass."""
    found = elements_found(text, key_elements)
    named = sum(1 for _element, hit in found if hit)
    needed = max(1, -(-2 * len(found) // 3))
    missing = tuple(element.split("|")[0] for element, hit in found if not hit)
    return Judgement(passed=named >= needed, missing=missing)


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
