"""The trainer's area on the site: my cohorts, participants, register, go/no-go and closing.

A trainer sees only the cohorts they train; any other id is a 404.
"""

import csv
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import TRAINER, has_role
from cohorts.forms import AttendanceForm, ReasonForm, RequiredReasonForm
from cohorts.models import Enrolment
from cohorts.selectors import (
    attendance_register,
    trainer_cohort,
    trainer_cohort_detail,
    trainer_cohort_overview,
)
from cohorts.services.attendance import AttendanceError, Mark, record_attendance
from cohorts.services.enrolment import EnrolmentError, cancel_enrolment
from cohorts.services.lifecycle import (
    CohortError,
    cancel_cohort,
    cancellation_recipients,
    close_cohort,
    confirm_cohort,
    decide_completion,
)
from privacy.models import AccessAction
from privacy.services import record_access


def trainer_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_superuser or has_role(request.user, TRAINER)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _back(cohort_id: int):
    return redirect("cohorts:trainer_cohort", cohort_id=cohort_id)


@trainer_required
def dashboard(request):
    return render(
        request,
        "cohorts/trainer/dashboard.html",
        trainer_cohort_overview(trainer=request.user, request=request),
    )


@trainer_required
def cohort_detail(request, cohort_id: int):
    context = trainer_cohort_detail(trainer=request.user, cohort_id=cohort_id)
    context["reason_form"] = ReasonForm()
    # The page shows participants' intake answers: who saw them is logged.
    record_access(
        actor=request.user,
        action=AccessAction.INTAKE_VIEWED,
        subjects=[row.enrolment.participant for row in context["participants"] if row.intake],
        obj=context["cohort"],
    )
    return render(request, "cohorts/trainer/cohort_detail.html", context)


@trainer_required
def cohort_csv(request, cohort_id: int):
    context = trainer_cohort_detail(trainer=request.user, cohort_id=cohort_id)
    cohort = context["cohort"]
    record_access(
        actor=request.user,
        action=AccessAction.PARTICIPANTS_CSV,
        subjects=[row.enrolment.participant for row in context["participants"]]
        + [enrolment.participant for enrolment in context["waitlist"]],
        obj=cohort,
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="deelnemers-{cohort.pk}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Name"),
            _("Email"),
            _("Organisation"),
            _("Status"),
            *[str(session) for session in context["sessions"]],
            _("Role"),
            _("Experience"),
        ]
    )
    for row in context["participants"]:
        person = row.enrolment.participant
        writer.writerow(
            [
                _safe(person.get_full_name()),
                _safe(person.email),
                _safe(person.organisation),
                row.enrolment.get_status_display(),
                *[mark.get_status_display() if mark else "" for mark in row.session_marks],
                _safe(row.intake.role) if row.intake else "",
                row.intake.get_experience_display() if row.intake else "",
            ]
        )
    for enrolment in context["waitlist"]:
        person = enrolment.participant
        writer.writerow(
            [
                _safe(person.get_full_name()),
                _safe(person.email),
                _safe(person.organisation),
                enrolment.get_status_display(),
            ]
        )
    return response


def _safe(value: str) -> str:
    # Spreadsheet programs run cells that start with these as formulas.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@trainer_required
def attendance(request, session_id: int):
    context = attendance_register(trainer=request.user, session_id=session_id)
    form = AttendanceForm(request.POST or None, rows=context["rows"])
    if request.method == "POST" and form.is_valid():
        marks = {pk: Mark(status, note) for pk, (status, note) in form.marks().items()}
        try:
            record_attendance(session=context["session"], by=request.user, marks=marks)
        except AttendanceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The register has been saved."))
            return redirect("cohorts:trainer_attendance", session_id=session_id)
    context["form"] = form
    context["is_future"] = context["session"].date > timezone.localdate()
    return render(request, "cohorts/trainer/attendance.html", context)


@require_POST
@trainer_required
def go_ahead(request, cohort_id: int):
    cohort = trainer_cohort(trainer=request.user, cohort_id=cohort_id)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        confirm_cohort(cohort=cohort, by=request.user, reason=form.cleaned_data.get("reason", ""))
    except CohortError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The cohort goes ahead. The participants get an email."))
    return _back(cohort_id)


@trainer_required
def cancel_cohort_view(request, cohort_id: int):
    cohort = trainer_cohort(trainer=request.user, cohort_id=cohort_id)
    form = RequiredReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancel_cohort(cohort=cohort, by=request.user, reason=form.cleaned_data["reason"])
        except CohortError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The cohort has been cancelled and everyone is told."))
        return _back(cohort_id)
    return render(
        request,
        "cohorts/trainer/cancel_cohort.html",
        {"cohort": cohort, "form": form, "recipients": cancellation_recipients(cohort)},
    )


@trainer_required
def close_cohort_view(request, cohort_id: int):
    context = trainer_cohort_detail(trainer=request.user, cohort_id=cohort_id)
    if request.method == "POST":
        try:
            close_cohort(cohort=context["cohort"], by=request.user)
        except CohortError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The cohort is closed."))
        return _back(cohort_id)
    return render(request, "cohorts/trainer/close_cohort.html", context)


def _trainers_enrolment(request, enrolment_id: int) -> Enrolment:
    enrolment = get_object_or_404(Enrolment.objects.select_related("cohort"), pk=enrolment_id)
    trainer_cohort(trainer=request.user, cohort_id=enrolment.cohort_id)  # 404 if not theirs
    return enrolment


@require_POST
@trainer_required
def cancel_participant(request, enrolment_id: int):
    enrolment = _trainers_enrolment(request, enrolment_id)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        cancel_enrolment(
            enrolment=enrolment, by=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except EnrolmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("%(name)s has been taken off the list.") % {"name": enrolment.participant}
        )
    return _back(enrolment.cohort_id)


@require_POST
@trainer_required
def decide(request, enrolment_id: int):
    enrolment = _trainers_enrolment(request, enrolment_id)
    try:
        decide_completion(enrolment=enrolment, by=request.user, outcome=request.POST.get("outcome"))
    except CohortError as error:
        messages.error(request, error.message)
    return _back(enrolment.cohort_id)
