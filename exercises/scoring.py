"""Scores per skill from an attempt's decisions, and what to practise next."""

import dataclasses
from collections.abc import Iterable

from exercises.practice import Skill

# Below this share of right decisions a skill is worth practising again.
PRACTISE_BELOW = 0.8


@dataclasses.dataclass(frozen=True)
class SkillScore:
    skill: Skill
    correct: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0

    @property
    def label(self) -> str:
        return self.skill.label

    @property
    def advice(self) -> str:
        return self.skill.advice


@dataclasses.dataclass(frozen=True)
class Summary:
    scores: tuple[SkillScore, ...]

    @property
    def correct(self) -> int:
        return sum(s.correct for s in self.scores)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.scores)

    @property
    def practise_next(self) -> tuple[SkillScore, ...]:
        """The weakest skills first; empty when every skill went well."""
        weak = [s for s in self.scores if s.total and s.correct / s.total < PRACTISE_BELOW]
        return tuple(sorted(weak, key=lambda s: (s.correct / s.total, s.skill)))


def summarise(decisions: Iterable) -> Summary:
    """`decisions`: objects with `skill` and `correct` (AttemptEvent rows or the like)."""
    counts: dict[Skill, list[int]] = {}
    for decision in decisions:
        if decision.correct is None or not decision.skill:
            continue
        right_and_total = counts.setdefault(Skill(decision.skill), [0, 0])
        right_and_total[0] += int(decision.correct)
        right_and_total[1] += 1
    ordered = [skill for skill in Skill if skill in counts]
    return Summary(tuple(SkillScore(s, counts[s][0], counts[s][1]) for s in ordered))
