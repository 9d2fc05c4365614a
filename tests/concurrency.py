"""Running several callables at the same moment, each in its own thread with its own
database connection, for the tests that prove a lock holds (PostgreSQL only)."""

import threading

from django.db import connections


def run_at_once(calls) -> list[BaseException]:
    """Start every callable together (a barrier), wait for all, return what they raised."""
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []

    def one(call):
        try:
            barrier.wait()
            call()
        except BaseException as error:  # noqa: BLE001 — returned, and asserted on by the test
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors
