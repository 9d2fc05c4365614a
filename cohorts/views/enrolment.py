"""The participant's side: a cohort's page, enrolling, the waiting list, cancelling, intake,
evaluation and calendars. Every view works without JavaScript."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.forms import EvaluationForm, IntakeForm
from cohorts.models import CalendarFeed, EnrolmentStatus, Intake
from cohorts.selectors import (
    feed_enrolments,
    my_enrolment,
    other_enrolments_in_course,
    public_cohort,
)
from cohorts.services.enrolment import (
    EnrolmentError,
    accept_offer,
    calendar_feed_for,
    cancel_enrolment,
    enrol,
    submit_evaluation,
    submit_intake,
)


def cohort_detail(request, cohort_id: int, token: str | None = None):
    """An open cohort, or an in-company one reached through its invitation link."""
    card = public_cohort(cohort_id=cohort_id, invitation_token=token)
    mine = None
    if request.user.is_authenticated:
        mine = card.cohort.enrolments.filter(
            participant=request.user,
            status__in=[
                EnrolmentStatus.ENROLLED,
                EnrolmentStatus.WAITLISTED,
                EnrolmentStatus.OFFERED,
            ],
        ).first()
    return render(
        request,
        "cohorts/cohort_detail.html",
        {
            "card": card,
            "cohort": card.cohort,
            "token": token or "",
            "mine": mine,
            "others": other_enrolments_in_course(user=request.user, cohort=card.cohort),
        },
    )


def _cohort_url(cohort_id: int, token: str) -> str:
    # Tokens are URL-safe; anything else typed into a link cannot be an invitation.
    if token and re.fullmatch(r"[\w-]+", token):
        return reverse("cohorts:cohort_invitation", args=[cohort_id, token])
    return reverse("cohorts:cohort_detail", args=[cohort_id])


@login_required
def enrol_view(request, cohort_id: int):
    token = request.POST.get("token", "") if request.method == "POST" else ""
    if request.method != "POST":
        return redirect(_cohort_url(cohort_id, request.GET.get("token", "")))
    card = public_cohort(cohort_id=cohort_id, invitation_token=token or None)
    others = other_enrolments_in_course(user=request.user, cohort=card.cohort)
    if others and request.POST.get("also") != "yes":
        # The cohort page shows the other enrolment and asks; a bare post never doubles up.
        messages.warning(
            request,
            _("You are already enrolled for this course on another date. Choose below."),
        )
        return redirect(_cohort_url(cohort_id, token))
    try:
        enrolment = enrol(cohort=card.cohort, participant=request.user, invitation_token=token)
    except EnrolmentError as error:
        messages.error(request, str(error))
        return redirect(_cohort_url(cohort_id, token))
    if enrolment.status == EnrolmentStatus.ENROLLED:
        messages.success(request, _("You are enrolled. We have sent you a confirmation by email."))
    else:
        messages.info(
            request,
            _(
                "The cohort is full, so you are on the waiting list. We will email you as soon "
                "as a place becomes free."
            ),
        )
    return redirect("cohorts:enrolment_detail", enrolment_id=enrolment.pk)


@login_required
def enrolment_detail(request, enrolment_id: int):
    row = my_enrolment(user=request.user, enrolment_id=enrolment_id)
    return render(request, "cohorts/enrolment_detail.html", {"row": row})


@login_required
def enrolment_cancel(request, enrolment_id: int):
    row = my_enrolment(user=request.user, enrolment_id=enrolment_id)
    if request.method == "POST":
        try:
            cancel_enrolment(enrolment=row.enrolment, by=request.user)
        except EnrolmentError as error:
            messages.error(request, str(error))
            return redirect("cohorts:enrolment_detail", enrolment_id=enrolment_id)
        messages.success(request, _("Your enrolment has been cancelled."))
        return redirect("accounts:dashboard")
    return render(request, "cohorts/confirm_cancel.html", {"row": row})


@login_required
def offer_accept(request, enrolment_id: int):
    row = my_enrolment(user=request.user, enrolment_id=enrolment_id)
    if request.method == "POST":
        try:
            accept_offer(enrolment=row.enrolment, by=request.user)
        except EnrolmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You have accepted the place. You are now enrolled."))
        return redirect("cohorts:enrolment_detail", enrolment_id=enrolment_id)
    return render(request, "cohorts/confirm_offer.html", {"row": row})


@login_required
def intake(request, enrolment_id: int):
    row = my_enrolment(user=request.user, enrolment_id=enrolment_id)
    instance = Intake.objects.filter(enrolment=row.enrolment).first()
    form = IntakeForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            submit_intake(enrolment=row.enrolment, by=request.user, data=form.cleaned_data)
        except EnrolmentError as error:
            messages.error(request, str(error))
            return redirect("cohorts:enrolment_detail", enrolment_id=enrolment_id)
        messages.success(request, _("Thank you. Your trainer will read your answers."))
        return redirect("cohorts:enrolment_detail", enrolment_id=enrolment_id)
    return render(request, "cohorts/intake.html", {"row": row, "form": form})


@login_required
def evaluation(request, enrolment_id: int):
    row = my_enrolment(user=request.user, enrolment_id=enrolment_id)
    if row.has_evaluation:
        messages.info(request, _("You have already filled in the evaluation. Thank you!"))
        return redirect("cohorts:enrolment_detail", enrolment_id=enrolment_id)
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submit_evaluation(enrolment=row.enrolment, by=request.user, data=form.cleaned_data)
        except EnrolmentError as error:
            messages.error(request, str(error))
            return redirect("cohorts:enrolment_detail", enrolment_id=enrolment_id)
        messages.success(request, _("Thank you for your evaluation."))
        return redirect("cohorts:enrolment_detail", enrolment_id=enrolment_id)
    return render(request, "cohorts/evaluation.html", {"row": row, "form": form})


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def enrolment_ics(request, enrolment_id: int):
    row = my_enrolment(user=request.user, enrolment_id=enrolment_id)
    if row.status in (EnrolmentStatus.WAITLISTED, EnrolmentStatus.OFFERED):
        raise Http404  # not in the calendar until there is a seat
    # icalendar is imported when a calendar is made, not when a worker starts (issue 15).
    from cohorts.calendar import enrolment_calendar

    return _ics_response(enrolment_calendar(row.enrolment), f"leerkring-{row.cohort.pk}.ics")


def calendar_feed(request, token: str):
    """The personal feed: the secret token is the only key, so calendar apps can fetch it."""
    from cohorts.calendar import personal_feed

    response = _ics_response(personal_feed(feed_enrolments(token=token)), "leerkring.ics")
    response["Cache-Control"] = "private, max-age=900"
    return response


@login_required
def calendar_subscription(request):
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        calendar_feed_for(user=request.user, renew=request.POST.get("action") == "renew")
        messages.success(request, _("Your calendar address is ready."))
        return redirect("cohorts:calendar_subscription")
    feed_url = (
        request.build_absolute_uri(reverse("cohorts:calendar_feed", args=[feed.token]))
        if feed
        else None
    )
    return render(
        request,
        "cohorts/calendar_subscription.html",
        {"feed_url": feed_url, "now": timezone.now()},
    )
