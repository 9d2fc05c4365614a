"""Django's error pages (400, 403, 404, 500), which close the database connection they used.

Under ASGI Django renders an error page in a worker thread of its own
(`django.core.handlers.exception`: `response_for_exception`, `thread_sensitive=False`). Our
error pages read the session and the user for the header, so that thread opens a database
connection, and nothing in the request's life closes it afterwards: `request_finished`
closes the connections of the request's own thread. With the connection pool each such
thread would keep a pooled connection out of the pool (four per process). Closing it once
the page is rendered returns it; in a WSGI worker it only closes the request's connection a
little earlier. Inside a transaction (a test) the connection is left alone.
"""

import functools

from django.db import close_old_connections, connection
from django.views import defaults


def _closing_connections(view):
    @functools.wraps(view)
    def page(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not connection.in_atomic_block:
            close_old_connections()
        return response

    return page


bad_request = _closing_connections(defaults.bad_request)
permission_denied = _closing_connections(defaults.permission_denied)
page_not_found = _closing_connections(defaults.page_not_found)
server_error = _closing_connections(defaults.server_error)
