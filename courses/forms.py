from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import Audience, CourseFormat


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters: a plain GET form, so it works without JavaScript."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=[("", _("All formats")), *CourseFormat.choices]
    )
    audience = forms.ChoiceField(
        label=_("For"), required=False, choices=[("", _("Everyone")), *Audience.Key.choices]
    )
    planned = forms.BooleanField(label=_("Only courses with planned dates"), required=False)


def reflection_field_name(block_id: str) -> str:
    return f"answer-{block_id}"


class ReflectionForm(forms.Form):
    """One text area per reflection question of a lesson, prefilled with the user's notes."""

    def __init__(self, *args, questions, notes, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for block in questions:
            note = notes.get(block.id)
            self.fields[reflection_field_name(block.id)] = forms.CharField(
                label=block.value["question"],
                help_text=block.value.get("hint") or "",
                required=False,
                max_length=10000,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=note.answer if note else "",
            )

    def answers(self) -> dict[str, str]:
        """Only the answers actually sent, so a missing field never wipes a saved note."""
        return {
            block.id: self.cleaned_data[reflection_field_name(block.id)]
            for block in self.questions
            if reflection_field_name(block.id) in self.data
        }
