"""The access log's one way in. Other apps call record_access() where personal data is
viewed or exported (trainer's CSV export and intake answers, a person's own data export,
user edits in the admin)."""

from collections.abc import Iterable

from django.db import models

from privacy.models import AccessAction, AccessLog


def _name(user) -> str:
    if user is None:
        return ""
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{full} <{user.email}>" if full else str(user.email)


def record_access(
    *,
    actor,
    action: AccessAction | str,
    subjects: Iterable,
    obj: models.Model | None = None,
) -> list[AccessLog]:
    """Append one entry per person whose data `actor` viewed or exported through `obj`."""
    action = AccessAction(action)
    meta = obj._meta if obj is not None else None
    entries = [
        AccessLog(
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_name=_name(actor) if actor is not None and actor.is_authenticated else "",
            # A person just deleted has no row to point at; their name stays in the entry.
            subject=subject if subject.pk is not None else None,
            subject_name=_name(subject),
            action=action,
            object_type=meta.label_lower if meta else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:300] if obj is not None else "",
        )
        for subject in subjects
    ]
    return AccessLog.objects.bulk_create(entries)
