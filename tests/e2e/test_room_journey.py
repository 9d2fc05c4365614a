"""The live practice room in real browsers: one trainer and five participants, each in their
own browser context (own cookies, own WebSocket), take a consent decision with one objection
that is tested and integrated, then hold a slotronde, while a sixth context shows the
projector view. The minutes PDF holds the decision and the concern. The room page (as
participant, facilitator and trainer), the projector and the debrief are scanned with axe
(WCAG 2.1 A and AA) along the way.

Pages are served by uvicorn in a thread (ASGI, so WebSockets work) on the live server's
database; each participant's page must be on its WebSocket before the meeting starts."""

import io
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from playwright.sync_api import expect
from pypdf import PdfReader

from cohorts.services.enrolment import enrol
from exercises.rooms.models import Room
from exercises.rooms.state import forget_states
from tests.cohorts.factories import make_cohort, make_participant, make_trainer
from tests.e2e.htmx import wait_until_settled
from tests.e2e.test_accessibility import scan

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
NAMES = ["Fenna", "Piet", "Anna", "Bram", "Cas"]
OBJECTION = "Zaterdag is er al een markt in het centrum; dat schaadt ons doel."
AMENDED = "Wij zetten op woensdag een markt op het plein."
CONCERN = "Let op het geluid voor de buren."


@pytest.fixture
def asgi_url(live_server, django_db_serialized_rollback):
    """uvicorn in a thread, serving the ASGI application (and static files) on loopback."""
    from leerkring.asgi import application

    forget_states()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        ASGIStaticFilesHandler(application),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    forget_states()


def session_for(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def open_as(browser, base, user):
    context = browser.new_context(locale="nl-NL", base_url=base)
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session_for(user), "url": base}]
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


class Meeting:
    """Drives the members' pages; every action must show up on the acting page."""

    def __init__(self, pages: dict, sequence: int):
        self.pages = pages
        self.sequence = sequence

    def live(self, name):
        return self.pages[name].locator("#room-live")

    def act(self, name, kind, **fields):
        page = self.pages[name]
        # The page has the newest state (pushed over its WebSocket) before it acts.
        expect(self.live(name)).to_have_attribute("data-sequence", str(self.sequence))
        form = page.locator(f'form[data-action="{kind}"]')
        for field, value in fields.items():
            control = form.locator(f'[name="{field}"]')
            if control.evaluate("e => e.tagName") == "SELECT":
                control.select_option(value)
            elif control.get_attribute("type") == "checkbox":
                control.set_checked(bool(value))
            else:
                control.fill(str(value))
        form.get_by_role("button").click()
        self.sequence += 1
        expect(self.live(name)).to_have_attribute("data-sequence", str(self.sequence))


def test_a_cohort_decides_together_with_a_tested_objection_and_a_slotronde(browser, asgi_url):
    trainer = make_trainer(email="tineke@example.nl")
    cohort = make_cohort(trainer=trainer, min_participants=2, max_participants=8)
    people = [make_participant(first_name=name, last_name="") for name in NAMES]
    for person in people:
        enrol(cohort=cohort, participant=person)

    coach = open_as(browser, asgi_url, trainer)
    coach.goto("/oefenen/kamers/nieuw/")
    coach.get_by_label("titel").fill("Oefenkring marktplein")
    coach.get_by_label("uitvoering").select_option(str(cohort.pk))
    coach.get_by_label("aanleiding").fill("Het plein wordt te weinig gebruikt.")
    coach.get_by_label("gemeenschappelijke doelstelling").fill("Een levendige, veilige wijk.")
    coach.get_by_label("voorstel").fill("Wij zetten op zaterdag een markt op het plein.")
    coach.get_by_role("button", name="De kamer openen").click()
    expect(coach.get_by_role("heading", level=1)).to_have_text("Oefenkring marktplein")
    room = Room.objects.get(title="Oefenkring marktplein")
    scan(coach, "room: trainer, preparing")

    roles = ["facilitator", "proposer", "member", "member", "member"]
    for place, (person, role) in enumerate(zip(people, roles, strict=True), start=1):
        coach.locator(f'input[name="place_{person.pk}"]').fill(str(place))
        coach.locator(f'select[name="role_{person.pk}"]').select_option(role)
    coach.get_by_role("button", name="Kring opzetten").click()
    coach.get_by_role("button", name="De vergadering starten").click()
    expect(coach.locator("#room-live")).to_have_attribute("data-sequence", "1")

    projector = open_as(browser, asgi_url, trainer)
    projector.goto(f"/oefenen/kamers/{room.pk}/scherm/")
    expect(projector.locator("#projector-proposal")).to_contain_text("zaterdag")

    pages = {}
    for name, person in zip(NAMES, people, strict=True):
        page = open_as(browser, asgi_url, person)
        page.goto(f"/oefenen/kamers/{room.pk}/")
        expect(page.locator("#room-socket")).to_have_attribute("data-transport", "websocket")
        pages[name] = page
    expect(pages["Piet"].locator('form[data-action="proposal_presented"]')).to_be_visible()
    expect(pages["Anna"].locator("form.room-action")).to_have_count(0)

    m = Meeting(pages, sequence=1)
    m.act("Piet", "proposal_presented")
    m.act("Fenna", "round_started", round_kind="question")
    for name in NAMES:
        if name == "Anna":
            m.act(name, "question_asked", question="Wie ruimt op na de markt?")
        else:
            m.act(name, "turn_passed")
    m.act("Piet", "question_answered", answer="De marktkooplui zelf.")
    m.act("Fenna", "round_started", round_kind="reaction")
    for name in NAMES:
        m.act(name, "reaction_given", reaction=f"{name}: goed idee.")
    m.act("Fenna", "round_started", round_kind="consent")
    for name in NAMES:
        if name == "Anna":
            m.act(name, "consent_answer_given", answer="objection", text=OBJECTION)
        else:
            m.act(name, "consent_answer_given", answer="consent")
    expect(projector.locator("#projector-phase")).to_contain_text("toetsen")
    scan(projector, "room: projector")
    for name in ("Anna", "Fenna"):  # the objector, and the facilitator who leads the test
        wait_until_settled(pages[name])
        scan(pages[name], f"room: {name}, testing an objection")
    coach.reload()
    scan(coach, "room: trainer, during the meeting")

    # The objection is tested with the objector and the circle.
    for question, answer in [
        ("aim", "Ja, de levendigheid van de wijk."),
        ("harm", "Twee markten op één dag trekken elkaar leeg."),
        ("preference", "Nee, het schaadt het doel."),
    ]:
        m.act("Fenna", "test_question_asked", question=question)
        m.act("Anna", "test_question_answered", question=question, answer=answer)
    m.act("Fenna", "objection_tested", verdict="qualified", reason="Het raakt de doelstelling.")
    m.act("Anna", "amendment_suggested", text="Maak het de woensdag.")
    m.act("Piet", "proposal_amended", text=AMENDED)
    expect(pages["Bram"].locator("#proposal-text")).to_have_text(AMENDED)
    m.act("Fenna", "round_started", round_kind="consent")
    for name in NAMES:
        if name == "Bram":
            m.act(name, "consent_answer_given", answer="concern", text=CONCERN)
        else:
            m.act(name, "consent_answer_given", answer="consent")
    m.act("Fenna", "agreed", responsibilities="Piet: vergunning aanvragen")
    expect(projector.locator("#projector-decision")).to_contain_text(AMENDED)

    m.act("Fenna", "round_started", round_kind="closing")
    for mark, name in enumerate(NAMES, start=6):
        m.act(name, "meeting_evaluated", rating=mark, keep_or_change="Meer tempo in de rondes.")
    expect(pages["Cas"].locator("#ratings li")).to_have_count(5)

    coach.reload()
    expect(coach.locator("#room-socket")).to_have_attribute("data-transport", "websocket")
    coach.get_by_label("Coachingsnotitie").fill("Mooi getoetst, samen met Anna.")
    coach.get_by_label("Delen met de leden in hun nabespreking").check()
    coach.get_by_role("button", name="Notitie toevoegen").click()
    expect(coach.locator("#notes")).to_contain_text("Mooi getoetst")
    expect(coach.get_by_label("Coachingsnotitie")).to_have_value("")  # ready for the next
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        for name, page in (("trainer", coach), ("anna", pages["Anna"]), ("projector", projector)):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=SCREENSHOTS / f"room-{name}-{width}.png", full_page=True)
    coach.get_by_role("button", name="De vergadering sluiten").click()
    # The closing is written before the minutes are asked for (one SQLite in the tests).
    expect(coach.locator("#close-room")).to_have_count(0)

    pdf = coach.request.get(f"/oefenen/kamers/{room.pk}/notulen.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert AMENDED in text
    assert CONCERN in text

    anna = pages["Anna"]
    anna.goto(f"/oefenen/kamers/{room.pk}/nabespreking/")
    expect(anna.locator("#timeline")).to_contain_text("Mooi getoetst")
    expect(anna.locator("#timeline")).to_contain_text(OBJECTION)
    scan(anna, "room: debrief")
