"""The live panel's parts are rendered once for every viewer of a revision (the circle, the
proposal, the log) or for everyone in the same position (the actions), then filled in with
the viewer's "(you)" and CSRF token: each viewer's panel must be exactly the panel the
plain includes render for them alone."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation

from exercises.rooms import selectors, services
from exercises.rooms.state import forget_states
from tests.exercises.rooms.factories import closing_round, decide_with_one_objection, make_room

pytestmark = pytest.mark.django_db

LIVE = "exercises/rooms/_live.html"


def plain_panel():
    """_live.html with every cached part as a plain include."""
    source = (Path(settings.BASE_DIR) / "templates" / LIVE).read_text()
    source = re.sub(
        r'{% if view.is_trainer %}({% include "[^"]+" %}){% else %}{% shared_part "circle" %}'
        r"{% endif %}",
        r"\1",
        source,
    )
    source = re.sub(
        r'{% (?:shared|position)_part "(\w+)" %}',
        r'{% include "exercises/rooms/includes/live_\1.html" %}',
        source,
    )
    assert "_part" not in source
    return engines["django"].from_string(source)


def panels(room, people, plain) -> tuple[list[str], list[str]]:
    cached, alone = [], []
    with translation.override("nl"):
        for n, person in enumerate(people):
            view = selectors.room_view(
                room=selectors.room_for(room_id=room.pk, user=person), user=person
            )
            context = {"view": view, "csrf_token": f"token{n}"}
            cached.append(render_to_string(LIVE, context))
            alone.append(plain.render(context))
    return cached, alone


def test_every_viewers_panel_is_the_one_the_plain_includes_render(monkeypatch):
    c = make_room(members=4)
    plain = plain_panel()
    real_act = services.act
    compared = []

    def act_and_compare(**kwargs):
        entry = real_act(**kwargs)
        room = kwargs["room"]
        room.refresh_from_db()
        cached, alone = panels(room, [*c.everyone, c.trainer], plain)
        assert cached == alone, entry.kind
        compared.append(cached)
        return entry

    monkeypatch.setattr(services, "act", act_and_compare)
    decide_with_one_objection(c)
    closing_round(c)
    assert len(compared) > 30
    # Each member is "you" in their own panel only, and gets their own token.
    for n, html in enumerate(compared[-1][:-1]):
        assert html.count(" (u)") == 1 and "<!--you:" not in html
        assert any(f'value="token{n}"' in shown[n] for shown in compared)
    assert not any("token-" in html for shown in compared for html in shown)


def test_members_waiting_alike_share_the_rendering_of_their_parts(
    django_assert_max_num_queries,
):
    c = make_room(members=4)
    forget_states()
    with translation.override("nl"):
        views = [
            selectors.room_view(room=selectors.room_for(room_id=c.room.pk, user=p), user=p)
            for p in c.members
        ]
        assert views[0].position == views[1].position
        first = render_to_string(LIVE, {"view": views[0], "csrf_token": "a"})
        with django_assert_max_num_queries(0):
            second = render_to_string(LIVE, {"view": views[1], "csrf_token": "b"})
    assert first != second and first.count(" (u)") == second.count(" (u)") == 1
    assert first.replace(" (u)", "") == second.replace(" (u)", "")


def test_a_token_that_is_not_a_token_is_escaped():
    c = make_room()
    c.room.refresh_from_db()
    facilitator = c.facilitator
    with translation.override("nl"):
        view = selectors.room_view(
            room=selectors.room_for(room_id=c.room.pk, user=facilitator), user=facilitator
        )
        html = render_to_string(LIVE, {"view": view, "csrf_token": '"><b hx-get="/x">'})
    assert view.actions and '"><b hx-get' not in html and "&quot;&gt;&lt;b" in html
