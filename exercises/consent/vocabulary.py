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
}


class ConsentAnswer(StrEnum):
    CONSENT = "consent"
    CONCERN = "concern"
    OBJECTION = "objection"


class Verdict(StrEnum):
    QUALIFIED = "qualified"
    NOT_QUALIFIED = "not_qualified"


class ReviewOutcome(StrEnum):
    KEEP = "keep"
    AMEND = "amend"
    DROP = "drop"
