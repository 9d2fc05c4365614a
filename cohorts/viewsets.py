"""/beheer/: cohorts with their sessions inline, for planners and trainers.

Status changes (go/no-go, cancel, close) are not edited here: they go through the trainer's
screens and the services, so participants are told and the history is kept.

Planners (editors, administrators) see every cohort and choose its trainers. A trainer sees
and edits only the cohorts they train and cannot change who trains them: otherwise adding
themself to a cohort would open its participants, intakes and certificates. The invitation
token of an in-company cohort is a password for its enrolment page and never shown here.
"""

from datetime import datetime
from html import escape

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.utils import flatatt
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.roles import is_planner
from cohorts.models import Cohort, Session, local_timezone
from cohorts.services.enrolment import lock_cohort
from cohorts.services.lifecycle import (
    CohortError,
    fill_defaults,
    validate_capacity,
    validate_dates,
    validate_group_size,
    validate_sessions,
)
from cohorts.services.planning import record_admin_session_changes, session_when
from leerkring.admin_listing import QuickListingMixin
from leerkring.deletion import deletion_blockers, refuse


def visible_cohorts(user):
    """The cohorts this user manages in /beheer/: all for planners, their own for trainers."""
    cohorts = Cohort.objects.all()
    return cohorts if is_planner(user) else cohorts.filter(trainers=user)


class CohortAdminForm(WagtailAdminModelForm):
    """The same rules as schedule_cohort(), shown next to the fields they concern."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not only hidden: a field missing from the form ignores whatever is posted for it.
        if self.for_user is None or not is_planner(self.for_user):
            self.fields.pop("trainers", None)
        # What each session was, so a change can be announced to the participants.
        self._sessions_before = {
            form.instance.pk: (
                session_when(form.instance),
                form.instance.location,
                form.instance.online_url,
            )
            for form in self.formsets["sessions"].forms
            if form.instance.pk
        }

    def clean(self):
        cleaned = super().clean()
        course = cleaned.get("course")
        try:
            # "is not None": a minimum of 0 must reach the rule (and its sentence), not the
            # database constraint, whose name would be all the editor sees.
            low, high = cleaned.get("min_participants"), cleaned.get("max_participants")
            if course and low is not None and high is not None:
                validate_group_size(
                    course=course,
                    min_participants=cleaned["min_participants"],
                    max_participants=cleaned["max_participants"],
                )
            if cleaned.get("max_participants"):
                validate_capacity(
                    cohort=self.instance, max_participants=cleaned["max_participants"]
                )
            self._refuse_deleting_booked_sessions()
            sessions = self._sessions()
            if sessions is not None:
                # Existing cohorts may keep sessions that are now in the past.
                validate_sessions(sessions, now=timezone.now(), allow_past=bool(self.instance.pk))
                first = min(sessions, key=lambda s: (s.date, s.start_time))
                validate_dates(
                    first_start=datetime.combine(
                        first.date, first.start_time, tzinfo=local_timezone()
                    ),
                    go_no_go_date=cleaned.get("go_no_go_date"),
                    enrolment_opens_at=cleaned.get("enrolment_opens_at"),
                    enrolment_closes_at=cleaned.get("enrolment_closes_at"),
                    cancellation_cutoff=cleaned.get("cancellation_cutoff"),
                )
        except CohortError as error:
            if error.field and error.field in self.fields:
                self.add_error(error.field, error.message)
            else:
                raise ValidationError(error.message) from error
        return cleaned

    def _refuse_deleting_booked_sessions(self):
        """A session people are booked on is cancelled (they get an email and a calendar
        cancellation), never deleted here without a word."""
        if not self.instance.pk or not self.instance.enrolments.exists():
            return
        formset = self.formsets.get("sessions")
        for form in formset.forms if formset else []:
            if form.instance.pk and form.is_valid() and form.cleaned_data.get("DELETE"):
                raise CohortError(
                    _(
                        "Participants are enrolled, so a session cannot be removed here. "
                        "Cancel it in the planning (Planning → the cohort → Cancel, next to "
                        "the session): the participants then get an email and their calendars "
                        "update."
                    )
                )

    def _sessions(self):
        formset = self.formsets.get("sessions")
        if formset is None or not all(form.is_valid() for form in formset.forms):
            return None
        rows = []
        for form in formset.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE"):
                continue
            if data.get("date") and data.get("start_time") and data.get("end_time"):
                rows.append(
                    Session(
                        date=data["date"], start_time=data["start_time"], end_time=data["end_time"]
                    )
                )
        return rows

    def save(self, commit=True):
        # A changed session gets a higher SEQUENCE, so calendars update the event.
        for form in self.formsets["sessions"].forms:
            if form.instance.pk and form.has_changed() and not form.cleaned_data.get("DELETE"):
                form.instance.sequence += 1
        if not commit:
            return super().save(commit=False)
        with transaction.atomic():
            created = self.instance.pk is None
            if not created:
                # Recount under the lock: an enrolment may have come in since clean().
                locked = lock_cohort(self.instance.pk)
                try:
                    validate_capacity(
                        cohort=locked, max_participants=self.instance.max_participants
                    )
                except CohortError as error:
                    raise ValidationError({"max_participants": error.message}) from error
            cohort = super().save(commit=True)
            fill_defaults(cohort)
            cohort.save()
            if created and "trainers" not in self.fields and self.for_user is not None:
                # A trainer who plans a cohort trains it.
                cohort.trainers.add(self.for_user)
            if not created:
                self._announce_session_changes(cohort)
        return cohort

    def _announce_session_changes(self, cohort):
        moved, added = [], []
        for form in self.formsets["sessions"].forms:
            session = form.instance
            if not session.pk or form.cleaned_data.get("DELETE"):
                continue
            before = self._sessions_before.get(session.pk)
            if before is None:
                added.append(session)
            elif before != (session_when(session), session.location, session.online_url):
                moved.append((session, before[0]))
        record_admin_session_changes(cohort, by=self.for_user, moved=moved, added=added)


class ScopedObjectMixin:
    """Single-object views: a cohort the user does not manage does not exist for them."""

    def get_object(self, queryset=None):
        cohort = super().get_object(queryset) if queryset is not None else super().get_object()
        if not visible_cohorts(self.request.user).filter(pk=cohort.pk).exists():
            raise Http404
        return cohort


class CohortIndexView(QuickListingMixin, generic.IndexView):
    """Wagtail's listing with cheap rows (leerkring.admin_listing): same buttons and markup."""

    def get_base_queryset(self):
        # Each row's title names its course (Cohort.__str__): one join, not a query per row,
        # and of the course only its title (not its StreamField bodies, parsed per row).
        cohorts = (
            super()
            .get_base_queryset()
            .select_related("course")
            .only(*(field.name for field in Cohort._meta.concrete_fields), "course__title")
        )
        if is_planner(self.request.user):
            return cohorts  # every cohort: no "id IN (every id)" for the database to check
        return cohorts.filter(pk__in=visible_cohorts(self.request.user))


class CohortEditView(ScopedObjectMixin, generic.EditView):
    pass


class CohortInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class CohortDeleteView(ScopedObjectMixin, generic.DeleteView):
    def run_before_hook(self):
        blockers = deletion_blockers([self.object])
        if blockers:
            message = _(
                "This cohort cannot be deleted: %(blockers)s still refer to it. Cancel the "
                "cohort in the trainer area instead; the participants are then told."
            ) % {"blockers": ", ".join(blockers)}
            return refuse(
                self.request, message, to=reverse(self.edit_url_name, args=[self.object.pk])
            )
        return super().run_before_hook()


class CohortHistoryView(ScopedObjectMixin, HistoryView):
    pass


class CohortUsageView(ScopedObjectMixin, UsageView):
    pass


def _course_choices():
    from courses.models import CoursePage

    # Pairs, not pages: the filter lists every course, and a page instance is costly to make.
    return list(CoursePage.objects.order_by("title").values_list("pk", "title"))


class QuickSelect(forms.Select):
    """A select whose options are joined in Python. Django renders each option through its
    own template, which made the course filter (one option per course) the slowest part of
    the cohort listing once there are hundreds of courses. The standard library's escape,
    not format_html per option: with 500 courses that was still 7 ms a page, now under 1."""

    def render(self, name, value, attrs=None, renderer=None):
        selected = {str(v) for v in (value if isinstance(value, (list, tuple)) else [value])}
        options = "".join(
            f'<option value="{escape(key)}"{" selected" if key in selected else ""}>'
            f"{escape(label)}</option>"
            for key, label in ((str(key), str(label)) for key, label in self.choices)
        )
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final), mark_safe(options))  # noqa: S308 — every part escaped above


class CohortFilterSet(WagtailFilterSet):
    course = django_filters.ChoiceFilter(
        field_name="course", choices=_course_choices, label=_("course"), widget=QuickSelect
    )

    class Meta:
        model = Cohort
        fields = ["status", "kind", "course"]


class CohortViewSet(ModelViewSet):
    model = Cohort
    filterset_class = CohortFilterSet
    icon = "date"
    menu_label = _("Cohorts")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["__str__", "kind", "status", "min_participants", "max_participants"]
    search_fields = ["title", "municipality", "location"]
    inspect_view_enabled = True
    # The token lets anyone with the link enrol in an in-company cohort: never shown here.
    inspect_view_fields_exclude = ["invitation_token"]
    # A copy would carry the original's invitation token (unique) and enrolment dates.
    copy_view_enabled = False
    index_view_class = CohortIndexView
    edit_view_class = CohortEditView
    inspect_view_class = CohortInspectView
    delete_view_class = CohortDeleteView
    history_view_class = CohortHistoryView
    usage_view_class = CohortUsageView
    edit_handler = ObjectList(
        [
            FieldPanel("course"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("municipality")]),
            FieldPanel("trainers"),
            FieldRowPanel([FieldPanel("min_participants"), FieldPanel("max_participants")]),
            FieldPanel("location"),
            InlinePanel("sessions", label=_("Sessions"), min_num=1),
            MultiFieldPanel(
                [
                    FieldPanel("go_no_go_date"),
                    FieldRowPanel(
                        [FieldPanel("enrolment_opens_at"), FieldPanel("enrolment_closes_at")]
                    ),
                    FieldPanel("cancellation_cutoff"),
                ],
                heading=_("Dates"),
            ),
        ],
        base_form_class=CohortAdminForm,
    )


# The URL namespace "cohorts" belongs to the site's cohort pages; the admin keeps /beheer/cohorts/.
cohort_viewset = CohortViewSet("cohorts", url_namespace="cohort_admin")


@hooks.register("register_admin_viewset")
def register_cohort_viewset():
    return cohort_viewset
