"""/beheer/: cohorts with their sessions inline, for editors.

Status changes (go/no-go, cancel, close) are not edited here: they go through the trainer's
screens and the services, so participants are told and the history is kept.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet

from cohorts.models import Cohort, Session, local_timezone
from cohorts.services.lifecycle import (
    CohortError,
    fill_defaults,
    validate_dates,
    validate_group_size,
    validate_sessions,
)


class CohortAdminForm(WagtailAdminModelForm):
    """The same rules as schedule_cohort(), shown next to the fields they concern."""

    def clean(self):
        cleaned = super().clean()
        course = cleaned.get("course")
        try:
            if course and cleaned.get("min_participants") and cleaned.get("max_participants"):
                validate_group_size(
                    course=course,
                    min_participants=cleaned["min_participants"],
                    max_participants=cleaned["max_participants"],
                )
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
        cohort = super().save(commit=commit)
        if commit:
            fill_defaults(cohort)
            cohort.save()
        return cohort


class CohortViewSet(ModelViewSet):
    model = Cohort
    icon = "date"
    menu_label = _("Cohorts")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["__str__", "kind", "status", "min_participants", "max_participants"]
    list_filter = ["status", "kind", "course"]
    search_fields = ["title", "municipality", "location"]
    inspect_view_enabled = True
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
