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
    points: int = 0
    weight: int = 0

    @property
    def rule(self) -> str:
        return self.skill.rule

    @property
    def source(self) -> str:
        return self.skill.source

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
    def points(self) -> int:
        return sum(s.points for s in self.scores)

    @property
    def weight(self) -> int:
        return sum(s.weight for s in self.scores)

    @property
    def percent(self) -> int:
        """Weighted by difficulty; a guess after two misses earns nothing."""
        return round(100 * self.points / self.weight) if self.weight else 0

    @property
    def practise_next(self) -> tuple[SkillScore, ...]:
        """The weakest skills first; empty when every skill went well."""
        weak = [s for s in self.scores if s.total and s.correct / s.total < PRACTISE_BELOW]
        return tuple(sorted(weak, key=lambda s: (s.correct / s.total, s.skill)))


def summarise(decisions: Iterable) -> Summary:
    """`decisions`: objects with `skill`, `correct`, `points` and `weight` (AttemptEvent rows
    or the like)."""
    counts: dict[Skill, list[int]] = {}
    for decision in decisions:
        if decision.correct is None or not decision.skill:
            continue
        tally = counts.setdefault(Skill(decision.skill), [0, 0, 0, 0])
        tally[0] += int(decision.correct)
        tally[1] += 1
        tally[2] += getattr(decision, "points", int(decision.correct))
        tally[3] += getattr(decision, "weight", 1)
    ordered = [skill for skill in Skill if skill in counts]
    return Summary(tuple(SkillScore(s, *counts[s]) for s in ordered))
