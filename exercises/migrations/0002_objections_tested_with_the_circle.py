"""Stored attempts replay on the engine that tests objections with the objector and the circle.

Before, an `objection_tested` event was the facilitator's verdict alone. The engine now needs
the test questions asked and answered and a reason, so each stored verdict gets the questions
put the way solo practice puts them (the facilitator and the proposer ask, the objector
answers with their argument) and a reason saying it was recorded before the change.
"""

from django.db import migrations

QUESTIONS = ("aim", "harm", "preference")
OLD_REASON = "Vastgesteld voordat de toetsvragen werden vastgelegd."


def _test_questions(verdict: dict, *, facilitator: str, proposer: str, circle, argument: str):
    objector = verdict["objector"]
    member = next((m for m in (proposer, *circle) if m != objector), None)
    events = []
    for question in QUESTIONS:
        asker = member if question == "harm" and member else facilitator
        events.append(
            {
                "kind": "test_question_asked",
                "actor": asker,
                "at": verdict.get("at"),
                "objector": objector,
                "question": question,
            }
        )
        events.append(
            {
                "kind": "test_question_answered",
                "actor": objector,
                "at": verdict.get("at"),
                "objector": objector,
                "question": question,
                "answer": argument or "—",
            }
        )
    return events


def forwards(apps, schema_editor):
    AttemptEvent = apps.get_model("exercises", "AttemptEvent")
    rows = AttemptEvent.objects.filter(events__icontains="objection_tested").values_list(
        "attempt_id", flat=True
    )
    for attempt_id in set(rows):
        circle, facilitator, proposer = (), "facilitator", ""
        arguments: dict[str, str] = {}
        asked = False
        for row in AttemptEvent.objects.filter(attempt_id=attempt_id).order_by("sequence"):
            new_events, changed = [], False
            for event in row.events:
                kind = event.get("kind")
                if kind == "decision_prepared":
                    circle = tuple(event["circle"])
                    facilitator, proposer = event["facilitator"], event["proposer"]
                elif kind == "consent_answer_given" and event.get("answer") == "objection":
                    arguments[event["actor"]] = event.get("text", "")
                elif kind == "test_question_asked":
                    asked = True
                elif kind == "objection_tested" and not asked and not event.get("reason"):
                    new_events += _test_questions(
                        event,
                        facilitator=facilitator,
                        proposer=proposer,
                        circle=circle,
                        argument=arguments.get(event["objector"], ""),
                    )
                    event = {**event, "reason": OLD_REASON}
                    changed = True
                new_events.append(event)
            if changed:
                row.events = new_events
                row.save(update_fields=["events"])


class Migration(migrations.Migration):
    dependencies = [("exercises", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
