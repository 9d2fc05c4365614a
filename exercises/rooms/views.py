"""The room's pages: the trainer opens and seats it and coaches; members join and act; the
projector shows it; the minutes and the debrief stay afterwards.

Thin: each view checks access (`access`), calls one service or selector and renders. The
live panel is one template (`_live.html`) for the page, the WebSocket and the 2-second poll.
"""

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Page

from accounts.roles import TRAINER, has_role
from cohorts.models import Cohort
from exercises.models import ElectionExercisePage, ExercisePage
from exercises.rooms import access, selectors, services
from exercises.rooms.models import Room, RoomProcess, RoomStatus, SeatRole
from exercises.rooms.panels import projector_html
from exercises.rooms.pdf import minutes_pdf
from exercises.rooms.polling import etag_of

LIVE = "exercises/rooms/_live.html"


def _room(
    request,
    room_id: int,
    *,
    allowed=(access.TRAINER, access.MEMBER, access.ONLOOKER),
    light: bool = False,
):
    """The room with the viewer's access, or 404. `light`: without its cohort and trainer
    (the live panel and the polls do not show them), in a query that is cheap to build."""
    if light:
        room = access.room_with_access(room_id, request.user)
    else:
        room = selectors.room_for(room_id=room_id, user=request.user)
    # Rooms of other cohorts are simply not found.
    if room is None or access.access_of(room) not in allowed:
        raise Http404
    return room


def _is_htmx(request) -> bool:
    return bool(request.headers.get("HX-Request"))


FOR_AN_ELECTION = gettext_lazy("Needed for an election.")


class RoomChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return (
            f"{obj.title} · {obj.cohort.title} · {date_format(obj.created_at, 'SHORT_DATE_FORMAT')}"
        )


class NewRoomForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    cohort = forms.ModelChoiceField(
        label=gettext_lazy("cohort"), queryset=Cohort.objects.none(), required=False
    )
    with_join_code = forms.BooleanField(
        label=gettext_lazy("Let anyone with a join code take part (for a hall full of people)"),
        required=False,
    )
    process = forms.ChoiceField(label=gettext_lazy("process"), choices=RoomProcess.choices)
    scenario = forms.ModelChoiceField(
        label=gettext_lazy("scenario"),
        queryset=Page.objects.none(),
        required=False,
        help_text=gettext_lazy("Or leave empty and write the group's own proposal below."),
    )
    driver = forms.CharField(label=gettext_lazy("driver"), widget=forms.Textarea, required=False)
    shared_aim = forms.CharField(
        label=gettext_lazy("shared aim"), widget=forms.Textarea, required=False
    )
    proposal = forms.CharField(
        label=gettext_lazy("proposal"), widget=forms.Textarea, required=False
    )
    role = forms.CharField(
        label=gettext_lazy("role to elect for"), required=False, help_text=FOR_AN_ELECTION
    )
    tasks = forms.CharField(
        label=gettext_lazy("tasks (one per line)"),
        widget=forms.Textarea,
        required=False,
        help_text=FOR_AN_ELECTION,
    )
    qualities = forms.CharField(
        label=gettext_lazy("qualities needed (one per line)"),
        widget=forms.Textarea,
        required=False,
        help_text=FOR_AN_ELECTION,
    )

    term_start = forms.DateField(
        label=gettext_lazy("term starts on"),
        required=False,
        initial=timezone.localdate,
        help_text=FOR_AN_ELECTION,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    term_end = forms.DateField(
        label=gettext_lazy("term ends on"),
        required=False,
        initial=lambda: timezone.localdate() + timedelta(days=365),
        help_text=FOR_AN_ELECTION,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    review_date = forms.DateField(
        label=gettext_lazy("review date of the election"),
        required=False,
        initial=lambda: timezone.localdate() + timedelta(days=365),
        help_text=gettext_lazy("Needed for an election: within the term or after it."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    review_of = RoomChoiceField(
        label=gettext_lazy("or: review the agreement of an earlier room"),
        queryset=Room.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "The circle of that room reviews the agreement it reached: keep, amend or drop."
        ),
    )

    def __init__(self, *args, trainer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.filter(trainers=trainer)
        exercise_ids = list(ExercisePage.objects.live().values_list("pk", flat=True)) + list(
            ElectionExercisePage.objects.live().values_list("pk", flat=True)
        )
        self.fields["scenario"].queryset = Page.objects.filter(pk__in=exercise_ids).order_by(
            "title"
        )
        self.fields["review_of"].queryset = selectors.rooms_to_review(trainer=trainer)

    def clean(self):
        data = super().clean()
        if data.get("process") != RoomProcess.ELECTION or data.get("review_of"):
            return data
        lines = lambda name: [x for x in (data.get(name) or "").splitlines() if x.strip()]  # noqa: E731
        if not data.get("scenario"):
            if not (data.get("role") or "").strip():
                self.add_error("role", _("Describe the role to elect someone for."))
            if not lines("tasks"):
                self.add_error("tasks", _("Give the role at least one task."))
            if not lines("qualities"):
                self.add_error("qualities", _("Give the role at least one quality it needs."))
        start, end, review = data.get("term_start"), data.get("term_end"), data.get("review_date")
        for name, day in (("term_start", start), ("term_end", end), ("review_date", review)):
            if day is None and name not in self.errors:
                self.add_error(name, _("Give the date."))
        if start and end and end <= start:
            self.add_error("term_end", _("The term must end after it starts."))
        if start and review and review < start:
            self.add_error(
                "review_date", _("The review date must lie within the term or after it.")
            )
        return data

    def brief(self) -> dict:
        data = self.cleaned_data
        lines = lambda name: [x.strip() for x in data[name].splitlines() if x.strip()]  # noqa: E731
        if data["process"] == RoomProcess.ELECTION:
            return {
                "role": data["role"],
                "tasks": lines("tasks"),
                "qualities": lines("qualities"),
                **{
                    name: data[name].isoformat()
                    for name in ("term_start", "term_end", "review_date")
                    if data.get(name)
                },
            }
        return {k: data[k] for k in ("driver", "shared_aim", "proposal")}


@login_required
def new_room(request):
    if not has_role(request.user, TRAINER):
        raise PermissionDenied
    form = NewRoomForm(request.POST or None, trainer=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            room = services.open_room(
                trainer=request.user,
                title=form.cleaned_data["title"],
                cohort=form.cleaned_data["cohort"],
                with_join_code=form.cleaned_data["with_join_code"],
                process=form.cleaned_data["process"],
                scenario=form.cleaned_data["scenario"],
                brief=form.brief(),
                review_of=form.cleaned_data["review_of"],
            )
        except services.RoomError as error:
            form.add_error(None, error.message)
        else:
            return redirect("exercises:rooms:room", room_id=room.pk)
    return render(request, "exercises/rooms/new.html", {"form": form})


@login_required
def join(request):
    error = None
    if request.method == "POST":
        try:
            seat = services.join_with_code(code=request.POST.get("code", ""), user=request.user)
        except services.RoomError as refused:
            error = refused.message
        else:
            return redirect("exercises:rooms:room", room_id=seat.room_id)
    return render(request, "exercises/rooms/join.html", {"error": error})


@login_required
def room(request, room_id: int):
    room = _room(request, room_id)
    view = selectors.room_view(room=room, user=request.user)
    context = {"view": view}
    if view.is_trainer and room.status == RoomStatus.PREPARING:
        members = list(services.eligible_members(room))
        seats = {s.seat.member_id: s.seat for s in view.seats}
        context["candidates"] = [(m, seats.get(m.pk)) for m in members]
        context["roles"] = SeatRole.choices
    return render(request, "exercises/rooms/room.html", context)


@login_required
@require_POST
def circle(request, room_id: int):
    room = _room(request, room_id, allowed=(access.TRAINER,))
    members = {m.pk: m for m in services.eligible_members(room)}
    chosen = []
    for pk, member in members.items():
        place = request.POST.get(f"place_{pk}", "").strip()
        if place:
            try:
                order = int(place)
            except ValueError:
                messages.error(request, _("Give each place as a number."))
                return redirect("exercises:rooms:room", room_id=room.pk)
            chosen.append((order, member, request.POST.get(f"role_{pk}", SeatRole.MEMBER)))
    chosen.sort(key=lambda item: item[0])
    try:
        services.set_circle(
            room=room, by=request.user, seats=[(member, role) for _o, member, role in chosen]
        )
    except services.RoomError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The circle is set."))
    return redirect("exercises:rooms:room", room_id=room.pk)


@login_required
@require_POST
def start(request, room_id: int):
    room = _room(request, room_id, allowed=(access.TRAINER,))
    try:
        services.start_meeting(room=room, by=request.user)
    except services.RoomError as error:
        messages.error(request, error.message)
    return redirect("exercises:rooms:room", room_id=room.pk)


def _seen(request) -> int:
    try:
        return int(request.POST.get("seen", ""))
    except ValueError:
        return -1


def _live_response(request, room: Room, error: str | None = None, status: int = 200):
    room = access.room_with_access(room.pk, request.user)
    view = selectors.room_view(room=room, user=request.user)
    response = render(request, LIVE, {"view": view, "error": error}, status=status)
    response["ETag"] = etag_of(room, request.user)
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_POST
def act(request, room_id: int):
    """An action without WebSocket (the htmx form, or a plain form without JavaScript)."""
    room = _room(request, room_id, allowed=(access.TRAINER, access.MEMBER))
    kind = request.POST.get("action", "")
    error = None
    try:
        if kind == "pass_for_absent":
            services.pass_for_absent(room=room, by=request.user, seen=_seen(request))
        else:
            values = {k: v for k, v in request.POST.items() if k not in ("action", "seen")}
            services.act(
                room=room, user=request.user, kind=kind, values=values, seen=_seen(request)
            )
    except services.RoomError as refused:
        error = refused.message
    if _is_htmx(request):
        return _live_response(request, room, error)
    if error:
        messages.error(request, error)
    return redirect("exercises:rooms:room", room_id=room.pk)


@login_required
@require_safe
def live(request, room_id: int):
    """The live panel for polling every 2 s: 304 while nothing changed, in a fixed number of
    queries (session, user, room with access). Under ASGI most 304s are answered before
    this view, with the same checks (`polling.NotModifiedPolls`)."""
    room = _room(request, room_id, light=True)
    etag = etag_of(room, request.user)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    return _live_response(request, room)


@login_required
@require_POST
def control(request, room_id: int):
    """The trainer's controls: pause, resume, absent/present, hand on the facilitator's role,
    a persona card, pass for an absent member, take the agreement to its review, close."""
    room = _room(request, room_id, allowed=(access.TRAINER,))
    what = request.POST.get("control", "")
    seat = None
    if request.POST.get("seat"):
        seat = get_object_or_404(room.seats, pk=request.POST["seat"])
    try:
        if what == "pause":
            services.pause(room=room, by=request.user)
        elif what == "resume":
            services.resume(room=room, by=request.user)
        elif what in ("absent", "present") and seat is not None:
            services.mark_absent(room=room, by=request.user, seat=seat, absent=what == "absent")
        elif what == "facilitator" and seat is not None:
            services.hand_on_facilitation(room=room, by=request.user, seat=seat)
        elif what == "persona" and seat is not None:
            services.hand_persona(
                room=room, by=request.user, seat=seat, persona_name=request.POST.get("persona", "")
            )
        elif what == "pass_for_absent":
            services.pass_for_absent(room=room, by=request.user, seen=_seen(request))
        elif what == "review":
            services.open_review(room=room, by=request.user, seen=_seen(request))
        elif what == "close":
            services.close_room(room=room, by=request.user)
        else:
            raise services.RoomError(_("Unknown control."))
    except services.RoomError as error:
        if _is_htmx(request):
            return _live_response(request, room, error.message)
        messages.error(request, error.message)
    if _is_htmx(request):
        return _live_response(request, room)
    return redirect("exercises:rooms:room", room_id=room.pk)


@login_required
@require_POST
def note(request, room_id: int):
    room = _room(request, room_id, allowed=(access.TRAINER,))
    try:
        services.add_note(
            room=room,
            by=request.user,
            text=request.POST.get("text", ""),
            shared=bool(request.POST.get("shared")),
        )
    except services.RoomError as error:
        if _is_htmx(request):
            return _live_response(request, room, error.message)
        messages.error(request, error.message)
    if _is_htmx(request):
        return _live_response(request, room)
    return redirect("exercises:rooms:room", room_id=room.pk)


@login_required
def projector(request, room_id: int):
    room = _room(request, room_id, allowed=(access.TRAINER, access.MEMBER))
    view = selectors.room_view(room=room, user=request.user)
    return render(request, "exercises/rooms/projector.html", {"view": view})


@login_required
@require_safe
def projector_live(request, room_id: int):
    room = _room(request, room_id, allowed=(access.TRAINER, access.MEMBER), light=True)
    etag = etag_of(room, request.user, projector=True)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    response = HttpResponse(projector_html(room, request.user))
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
def minutes_pdf_view(request, room_id: int):
    room = _room(request, room_id)
    if room.last_sequence == 0:
        raise Http404
    response = HttpResponse(minutes_pdf(room), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notulen-kamer-{room.pk}.pdf"'
    return response


@login_required
def debrief(request, room_id: int):
    room = _room(request, room_id)
    return render(
        request,
        "exercises/rooms/debrief.html",
        {
            "room": room,
            "is_trainer": access.access_of(room) == access.TRAINER,
            "timeline": selectors.debrief(room=room, user=request.user),
            "minutes": selectors.minutes(room=room),
            "today": date.today(),
        },
    )
