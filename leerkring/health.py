"""/gezond/: a health check for load balancers and the page benchmark's baseline."""

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def health(request):
    # One query: the database answers. Nothing else, so it is a cheap baseline.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return JsonResponse({"status": "ok"})
