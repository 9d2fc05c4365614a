"""Writes to a participant's own lesson progress and reflection notes."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.access import can_access_lessons
from courses.models import LessonPage, LessonProgress, ReflectionNote


class ProgressError(Exception):
    """A refused progress change; the message can be shown to the participant."""


def _check_access(*, participant, lesson: LessonPage) -> None:
    if not lesson.live or not can_access_lessons(participant, lesson.course):
        raise ProgressError(_("This lesson is not open to you. Enrol in the course first."))


@transaction.atomic
def save_reflections(
    *, participant, lesson: LessonPage, answers: dict[str, str]
) -> list[ReflectionNote]:
    """Store the participant's answers by question id. Questions not in the lesson are refused;
    an answer left out is kept as it was, so nothing written earlier is lost."""
    _check_access(participant=participant, lesson=lesson)
    questions = {block.id: block.value["question"] for block in lesson.reflection_blocks()}
    unknown = set(answers) - set(questions)
    if unknown:
        raise ProgressError(
            _("This question is no longer part of the lesson. Reload the page and try again.")
        )
    notes = []
    for block_id, answer in answers.items():
        note, _created = ReflectionNote.objects.update_or_create(
            participant=participant,
            lesson=lesson,
            block_id=block_id,
            defaults={"answer": answer.strip(), "question": questions[block_id]},
        )
        notes.append(note)
    # A saved answer counts as "started", so the course shows up under "My Leerkring".
    LessonProgress.objects.get_or_create(participant=participant, lesson=lesson)
    return notes


@transaction.atomic
def mark_lesson_done(
    *, participant, lesson: LessonPage, answers: dict[str, str] | None = None
) -> LessonProgress:
    """Mark a lesson as completed (the first completion time is kept), saving any answers."""
    _check_access(participant=participant, lesson=lesson)
    if answers:
        save_reflections(participant=participant, lesson=lesson, answers=answers)
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        participant=participant, lesson=lesson
    )
    if progress.completed_at is None:
        progress.completed_at = timezone.now()
        progress.save(update_fields=["completed_at"])
    return progress


@transaction.atomic
def mark_lesson_not_done(*, participant, lesson: LessonPage) -> None:
    """Undo a completion; the reflection notes stay."""
    LessonProgress.objects.filter(participant=participant, lesson=lesson).update(completed_at=None)
