"""StreamField blocks a trainer uses to script an exercise: personas and their contributions.

Personas are referred to by name; the page checks that every name is a persona's and that
the whole script plays through the consent engine (see `ExercisePage.clean`).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from exercises.scenario import AnswerKind, QuestionKind

PERSONA_HELP = _("The persona's name exactly as written under Personas.")


class PersonaBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=60)
    role = blocks.CharBlock(
        label=_("role"),
        max_length=80,
        help_text=_("For example: wethouder, bewoner, ambtenaar, ondernemer."),
    )
    interests = blocks.TextBlock(label=_("interests"), required=False)

    class Meta:
        icon = "user"
        label = _("Persona")


class QuestionContributionBlock(blocks.StructBlock):
    persona = blocks.CharBlock(label=_("persona"), max_length=60, help_text=PERSONA_HELP)
    kind = blocks.ChoiceBlock(
        label=_("correct classification"),
        choices=[
            (QuestionKind.CLARIFYING.value, _("Clarifying question")),
            (QuestionKind.OPINION.value, _("Opinion disguised as a question")),
            (QuestionKind.PASS.value, _("Passes")),
        ],
    )
    text = blocks.TextBlock(label=_("what the persona says"), required=False)
    answer = blocks.TextBlock(
        label=_("proposer's answer"),
        required=False,
        help_text=_("Needed for a clarifying question."),
    )
    feedback = blocks.TextBlock(label=_("feedback"), required=False)

    class Meta:
        icon = "help"
        label = _("Question round turn")


class ReactionBlock(blocks.StructBlock):
    persona = blocks.CharBlock(label=_("persona"), max_length=60, help_text=PERSONA_HELP)
    text = blocks.TextBlock(label=_("reaction"))
    feedback = blocks.TextBlock(label=_("feedback"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Reaction round turn")


class ConsentContributionBlock(blocks.StructBlock):
    persona = blocks.CharBlock(label=_("persona"), max_length=60, help_text=PERSONA_HELP)
    kind = blocks.ChoiceBlock(
        label=_("correct classification"),
        choices=[
            (AnswerKind.CONSENT.value, _("Consent")),
            (AnswerKind.CONCERN.value, _("Concern")),
            (AnswerKind.OBJECTION.value, _("Reasoned objection")),
            (AnswerKind.PREFERENCE.value, _("Preference presented as an objection")),
        ],
    )
    text = blocks.TextBlock(label=_("what the persona says"), required=False)
    feedback = blocks.TextBlock(label=_("feedback on the classification"), required=False)
    test_feedback = blocks.TextBlock(
        label=_("feedback on testing the objection"),
        required=False,
        help_text=_("For objections and preferences: why it does or does not qualify."),
    )

    class Meta:
        icon = "tick"
        label = _("Consent round answer")


class AmendmentBlock(blocks.StructBlock):
    text = blocks.TextBlock(
        label=_("amended proposal"), help_text=_("The whole proposal text after the amendment.")
    )
    integrates = blocks.BooleanBlock(
        label=_("integrates the objection"), required=False, default=False
    )
    feedback = blocks.TextBlock(label=_("feedback"), required=False)

    class Meta:
        icon = "edit"
        label = _("Candidate amendment")


class ConsentRoundBlock(blocks.StructBlock):
    answers = blocks.ListBlock(ConsentContributionBlock(), label=_("answers in circle order"))
    amendments = blocks.ListBlock(
        AmendmentBlock(),
        label=_("candidate amendments"),
        help_text=_("Only when a qualified objection is raised in this round."),
        min_num=0,
    )

    class Meta:
        icon = "list-ol"
        label = _("Consent round")


class NominationBlock(blocks.StructBlock):
    persona = blocks.CharBlock(label=_("persona"), max_length=60, help_text=PERSONA_HELP)
    nominee = blocks.CharBlock(
        label=_("nominee"), max_length=60, required=False, help_text=_("Empty: nobody.")
    )
    reason = blocks.TextBlock(label=_("reason"))
    changes = blocks.BooleanBlock(
        label=_("changes the nomination in the change round"), required=False, default=False
    )
    new_nominee = blocks.CharBlock(
        label=_("new nominee"), max_length=60, required=False, help_text=_("Empty: nobody.")
    )
    change_reason = blocks.TextBlock(label=_("what the persona says in the change round"))

    class Meta:
        icon = "user"
        label = _("Nomination")
