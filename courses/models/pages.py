"""Catalogue pages: the home page, the course index, courses, lessons, and the trainer snippet."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.blocks import CourseBodyBlock, LearningGoalsBlock, LessonBodyBlock

LIST_FEATURES = ["bold", "italic", "ul", "link"]


class CourseFormat(models.TextChoices):
    STUDY_DAY = "studiedag", _("study day")
    LEERGANG = "leergang", _("course of several half-days")
    MASTERCLASS = "masterclass", _("masterclass")
    E_LEARNING = "e-learning", _("e-learning")


class AttendanceRule(models.TextChoices):
    ALL = "all", _("every session")
    AT_LEAST = "at_least", _("at least a number of sessions")


class VatCategory(models.TextChoices):
    HIGH = "21", _("21 % VAT")
    LOW = "9", _("9 % VAT")
    EXEMPT = "exempt", _("exempt from VAT")


class Audience(models.Model):
    """Who a course is for. A fixed list (seeded by a migration), chosen with checkboxes."""

    class Key(models.TextChoices):
        COUNCILLORS = "raadsleden", _("council members")
        CIVIL_SERVANTS = "ambtenaren", _("civil servants")
        PROJECT_LEADERS = "projectleiders", _("project leaders")
        EXECUTIVES = "bestuurders", _("directors and executives")
        ADVISERS = "adviseurs", _("advisers")
        PARTICIPATION_LEADERS = "begeleiders", _("facilitators of participation processes")
        EVERYONE = "iedereen", _("everyone")

    key = models.CharField(_("key"), max_length=30, choices=Key.choices, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return str(self.get_key_display())


class Trainer(index.Indexed, models.Model):
    """A trainer's public profile, shown on the courses they teach."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=160, blank=True)
    bio = RichTextField(_("about"), blank=True, features=LIST_FEATURES)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Links the profile to an account, so the cohort side can find "my courses" for a trainer.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainer_profile",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
        FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def __str__(self):
        return self.name


class OneQueryViewRestrictions:
    """Wagtail checks a page's and its ancestors' view restrictions in two queries on every
    request; this asks in one (aliases still use their source page's restrictions)."""

    def get_view_restrictions(self):
        from django.db.models.functions import Coalesce
        from wagtail.models import PageViewRestriction

        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        sources = (
            Page.objects.filter(path__in=paths)
            .annotate(source=Coalesce("alias_of_id", "id"))
            .values("source")
        )
        return PageViewRestriction.objects.filter(page_id__in=sources)


class HomePage(OneQueryViewRestrictions, Page):
    """The site root: what Leerkring offers and where to start."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    in_company_heading = models.CharField(
        _("heading for municipalities"), max_length=120, blank=True
    )
    in_company_text = RichTextField(
        _("text for municipalities"), blank=True, features=LIST_FEATURES
    )
    in_company_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("link for municipalities"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("featured_courses", label=_("Featured courses"), max_num=6),
        MultiFieldPanel(
            [
                FieldPanel("in_company_heading"),
                FieldPanel("in_company_text"),
                FieldPanel("in_company_link"),
            ],
            heading=_("In-company for your municipality"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "courses.CourseIndexPage",
        "exercises.ExercisePage",
        "exercises.ElectionExercisePage",
        "privacy.PrivacyPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def route(self, request, path_components):
        """Find a page by its full path in two queries (its row and its parent's, then its
        specific row) instead of two per level (courses.routing). Paths this does not match
        exactly (a routable page's sub-routes) take Wagtail's usual walk down the tree."""
        from courses.routing import route_by_url_path

        found = route_by_url_path(self, request, path_components)
        if found is not None:
            return found
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from cohorts.selectors import upcoming_cohorts
        from courses.selectors.catalogue import featured_courses

        context = super().get_context(request, *args, **kwargs)
        context["featured_courses"] = featured_courses(home=self)
        context["upcoming_cohorts"] = upcoming_cohorts(limit=4)
        return context


class HomeFeaturedCourse(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_courses")
    course = models.ForeignKey(
        "courses.CoursePage", verbose_name=_("course"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("course")]


class CourseIndexPage(OneQueryViewRestrictions, Page):
    """'Cursussen': every live course, with filters and search."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course index")
        verbose_name_plural = _("course indexes")

    def serve(self, request, *args, **kwargs):
        from courses.views.catalogue import course_index

        return course_index(request, self)


class CoursePage(OneQueryViewRestrictions, Page):
    """A course in the catalogue. Its lessons (and exercises) are child pages."""

    intro = models.TextField(
        _("introduction"), help_text=_("Two or three sentences; also shown on the course card.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    format = models.CharField(_("format"), max_length=20, choices=CourseFormat.choices)
    dagdelen = models.PositiveSmallIntegerField(
        _("number of half-days"), null=True, blank=True, help_text=_("Empty for e-learning.")
    )
    contact_hours = models.DecimalField(
        _("contact hours"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    audiences = ParentalManyToManyField(Audience, verbose_name=_("audience"), blank=True)
    learning_goals = StreamField(LearningGoalsBlock(), verbose_name=_("learning goals"), blank=True)
    min_participants = models.PositiveSmallIntegerField(_("minimum group size"), default=5)
    max_participants = models.PositiveSmallIntegerField(_("maximum group size"), default=8)
    price_on_request = models.BooleanField(_("price on request"), default=False)
    price_amount = models.DecimalField(
        _("price per participant, excl. VAT"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    vat_category = models.CharField(
        _("VAT"), max_length=10, choices=VatCategory.choices, default=VatCategory.HIGH
    )
    price_includes = RichTextField(_("the price includes"), blank=True, features=LIST_FEATURES)
    price_excludes = RichTextField(
        _("the price does not include"), blank=True, features=LIST_FEATURES
    )
    price_note = models.TextField(_("note on price or VAT"), blank=True)
    in_company = models.BooleanField(_("can be booked in-company"), default=False)
    # How a cohort participant completes the course (read by cohorts.rules).
    attendance_rule = models.CharField(
        _("attendance needed to complete"),
        max_length=20,
        choices=AttendanceRule.choices,
        default=AttendanceRule.ALL,
    )
    attendance_minimum = models.PositiveSmallIntegerField(
        _("minimum number of sessions"),
        null=True,
        blank=True,
        help_text=_("Only for 'at least a number of sessions'."),
    )
    exercises_required = models.BooleanField(
        _("required exercises count for completion"),
        default=True,
        help_text=_("Exercises marked 'required' must be done before the certificate."),
    )
    exercise_minimum_score = models.PositiveSmallIntegerField(
        _("minimum score for an exercise (%)"),
        null=True,
        blank=True,
        default=70,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "A required exercise counts from this score on, unless the exercise sets its own. "
            "Empty: 70 %."
        ),
    )
    trainers = ParentalManyToManyField(Trainer, verbose_name=_("trainers"), blank=True)
    body = StreamField(CourseBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldRowPanel([FieldPanel("dagdelen"), FieldPanel("contact_hours")]),
                FieldRowPanel([FieldPanel("min_participants"), FieldPanel("max_participants")]),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Format and group"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("attendance_rule"), FieldPanel("attendance_minimum")]),
                FieldPanel("exercises_required"),
                FieldPanel("exercise_minimum_score"),
            ],
            heading=_("Completion"),
        ),
        FieldPanel("learning_goals"),
        InlinePanel("programme_items", label=_("Programme")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("price_on_request"), FieldPanel("price_amount")]),
                FieldPanel("vat_category"),
                FieldPanel("price_includes"),
                FieldPanel("price_excludes"),
                FieldPanel("price_note"),
                FieldPanel("in_company"),
            ],
            heading=_("Price"),
        ),
        FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        InlinePanel("faqs", label=_("Frequently asked questions")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("format"),
        index.FilterField("in_company"),
    ]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = [
        "courses.LessonPage",
        "exercises.ExercisePage",
        "exercises.ElectionExercisePage",
    ]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_participants__gte=1)
                & Q(min_participants__lte=models.F("max_participants")),
                name="course_group_size_valid",
            ),
            models.CheckConstraint(
                condition=Q(price_on_request=True) | Q(price_amount__isnull=False),
                name="course_price_or_on_request",
            ),
            models.CheckConstraint(
                condition=Q(attendance_rule=AttendanceRule.ALL) | Q(attendance_minimum__gte=1),
                name="course_attendance_minimum_with_rule",
            ),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.min_participants is not None and self.min_participants < 1:
            errors["min_participants"] = _("A group needs at least 1 participant; enter 1 or more.")
        elif (
            self.min_participants is not None
            and self.max_participants is not None
            and self.min_participants > self.max_participants
        ):
            errors["max_participants"] = _(
                "The maximum group size must be at least the minimum; "
                "raise the maximum or lower the minimum."
            )
        if not self.price_on_request and self.price_amount is None:
            errors["price_amount"] = _("Enter a price, or tick 'price on request'.")
        if self.attendance_rule == AttendanceRule.AT_LEAST and not self.attendance_minimum:
            errors["attendance_minimum"] = _(
                "Enter how many sessions a participant must attend (1 or more)."
            )
        if errors:
            raise ValidationError(errors)

    def sessions_needed(self, session_count: int) -> int:
        """How many of `session_count` sessions a participant must attend to complete."""
        if self.attendance_rule == AttendanceRule.AT_LEAST and self.attendance_minimum:
            return min(self.attendance_minimum, session_count)
        return session_count

    @property
    def is_e_learning(self) -> bool:
        return self.format == CourseFormat.E_LEARNING

    @cached_property
    def lessons(self):
        """Live lessons in course order (tree order)."""
        return LessonPage.objects.child_of(self).live().order_by("path")

    # HomePage.route loads the hero image with the page.
    route_select_related = ("image",)

    def get_context(self, request, *args, **kwargs):
        from courses.selectors.catalogue import course_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(course_detail(course=self, user=request.user))
        return context


class ProgrammeItem(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="programme_items")
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("title"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("programme item")
        verbose_name_plural = _("programme")


class CourseFAQ(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("question"), max_length=250)
    answer = RichTextField(_("answer"), features=LIST_FEATURES)

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = _("question and answer")
        verbose_name_plural = _("frequently asked questions")


class LessonPage(OneQueryViewRestrictions, Page):
    """A self-paced e-learning unit inside a course."""

    intro = models.TextField(_("introduction"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=15, validators=[MinValueValidator(1)]
    )
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @cached_property
    def course(self) -> CoursePage:
        # One query: the parent's path is this page's path minus one step.
        return CoursePage.objects.get(path=self.path[: -self.steplen])

    def reflection_blocks(self):
        return [block for block in self.body if block.block_type == "reflection"]

    def serve(self, request, *args, **kwargs):
        from courses.views.lessons import lesson_page

        return lesson_page(request, self)
