"""The planning area on the site (/trainer/planning/): the calendar, creating, changing and
copying a cohort, adding, moving and cancelling sessions. Trainers see and change their own
cohorts; planners (editors, administrators) every cohort."""

from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cohorts.forms import (
    CohortPlanForm,
    DuplicateForm,
    SessionCancelForm,
    SessionMoveForm,
    session_formset,
)
from cohorts.models import CalendarFeed, Session
from cohorts.planning_selectors import (
    course_choices,
    planning_calendar,
    planning_cohort,
    trainer_choices,
    trainer_feed_sessions,
)
from cohorts.services.enrolment import calendar_feed_for
from cohorts.services.lifecycle import CohortError, SessionPlan
from cohorts.services.planning import (
    CohortDetails,
    ConflictError,
    add_session,
    can_use_planning,
    cancel_session,
    create_cohort,
    duplicate_cohort,
    is_planner,
    move_session,
    update_cohort,
)
from courses.models import CoursePage


def planning_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_use_planning(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _parse_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@planning_required
def calendar(request):
    view = "week" if request.GET.get("weergave") == "week" else "month"
    anchor = _parse_day(request.GET.get("datum")) or timezone.localdate()
    context = planning_calendar(
        user=request.user,
        view=view,
        anchor=anchor,
        trainer_id=request.GET.get("trainer") or None,
        course_id=request.GET.get("cursus") or None,
        location=request.GET.get("locatie", "").strip(),
        kind=request.GET.get("soort", ""),
    )
    context["is_planner"] = is_planner(request.user)
    feed = CalendarFeed.objects.filter(user=request.user).first()
    context["feed_url"] = (
        request.build_absolute_uri(reverse("cohorts:planning_feed", args=[feed.token]))
        if feed
        else None
    )
    return render(request, "cohorts/planning/calendar.html", context)


@planning_required
def feed_address(request):
    if request.method == "POST":
        calendar_feed_for(user=request.user, renew=request.POST.get("action") == "renew")
        messages.success(request, _("Your calendar address is ready."))
    return redirect("cohorts:planning")


def feed(request, token: str):
    """A trainer's sessions as a subscription feed; the secret token is the key."""
    from cohorts.calendar import trainer_feed  # icalendar only when a feed is made

    response = HttpResponse(
        trainer_feed(trainer_feed_sessions(token=token)), content_type="text/calendar"
    )
    response["Content-Disposition"] = 'attachment; filename="leerkring-planning.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


# --- the cohort form -------------------------------------------------------------------------


def _details(data: dict, *, cohort=None) -> CohortDetails:
    return CohortDetails(
        title=data["title"],
        kind=data["kind"],
        location=data.get("location", ""),
        municipality=data.get("municipality", ""),
        min_participants=data.get("min_participants"),
        max_participants=data.get("max_participants"),
        trainers=list(data.get("trainers") or []),
        go_no_go_date=data.get("go_no_go_date"),
        enrolment_opens_at=data.get("enrolment_opens_at"),
        enrolment_closes_at=data.get("enrolment_closes_at"),
        cancellation_cutoff=data.get("cancellation_cutoff"),
    )


def _show_error(form, error: CohortError, *, formset=None) -> list:
    """Put the service's message on the field it concerns; return conflicts to list."""
    if isinstance(error, ConflictError) and "override_reason" not in form.fields:
        form.add_error(None, error.message)
    elif error.field and error.field in form.fields:
        form.add_error(error.field, error.message)
    elif formset is not None:
        formset._non_form_errors = formset.error_class([error.message])
    else:
        form.add_error(None, error.message)
    return getattr(error, "conflicts", [])


def _session_rows(request, course: CoursePage | None):
    """Blank rows for a new cohort: as many as the course has dagdelen; "one more" adds one."""
    if request.method == "POST":
        data = request.POST
        if "add_row" in request.POST:
            data = request.POST.copy()
            total = data.get("sessions-TOTAL_FORMS", "1")
            data["sessions-TOTAL_FORMS"] = str(min(int(total) + 1 if total.isdigit() else 2, 40))
        return session_formset(0)(data, prefix="sessions")
    rows = max(course.dagdelen or 1, 1) if course else 2
    return session_formset(min(rows, 20))(prefix="sessions")


@planning_required
def cohort_new(request):
    planner = is_planner(request.user)
    courses = course_choices()
    course = None
    if request.GET.get("cursus"):
        course = courses.filter(pk=request.GET["cursus"]).first()
    initial = {"kind": "open"}
    if course is not None:
        initial.update(
            course=course,
            min_participants=course.min_participants,
            max_participants=course.max_participants,
        )
    form = CohortPlanForm(
        request.POST or None,
        initial=initial,
        courses=courses,
        trainers=trainer_choices(),
        with_course=True,
        planner=planner,
    )
    formset = _session_rows(request, course)
    conflicts = []
    if request.method == "POST" and "add_row" not in request.POST:
        form_ok = form.is_valid()
        rows_ok = formset.is_valid()
        if form_ok and rows_ok:
            data = form.cleaned_data
            plans = [
                SessionPlan(
                    date=row.cleaned_data["date"],
                    start_time=row.cleaned_data["start_time"],
                    end_time=row.cleaned_data["end_time"],
                    location=row.cleaned_data.get("location", ""),
                    online_url=data.get("online_url", ""),
                )
                for row in formset.forms
                if row.cleaned_data.get("date")
            ]
            try:
                cohort = create_cohort(
                    by=request.user,
                    course=data["course"],
                    details=_details(data),
                    sessions=plans,
                    override_reason=data.get("override_reason", ""),
                )
            except CohortError as error:
                conflicts = _show_error(form, error, formset=formset)
            else:
                messages.success(request, _("The cohort is planned."))
                return redirect("cohorts:planning_cohort", cohort_id=cohort.pk)
    return render(
        request,
        "cohorts/planning/cohort_form.html",
        {"form": form, "formset": formset, "conflicts": conflicts, "cohort": None},
    )


def _plan_form(request, context, *, data=None) -> CohortPlanForm:
    cohort = context["cohort"]
    initial = {
        name: getattr(cohort, name)
        for name in (
            "title",
            "kind",
            "location",
            "municipality",
            "min_participants",
            "max_participants",
            "go_no_go_date",
            "enrolment_opens_at",
            "enrolment_closes_at",
            "cancellation_cutoff",
        )
    }
    for name in ("enrolment_opens_at", "enrolment_closes_at", "cancellation_cutoff"):
        if initial[name]:
            initial[name] = timezone.localtime(initial[name])
    initial["trainers"] = context["trainers"]
    return CohortPlanForm(
        data,
        initial=initial,
        courses=None,
        trainers=trainer_choices(),
        with_course=False,
        planner=is_planner(request.user),
    )


@planning_required
def cohort_plan(request, cohort_id: int):
    """One cohort's plan: change its details, its sessions, copy it, see its history."""
    context = planning_cohort(user=request.user, cohort_id=cohort_id)
    cohort = context["cohort"]
    planner = is_planner(request.user)
    form = _plan_form(request, context, data=request.POST or None)
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            update_cohort(
                cohort=cohort,
                by=request.user,
                details=_details(form.cleaned_data),
                override_reason=form.cleaned_data.get("override_reason", ""),
            )
        except CohortError as error:
            conflicts = _show_error(form, error)
        else:
            messages.success(request, _("The changes are saved."))
            return redirect("cohorts:planning_cohort", cohort_id=cohort.pk)
    context.update(
        form=form,
        conflicts=conflicts,
        duplicate_form=DuplicateForm(planner=planner),
    )
    return render(request, "cohorts/planning/cohort_plan.html", context)


@planning_required
def session_add(request, cohort_id: int):
    context = planning_cohort(user=request.user, cohort_id=cohort_id)
    cohort = context["cohort"]
    form = SessionMoveForm(request.POST or None, planner=is_planner(request.user))
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            add_session(
                cohort=cohort,
                by=request.user,
                plan=SessionPlan(
                    date=data["date"],
                    start_time=data["start_time"],
                    end_time=data["end_time"],
                    location=data.get("location", ""),
                ),
                override_reason=data.get("override_reason", ""),
            )
        except CohortError as error:
            conflicts = _show_error(form, error)
        else:
            messages.success(
                request, _("The session is added. Enrolled participants get an email.")
            )
            return redirect("cohorts:planning_cohort", cohort_id=cohort.pk)
    return render(
        request,
        "cohorts/planning/session_form.html",
        {"cohort": cohort, "form": form, "conflicts": conflicts, "session": None},
    )


def _planned_session(request, session_id: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("cohort"), pk=session_id)
    planning_cohort(user=request.user, cohort_id=session.cohort_id)  # 404 if not theirs
    return session


@planning_required
def session_move(request, session_id: int):
    session = _planned_session(request, session_id)
    initial = {
        "date": session.date,
        "start_time": session.start_time,
        "end_time": session.end_time,
        "location": session.location,
    }
    form = SessionMoveForm(request.POST or None, initial=initial, planner=is_planner(request.user))
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            move_session(
                session=session,
                by=request.user,
                date=data["date"],
                start_time=data["start_time"],
                end_time=data["end_time"],
                location=data.get("location", ""),
                override_reason=data.get("override_reason", ""),
            )
        except CohortError as error:
            conflicts = _show_error(form, error)
        else:
            messages.success(
                request, _("The session is moved. Every enrolled participant gets an email.")
            )
            return redirect("cohorts:planning_cohort", cohort_id=session.cohort_id)
    return render(
        request,
        "cohorts/planning/session_form.html",
        {"cohort": session.cohort, "form": form, "conflicts": conflicts, "session": session},
    )


@planning_required
def session_cancel(request, session_id: int):
    session = _planned_session(request, session_id)
    form = SessionCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cancel_session(session=session, by=request.user, reason=form.cleaned_data["reason"])
        except CohortError as error:
            _show_error(form, error)
        else:
            messages.success(
                request, _("The session is cancelled. Every enrolled participant gets an email.")
            )
            return redirect("cohorts:planning_cohort", cohort_id=session.cohort_id)
    return render(
        request,
        "cohorts/planning/session_cancel.html",
        {"cohort": session.cohort, "session": session, "form": form},
    )


@planning_required
def cohort_duplicate(request, cohort_id: int):
    context = planning_cohort(user=request.user, cohort_id=cohort_id)
    cohort = context["cohort"]
    form = DuplicateForm(request.POST or None, planner=is_planner(request.user))
    conflicts = []
    if request.method == "POST" and form.is_valid():
        try:
            copy = duplicate_cohort(
                cohort=cohort,
                by=request.user,
                first_date=form.cleaned_data["first_date"],
                title=form.cleaned_data.get("title", ""),
                override_reason=form.cleaned_data.get("override_reason", ""),
            )
        except CohortError as error:
            conflicts = _show_error(form, error)
        else:
            messages.success(request, _("The copy is planned. Check its details."))
            return redirect("cohorts:planning_cohort", cohort_id=copy.pk)
    elif request.method != "POST":
        raise Http404  # the form lives on the cohort's planning page
    context.update(
        form=_plan_form(request, context),
        conflicts=conflicts,
        duplicate_form=form,
    )
    return render(request, "cohorts/planning/cohort_plan.html", context)
