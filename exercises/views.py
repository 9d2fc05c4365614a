"""Solo practice: start an exercise, take the facilitator's decisions, see the results.

Plain forms with POST-redirect-GET; with htmx (HX-Request) the practice panel is returned
as a partial instead, so the page updates in place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from accounts.roles import TRAINER, has_role
from exercises import presenters, selectors, services
from exercises.forms import DecisionForm, TrainerFeedbackForm
from exercises.models import Attempt, BaseExercisePage
from exercises.practice import PracticeError

PANEL_TEMPLATE = "exercises/_panel.html"


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


@login_required
@require_POST
def start(request, page_id: int):
    page = get_object_or_404(Page.objects.live().public().specific(), pk=page_id)
    if not isinstance(page, BaseExercisePage):
        raise Http404
    try:
        attempt = services.start_attempt(participant=request.user, exercise=page)
    except PracticeError as error:
        messages.error(request, error.message)
        return redirect(page.url)
    return redirect("exercises:practice", attempt_id=attempt.pk)


@login_required
@require_POST
def restart(request, attempt_id: int):
    attempt = get_object_or_404(Attempt, pk=attempt_id, participant=request.user)
    try:
        attempt = services.restart_attempt(attempt=attempt, participant=request.user)
    except PracticeError as error:
        messages.error(request, error.message)
    return redirect("exercises:practice", attempt_id=attempt.pk)


@login_required
def practice(request, attempt_id: int):
    # Someone else's (or a made-up) attempt number is simply not found.
    attempt = get_object_or_404(
        Attempt.objects.select_related("exercise"), pk=attempt_id, participant=request.user
    )
    form = None
    error = None
    if request.method == "POST":
        form = DecisionForm(request.POST, practice=selectors.load_practice(attempt=attempt))
        if form.is_valid():
            try:
                services.record_decision(
                    attempt=attempt,
                    participant=request.user,
                    expected_sequence=form.cleaned_data["sequence"],
                    answer=form.answer(),
                )
            except PracticeError as refused:
                error = str(refused.message)
            if not _is_htmx(request):
                if error:
                    messages.error(request, error)
                return redirect("exercises:practice", attempt_id=attempt.pk)
            form = None  # htmx: a fresh panel, with the refusal in its status region
            attempt.refresh_from_db()
    context = presenters.practice_context(
        practice=selectors.load_practice(attempt=attempt), form=form, error=error
    )
    template = PANEL_TEMPLATE if _is_htmx(request) else "exercises/practice.html"
    return render(request, template, context)


def _require_trainer(user) -> None:
    if not (user.is_superuser or has_role(user, TRAINER)):
        raise PermissionDenied


@login_required
def trainer_results(request):
    _require_trainer(request.user)
    attempts = list(selectors.trainer_attempts(trainer=request.user)[:200])
    return render(request, "exercises/trainer_results.html", {"attempts": attempts})


@login_required
def trainer_attempt(request, attempt_id: int):
    _require_trainer(request.user)
    attempt = get_object_or_404(
        Attempt.objects.select_related("exercise", "participant"), pk=attempt_id
    )
    if not selectors.trainer_can_see(trainer=request.user, attempt=attempt):
        raise Http404
    if request.method == "POST":
        form = TrainerFeedbackForm(request.POST)
        if form.is_valid():
            try:
                services.give_trainer_feedback(
                    trainer=request.user,
                    attempt=attempt,
                    sequence=form.cleaned_data["sequence"],
                    text=form.cleaned_data["feedback"],
                )
                messages.success(request, _("Your feedback is saved; the participant sees it."))
            except PracticeError as error:
                messages.error(request, error.message)
        return redirect("exercises:trainer_attempt", attempt_id=attempt.pk)
    practice = selectors.load_practice(attempt=attempt)
    return render(
        request,
        "exercises/trainer_attempt.html",
        {**presenters.history_context(practice=practice), "attempt": attempt},
    )
