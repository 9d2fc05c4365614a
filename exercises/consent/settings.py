"""Variants of the method, chosen per exercise."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .i18n import _


class Method(StrEnum):
    SKM = "skm"
    S3 = "s3"

    @property
    def label(self) -> str:
        return _METHOD_LABELS[self]


_METHOD_LABELS = {
    Method.SKM: _("Sociocratic Circle-organisation Method (SKM)"),
    Method.S3: _("Sociocracy 3.0"),
}


@dataclass(frozen=True)
class Settings:
    """How a process runs. SKM with its usual habits is the default."""

    method: Method = Method.SKM
    facilitator_answers_last: bool = True
    pass_allowed_in_reaction_round: bool = True
    # Each new round starts one seat further round the circle than the previous one.
    rotate_start: bool = False

    @property
    def requires_driver_check(self) -> bool:
        # S3 checks that the driver is relevant before a proposal is presented.
        return self.method is Method.S3

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method.value,
            "facilitator_answers_last": self.facilitator_answers_last,
            "pass_allowed_in_reaction_round": self.pass_allowed_in_reaction_round,
            "rotate_start": self.rotate_start,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Settings":
        return cls(
            method=Method(data.get("method", Method.SKM)),
            facilitator_answers_last=bool(data.get("facilitator_answers_last", True)),
            pass_allowed_in_reaction_round=bool(data.get("pass_allowed_in_reaction_round", True)),
            rotate_start=bool(data.get("rotate_start", False)),
        )
