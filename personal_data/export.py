"""What Leerkring holds about one person, gathered for the export (AVG art. 15 and 20).

Read-only queries over the other apps' models; secrets (password hash, calendar and
invitation tokens) are left out.
"""

import io
import json
import zipfile

from allauth.account.models import EmailAddress
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from bookings.models import BookingRequest
from certificates.models import Certificate
from cohorts.models import Enrolment
from courses.models import LessonProgress, ReflectionNote
from exercises.models import Attempt

SECRET_FIELDS = {"password", "token", "invitation_token", "secret"}


def row(obj: models.Model, **extra) -> dict:
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        value = field.value_from_object(obj)
        data[field.name] = value.name if isinstance(value, FieldFile) else value
    data.update(extra)
    return data


def personal_data(user) -> dict:
    enrolments = (
        Enrolment.objects.filter(participant=user)
        .select_related("cohort__course")
        .prefetch_related("history", "attendance__session")
    )
    return {
        "exported_at": timezone.now(),
        "account": row(user, roles=[g.name for g in user.groups.all()]),
        "email_addresses": [row(e) for e in EmailAddress.objects.filter(user=user)],
        "enrolments": [
            row(
                enrolment,
                cohort_title=enrolment.cohort.title,
                course_title=enrolment.cohort.course.title,
                history=[row(change) for change in enrolment.history.all()],
                attendance=[
                    row(mark, session_date=mark.session.date) for mark in enrolment.attendance.all()
                ],
                intake=_one(enrolment, "intake"),
                evaluation=_one(enrolment, "evaluation"),
            )
            for enrolment in enrolments
        ],
        "lesson_progress": [
            row(p, lesson_title=p.lesson.title)
            for p in LessonProgress.objects.filter(participant=user).select_related("lesson")
        ],
        "reflection_notes": [
            row(n, lesson_title=n.lesson.title)
            for n in ReflectionNote.objects.filter(participant=user).select_related("lesson")
        ],
        "practice_attempts": [
            row(a, exercise_title=a.exercise.title, decisions=[row(e) for e in a.decisions.all()])
            for a in Attempt.objects.filter(participant=user)
            .select_related("exercise")
            .prefetch_related("decisions")
        ],
        "certificates": [row(c) for c in Certificate.objects.filter(participant=user)],
        "booking_requests": [
            row(
                b,
                messages=[row(m) for m in b.messages.all()],
                quotes=[row(q) for q in b.quotes.all()],
            )
            for b in BookingRequest.objects.filter(contact=user).prefetch_related(
                "messages", "quotes"
            )
        ],
    }


def _one(enrolment: Enrolment, name: str) -> dict | None:
    try:
        return row(getattr(enrolment, name))
    except models.ObjectDoesNotExist:
        return None


def export_zip(user) -> bytes:
    """data.json and the certificate PDFs."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = json.dumps(personal_data(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        archive.writestr("gegevens.json", data)
        for certificate in Certificate.objects.filter(participant=user):
            if certificate.pdf and certificate.pdf.storage.exists(certificate.pdf.name):
                with certificate.pdf.open("rb") as pdf:
                    archive.writestr(f"certificaten/{certificate.code}.pdf", pdf.read())
    return buffer.getvalue()
