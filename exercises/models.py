"""Exercise pages (a trainer's scripted scenario) and practice attempts (append-only decisions).

The process itself lives in exercises.consent; an attempt's state is rebuilt by replaying the
engine events stored on its AttemptEvent rows.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from exercises import blocks
from exercises.consent import (
    AmendmentSuggested,
    CandidateAccepted,
    CandidateProposed,
    ConsentAnswerGiven,
    DecisionReferred,
    ElectionPhase,
    Method,
    NominationChanged,
    NominationKept,
    NominationMade,
    ObjectionTested,
    Phase,
    ProcessError,
    ProposalAmended,
    QuestionAnswered,
    QuestionAsked,
    ReactionGiven,
    ReasonGiven,
    ReviewOutcome,
    RoundKind,
    RoundStarted,
    TestQuestionAnswered,
    TestQuestionAsked,
    TurnPassed,
    apply,
    replay,
)
from exercises.scenario import (
    FACILITATOR,
    Amendment,
    AnswerKind,
    ConsentContribution,
    ConsentRound,
    ConsentScenario,
    ElectionScenario,
    LearnerRole,
    NominationScript,
    Persona,
    PersonaReaction,
    QuestionContribution,
    QuestionKind,
    Reaction,
    ReviewOption,
    ReviewScript,
    Situation,
)

EXERCISE_PARENT_PAGE_TYPES = [
    "courses.CoursePage",
    "courses.HomePage",
    "exercises.ExerciseIndexPage",
]
TRAINER_SECTION_SLUG = "oefeningen-van-trainers"
TRAINER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")


class ExerciseIndexPage(Page):
    """The trainers' section: trainers write, try and publish exercises here (they have page
    permissions on this section only; see `ensure_trainer_section`)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["exercises.ExercisePage", "exercises.ElectionExercisePage"]
    template = "exercises/exercise_index_page.html"

    class Meta:
        verbose_name = _("exercise section")
        verbose_name_plural = _("exercise sections")


def ensure_trainer_section() -> "ExerciseIndexPage | None":
    """The trainers' section under the home page, with page permissions for the Trainer
    role. Safe to run again."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    from accounts.roles import TRAINER
    from courses.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        return None
    section = ExerciseIndexPage.objects.filter(slug=TRAINER_SECTION_SLUG).first()
    if section is None:
        section = ExerciseIndexPage(
            title=gettext("Exercises by trainers"), slug=TRAINER_SECTION_SLUG
        )
        home.add_child(instance=section)
    group, _created = Group.objects.get_or_create(name=TRAINER)
    for codename in TRAINER_PAGE_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission:
            GroupPagePermission.objects.get_or_create(
                group=group, page=section, permission=permission
            )
    return section


class MethodChoice(models.TextChoices):
    SKM = Method.SKM.value, _("Sociocratic Circle-organisation Method (SKM)")
    S3 = Method.S3.value, _("Sociocracy 3.0")


class BaseExercisePage(Page):
    """What every exercise shares: the situation, the circle and the completion rule."""

    situation = RichTextField(
        _("situation"),
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("The setting the participant steps into, e.g. the circle and its task."),
    )
    personas = StreamField(
        [("persona", blocks.PersonaBlock())],
        verbose_name=_("personas"),
        help_text=_("The members of the circle in seating order. The participant facilitates."),
    )
    required_for_completion = models.BooleanField(
        _("required to complete the course"),
        default=False,
        help_text=_("Participants must finish this exercise before the course counts as done."),
    )
    minimum_score = models.PositiveSmallIntegerField(
        _("minimum score (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "A finished attempt counts towards completion from this score on. Empty: the "
            "course's minimum (70 % unless the course sets another)."
        ),
    )

    parent_page_types = EXERCISE_PARENT_PAGE_TYPES
    subpage_types: list[str] = []

    class Meta:
        abstract = True

    def persona_list(self) -> tuple[Persona, ...]:
        return tuple(
            Persona(
                name=block.value["name"].strip(),
                role=block.value["role"],
                interests=block.value["interests"] or "",
                goal=block.value.get("goal") or "",
                temperament=block.value.get("temperament") or "",
                reactions=tuple(
                    PersonaReaction(situation=Situation(r["situation"]), text=r["text"])
                    for r in (block.value.get("reactions") or [])
                ),
            )
            for block in self.personas
        )

    def clean(self):
        super().clean()
        names = [p.name for p in self.persona_list()]
        if FACILITATOR in names:
            raise ValidationError({"personas": gettext("Choose another name for this persona.")})
        errors = self.cast_errors(set(names))
        errors.update(self.learner_errors(set(names)))
        if errors:
            # Each error sits on the block that names someone outside the cast.
            raise ValidationError(errors)
        try:
            scenario = self.scenario()
            events = scenario.correct_path(today=date.today())
        except ProcessError as error:
            raise ValidationError(
                gettext("The script does not play through the process: %(reason)s")
                % {"reason": error.format(gettext)}
            ) from error
        state, failed, error = _play(events)
        if error is not None:
            message = gettext("This block does not play through the process: %(reason)s") % {
                "reason": error.format(gettext)
            }
            # On the block whose script the process refused, where it can be found.
            located = self.script_error(state, failed, error, message)
            if located:
                raise ValidationError(located) from error
            raise ValidationError(
                gettext("The script does not play through the process: %(reason)s")
                % {"reason": error.format(gettext)}
            ) from error
        # A review may rightly end with the agreement dropped.
        if state.phase not in (Phase.AGREED, Phase.REFERRED, Phase.DROPPED, ElectionPhase.ELECTED):
            message = gettext("The script does not end in an agreement. Check the last round.")
            located = self.unfinished_script_error(message)
            raise ValidationError(located or message)

    def script_error(self, state, event, error: ProcessError, message: str) -> dict:
        """Where in the script `event` comes from, as {field: error on its block}; {} when
        it cannot be told (the error is then shown for the page)."""
        return {}

    def unfinished_script_error(self, message: str) -> dict:
        return {}

    def block_error(
        self, field_name: str, persona: str, message: str, *, code: str = "", nested: str = ""
    ) -> dict:
        """The error on the block of `field_name` that holds `persona`'s turn (or, with
        `nested`, on that persona's item inside the block at index `nested`)."""
        child = _child_for(code)
        blocks_ = list(getattr(self, field_name))
        if nested:
            index_text, list_name = nested.split(":")
            index = int(index_text)
            if not 0 <= index < len(blocks_):
                return {}
            items = list(blocks_[index].value.get(list_name) or [])
            j = next(
                (j for j, item in enumerate(items) if item.get("persona", "").strip() == persona),
                None,
            )
            if j is None:
                inner = StructBlockValidationError(
                    {list_name: ListBlockValidationError(non_block_errors=[message])}
                )
            else:
                inner = StructBlockValidationError(
                    {list_name: ListBlockValidationError(block_errors={j: _on(child, message)})}
                )
            return {field_name: StreamBlockValidationError(block_errors={index: inner})}
        index = next(
            (
                i
                for i, block in enumerate(blocks_)
                if block.value.get("persona", "").strip() == persona
            ),
            None,
        )
        if index is None:
            return {field_name: StreamBlockValidationError(non_block_errors=[message])}
        return {field_name: StreamBlockValidationError(block_errors={index: _on(child, message)})}

    # StreamFields whose blocks name a persona: (field, nested list inside the block or None).
    cast_fields: tuple[tuple[str, str | None], ...] = ()

    cast_char_fields: tuple[str, ...] = ()

    def learner_errors(self, cast: set[str]) -> dict:
        return {}

    def cast_errors(self, cast: set[str]) -> dict:
        """Per StreamField, the blocks that name a persona outside the cast; and the plain
        fields (proposer, candidate) that do."""
        errors = {}
        for field_name in self.cast_char_fields:
            error = _unknown_persona(getattr(self, field_name), cast)
            if error is not None:
                errors[field_name] = error
        for field_name, nested in self.cast_fields:
            block_errors = {}
            for index, block in enumerate(getattr(self, field_name)):
                if nested is None:
                    error = _unknown_persona(block.value.get("persona", ""), cast)
                    if error is not None:
                        block_errors[index] = StructBlockValidationError({"persona": error})
                    continue
                inner = {}
                for j, item in enumerate(block.value.get(nested) or []):
                    error = _unknown_persona(item.get("persona", ""), cast)
                    if error is not None:
                        inner[j] = StructBlockValidationError({"persona": error})
                if inner:
                    block_errors[index] = StructBlockValidationError(
                        {nested: ListBlockValidationError(block_errors=inner)}
                    )
            if block_errors:
                errors[field_name] = StreamBlockValidationError(block_errors=block_errors)
        return errors

    @property
    def preview_modes(self):
        return [("", gettext("Page")), ("play", gettext("Play this scenario"))]

    def serve_preview(self, request, mode_name):
        """ "Play this scenario": the author sees, before publishing, how a facilitator who
        decides right and one who takes everything at face value get through the script."""
        if mode_name != "play":
            return super().serve_preview(request, mode_name)
        from django.template.response import TemplateResponse

        from exercises import presenters
        from exercises.rehearsal import rehearse

        try:
            scenario = self.scenario()
        except (KeyError, TypeError, ValueError) as error:
            return TemplateResponse(
                request, "exercises/preview_play.html", {"page": self, "error": str(error)}
            )
        today = date.today()
        right = gettext("A facilitator who decides right")
        naive = gettext("A facilitator who takes everything at face value")
        if getattr(scenario, "learner", ""):
            right = gettext("%(name)s, played right") % {"name": scenario.learner}
            naive = gettext("%(name)s, keeping the peace") % {"name": scenario.learner}
        runs = [
            (right, rehearse(scenario, today=today)),
            (naive, rehearse(scenario, today=today, naive=True)),
        ]
        return TemplateResponse(
            request,
            "exercises/preview_play.html",
            {
                "page": self,
                "runs": [
                    {
                        "title": title,
                        "run": run,
                        "lines": presenters.event_lines(
                            run.events, getattr(scenario, "learner", "")
                        ),
                    }
                    for title, run in runs
                ],
            },
        )

    def get_context(self, request, *args, **kwargs):
        from exercises.selectors import attempts_of

        context = super().get_context(request, *args, **kwargs)
        if request.user.is_authenticated:
            context["attempts"] = attempts_of(participant=request.user, exercise=self)
        return context


def _play(events) -> tuple:
    """Replay `events` one by one: (last good state, the refused event, the refusal)."""
    state = None
    for event in events:
        try:
            state = replay([event]) if state is None else apply(state, event)
        except ProcessError as error:
            return state, event, error
    return state, None, None


# Which child of a block an engine refusal points at, by its code.
_TEXT_CODES = ("empty", "needs_text", "needs_argument")
_PERSONA_CODES = ("not_your_turn", "not_a_member", "already_spoke", "turn")


def _child_for(code: str) -> str:
    if code == "answer_empty":
        return "answer"
    if any(part in code for part in _TEXT_CODES):
        return "text"
    if any(part in code for part in _PERSONA_CODES):
        return "persona"
    return ""


def _on(child: str, message: str) -> StructBlockValidationError:
    if child:
        return StructBlockValidationError({child: ValidationError(message)})
    return StructBlockValidationError(non_block_errors=[message])


def _unknown_persona(name: str, cast: set[str]) -> ValidationError | None:
    name = (name or "").strip()
    if name in cast:
        return None
    return ValidationError(
        gettext("“%(name)s” is not in the cast. Choose one of: %(cast)s.")
        % {"name": name, "cast": ", ".join(sorted(cast)) or "—"}
    )


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _consent_answer(value) -> ConsentContribution:
    return ConsentContribution(
        persona=value["persona"].strip(),
        kind=AnswerKind(value["kind"]),
        text=value["text"] or "",
        feedback=value["feedback"] or "",
        test_feedback=value["test_feedback"] or "",
        test_answers=_lines(value.get("test_answers") or ""),
        question_key_elements=_lines(value.get("question_key_elements") or ""),
        model_question=value.get("model_question") or "",
    )


class LearnerRoleChoice(models.TextChoices):
    FACILITATOR = LearnerRole.FACILITATOR.value, _("Facilitator")
    MEMBER = LearnerRole.MEMBER.value, _("A member of the circle")
    PROPOSER = LearnerRole.PROPOSER.value, _("The proposer")


class ExercisePage(BaseExercisePage):
    """A consent decision role-play: the participant facilitates a scripted circle, or plays
    one of its members or the proposer while the script facilitates."""

    method = models.CharField(
        _("method"), max_length=10, choices=MethodChoice.choices, default=MethodChoice.SKM
    )
    driver = models.TextField(_("driver"), help_text=_("What happens and what is needed."))
    shared_aim = models.TextField(_("shared aim"))
    proposal = models.TextField(_("proposal (version 1)"))
    proposer = models.CharField(
        _("proposer"), max_length=60, help_text=_("The name of the persona who proposes.")
    )
    review_after_months = models.PositiveSmallIntegerField(_("review after (months)"), default=6)
    dismissal_consequence = models.TextField(
        _("what happens when an objection is set aside"),
        blank=True,
        help_text=_("Shown at the end when the participant dismissed an overwegend bezwaar."),
    )
    learner_role = models.CharField(
        _("the participant plays"),
        max_length=20,
        choices=LearnerRoleChoice.choices,
        default=LearnerRoleChoice.FACILITATOR,
        help_text=_(
            "As a member or the proposer the participant speaks in their persona's turns; the "
            "facilitator and the other members follow the script."
        ),
    )
    learner_persona = models.CharField(
        _("the member the participant plays"),
        max_length=60,
        blank=True,
        help_text=_("The persona's name, when the participant plays a member."),
    )
    question_round = StreamField(
        [("turn", blocks.QuestionContributionBlock())],
        verbose_name=_("question round"),
        help_text=_("One turn per persona, in circle order."),
    )
    reaction_round = StreamField(
        [("turn", blocks.ReactionBlock())],
        verbose_name=_("reaction round"),
        help_text=_("One turn per persona, in circle order."),
    )
    review_evidence = models.TextField(
        _("what the circle has seen since the agreement"),
        blank=True,
        help_text=_(
            "Fill in for the review of an agreement: the first consent round is then the "
            "earlier decision, the last one the round on the version amended at review."
        ),
    )
    review_options = StreamField(
        [("option", blocks.ReviewOptionBlock())],
        verbose_name=_("outcomes proposed at review"),
        blank=True,
        default=list,
    )
    review_consequence = models.TextField(
        _("what happens when the circle settles for another outcome"), blank=True
    )
    consent_rounds = StreamField(
        [("round", blocks.ConsentRoundBlock())],
        verbose_name=_("consent rounds"),
        help_text=_(
            "The first round is on version 1; each integrated objection leads to a next round."
        ),
    )

    cast_char_fields = ("proposer",)
    cast_fields = (
        ("question_round", None),
        ("reaction_round", None),
        ("consent_rounds", "answers"),
        ("review_options", None),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("situation"),
        MultiFieldPanel(
            [
                FieldPanel("method"),
                FieldPanel("driver"),
                FieldPanel("shared_aim"),
                FieldPanel("proposal"),
                FieldPanel("proposer"),
                FieldPanel("review_after_months"),
                FieldPanel("dismissal_consequence"),
            ],
            heading=_("Proposal"),
        ),
        MultiFieldPanel(
            [FieldPanel("learner_role"), FieldPanel("learner_persona")],
            heading=_("The participant's role"),
        ),
        FieldPanel("personas"),
        FieldPanel("question_round"),
        FieldPanel("reaction_round"),
        FieldPanel("consent_rounds"),
        MultiFieldPanel(
            [
                FieldPanel("review_evidence"),
                FieldPanel("review_options"),
                FieldPanel("review_consequence"),
            ],
            heading=_("Review of an agreement"),
        ),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("required_for_completion"),
        FieldPanel("minimum_score"),
    ]

    template = "exercises/exercise_page.html"

    class Meta:
        verbose_name = _("consent exercise")
        verbose_name_plural = _("consent exercises")

    def scenario(self) -> ConsentScenario:
        return ConsentScenario(
            title=self.title,
            driver=self.driver,
            shared_aim=self.shared_aim,
            proposal=self.proposal,
            proposer=self.proposer.strip(),
            personas=self.persona_list(),
            questions=tuple(
                QuestionContribution(
                    persona=b.value["persona"].strip(),
                    kind=QuestionKind(b.value["kind"]),
                    text=b.value["text"] or "",
                    answer=b.value["answer"] or "",
                    feedback=b.value["feedback"] or "",
                )
                for b in self.question_round
            ),
            reactions=tuple(
                Reaction(
                    persona=b.value["persona"].strip(),
                    text=b.value["text"],
                    feedback=b.value["feedback"] or "",
                )
                for b in self.reaction_round
            ),
            consent_rounds=tuple(
                ConsentRound(
                    answers=tuple(_consent_answer(a) for a in b.value["answers"]),
                    amendments=tuple(
                        Amendment(
                            text=a["text"],
                            integrates=bool(a["integrates"]),
                            feedback=a["feedback"] or "",
                        )
                        for a in b.value["amendments"]
                    ),
                    key_elements=_lines(b.value.get("key_elements") or ""),
                    rubric=b.value.get("rubric") or "",
                    refer_to=(b.value.get("refer_to") or "").strip(),
                )
                for b in self.consent_rounds
            ),
            method=Method(self.method),
            review_after_months=self.review_after_months,
            dismissal_consequence=self.dismissal_consequence,
            review=self.review_script(),
            learner=self.learner(),
        )

    def script_error(self, state, event, error: ProcessError, message: str) -> dict:
        phase = getattr(state, "phase", None)
        version = getattr(state, "version", 1)
        code = error.code
        if isinstance(event, QuestionAsked | QuestionAnswered) or (
            isinstance(event, TurnPassed) and phase is Phase.PICTURE_FORMING
        ):
            persona = event.asker if isinstance(event, QuestionAnswered) else event.actor
            return self.block_error("question_round", persona, message, code=code)
        if isinstance(event, ReactionGiven) or (
            isinstance(event, TurnPassed) and phase is Phase.OPINION_FORMING
        ):
            return self.block_error("reaction_round", event.actor, message, code=code)
        round_index = f"{version - 1}:answers"
        if phase is Phase.REVIEW_DUE or phase is Phase.REVIEW_CONSENT:
            return {"review_options": StreamBlockValidationError(non_block_errors=[message])}
        if isinstance(event, ConsentAnswerGiven):
            return self.block_error(
                "consent_rounds", event.actor, message, code=code, nested=round_index
            )
        if isinstance(event, TestQuestionAsked | TestQuestionAnswered | ObjectionTested):
            return self.block_error(
                "consent_rounds", event.objector, message, code="", nested=round_index
            )
        if isinstance(event, AmendmentSuggested | ProposalAmended | DecisionReferred):
            return _round_error(self, version - 1, "amendments", message)
        if isinstance(event, RoundStarted):
            # A round cannot start while the one before is incomplete.
            before = {
                RoundKind.REACTION: "question_round",
                RoundKind.CONSENT: "reaction_round" if version == 1 else "consent_rounds",
            }.get(event.round_kind)
            if before == "consent_rounds":
                return _round_error(self, version - 2, "answers", message)
            if before:
                return {before: StreamBlockValidationError(non_block_errors=[message])}
        if phase in (Phase.DECISION_FORMING, Phase.TEST_OBJECTION, Phase.RESOLVE):
            return _round_error(self, version - 1, "answers", message)
        return {}

    def unfinished_script_error(self, message: str) -> dict:
        if not self.consent_rounds:
            return {}
        return _round_error(self, len(self.consent_rounds) - 1, "amendments", message)

    def learner(self) -> str:
        """The persona the participant plays ("" when they facilitate)."""
        if self.learner_role == LearnerRoleChoice.PROPOSER:
            return self.proposer.strip()
        if self.learner_role == LearnerRoleChoice.MEMBER:
            return self.learner_persona.strip()
        return ""

    def learner_errors(self, cast: set[str]) -> dict:
        errors = {}
        if self.learner_role == LearnerRoleChoice.MEMBER:
            name = self.learner_persona.strip()
            error = _unknown_persona(name, cast)
            if not name:
                error = ValidationError(gettext("Choose the member the participant plays."))
            elif name == self.proposer.strip():
                error = ValidationError(
                    gettext("This is the proposer: choose “The proposer” as the role instead.")
                )
            if error is not None:
                errors["learner_persona"] = error
        if self.learner_role != LearnerRoleChoice.FACILITATOR and self.review_options:
            errors["learner_role"] = ValidationError(
                gettext("In the review of an agreement the participant facilitates.")
            )
        return errors

    def review_script(self) -> ReviewScript | None:
        if not self.review_options:
            return None
        return ReviewScript(
            evidence=self.review_evidence,
            options=tuple(
                ReviewOption(
                    outcome=ReviewOutcome(b.value["outcome"]),
                    member=b.value["persona"].strip(),
                    text=b.value["text"] or "",
                    right=bool(b.value["right"]),
                    feedback=b.value["feedback"] or "",
                    answers=tuple(_consent_answer(a) for a in b.value["answers"]),
                )
                for b in self.review_options
            ),
            consequence=self.review_consequence,
        )


def _round_error(page, index: int, child: str, message: str) -> dict:
    """The error on consent round `index` (its `child` list), or on the field."""
    if not 0 <= index < len(page.consent_rounds):
        return {"consent_rounds": StreamBlockValidationError(non_block_errors=[message])}
    inner = StructBlockValidationError(
        {child: ListBlockValidationError(non_block_errors=[message])}
    )
    return {"consent_rounds": StreamBlockValidationError(block_errors={index: inner})}


class ElectionExercisePage(BaseExercisePage):
    """A sociocratic election role-play: the participant facilitates the open election."""

    role = models.CharField(_("role"), max_length=120)
    role_description = models.TextField(_("role description"))
    tasks = models.TextField(_("tasks"), help_text=_("One task per line."))
    qualities = models.TextField(_("qualities needed"), help_text=_("One quality per line."))
    term_months = models.PositiveSmallIntegerField(_("term (months)"), default=12)
    nominations = StreamField(
        [("nomination", blocks.NominationBlock())],
        verbose_name=_("nominations"),
        help_text=_("One per persona, in circle order."),
    )
    candidate = models.CharField(_("candidate the facilitator should propose"), max_length=60)
    candidate_feedback = models.TextField(
        _("why this candidate"),
        help_text=_("Shown when the participant proposes this candidate; also their reason."),
    )
    wrong_candidate_feedback = models.TextField(_("feedback on another candidate"), blank=True)
    reason_key_elements = models.TextField(
        _("key elements of good reasons"),
        blank=True,
        help_text=_(
            "One per line; alternatives separated by |. The facilitator's reasons must name at "
            "least one; reasons about the count never pass."
        ),
    )
    cast_char_fields = ("candidate",)
    cast_fields = (("nominations", None), ("consent_answers", None))

    consent_answers = StreamField(
        [("answer", blocks.ConsentContributionBlock())],
        verbose_name=_("consent round on the candidate"),
        help_text=_("Consent or concern, one per persona; the candidate answers last."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("situation"),
        MultiFieldPanel(
            [
                FieldPanel("role"),
                FieldPanel("role_description"),
                FieldPanel("tasks"),
                FieldPanel("qualities"),
                FieldPanel("term_months"),
            ],
            heading=_("Role"),
        ),
        FieldPanel("personas"),
        FieldPanel("nominations"),
        MultiFieldPanel(
            [
                FieldPanel("candidate"),
                FieldPanel("candidate_feedback"),
                FieldPanel("wrong_candidate_feedback"),
                FieldPanel("reason_key_elements"),
            ],
            heading=_("Proposal"),
        ),
        FieldPanel("consent_answers"),
    ]
    settings_panels = [
        *Page.settings_panels,
        FieldPanel("required_for_completion"),
        FieldPanel("minimum_score"),
    ]

    template = "exercises/exercise_page.html"

    class Meta:
        verbose_name = _("election exercise")
        verbose_name_plural = _("election exercises")

    def script_error(self, state, event, error: ProcessError, message: str) -> dict:
        code = error.code
        if isinstance(event, NominationMade | ReasonGiven | NominationChanged | NominationKept):
            return self.block_error("nominations", event.actor, message, code=code)
        if isinstance(event, ConsentAnswerGiven):
            return self.block_error("consent_answers", event.actor, message, code=code)
        if isinstance(event, TestQuestionAsked | TestQuestionAnswered | ObjectionTested):
            return self.block_error("consent_answers", event.objector, message)
        if isinstance(event, CandidateProposed | CandidateAccepted):
            return {"candidate": ValidationError(message)}
        return {}

    def scenario(self) -> ElectionScenario:
        return ElectionScenario(
            title=self.title,
            role=self.role,
            role_description=self.role_description,
            tasks=_lines(self.tasks),
            qualities=_lines(self.qualities),
            personas=self.persona_list(),
            nominations=tuple(
                NominationScript(
                    persona=b.value["persona"].strip(),
                    nominee=(b.value["nominee"] or "").strip() or None,
                    reason=b.value["reason"],
                    changes=bool(b.value["changes"]),
                    new_nominee=(b.value["new_nominee"] or "").strip() or None,
                    change_reason=b.value["change_reason"] or "",
                )
                for b in self.nominations
            ),
            candidate=self.candidate.strip(),
            candidate_feedback=self.candidate_feedback,
            wrong_candidate_feedback=self.wrong_candidate_feedback,
            consent_answers=tuple(_consent_answer(b.value) for b in self.consent_answers),
            term_months=self.term_months,
            reason_key_elements=_lines(self.reason_key_elements),
        )


# Attempts


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("in progress")
    FINISHED = "finished", _("finished")
    ABANDONED = "abandoned", _("abandoned")


class Attempt(models.Model):
    """One go at an exercise by one participant, with a snapshot of the scenario played."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="exercise_attempts",
        verbose_name=_("participant"),
    )
    exercise = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.PROTECT,
        related_name="exercise_attempts",
        verbose_name=_("exercise"),
    )
    scenario = models.JSONField(_("scenario"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AttemptStatus.choices,
        default=AttemptStatus.IN_PROGRESS,
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "exercise"],
                condition=Q(status="in_progress"),
                name="attempt_one_in_progress_per_exercise",
            ),
            models.CheckConstraint(
                condition=Q(status="finished", finished_at__isnull=False)
                | (~Q(status="finished") & Q(finished_at__isnull=True)),
                name="attempt_finished_at_iff_finished",
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=F("started_at")),
                name="attempt_finishes_after_start",
            ),
        ]
        indexes = [models.Index(fields=["participant", "exercise", "status"])]

    def __str__(self):
        return f"{self.participant} — {self.exercise_id} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == AttemptStatus.IN_PROGRESS


class AttemptEvent(models.Model):
    """One decision of the participant, append-only: the engine events it added (none when
    the process refused the move), the choice and whether it was right."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("attempt")
    )
    sequence = models.PositiveIntegerField(_("sequence"))
    step = models.CharField(_("step"), max_length=30)
    member = models.CharField(_("member"), max_length=60, blank=True)
    choice = models.CharField(_("choice"), max_length=60, blank=True)
    skill = models.CharField(_("skill"), max_length=20, blank=True)
    correct = models.BooleanField(_("correct"), null=True)
    expected = models.CharField(_("expected choice"), max_length=60, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    error_code = models.CharField(_("refused because"), max_length=60, blank=True)
    error_params = models.JSONField(_("details of the refusal"), default=dict, blank=True)
    events = models.JSONField(_("engine events"), default=list, blank=True)
    weight = models.PositiveSmallIntegerField(_("difficulty weight"), default=1)
    points = models.PositiveSmallIntegerField(_("points earned"), default=0)
    answer_text = models.TextField(_("the participant's own words"), blank=True)
    model_answer = models.TextField(_("model answer"), blank=True)
    reaction = models.TextField(_("persona's reaction"), blank=True)
    hint = models.TextField(_("hint shown"), blank=True)
    by_script = models.BooleanField(
        _("decided by the script"),
        default=False,
        help_text=_(
            "A step the script took for the participant who plays a member or the proposer."
        ),
    )
    trainer_feedback = models.TextField(_("trainer's feedback"), blank=True)
    trainer_feedback_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("feedback by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("attempt decision")
        verbose_name_plural = _("attempt decisions")
        ordering = ["attempt", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "sequence"], name="attempt_event_sequence_unique"
            ),
            models.CheckConstraint(
                condition=Q(correct__isnull=True) | ~Q(skill=""),
                name="attempt_event_scored_has_skill",
            ),
            models.CheckConstraint(
                condition=Q(points__lte=F("weight")), name="attempt_event_points_within_weight"
            ),
        ]

    def __str__(self):
        return f"{self.attempt_id}#{self.sequence} {self.step}"
