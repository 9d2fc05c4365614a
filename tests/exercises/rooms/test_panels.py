"""A member's live panel, rendered once for everyone in the same position and filled in with
their own token and "(you)", is exactly the panel rendered for them alone."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from exercises.rooms import selectors, services
from exercises.rooms.panels import LIVE, live_html
from exercises.rooms.state import forget_states
from tests.exercises.rooms.factories import closing_round, decide_with_one_objection, make_room

pytestmark = pytest.mark.django_db


def panels(room, people) -> tuple[list[str], list[str]]:
    shared, alone = [], []
    with translation.override("nl"):
        for n, person in enumerate(people):
            view = selectors.room_view(
                room=selectors.room_for(room_id=room.pk, user=person), user=person
            )
            token = f"token{n}"
            shared.append(live_html(view, csrf_token=token))
            alone.append(render_to_string(LIVE, {"view": view, "csrf_token": token}))
    return shared, alone


def test_every_members_panel_is_the_one_rendered_for_them_alone(monkeypatch):
    c = make_room(members=4)
    real_act = services.act
    compared = []

    def act_and_compare(**kwargs):
        entry = real_act(**kwargs)
        room = kwargs["room"]
        room.refresh_from_db()
        shared, alone = panels(room, [*c.everyone, c.trainer])
        assert shared == alone, entry.kind
        compared.append(shared)
        forget_states()  # the next comparison renders anew, too
        return entry

    monkeypatch.setattr(services, "act", act_and_compare)
    decide_with_one_objection(c)
    closing_round(c)
    assert len(compared) > 30
    last = compared[-1]
    # Each member is "you" in their own panel only, with their own token.
    for n, html in enumerate(last[:-1]):
        assert html.count(" (u)") == 1 and "<!--you:" not in html
        assert any(f'value="token{n}"' in shown[n] for shown in compared)
    assert not any("viewer-csrf-token" in html for shown in compared for html in shown)


def test_members_waiting_alike_share_one_rendering(django_assert_max_num_queries):
    c = make_room(members=4)
    with translation.override("nl"):
        views = [
            selectors.room_view(room=selectors.room_for(room_id=c.room.pk, user=p), user=p)
            for p in c.members
        ]
        first = live_html(views[0], csrf_token="a")
        with django_assert_max_num_queries(0):
            second = live_html(views[1], csrf_token="b")
    assert first != second and first.count(" (u)") == second.count(" (u)") == 1
    assert first.replace(" (u)", "") == second.replace(" (u)", "")
