"""A participant's own progress through lessons, and their private reflection notes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LessonProgress(models.Model):
    """Participant × lesson. The row exists once a lesson is opened; completed_at says done."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        # A participant's progress and notes outlive an editor's change of mind: a lesson
        # someone worked on is unpublished, not deleted (leerkring.wagtail_hooks says so).
        on_delete=models.PROTECT,
        related_name="progress",
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["participant", "lesson"], name="lesson_progress_once"),
        ]

    def __str__(self):
        return f"{self.participant} · {self.lesson_id}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class ReflectionNote(models.Model):
    """A private answer to one reflection question (a StreamField block, found by its id).

    The question text is kept with the answer, so the note still makes sense if an editor
    rewrites or removes the question later.
    """

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="reflection_notes",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        # A participant's progress and notes outlive an editor's change of mind: a lesson
        # someone worked on is unpublished, not deleted (leerkring.wagtail_hooks says so).
        on_delete=models.PROTECT,
        related_name="reflection_notes",
    )
    block_id = models.CharField(_("question id"), max_length=64)
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reflection note")
        verbose_name_plural = _("reflection notes")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "lesson", "block_id"], name="reflection_note_once"
            ),
        ]

    def __str__(self):
        return f"{self.participant} · {self.lesson_id} · {self.block_id}"
