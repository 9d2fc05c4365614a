"""A participant's progress through lessons: per course and across their courses."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q

from courses.models import CoursePage, LessonPage, LessonProgress


@dataclass
class CourseProgress:
    total: int
    completed_ids: set[int]
    next_lesson: LessonPage | None

    @property
    def completed(self) -> int:
        return len(self.completed_ids)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.total > 0 and self.completed >= self.total


def course_lessons(*, course: CoursePage, user, live_only: bool = True) -> list[LessonPage]:
    """The course's lessons in course order, without their bodies; for a logged-in user each
    carries `done_by_user` (finished or not), so their progress needs no further query."""
    lessons = LessonPage.objects.child_of(course).defer_streamfields().order_by("path")
    if live_only:
        lessons = lessons.live()
    if user.is_authenticated:
        lessons = lessons.annotate(
            done_by_user=Exists(
                LessonProgress.objects.filter(
                    participant=user, lesson=OuterRef("pk"), completed_at__isnull=False
                )
            )
        )
    return list(lessons)


def lesson_progress_for(*, user, lessons: list[LessonPage]) -> CourseProgress:
    """Progress over `lessons` (in course order); the next lesson is the first not done.
    Lessons from `course_lessons` already know whether this user finished them."""
    completed_ids: set[int] = set()
    if user.is_authenticated and lessons and all(hasattr(x, "done_by_user") for x in lessons):
        completed_ids = {lesson.pk for lesson in lessons if lesson.done_by_user}
    elif user.is_authenticated and lessons:
        completed_ids = set(
            LessonProgress.objects.filter(
                participant=user, lesson__in=lessons, completed_at__isnull=False
            ).values_list("lesson_id", flat=True)
        )
    next_lesson = next((lesson for lesson in lessons if lesson.pk not in completed_ids), None)
    return CourseProgress(total=len(lessons), completed_ids=completed_ids, next_lesson=next_lesson)


@dataclass
class MyCourse:
    course: CoursePage
    progress: CourseProgress


def my_courses(*, user) -> list[MyCourse]:
    """Courses whose lessons this user has opened or finished, with their progress.

    Three queries whatever the number of courses: progress rows, the courses, their lessons.
    """
    rows = list(
        LessonProgress.objects.filter(participant=user).values_list(
            "lesson_id", "lesson__path", "completed_at"
        )
    )
    if not rows:
        return []
    steplen = LessonPage.steplen
    course_paths = {path[:-steplen] for _id, path, _done in rows}
    completed_ids = {lesson_id for lesson_id, _path, done in rows if done is not None}
    courses = list(
        CoursePage.objects.live()
        .filter(path__in=course_paths)
        .defer_streamfields()
        .order_by("path")
    )
    if not courses:
        return []
    lessons = list(
        LessonPage.objects.live()
        .filter(reduce(or_, (Q(path__startswith=c.path, depth=c.depth + 1) for c in courses)))
        .defer_streamfields()
        .order_by("path")
    )
    result = []
    for course in courses:
        own = [lesson for lesson in lessons if lesson.path.startswith(course.path)]
        done = {lesson.pk for lesson in own if lesson.pk in completed_ids}
        next_lesson = next((lesson for lesson in own if lesson.pk not in done), None)
        result.append(MyCourse(course=course, progress=CourseProgress(len(own), done, next_lesson)))
    return result


def lesson_state(*, user, lesson: LessonPage, completed_ids: set[int] | None = None) -> dict:
    """For the lesson page: done or not, and this user's own notes by question id.

    `completed_ids` (from lesson_progress_for over the course) saves the progress query."""
    if completed_ids is None:
        progress = LessonProgress.objects.filter(participant=user, lesson=lesson).first()
        completed = bool(progress and progress.completed_at)
    else:
        completed = lesson.pk in completed_ids
    notes = {note.block_id: note for note in lesson.reflection_notes.filter(participant=user)}
    return {"completed": completed, "notes": notes}


def neighbours(
    *, lesson: LessonPage, among: list[LessonPage] | None = None
) -> tuple[LessonPage | None, LessonPage | None]:
    """Previous and next live lesson in course order; from `among` (the course's live
    lessons in order) when the caller has them."""
    if among is not None:
        before = [other for other in among if other.path < lesson.path]
        after = [other for other in among if other.path > lesson.path]
        return (before[-1] if before else None), (after[0] if after else None)
    siblings = LessonPage.objects.sibling_of(lesson, inclusive=False).live().defer_streamfields()
    previous = siblings.filter(path__lt=lesson.path).order_by("-path").first()
    following = siblings.filter(path__gt=lesson.path).order_by("path").first()
    return previous, following
