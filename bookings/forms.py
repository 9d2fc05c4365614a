from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bookings.models import BookingRequest, PartOfDay
from bookings.services import LineInput, RequestDetails
from courses.models import CoursePage, VatCategory

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BookingRequestForm(forms.ModelForm):
    """The municipality's request. Rules that need the course live in the service."""

    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.none(),
        empty_label=_("Choose a course"),
    )
    # Checked here, before the database sees it: a user reads a sentence, never the name
    # of the constraint behind it. The course's own group size is the service's rule.
    participant_count = forms.IntegerField(
        label=_("Number of participants"),
        min_value=1,
        max_value=99,
        error_messages={
            "required": _("Enter the number of participants."),
            "invalid": _("Enter the number of participants as a whole number, e.g. 8."),
            "min_value": _("Enter at least 1 participant."),
            "max_value": _("Enter at most 99 participants; for a larger group, send us a message."),
        },
    )
    date_1 = forms.DateField(label=_("First preferred date"), widget=DATE_WIDGET)
    # Three fields with the same label could not be told apart by a screen reader user.
    part_1 = forms.ChoiceField(label=_("Part of day, first date"), choices=PartOfDay.choices)
    date_2 = forms.DateField(label=_("Second preferred date"), widget=DATE_WIDGET, required=False)
    part_2 = forms.ChoiceField(
        label=_("Part of day, second date"), choices=PartOfDay.choices, required=False
    )
    date_3 = forms.DateField(label=_("Third preferred date"), widget=DATE_WIDGET, required=False)
    part_3 = forms.ChoiceField(
        label=_("Part of day, third date"), choices=PartOfDay.choices, required=False
    )

    class Meta:
        model = BookingRequest
        fields = [
            "organisation",
            "department",
            "contact_name",
            "contact_role",
            "contact_email",
            "contact_phone",
            "participant_count",
            "audiences",
            "location",
            "learning_goals",
            "current_situation",
            "accessibility_needs",
            "purchase_order",
            "invoice_address",
        ]
        widgets = {
            "audiences": forms.CheckboxSelectMultiple,
            "location": forms.Textarea(attrs={"rows": 2}),
            "learning_goals": forms.Textarea(attrs={"rows": 4}),
            "current_situation": forms.Textarea(attrs={"rows": 4}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 2}),
            "invoice_address": forms.Textarea(attrs={"rows": 3}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }
        help_texts = {
            "organisation": _("For example: Gemeente Utrecht"),
            "learning_goals": _("What should participants be able to do after the course?"),
            "current_situation": _(
                "How are decisions made now, and what made you look for this course?"
            ),
            "purchase_order": _("If your organisation needs it on the invoice."),
        }

    field_order = ["course"]

    def __init__(self, *args, course=None, **kwargs):
        super().__init__(*args, **kwargs)
        bookable = CoursePage.objects.live().public().filter(in_company=True).order_by("title")
        self.fields["course"].queryset = bookable
        if course is not None:
            self.fields["course"].initial = course.pk
            # The course's own group size, e.g. 5–8 for a study day, up to 14 for a leergang.
            self.fields["participant_count"].help_text = _(
                "For this course: %(min)s to %(max)s participants."
            ) % {"min": course.min_participants, "max": course.max_participants}
        self.fields["participant_count"].widget.attrs.update({"min": 1, "max": 99})
        self.fields["date_1"].help_text = _(
            "For a course of several sessions (leergang): the date you would like to start. "
            "We plan the other sessions with you."
        )

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        for number in (1, 2, 3):
            day, part = cleaned.get(f"date_{number}"), cleaned.get(f"part_{number}")
            if day and day <= today:
                self.add_error(f"date_{number}", _("Choose a date after today."))
            if day and not part:
                self.add_error(f"part_{number}", _("Choose the part of the day."))
        return cleaned

    def preferred_dates(self) -> list[tuple]:
        return [
            (self.cleaned_data[f"date_{n}"], self.cleaned_data[f"part_{n}"])
            for n in (1, 2, 3)
            if self.cleaned_data.get(f"date_{n}")
        ]

    def details(self) -> RequestDetails:
        return RequestDetails(
            **{field: self.cleaned_data[field] for field in RequestDetails.__dataclass_fields__}
        )


class AcceptQuoteForm(forms.Form):
    signed_name = forms.CharField(
        label=_("Your name"), max_length=200, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    authorised = forms.BooleanField(
        label=_("I am authorised to accept this quote on behalf of my organisation."),
        required=False,
    )


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class QuoteForm(forms.Form):
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE_WIDGET)
    includes = forms.CharField(label=_("Included"), widget=forms.Textarea(attrs={"rows": 2}))
    excludes = forms.CharField(label=_("Not included"), widget=forms.Textarea(attrs={"rows": 2}))
    purchase_order = forms.CharField(label=_("Purchase order number"), required=False)
    vat_compensation_note = forms.BooleanField(
        label=_("Mention that a public body can reclaim the VAT (BTW-compensatiefonds)"),
        required=False,
    )


class QuoteLineForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=200)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=6, decimal_places=2, initial=1)
    unit_price = forms.DecimalField(
        label=_("Price excl. VAT"),
        max_digits=10,
        decimal_places=2,
        localize=True,
    )
    vat_category = forms.ChoiceField(
        label=_("VAT"), choices=VatCategory.choices, initial=VatCategory.HIGH
    )

    def line(self) -> LineInput:
        return LineInput(
            description=self.cleaned_data["description"],
            quantity=self.cleaned_data["quantity"],
            unit_price=self.cleaned_data["unit_price"],
            vat_category=self.cleaned_data["vat_category"],
        )


class BaseQuoteLineFormSet(forms.BaseFormSet):
    """Lines are added one at a time ("Add a line"). A new line left empty is skipped rather
    than refused, wherever it stands; a line that was there before always counts, changed
    or not."""

    def get_form_kwargs(self, index):
        initial = self.initial or []
        # index is None for the empty form (the template "Add a line" copies).
        is_new = index is None or index >= len(initial) or not initial[index]
        return {**super().get_form_kwargs(index), **({"empty_permitted": True} if is_new else {})}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove this line")


QuoteLineFormSet = forms.formset_factory(
    QuoteLineForm, formset=BaseQuoteLineFormSet, extra=0, can_delete=True
)


class ScheduleForm(forms.Form):
    """The date(s) the trainer picks for an accepted request; one row per dagdeel."""

    trainers = forms.ModelMultipleChoiceField(
        label=_("Trainers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import User
        from accounts.roles import TRAINER

        self.fields["trainers"].queryset = User.objects.filter(groups__name=TRAINER).order_by(
            "last_name"
        )


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    start_time = forms.TimeField(
        label=pgettext_lazy("time of day", "Start"), widget=forms.TimeInput(attrs={"type": "time"})
    )
    end_time = forms.TimeField(
        label=pgettext_lazy("time of day", "End"), widget=forms.TimeInput(attrs={"type": "time"})
    )

    def plan(self):
        from cohorts.services.lifecycle import SessionPlan

        return SessionPlan(
            date=self.cleaned_data["date"],
            start_time=self.cleaned_data["start_time"],
            end_time=self.cleaned_data["end_time"],
        )


SessionFormSet = forms.formset_factory(SessionForm, extra=0, min_num=1, validate_min=True)
