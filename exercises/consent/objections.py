"""Testing objections, shared by the decision and the election.

An objection is tested *with* the objector and the circle: the test questions are asked
(by the facilitator or a member) and answered (by the objector, and by others who want to),
then the facilitator records the verdict with its reason. Who took part is everyone who
asked or answered. The objector may withdraw the objection until it is resolved.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace

from .errors import ProcessError
from .events import ObjectionTested, ObjectionWithdrawn, TestQuestionAnswered, TestQuestionAsked
from .rounds import names, require_text
from .vocabulary import TestQuestion, Verdict


@dataclass(frozen=True)
class TestAnswer:
    __test__ = False

    question: TestQuestion
    member: str
    text: str


@dataclass(frozen=True)
class Objection:
    member: str
    version: int
    argument: str
    verdict: Verdict | None = None
    kept_as_concern: bool = False
    reason: str = ""  # why the verdict, as recorded
    asked: tuple[tuple[TestQuestion, str], ...] = ()  # (question, who asked)
    test_answers: tuple[TestAnswer, ...] = ()
    withdrawn: bool = False

    @property
    def tested_with(self) -> tuple[str, ...]:
        """Everyone who asked or answered a test question, in the order they spoke."""
        people = [who for _question, who in self.asked] + [a.member for a in self.test_answers]
        return tuple(dict.fromkeys(people))

    @property
    def open(self) -> bool:
        """Still to be tested."""
        return self.verdict is None and not self.withdrawn

    @property
    def blocks(self) -> bool:
        """Untested, or tested as an overwegend bezwaar, and not withdrawn."""
        return not self.withdrawn and self.verdict is not Verdict.NOT_QUALIFIED

    def answered(self, question: TestQuestion) -> bool:
        return any(a.question is question for a in self.test_answers)

    def was_asked(self, question: TestQuestion) -> bool:
        return any(q is question for q, _who in self.asked)


def _index(objections: Sequence[Objection], member: str, version: int) -> int | None:
    """The latest objection of `member` on `version` that has not been withdrawn."""
    for i in range(len(objections) - 1, -1, -1):
        o = objections[i]
        if o.member == member and o.version == version and not o.withdrawn:
            return i
    return None


def _replaced(objections: tuple[Objection, ...], index: int, new: Objection):
    return (*objections[:index], new, *objections[index + 1 :])


def open_objection(objections: tuple[Objection, ...], member: str, version: int) -> int:
    index = _index(objections, member, version)
    if index is None or not objections[index].open:
        raise ProcessError("no_untested_objection", member=member)
    return index


def ask_test_question(
    objections: tuple[Objection, ...],
    event: TestQuestionAsked,
    *,
    version: int,
    circle: Sequence[str],
    facilitator: str,
) -> tuple[Objection, ...]:
    if event.actor not in circle and event.actor != facilitator:
        raise ProcessError("not_a_member", member=event.actor)
    index = open_objection(objections, event.objector, version)
    objection = objections[index]
    if objection.was_asked(event.question):
        raise ProcessError("test_question_already_asked", question=event.question.label)
    asked = replace(objection, asked=(*objection.asked, (event.question, event.actor)))
    return _replaced(objections, index, asked)


def answer_test_question(
    objections: tuple[Objection, ...], event: TestQuestionAnswered, *, version: int, circle
) -> tuple[Objection, ...]:
    if event.actor not in circle:
        raise ProcessError("not_a_member", member=event.actor)
    index = open_objection(objections, event.objector, version)
    objection = objections[index]
    if not objection.was_asked(event.question):
        raise ProcessError("test_question_not_asked", question=event.question.label)
    require_text(event.answer, "answer_empty")
    answer = TestAnswer(question=event.question, member=event.actor, text=event.answer)
    answered = replace(objection, test_answers=(*objection.test_answers, answer))
    return _replaced(objections, index, answered)


def record_verdict(
    objections: tuple[Objection, ...],
    event: ObjectionTested,
    *,
    version: int,
    circle: Sequence[str],
    facilitator: str,
) -> tuple[Objection, ...]:
    index = open_objection(objections, event.objector, version)
    objection = objections[index]
    unanswered = [q for q in TestQuestion if not objection.answered(q)]
    if unanswered:
        raise ProcessError("test_questions_open", questions=names([q.label for q in unanswered]))
    if not any(a.member == objection.member for a in objection.test_answers):
        raise ProcessError("objector_not_heard", member=objection.member)
    others = [m for m in circle if m not in (objection.member, facilitator)]
    took_part = set(objection.tested_with) - {objection.member, facilitator}
    if others and not took_part:
        # Testing is done with the circle, never by the facilitator and the objector alone.
        raise ProcessError("tested_without_circle", members=names(others))
    require_text(event.reason, "verdict_needs_reason")
    if event.keep_as_concern and event.verdict is Verdict.QUALIFIED:
        raise ProcessError("qualified_objection_not_a_concern")
    tested = replace(
        objection,
        verdict=event.verdict,
        kept_as_concern=event.keep_as_concern,
        reason=event.reason,
    )
    return _replaced(objections, index, tested)


def withdraw(
    objections: tuple[Objection, ...], event: ObjectionWithdrawn, *, version: int
) -> tuple[tuple[Objection, ...], Objection]:
    index = _index(objections, event.actor, version)
    if index is None or not objections[index].blocks:
        raise ProcessError("no_standing_objection", member=event.actor)
    withdrawn = replace(objections[index], withdrawn=True, kept_as_concern=event.keep_as_concern)
    return _replaced(objections, index, withdrawn), withdrawn
