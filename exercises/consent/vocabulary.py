"""The words of the sociocratic process that events and states share."""

from enum import StrEnum

from .i18n import _


class RoundKind(StrEnum):
    QUESTION = "question"
    REACTION = "reaction"
    CONSENT = "consent"
    NOMINATION = "nomination"
    REASONS = "reasons"
    CHANGE = "change"
    OPENING = "opening"
    CLOSING = "closing"
    REVIEW = "review"

    @property
    def label(self) -> str:
        return _ROUND_LABELS[self]


_ROUND_LABELS = {
    RoundKind.QUESTION: _("question round"),
    RoundKind.REACTION: _("reaction round"),
    RoundKind.CONSENT: _("consent round"),
    RoundKind.NOMINATION: _("nomination"),
    RoundKind.REASONS: _("reasons round"),
    RoundKind.CHANGE: _("change round"),
    RoundKind.OPENING: _("opening round"),
    RoundKind.CLOSING: _("closing round"),
    RoundKind.REVIEW: _("consent round on the review"),
}


class ConsentAnswer(StrEnum):
    CONSENT = "consent"
    CONCERN = "concern"
    OBJECTION = "objection"


class Verdict(StrEnum):
    """The outcome of testing an objection with the objector and the circle."""

    QUALIFIED = "qualified"  # overwegend bezwaar: it must be resolved
    NOT_QUALIFIED = "not_qualified"  # geen overwegend bezwaar: it may stay as a concern

    @property
    def label(self) -> str:
        return _VERDICT_LABELS[self]


_VERDICT_LABELS = {
    Verdict.QUALIFIED: _("paramount objection"),
    Verdict.NOT_QUALIFIED: _("not a paramount objection (stays as a concern)"),
}


class TestQuestion(StrEnum):
    """The questions an objection is tested with (SKM; S3 *test arguments qualify as
    objections*). Each is asked and answered before the verdict."""

    __test__ = False  # not a pytest test class, despite the name

    AIM = "aim"  # does it relate to the shared aim or the driver?
    HARM = "harm"  # what harm does the proposal do, or which better way must be taken now?
    PREFERENCE = "preference"  # is it a preference rather than an objection?

    @property
    def label(self) -> str:
        return _TEST_QUESTION_LABELS[self]


_TEST_QUESTION_LABELS = {
    TestQuestion.AIM: _("Does the objection relate to the shared aim or the driver?"),
    TestQuestion.HARM: _("What harm does the proposal do, or which better way must be taken now?"),
    TestQuestion.PREFERENCE: _("Is it a preference rather than an objection?"),
}


class ReviewOutcome(StrEnum):
    KEEP = "keep"
    AMEND = "amend"
    DROP = "drop"
