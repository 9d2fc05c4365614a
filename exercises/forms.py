from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exercises.practice import NEXT, Answer, StepKind
from exercises.scenario import add_months
from exercises.selectors import Practice

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]

CHOICE_LEGENDS = {
    StepKind.CHOOSE: _("What do you do now?"),
    StepKind.QUESTION: _("How do you handle this contribution?"),
    StepKind.CONSENT_ANSWER: _("What kind of answer is this?"),
    StepKind.TEST_OBJECTION: _("Does this objection qualify?"),
    StepKind.AMEND: _("Which amendment integrates the objection?"),
    StepKind.PROPOSE: _("Whom do you propose?"),
    StepKind.MEMBER_CONSENT: _("What do you answer in the consent round?"),
    StepKind.PROPOSER_ANSWER: _("How do you answer the question?"),
}


class DecisionForm(forms.Form):
    """The participant's decision on the current step. `sequence` is the step's number, so a
    stale or doubled form is recognised and refused without writing anything."""

    sequence = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    member = forms.CharField(widget=forms.HiddenInput, required=False, max_length=60)
    choice = forms.ChoiceField(widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Your reasons"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("Say on the strength of which reasons you propose this candidate."),
    )
    review_date = forms.DateField(
        label=_("Review date"),
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        help_text=_("When the circle looks at this agreement again."),
    )
    task_member = forms.ChoiceField(label=_("Who does what: person"), required=False)
    task = forms.CharField(label=_("Who does what: task"), required=False, max_length=300)

    def __init__(self, *args, practice: Practice, **kwargs):
        step = practice.step
        initial = kwargs.setdefault("initial", {})
        initial.update({"sequence": practice.next_sequence, "member": step.member or ""})
        super().__init__(*args, **kwargs)
        self.step = step
        choice = self.fields["choice"]
        if step.options and step.options != ((NEXT, step.options[0][1]),):
            choice.choices = list(step.options)
            choice.label = CHOICE_LEGENDS.get(step.kind, _("Your choice"))
        else:
            # Steps that ask no judgement: a single button carries the choice.
            choice.widget = forms.HiddenInput()
            choice.choices = [(NEXT, NEXT), ("agree", "agree")]
            initial["choice"] = NEXT if step.kind is not StepKind.AGREE else "agree"
        if not step.free_text:
            del self.fields["text"]
        elif step.kind is StepKind.AMEND:
            text = self.fields["text"]
            text.required = True
            text.label = _("The amended proposal")
            text.help_text = _(
                "Work it out with the objector: write the whole proposal as amended, so that "
                "the harm the objection names is gone."
            )
            text.widget.attrs["rows"] = 6
        elif step.kind is StepKind.CLARIFY:
            text = self.fields["text"]
            text.required = True
            text.label = _("Your question to the objector")
            text.help_text = _(
                "Ask what you need to know to test the objection: how does it touch the shared "
                "aim, and what would go wrong?"
            )
        elif step.kind is StepKind.MEMBER_CONSENT:
            text = self.fields["text"]
            text.label = _("Your words")
            text.help_text = _(
                "With a concern: what the circle should keep an eye on. With an objection: how "
                "the proposal harms the shared aim, or which better way must be taken now."
            )
        if step.kind is StepKind.AGREE:
            state = practice.state
            review_date = state.proposed_review_date
            if state.agreements:
                # Amended at review: the first review date has passed; count a new one.
                months = getattr(practice.scenario, "review_after_months", 6)
                review_date = add_months(timezone.localdate(), months)
            initial.setdefault("review_date", review_date)
            self.fields["task_member"].choices = [("", "—")] + [(m, m) for m in state.circle]
        else:
            for name in ("review_date", "task_member", "task"):
                del self.fields[name]

    def answer(self) -> Answer:
        data = self.cleaned_data
        return Answer(
            choice=data["choice"],
            member=data.get("member") or "",
            text=data.get("text") or "",
            review_date=data.get("review_date"),
            task_member=data.get("task_member") or "",
            task=data.get("task") or "",
        )


class TrainerFeedbackForm(forms.Form):
    sequence = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    feedback = forms.CharField(
        label=_("Feedback for the participant"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
