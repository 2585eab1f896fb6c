"""Calls raced against each other, as a double click or two tabs would."""

import threading

from django.db import connection


def in_threads(*calls):
    """Each call in its own thread and database connection, all released at
    once; returns what the calls returned and what they raised (every
    exception, so a race that breaks in an unexpected way is seen, not lost
    in a thread)."""
    results, errors, barrier = [], [], threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=10)
            results.append(call())
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results, errors
