"""Running the group from the trainer's cohort page: waiting list, capacity, enrolling on
someone's behalf, messages, "everyone present", the sign-in sheet and the exports.

A trainer reaches only the cohorts they train (any other id is a 404); services check again.
"""

import csv
from io import BytesIO

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cohorts.forms import CapacityForm, EnrolOnBehalfForm, MessageForm, ReasonForm
from cohorts.models import Enrolment
from cohorts.selectors import attendance_register, trainer_cohort, trainer_cohort_detail
from cohorts.services.attendance import AttendanceError, mark_everyone_present
from cohorts.services.enrolment import EnrolmentError, cancel_enrolment
from cohorts.services.group import (
    enrol_on_behalf,
    message_group,
    move_up,
    offer_place_now,
    raise_capacity,
)
from cohorts.services.lifecycle import CohortError
from cohorts.views.trainer import _safe, trainer_required
from leerkring.pdf import html_to_pdf


def _back(cohort_id: int, anchor: str = ""):
    response = redirect("cohorts:trainer_cohort", cohort_id=cohort_id)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@require_POST
@trainer_required
def waitlist_action(request, enrolment_id: int):
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id)
    trainer_cohort(trainer=request.user, cohort_id=enrolment.cohort_id)  # 404 if not theirs
    action = request.POST.get("action")
    reason_form = ReasonForm(request.POST)
    reason_form.is_valid()
    reason = reason_form.cleaned_data.get("reason", "")
    try:
        if action == "offer":
            offer_place_now(enrolment=enrolment, by=request.user)
            messages.success(request, _("The place is offered; they get an email."))
        elif action == "up":
            move_up(enrolment=enrolment, by=request.user, reason=reason)
            messages.success(request, _("Moved up one place on the waiting list."))
        elif action == "remove":
            cancel_enrolment(enrolment=enrolment, by=request.user, reason=reason)
            messages.success(request, _("Taken off the waiting list."))
        else:
            messages.error(request, _("Choose what to do."))
    except (CohortError, EnrolmentError) as error:
        messages.error(request, getattr(error, "message", str(error)))
    return _back(enrolment.cohort_id, "waitlist")


@require_POST
@trainer_required
def capacity(request, cohort_id: int):
    cohort = trainer_cohort(trainer=request.user, cohort_id=cohort_id)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the new maximum as a whole number."))
        return _back(cohort_id, "waitlist")
    try:
        offered = raise_capacity(
            cohort=cohort, by=request.user, max_participants=form.cleaned_data["max_participants"]
        )
    except CohortError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The maximum is raised; %(count)s place(s) offered to the waiting list.")
            % {"count": len(offered)},
        )
    return _back(cohort_id, "waitlist")


@trainer_required
def enrol_someone(request, cohort_id: int):
    cohort = trainer_cohort(trainer=request.user, cohort_id=cohort_id)
    form = EnrolOnBehalfForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = enrol_on_behalf(cohort=cohort, by=request.user, **form.cleaned_data)
        except CohortError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("%(name)s: %(status)s.")
                % {"name": enrolment.participant, "status": enrolment.get_status_display()},
            )
            return _back(cohort_id)
    return render(request, "cohorts/trainer/enrol_someone.html", {"cohort": cohort, "form": form})


@trainer_required
def message(request, cohort_id: int):
    cohort = trainer_cohort(trainer=request.user, cohort_id=cohort_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = message_group(cohort=cohort, by=request.user, **form.cleaned_data)
        except CohortError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("The message is sent to %(count)s person(s).") % {"count": count}
            )
            return _back(cohort_id)
    return render(request, "cohorts/trainer/message.html", {"cohort": cohort, "form": form})


@require_POST
@trainer_required
def everyone_present(request, session_id: int):
    context = attendance_register(trainer=request.user, session_id=session_id)
    try:
        count = mark_everyone_present(session=context["session"], by=request.user)
    except AttendanceError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(count)s marked present. Change the exceptions and save.") % {"count": count},
        )
    return redirect("cohorts:trainer_attendance", session_id=session_id)


@trainer_required
def signin_sheet(request, session_id: int):
    context = attendance_register(trainer=request.user, session_id=session_id)
    html = render_to_string("cohorts/pdf/signin_sheet.html", context, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    session = context["session"]
    response["Content-Disposition"] = (
        f'inline; filename="tekenlijst-{session.date:%Y-%m-%d}-{session.pk}.pdf"'
    )
    return response


# --- exports ----------------------------------------------------------------------------------


def _participant_rows(context) -> tuple[list[str], list[list[str]]]:
    header = [
        _("Name"),
        _("Email"),
        _("Organisation"),
        _("Status"),
        *[str(session) for session in context["sessions"]],
        _("Role"),
        _("Experience"),
    ]
    rows = []
    for row in context["participants"]:
        person = row.enrolment.participant
        rows.append(
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
    for enrolment in context["offered"] + context["waitlist"]:
        person = enrolment.participant
        rows.append(
            [
                _safe(person.get_full_name()),
                _safe(person.email),
                _safe(person.organisation),
                enrolment.get_status_display(),
            ]
        )
    return header, rows


@trainer_required
def participants_xlsx(request, cohort_id: int):
    from openpyxl import Workbook

    context = trainer_cohort_detail(trainer=request.user, cohort_id=cohort_id)
    header, rows = _participant_rows(context)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Participants"))[:31]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="deelnemers-{cohort_id}.xlsx"'
    return response


def _csv_response(filename: str):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    return response, csv.writer(response, delimiter=";")


@trainer_required
def attendance_csv(request, session_id: int):
    context = attendance_register(trainer=request.user, session_id=session_id)
    session = context["session"]
    response, writer = _csv_response(f"aanwezigheid-{session.date:%Y-%m-%d}-{session.pk}.csv")
    writer.writerow([_("Name"), _("Email"), _("Attendance"), _("Note")])
    for enrolment, mark in context["rows"]:
        person = enrolment.participant
        writer.writerow(
            [
                _safe(person.get_full_name()),
                _safe(person.email),
                mark.get_status_display() if mark else "",
                _safe(mark.note) if mark else "",
            ]
        )
    return response


@trainer_required
def evaluations_csv(request, cohort_id: int):
    """The evaluation summary without names: the average, and each answer on its own line."""
    context = trainer_cohort_detail(trainer=request.user, cohort_id=cohort_id)
    summary = context["evaluation_summary"]
    response, writer = _csv_response(f"evaluaties-{cohort_id}.csv")
    writer.writerow([_("Evaluations"), summary["count"]])
    writer.writerow([_("Average rating"), summary["average"] if summary["average"] else ""])
    writer.writerow([_("Would recommend"), summary["recommend"]])
    writer.writerow([])
    writer.writerow([_("Rating"), _("Would recommend"), _("Keep"), _("Change")])
    # Sorted by rating, not by participant, so the order gives no names away.
    evaluations = sorted(
        (row.evaluation for row in context["participants"] if row.evaluation),
        key=lambda evaluation: (-evaluation.rating, evaluation.pk),
    )
    for evaluation in evaluations:
        writer.writerow(
            [
                evaluation.rating,
                _("Yes") if evaluation.would_recommend else _("No"),
                _safe(evaluation.keep),
                _safe(evaluation.change),
            ]
        )
    return response
