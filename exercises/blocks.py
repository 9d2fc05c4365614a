"""StreamField blocks a trainer uses to script an exercise: personas and their contributions.

Personas are referred to by name; the page checks that every name is a persona's and that
the whole script plays through the consent engine (see `ExercisePage.clean`).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from exercises.scenario import AnswerKind, QuestionKind, Situation

PERSONA_HELP = _("The persona's name exactly as written under Personas.")


SITUATION_CHOICES = [
    (
        Situation.OPINION_LET_THROUGH.value,
        _("An opinion is let through as a question (cross-talk)"),
    ),
    (Situation.OBJECTION_DISMISSED.value, _("Their argued objection is set aside")),
    (Situation.OBJECTION_HEARD.value, _("Their objection is tested as overwegend bezwaar")),
    (Situation.PREFERENCE_UPHELD.value, _("Their preference is treated as an objection")),
    (Situation.AMENDMENT_FALLS_SHORT.value, _("An amendment misses their objection")),
    (Situation.CLOSING.value, _("Their turn in the closing round")),
    (Situation.CLOSING_AFTER_DISMISSAL.value, _("The closing round after being set aside")),
    (Situation.DECLINES_CANDIDACY.value, _("They are proposed for a role that does not fit")),
]


class PersonaReactionBlock(blocks.StructBlock):
    situation = blocks.ChoiceBlock(label=_("when"), choices=SITUATION_CHOICES)
    text = blocks.TextBlock(label=_("what the persona says"))

    class Meta:
        icon = "openquote"
        label = _("Reaction")


class PersonaBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=60)
    role = blocks.CharBlock(
        label=_("role"),
        max_length=80,
        help_text=_("For example: wethouder, bewoner, ambtenaar, ondernemer."),
    )
    interests = blocks.TextBlock(label=_("interests"), required=False)
    goal = blocks.TextBlock(
        label=_("goal"), required=False, help_text=_("What this persona wants from the meeting.")
    )
    temperament = blocks.CharBlock(
        label=_("temperament"),
        max_length=120,
        required=False,
        help_text=_("For example: passes every time, speaks up quickly, withdraws when heard."),
    )
    reactions = blocks.ListBlock(
        PersonaReactionBlock(),
        label=_("reactions"),
        min_num=0,
        default=[],
        help_text=_("What the persona says when this happens; the practice decides when."),
    )

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
    test_answers = blocks.TextBlock(
        label=_("the objector's answers to the test questions"),
        required=False,
        help_text=_(
            "Three lines: does it relate to the shared aim, what harm does it do, is it a "
            "preference. Empty: the objector repeats the argument."
        ),
    )
    question_key_elements = blocks.TextBlock(
        label=_("key elements of a good clarifying question"),
        required=False,
        help_text=_(
            "For objections: the facilitator first asks the objector a question in their own "
            "words. One element per line; alternatives separated by |. Empty: no such step."
        ),
    )
    model_question = blocks.TextBlock(
        label=_("model question"),
        required=False,
        help_text=_("Shown next to the facilitator's own question."),
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


class ReviewOptionBlock(blocks.StructBlock):
    """An outcome a member proposes when the agreement is reviewed."""

    outcome = blocks.ChoiceBlock(
        label=_("outcome"),
        choices=[("keep", _("Keep")), ("amend", _("Amend")), ("drop", _("Drop"))],
    )
    persona = blocks.CharBlock(label=_("proposed by"), max_length=60, help_text=PERSONA_HELP)
    text = blocks.TextBlock(
        label=_("the agreement as amended"), required=False, help_text=_("Only for amend.")
    )
    right = blocks.BooleanBlock(
        label=_("the outcome that serves the aim"), required=False, default=False
    )
    feedback = blocks.TextBlock(label=_("feedback"), required=False)
    answers = blocks.ListBlock(
        ConsentContributionBlock(),
        label=_("answers in the review round"),
        help_text=_(
            "For keep and drop, in circle order. An amendment goes to the last consent round."
        ),
        default=[],
    )

    class Meta:
        icon = "history"
        label = _("Proposed outcome")


class ConsentRoundBlock(blocks.StructBlock):
    # No empty children by default: an empty required block would block publishing.
    answers = blocks.ListBlock(
        ConsentContributionBlock(), label=_("answers in circle order"), default=[]
    )
    amendments = blocks.ListBlock(
        AmendmentBlock(),
        label=_("candidate amendments"),
        help_text=_("Only when a qualified objection is raised in this round."),
        min_num=0,
        default=[],
    )
    key_elements = blocks.TextBlock(
        label=_("key elements of a good amendment"),
        required=False,
        help_text=_(
            "One per line; alternatives separated by |. The participant writes the amendment "
            "and it is compared with these. Empty: the participant chooses from the list."
        ),
    )
    rubric = blocks.TextBlock(
        label=_("rubric"),
        required=False,
        help_text=_("What a good amendment does; shown with the feedback."),
    )
    refer_to = blocks.CharBlock(
        label=_("higher circle to refer to"),
        max_length=120,
        required=False,
        help_text=_(
            "Only when no amendment within this circle's mandate resolves the objection: the "
            "participant should refer the decision there."
        ),
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
