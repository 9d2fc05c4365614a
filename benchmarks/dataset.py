"""A scaled dataset built with the project's own services, for benchmarks and the
query-count tests: `scale` courses, each with a lesson and an upcoming open cohort (a few
enrolments each), a trainer who trains every cohort, a participant with several
enrolments, and `scale` in-company requests from one contact.

Only the observed accounts (trainer, participant, contact, staff) matter to the pages; the
other participants exist to fill cohorts and have no usable password.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone

# How many cohorts the observed participant is enrolled in (a realistic handful).
PARTICIPANT_ENROLMENTS = 10
FILL_PER_COHORT = 3


@dataclass
class Dataset:
    scale: int
    trainer: object
    participant: object
    contact: object
    staff: object
    course: object  # the first course (its page and lesson are measured)
    lesson: object
    cohort: object  # the first cohort (its trainer page and register are measured)
    prefix: str = "bench"
    fillers: list = field(default_factory=list)


def _user(email: str, *, roles=(), password: str | None = None, **fields):
    from allauth.account.models import EmailAddress

    from accounts.models import User
    from accounts.roles import assign_role

    user = User.objects.create_user(email=email, password=password, **fields)
    for role in roles:
        assign_role(user, role)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _index():
    from courses.demo import ensure_home_page
    from courses.models import CourseIndexPage

    index = CourseIndexPage.objects.first()
    if index is None:
        index = ensure_home_page().add_child(
            instance=CourseIndexPage(title="Cursussen", slug="cursussen")
        )
    return index


def build(scale: int, *, prefix: str = "bench", password: str | None = None) -> Dataset:
    from accounts.roles import PARTICIPANT, TRAINER

    _index()
    trainer = _user(
        f"{prefix}-trainer@example.nl",
        roles=[TRAINER],
        password=password,
        first_name="Tineke",
        last_name="Trainer",
    )
    participant = _user(
        f"{prefix}-deelnemer@example.nl",
        roles=[PARTICIPANT],
        password=password,
        first_name="Sanne",
        last_name="de Jong",
    )
    contact = _user(
        f"{prefix}-gemeente@example.nl", password=password, first_name="Gerda", last_name="Jansen"
    )
    staff = _user(
        f"{prefix}-beheer@example.nl",
        password=password,
        first_name="Bea",
        last_name="Beheer",
        is_staff=True,
        is_superuser=True,
    )
    fillers = [
        _user(f"{prefix}-vulling-{n}@example.nl", first_name="Deelnemer", last_name=str(n))
        for n in range(FILL_PER_COHORT)
    ]

    dataset = Dataset(
        scale=0,
        trainer=trainer,
        participant=participant,
        contact=contact,
        staff=staff,
        course=None,
        lesson=None,
        cohort=None,
        prefix=prefix,
        fillers=fillers,
    )
    grow(dataset, to=scale)
    return dataset


def grow(dataset: Dataset, *, to: int) -> Dataset:
    """Add courses (each with a lesson, a cohort, enrolments and a request) up to `to`."""
    from bookings.services import RequestDetails, submit_request
    from cohorts.services.enrolment import enrol
    from cohorts.services.lifecycle import SessionPlan, schedule_cohort
    from courses.models import CourseFormat, CoursePage, LessonPage

    index = _index()
    prefix, trainer, participant, contact = (
        dataset.prefix,
        dataset.trainer,
        dataset.participant,
        dataset.contact,
    )
    today = timezone.localdate()
    for n in range(dataset.scale, to):
        course = index.add_child(
            instance=CoursePage(
                title=f"Studiedag {prefix} {n + 1}",
                slug=f"{prefix}-studiedag-{n + 1}",
                intro="Een dag oefenen met consentbesluitvorming in de gemeente.",
                format=CourseFormat.STUDY_DAY,
                dagdelen=2,
                contact_hours=Decimal("6.0"),
                price_amount=Decimal("395.00"),
                in_company=True,
            )
        )
        lesson = course.add_child(
            instance=LessonPage(title="Wat is consent?", slug="consent", estimated_minutes=10)
        )
        day: date = today + timedelta(days=20 + n % 300)
        cohort = schedule_cohort(
            course=course,
            title=f"Utrecht {n + 1}",
            sessions=[SessionPlan(date=day, start_time=time(9, 30), end_time=time(16, 30))],
            trainers=[trainer],
            by=trainer,
            location="Stadhuis Utrecht",
        )
        for filler in dataset.fillers:
            enrol(cohort=cohort, participant=filler)
        if n < PARTICIPANT_ENROLMENTS:
            enrol(cohort=cohort, participant=participant)
        submit_request(
            course=course,
            contact=contact,
            details=RequestDetails(
                organisation=f"Gemeente {n + 1}",
                department="Participatie",
                contact_name="Gerda Jansen",
                contact_role="Programmamanager",
                contact_email=contact.email,
                participant_count=max(course.min_participants or 1, 6),
                location="Stadskantoor",
                learning_goals="Samen besluiten over wijkbudgetten.",
                invoice_address="Postbus 1, 1000 AA Amsterdam",
                purchase_order="",
            ),
            preferred_dates=[(today + timedelta(days=40), "morning")],
        )
        if n == 0:
            dataset.course, dataset.lesson, dataset.cohort = course, lesson, cohort
    dataset.scale = max(dataset.scale, to)
    return dataset
