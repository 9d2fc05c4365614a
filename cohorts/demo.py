"""Demo cohorts for `manage.py load_demo`: two open dates of the demo study day, one nearly
full and one with a waiting list. Looked up by title, so loading again changes nothing."""

from datetime import time, timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import User
from accounts.roles import PARTICIPANT, assign_role
from cohorts.models import Cohort
from cohorts.services.enrolment import enrol
from cohorts.services.lifecycle import SessionPlan, schedule_cohort
from courses.models import CoursePage
from leerkring.notifications import notifications_off

STUDY_DAY_SLUG = "studiedag-sociocratie-voor-gemeenten"
DEMO_PARTICIPANTS = [
    ("Anouk", "Bakker"),
    ("Bram", "Visser"),
    ("Chantal", "Smit"),
    ("Dirk", "Meijer"),
    ("Esra", "Yilmaz"),
    ("Femke", "de Vries"),
    ("Gijs", "Mulder"),
    ("Hanna", "Bos"),
    ("Ivo", "Peters"),
    ("Jolien", "Hendriks"),
]
# (title, days ahead, location, how many demo participants enrol). A title names the place,
# never the state: "nearly full" or "waiting list" is computed and shown as a badge.
DEMO_COHORTS = [
    ("Utrecht", 45, "Stadskantoor Utrecht, Stadsplateau 1", 7),
    ("Zwolle", 60, "Stadhuis Zwolle, Grote Kerkplein 15", 10),
]
# Titles earlier demo versions gave, renamed in place so a reload does not duplicate them.
OLD_DEMO_TITLES = {
    "Utrecht — bijna vol": "Utrecht",
    "Zwolle — wachtlijst": "Zwolle",
    "Amersfoort — afgerond": "Amersfoort",
}


def _rename_old_demo_titles(course) -> None:
    for old, new in OLD_DEMO_TITLES.items():
        Cohort.objects.filter(course=course, title=old).update(title=new)


def _participants() -> list[User]:
    people = []
    for n, (first, last) in enumerate(DEMO_PARTICIPANTS, start=1):
        user, created = User.objects.get_or_create(
            email=f"deelnemer{n}@leerkring.test",
            defaults={"first_name": first, "last_name": last, "organisation": "Gemeente Demo"},
        )
        if created:
            user.set_unusable_password()
            user.save()
            assign_role(user, PARTICIPANT)
        # Like every demo account: a verified address (they have no password to log in with).
        EmailAddress.objects.get_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        people.append(user)
    return people


def load_demo_cohorts() -> list[Cohort]:
    course = CoursePage.objects.filter(slug=STUDY_DAY_SLUG).first()
    trainer = User.objects.filter(email="trainer@leerkring.test").first()
    if course is None:
        return []
    _rename_old_demo_titles(course)
    people = _participants()
    cohorts = []
    with notifications_off():
        for title, days, location, enrolling in DEMO_COHORTS:
            cohort = Cohort.objects.filter(course=course, title=title).first()
            if cohort is None:
                cohort = schedule_cohort(
                    course=course,
                    title=title,
                    location=location,
                    trainers=[trainer] if trainer else [],
                    sessions=[
                        SessionPlan(
                            date=timezone.localdate() + timedelta(days=days),
                            start_time=time(9, 30),
                            end_time=time(16, 30),
                        )
                    ],
                )
                for person in people[:enrolling]:
                    enrol(cohort=cohort, participant=person)
            cohorts.append(cohort)
    return cohorts


COMPLETED_TITLE = "Amersfoort"


def load_completed_cohort() -> Cohort | None:
    """A study day held two weeks ago, attended and closed, so the demo participant has a
    certificate to download. Built through the real services with a clock set back."""
    from datetime import datetime

    from cohorts.services.attendance import Mark, record_attendance
    from cohorts.services.lifecycle import close_cohort

    course = CoursePage.objects.filter(slug=STUDY_DAY_SLUG).first()
    trainer = User.objects.filter(email="trainer@leerkring.test").first()
    participant = User.objects.filter(email="deelnemer@leerkring.test").first()
    if course is None or trainer is None or participant is None:
        return None
    existing = Cohort.objects.filter(course=course, title=COMPLETED_TITLE).first()
    if existing is not None:
        return existing
    held_on = timezone.localdate() - timedelta(days=14)
    planned_at = timezone.make_aware(datetime.combine(held_on - timedelta(days=60), time(9)))
    with notifications_off():
        cohort = schedule_cohort(
            course=course,
            title=COMPLETED_TITLE,
            location="Stadhuis Amersfoort, Stadhuisplein 1",
            trainers=[trainer],
            sessions=[SessionPlan(date=held_on, start_time=time(9, 30), end_time=time(16, 30))],
            now=planned_at,
        )
        for person in [participant, *_participants()[:5]]:
            enrol(cohort=cohort, participant=person, now=planned_at)
        after = timezone.make_aware(datetime.combine(held_on, time(17)))
        cohort.refresh_from_db()  # enrolling the fifth person confirmed it
        record_attendance(
            session=cohort.sessions.get(),
            by=trainer,
            marks={pk: Mark("present") for pk in cohort.enrolments.values_list("pk", flat=True)},
            now=after,
        )
        close_cohort(cohort=cohort, by=trainer, now=after)
    return cohort
