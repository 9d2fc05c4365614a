"""Refuse a deletion the database would refuse, with words instead of a server error.

Many rows are kept on purpose (enrolments, certificates, practice attempts, quotes: PROTECT),
so deleting what they point to fails. The admin asks `deletion_blockers()` first and tells
the editor what still refers to the object and what to do instead.
"""

from collections.abc import Iterable

from django.contrib import messages
from django.db import models, router
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.http import HttpResponseRedirect


def deletion_blockers(objects: Iterable[models.Model]) -> list[str]:
    """The names (plural) of the kinds of rows that keep these objects from being deleted."""
    objects = list(objects)
    if not objects:
        return []
    collector = Collector(using=router.db_for_write(type(objects[0])))
    try:
        collector.collect(objects)
    except (ProtectedError, RestrictedError) as error:
        if isinstance(error, ProtectedError):
            blocking = error.protected_objects
        else:
            blocking = error.restricted_objects
        names = {str(obj._meta.verbose_name_plural) for obj in blocking}
        return sorted(names)
    return []


def refuse(request, message: str, *, to: str) -> HttpResponseRedirect:
    messages.error(request, message)
    return HttpResponseRedirect(to)
