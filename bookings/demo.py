"""Demo bookings for `manage.py load_demo`: the demo municipal contact with one request in
each of the states requested, quoted and scheduled. Runs again without adding anything."""

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from bookings.models import BookingRequest, BookingStatus
from bookings.services import (
    LineInput,
    RequestDetails,
    accept_quote,
    save_quote_draft,
    schedule_request,
    send_quote,
    submit_request,
)
from courses.models import CourseFormat, CoursePage, VatCategory

CONTACT_EMAIL = "gemeente@leerkring.test"
TRAINER_EMAIL = "trainer@leerkring.test"
STUDY_DAY_SLUG = "studiedag-sociocratie-voor-gemeenten"
LEERGANG_SLUG = "leergang-sociocratie"
INCLUDED = "Digitale intake en evaluatie, voorbereiding, lesmateriaal, reiskosten van de trainer."

# Three requests a person can tell apart: another department, course and group each.
REQUESTS = [
    {
        "course": STUDY_DAY_SLUG,
        "department": "Team Participatie",
        "participant_count": 6,
        "learning_goals": (
            "De wijkteams willen bewonersoverleggen met consent leren leiden, zodat besluiten "
            "over het wijkbudget sneller en met meer draagvlak vallen."
        ),
        "target": BookingStatus.REQUESTED,
    },
    {
        # A leergang of four dagdelen for a group larger than a study day's.
        "course": LEERGANG_SLUG,
        "department": "Griffie",
        "participant_count": 12,
        "learning_goals": (
            "Raadsleden en griffiemedewerkers oefenen met consentbesluitvorming voor de "
            "werkgroepen van de raad."
        ),
        "target": BookingStatus.QUOTED,
    },
    {
        "course": STUDY_DAY_SLUG,
        "department": "Sociaal Domein",
        "participant_count": 7,
        "learning_goals": (
            "Het managementteam wil zijn overleg sociocratisch inrichten: rondes, consent en "
            "een evaluatie aan het eind van elk overleg."
        ),
        "target": BookingStatus.SCHEDULED,
    },
]


def _details(spec: dict, contact: User) -> RequestDetails:
    return RequestDetails(
        organisation="Gemeente Zwolle",
        department=spec["department"],
        contact_name=contact.get_full_name(),
        contact_role="Beleidsadviseur",
        contact_email=contact.email,
        contact_phone="038 498 91 11",
        participant_count=spec["participant_count"],
        location="Stadhuis Zwolle, Grote Kerkplein 15\nZaal De Thorbecke",
        learning_goals=spec["learning_goals"],
        current_situation="Overleggen duren lang en besluiten worden vaak opnieuw besproken.",
        invoice_address="Gemeente Zwolle\nPostbus 10007\n8000 GA Zwolle",
        purchase_order="ZW-2027-0412",
    )


def _lines(course: CoursePage, count: int) -> list[LineInput]:
    """One line per dagdeel for a leergang, one for a study day. Travel is included (see
    INCLUDED), so it is never charged on a line as well."""
    sessions = course.dagdelen if course.format == CourseFormat.LEERGANG and course.dagdelen else 1
    if sessions > 1:
        return [
            LineInput(
                f"{course.title}, in-company voor {count} deelnemers: dagdeel",
                Decimal("1350.00"),
                VatCategory.HIGH,
                quantity=Decimal(sessions),
            ),
            LineInput("Werkboek Sociocratie", Decimal("24.50"), VatCategory.LOW, Decimal(count)),
        ]
    return [
        LineInput(
            f"{course.title}, in-company voor {count} deelnemers",
            Decimal("2450.00"),
            VatCategory.HIGH,
        ),
    ]


def load_bookings() -> None:
    contact = User.objects.filter(email=CONTACT_EMAIL).first()
    trainer = User.objects.filter(email=TRAINER_EMAIL).first()
    courses = {course.slug: course for course in CoursePage.objects.filter(in_company=True)}
    if contact is None or trainer is None:
        return
    today = timezone.localdate()
    for number, spec in enumerate(REQUESTS, start=1):
        course = courses.get(spec["course"])
        if course is None:
            continue
        if BookingRequest.objects.filter(contact=contact, department=spec["department"]).exists():
            continue
        request = submit_request(
            course=course,
            contact=contact,
            details=_details(spec, contact),
            preferred_dates=[
                (today + datetime.timedelta(days=35 + 7 * number), "whole_day"),
                (today + datetime.timedelta(days=42 + 7 * number), "whole_day"),
            ],
        )
        if spec["target"] == BookingStatus.REQUESTED:
            continue
        quote = save_quote_draft(
            request=request,
            by=trainer,
            lines=_lines(course, spec["participant_count"]),
            valid_until=today + datetime.timedelta(days=30),
            includes=INCLUDED,
            excludes="Locatie en catering (verzorgt de gemeente).",
        )
        send_quote(quote=quote, by=trainer)
        if spec["target"] == BookingStatus.QUOTED:
            continue
        accept_quote(quote=quote, by=contact, signed_name=contact.get_full_name(), authorised=True)
        from cohorts.services.lifecycle import SessionPlan

        first = request.preferred_dates.first()
        schedule_request(
            request=request,
            by=trainer,
            sessions=[
                SessionPlan(
                    date=first.date,
                    start_time=datetime.time(9, 30),
                    end_time=datetime.time(16, 30),
                    location="Stadhuis Zwolle, zaal De Thorbecke",
                )
            ],
            trainers=[trainer],
        )
