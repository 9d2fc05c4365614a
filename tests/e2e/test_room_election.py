"""A sociocratic election in the live room, in real browsers: a trainer opens the room with
a role description, one facilitator and four members (five participants, each in their own
browser context) nominate (hidden until all are in), give their reasons, change or keep
their nomination; the facilitator proposes a candidate on the strength of the reasons; in
the consent round one member objects, the objection is tested with her and the circle (no
overwegend bezwaar: it stays as a concern); the candidate accepts. A slotronde closes the
meeting. A sixth context shows the projector over its WebSocket. The minutes PDF names the
elected member and the role; every page is scanned with axe (WCAG 2.1 A and AA)."""

import io
from datetime import timedelta

from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import expect
from pypdf import PdfReader

from cohorts.services.enrolment import enrol
from exercises.rooms.models import Room
from tests.cohorts.factories import make_cohort, make_participant, make_trainer
from tests.e2e.htmx import wait_until_settled
from tests.e2e.test_accessibility import scan
from tests.e2e.test_room_journey import Meeting, asgi_url, open_as  # noqa: F401 — a fixture

NAMES = ["Fenna", "Piet", "Anna", "Bram", "Cas"]
ROLE = "Gespreksleider van de buurtkring"
OBJECTION = "Ik zie liever Bram; Piet heeft het al druk."


def test_a_cohort_elects_a_member_with_a_tested_objection(browser, asgi_url):  # noqa: F811
    trainer = make_trainer(email="tineke@example.nl")
    cohort = make_cohort(trainer=trainer, min_participants=2, max_participants=8)
    people = [make_participant(first_name=name, last_name="") for name in NAMES]
    for person in people:
        enrol(cohort=cohort, participant=person)
    ids = {name: f"m{person.pk}" for name, person in zip(NAMES, people, strict=True)}

    coach = open_as(browser, asgi_url, trainer)
    coach.goto("/oefenen/kamers/nieuw/")
    coach.get_by_label("titel").fill("Verkiezing gespreksleider")
    coach.get_by_label("uitvoering").select_option(str(cohort.pk))
    coach.get_by_label("proces").select_option("election")
    coach.get_by_label("rol waarvoor gekozen wordt").fill(ROLE)
    coach.get_by_label("taken (één per regel)").fill(
        "De vergaderingen voorbereiden\nDe rondes leiden"
    )
    coach.get_by_label("benodigde kwaliteiten (één per regel)").fill("Rustig\nLuistert goed")
    # The term and its review, typed into the date fields as a trainer would.
    start = timezone.localdate() + timedelta(days=30)
    end, review = start + timedelta(days=730), start + timedelta(days=365)
    for name, day in (("term_start", start), ("term_end", end), ("review_date", review)):
        coach.locator(f'input[name="{name}"]').fill(day.isoformat())
    coach.get_by_role("button", name="De kamer openen").click()
    expect(coach.get_by_role("heading", level=1)).to_have_text("Verkiezing gespreksleider")
    room = Room.objects.get(title="Verkiezing gespreksleider")

    roles = ["facilitator", "member", "member", "member", "member"]
    for place, (person, role) in enumerate(zip(people, roles, strict=True), start=1):
        coach.locator(f'input[name="place_{person.pk}"]').fill(str(place))
        coach.locator(f'select[name="role_{person.pk}"]').select_option(role)
    coach.get_by_role("button", name="Kring opzetten").click()
    coach.get_by_role("button", name="De vergadering starten").click()
    expect(coach.locator("#room-live")).to_have_attribute("data-sequence", "1")
    expect(coach.locator("#role-description")).to_contain_text("Luistert goed")
    scan(coach, "election room: trainer")

    projector = open_as(browser, asgi_url, trainer)
    projector.goto(f"/oefenen/kamers/{room.pk}/scherm/")
    expect(projector.locator("#room-socket")).to_have_attribute("data-transport", "websocket")
    expect(projector.locator("#projector-role")).to_contain_text(ROLE)

    pages = {}
    for name, person in zip(NAMES, people, strict=True):
        page = open_as(browser, asgi_url, person)
        page.goto(f"/oefenen/kamers/{room.pk}/")
        expect(page.locator("#room-socket")).to_have_attribute("data-transport", "websocket")
        pages[name] = page
    # Everyone sees the role description before anything is said.
    for page in pages.values():
        expect(page.locator("#role-description")).to_contain_text("De rondes leiden")

    m = Meeting(pages, sequence=1)
    m.act("Fenna", "round_started", round_kind="opening")
    for name in NAMES:
        m.act(name, "checked_in", text=f"{name} is er klaar voor.")
    m.act("Fenna", "round_started", round_kind="nomination")
    nominees = {"Fenna": "Piet", "Piet": "Bram", "Anna": "Bram", "Bram": "Piet", "Cas": "Piet"}
    for name in NAMES[:-1]:
        m.act(name, "nomination_made", nominee=ids[nominees[name]])
    # Hidden until everyone has nominated: not on Cas's screen, nor on the projector.
    expect(pages["Cas"].locator("#nominations-hidden")).to_contain_text("4 van 5")
    expect(pages["Cas"].locator("#nominations")).to_have_count(0)
    expect(projector.locator("#room-projector")).not_to_contain_text("nomineert")
    scan(pages["Cas"], "election room: participant, nominating")
    m.act("Cas", "nomination_made", nominee=ids["Piet"])
    expect(pages["Anna"].locator("#nominations li")).to_have_count(5)
    expect(pages["Anna"].locator("#nominations")).to_contain_text("Anna nomineert Bram")

    m.act("Fenna", "round_started", round_kind="reasons")
    for name in NAMES:
        m.act(name, "reason_given", reason=f"{nominees[name]} luistert goed en blijft rustig.")
    m.act("Fenna", "round_started", round_kind="change")
    for name in NAMES:
        if name == "Piet":
            m.act(
                name, "nomination_changed", nominee=ids["Piet"], reason="Na de rondes: ik doe het."
            )
        else:
            m.act(name, "nomination_kept")
    expect(pages["Bram"].locator("#nominations")).to_contain_text("gewijzigd in Piet")

    m.act(
        "Fenna",
        "candidate_proposed",
        candidate=ids["Piet"],
        reason="Bijna iedereen noemt zijn rust.",
    )
    expect(projector.locator("#projector-role")).to_contain_text("Piet")
    scan(pages["Fenna"], "election room: facilitator, proposing")
    m.act("Fenna", "round_started", round_kind="consent")
    # The candidate answers last.
    for name in ["Fenna", "Anna", "Bram", "Cas", "Piet"]:
        if name == "Anna":
            m.act(name, "consent_answer_given", answer="objection", text=OBJECTION)
        else:
            m.act(name, "consent_answer_given", answer="consent")
    expect(projector.locator("#projector-phase")).to_contain_text("toetsen")

    # Tested with the objector and the circle: a preference for someone else.
    for question, answer in [
        ("aim", "Niet echt, de kring kan met Piet verder."),
        ("harm", "Geen schade; ik vrees alleen dat hij het druk heeft."),
        ("preference", "Ja, eigenlijk is het een voorkeur voor Bram."),
    ]:
        m.act("Bram", "test_question_asked", question=question)
        m.act("Anna", "test_question_answered", question=question, answer=answer)
    m.act(
        "Cas",
        "test_question_answered",
        question="preference",
        answer="Het klinkt als een voorkeur.",
    )
    wait_until_settled(pages["Anna"])
    scan(pages["Anna"], "election room: participant, objection under test")
    m.act(
        "Fenna",
        "objection_tested",
        verdict="not_qualified",
        reason="Een voorkeur voor een ander is geen overwegend bezwaar.",
        keep_as_concern=True,
    )
    m.act("Piet", "candidate_accepted")
    expect(pages["Anna"].locator("#election-result")).to_contain_text(f"Piet gekozen als {ROLE}")
    with translation.override("nl"):
        shown = [date_format(day) for day in (start, end, review)]
    expect(pages["Anna"].locator("#election-result")).to_contain_text(
        f"van {shown[0]} tot {shown[1]}; evaluatie op {shown[2]}"
    )
    expect(projector.locator("#projector-decision")).to_contain_text("Piet gekozen als")
    scan(projector, "election room: projector")

    m.act("Fenna", "round_started", round_kind="closing")
    for mark, name in enumerate(NAMES, start=6):
        m.act(
            name, "meeting_evaluated", rating=mark, keep_or_change="Meer tijd voor de argumenten."
        )
    expect(pages["Cas"].locator("#ratings li")).to_have_count(5)

    coach.reload()
    scan(coach, "election room: trainer, after the election")
    coach.get_by_role("button", name="De vergadering sluiten").click()
    # The closing is written before the minutes are asked for (one SQLite in the tests).
    expect(coach.locator("#close-room")).to_have_count(0)
    pdf = coach.request.get(f"/oefenen/kamers/{room.pk}/notulen.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert f"Piet gekozen als {ROLE}" in " ".join(text.split())
    assert OBJECTION in " ".join(text.split())

    anna = pages["Anna"]
    anna.goto(f"/oefenen/kamers/{room.pk}/nabespreking/")
    expect(anna.get_by_role("heading", name=f"Piet gekozen als {ROLE}")).to_be_visible()
    expect(anna.locator("#timeline")).to_contain_text(OBJECTION)
    scan(anna, "election room: debrief")
