"""Forms for enrolment, intake, evaluation and the trainer's decisions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.models import AttendanceStatus, CohortKind, Evaluation, Intake, SociocracyExperience


class IntakeForm(forms.ModelForm):
    # Declared here so the radio group has no pre-selected "choose an option" placeholder:
    # a placeholder radio button is a real, checked answer that the form then refuses.
    experience = forms.ChoiceField(
        label=_("Experience with sociocracy"),
        choices=SociocracyExperience.choices,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Intake
        fields = ["role", "experience", "hopes_to_learn", "own_situation"]
        widgets = {
            "experience": forms.RadioSelect,
            "hopes_to_learn": forms.Textarea(attrs={"rows": 4}),
            "own_situation": forms.Textarea(attrs={"rows": 4}),
        }


class EvaluationForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Your rating, from 1 (poor) to 10 (excellent)"),
        choices=[(n, str(n)) for n in range(1, 11)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"class": "rating"}),
    )
    would_recommend = forms.TypedChoiceField(
        label=_("Would you recommend this course to others?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Evaluation
        fields = ["rating", "keep", "change", "would_recommend"]
        widgets = {
            "keep": forms.Textarea(attrs={"rows": 3}),
            "change": forms.Textarea(attrs={"rows": 3}),
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


class RequiredReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the participants will read this in their email)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    confirm = forms.BooleanField(
        label=_("Yes, cancel this cohort and email everyone listed above"), required=True
    )


class AttendanceForm(forms.Form):
    """One radio group and a note per participant: big touch targets, no JavaScript."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for enrolment, mark in rows:
            status_name, note_name = f"status_{enrolment.pk}", f"note_{enrolment.pk}"
            self.fields[status_name] = forms.ChoiceField(
                label=str(enrolment.participant),
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect(attrs={"class": "attendance-choice"}),
                initial=mark.status if mark else None,
                required=False,
            )
            self.fields[note_name] = forms.CharField(
                label=_("Note for %(name)s") % {"name": enrolment.participant},
                max_length=255,
                required=False,
                initial=mark.note if mark else "",
            )
            self.rows.append((enrolment, self[status_name], self[note_name]))

    def marks(self) -> dict[int, tuple[str, str]]:
        """Only participants who got a mark; an untouched row stays as it was."""
        result = {}
        for enrolment, status_field, note_field in self.rows:
            status = self.cleaned_data.get(status_field.name)
            if status:
                result[enrolment.pk] = (status, self.cleaned_data.get(note_field.name, ""))
        return result


# --- planning ----------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SessionForm(forms.Form):
    """One session row of the planning form: an empty row is skipped."""

    # Required, yet a row left empty is skipped: the formset's extra rows may stay empty.
    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    location = forms.CharField(
        label=_("Room or place"),
        max_length=255,
        required=False,
        help_text=_("Leave empty for the cohort's location."),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        return cleaned


def session_formset(rows: int):
    """`rows` empty session rows; rows left empty are skipped, a half-filled one is an error."""
    return forms.formset_factory(SessionForm, extra=rows)


class CohortPlanForm(forms.Form):
    """The cohort's own fields; `course` only when creating, `trainers` only for planners."""

    course = forms.ModelChoiceField(label=_("Course"), queryset=None)
    title = forms.CharField(
        label=_("Label"), max_length=200, help_text=_("For example: Utrecht, spring 2027")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=CohortKind.choices, widget=forms.RadioSelect, initial="open"
    )
    municipality = forms.CharField(
        label=_("Municipality or organisation (in-company)"), max_length=200, required=False
    )
    location = forms.CharField(
        label=_("Location"),
        max_length=255,
        required=False,
        help_text=_("Address or building; a session may name its own room."),
    )
    online_url = forms.URLField(
        label=_("Online link"), required=False, help_text=_("For sessions held online.")
    )
    trainers = forms.ModelMultipleChoiceField(
        label=_("Trainers"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    min_participants = forms.IntegerField(
        label=_("Minimum participants"),
        min_value=1,
        required=False,
        help_text=_("Leave empty for the course's minimum."),
    )
    max_participants = forms.IntegerField(
        label=_("Maximum participants"),
        min_value=1,
        required=False,
        help_text=_("Leave empty for the course's maximum."),
    )
    go_no_go_date = forms.DateField(
        label=_("Go/no-go date"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty for 10 days before the first session."),
    )
    enrolment_opens_at = forms.DateTimeField(
        label=_("Enrolment opens"),
        widget=DateTimeInput(),
        required=False,
        help_text=_("Leave empty for: now."),
    )
    enrolment_closes_at = forms.DateTimeField(
        label=_("Enrolment closes"),
        widget=DateTimeInput(),
        required=False,
        help_text=_("Leave empty for: when the first session starts."),
    )
    cancellation_cutoff = forms.DateTimeField(
        label=_("Cancellation deadline"),
        widget=DateTimeInput(),
        required=False,
        help_text=_("Leave empty for 3 days before the first session."),
    )
    override_reason = forms.CharField(
        label=_("Reason to plan despite the conflict"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=_("Only planners can accept a conflict. The reason is kept in the history."),
    )

    def __init__(self, *args, courses, trainers, with_course: bool, planner: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if with_course:
            self.fields["course"].queryset = courses
        else:
            del self.fields["course"]
        if planner:
            self.fields["trainers"].queryset = trainers
            self.fields["trainers"].label_from_instance = lambda u: u.get_full_name() or u.email
        else:
            del self.fields["trainers"]
            del self.fields["override_reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == CohortKind.IN_COMPANY and not cleaned.get("municipality"):
            self.add_error(
                "municipality", _("Name the municipality or organisation of this in-company group.")
            )
        return cleaned


class SessionMoveForm(forms.Form):
    date = forms.DateField(label=_("New date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    location = forms.CharField(
        label=_("Room or place"),
        max_length=255,
        required=False,
        help_text=_("Leave empty for the cohort's location."),
    )
    override_reason = forms.CharField(
        label=_("Reason to plan despite the conflict"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=_("Only planners can accept a conflict. The reason is kept in the history."),
    )

    def __init__(self, *args, planner: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not planner:
            del self.fields["override_reason"]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        return cleaned


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the participants will read this in their email)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class DuplicateForm(forms.Form):
    first_date = forms.DateField(
        label=_("Date of the first session"),
        widget=DateInput(),
        help_text=_("Every session moves by the same number of days."),
    )
    title = forms.CharField(label=_("Label"), max_length=200, required=False)
    override_reason = forms.CharField(
        label=_("Reason to plan despite the conflict"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, planner: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not planner:
            del self.fields["override_reason"]


# --- running the group --------------------------------------------------------------------------


class EnrolOnBehalfForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        required=False,
        help_text=_("Only needed for someone without an account."),
    )
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)


class MessageForm(forms.Form):
    group = forms.ChoiceField(
        label=_("To"),
        choices=[
            ("enrolled", _("Everyone enrolled")),
            ("waitlisted", _("The waiting list (and open offers)")),
            ("everyone", _("Enrolled and waiting list")),
            ("completed", _("Everyone who completed")),
        ],
        widget=forms.RadioSelect,
        initial="enrolled",
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))


class CapacityForm(forms.Form):
    max_participants = forms.IntegerField(label=_("New maximum"), min_value=1)
