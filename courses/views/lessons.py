from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates.services import CertificateError, issue_elearning_certificate
from courses.access import can_access_lessons
from courses.forms import ReflectionForm
from courses.models import LessonPage
from courses.selectors.progress import (
    course_lessons,
    lesson_progress_for,
    lesson_state,
    neighbours,
)
from courses.services.progress import ProgressError, mark_lesson_done, save_reflections


def _lesson_context(request, lesson, form=None):
    course = lesson.course
    # The course's lessons, each knowing whether this user finished it: progress, "done",
    # and the neighbours come from this one query.
    lessons = course_lessons(course=course, user=request.user)
    progress = lesson_progress_for(user=request.user, lessons=lessons)
    state = lesson_state(user=request.user, lesson=lesson, completed_ids=progress.completed_ids)
    previous, following = neighbours(lesson=lesson, among=lessons)
    context = lesson.get_context(request)
    context.update(
        {
            "course": course,
            "completed": state["completed"],
            "form": form
            or ReflectionForm(questions=lesson.reflection_blocks(), notes=state["notes"]),
            "previous_lesson": previous,
            "next_lesson": following,
            "progress": progress,
            "position": next(
                (i for i, item in enumerate(lessons, 1) if item.pk == lesson.pk), None
            ),
        }
    )
    return context


def lesson_page(request, lesson):
    """LessonPage.serve hands over here: only for those who may open the course's lessons."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_access_lessons(request.user, lesson.course):
        context = lesson.get_context(request)
        context["course"] = lesson.course
        return TemplateResponse(request, "courses/lesson_locked.html", context, status=403)
    return TemplateResponse(request, lesson.get_template(request), _lesson_context(request, lesson))


def _posted_lesson(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    # Checked before anything is rendered: an invalid form shows the lesson again.
    if not can_access_lessons(request.user, lesson.course):
        raise PermissionDenied
    form = ReflectionForm(
        request.POST,
        questions=lesson.reflection_blocks(),
        notes=lesson_state(user=request.user, lesson=lesson)["notes"],
    )
    return lesson, form


def _invalid(request, lesson, form):
    context = _lesson_context(request, lesson, form=form)
    return TemplateResponse(request, lesson.get_template(request), context, status=400)


@require_POST
@login_required
def save_answers(request, lesson_id):
    lesson, form = _posted_lesson(request, lesson_id)
    if not form.is_valid():
        return _invalid(request, lesson, form)
    try:
        save_reflections(participant=request.user, lesson=lesson, answers=form.answers())
    except ProgressError as error:
        messages.error(request, str(error))
        return redirect(lesson.url)
    messages.success(request, _("Your answers have been saved. Only you can see them."))
    return redirect(f"{lesson.url}#reflection")


@require_POST
@login_required
def mark_done(request, lesson_id):
    lesson, form = _posted_lesson(request, lesson_id)
    if not form.is_valid():
        return _invalid(request, lesson, form)
    try:
        mark_lesson_done(participant=request.user, lesson=lesson, answers=form.answers())
    except ProgressError as error:
        messages.error(request, str(error))
        return redirect(lesson.url)
    _previous, following = neighbours(lesson=lesson)
    if following is not None:
        messages.success(request, _("Lesson completed. On to the next one."))
        return redirect(following.url)
    course = lesson.course
    messages.success(request, _("Lesson completed. You have reached the end of this course."))
    if course.is_e_learning:
        _certificate_on_completion(request, course)
    return redirect(course.url)


def _certificate_on_completion(request, course):
    """Finishing an e-learning course issues its certificate (which emails the participant);
    when something is still missing the participant is told what."""
    lessons = list(LessonPage.objects.child_of(course).live().defer_streamfields())
    if not lesson_progress_for(user=request.user, lessons=lessons).finished:
        return
    try:
        certificate = issue_elearning_certificate(participant=request.user, course=course)
    except CertificateError as error:
        messages.warning(request, error.message)
    else:
        messages.success(
            request,
            _("Your certificate %(code)s is ready: download it on this page.")
            % {"code": certificate.code},
        )
