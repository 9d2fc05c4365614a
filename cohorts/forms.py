"""Forms for enrolment, intake, evaluation and the trainer's decisions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cohorts.models import AttendanceStatus, Evaluation, Intake, SociocracyExperience


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
