"""The review of an agreement in the live room, in real browsers: a circle has taken a
decision; the trainer takes it to its review; a member proposes to keep it with a new
review date; the facilitator holds the consent round on the review (each member from their
own browser context) and concludes it as consented. The projector, the minutes PDF and the
debrief show the outcome. Also the new-room form refusing an election whose term ends
before it starts. Every new state is scanned with axe (WCAG 2.1 A and AA) and shot at 1280
and 390 px into test-results/screenshots/."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from exercises.rooms.models import Room
from exercises.rooms.state import load_state
from tests.e2e.test_accessibility import scan, shoot
from tests.e2e.test_room_journey import Meeting, asgi_url, open_as  # noqa: F401 — a fixture
from tests.exercises.rooms.factories import decide_with_one_objection, make_room


def test_a_circle_reviews_its_agreement_and_keeps_it_by_consent(browser, asgi_url):  # noqa: F811
    c = make_room(members=2)
    decide_with_one_objection(c)
    c.room.refresh_from_db()
    names = {p.first_name: p for p in c.everyone}

    coach = open_as(browser, asgi_url, c.trainer)
    coach.goto(f"/oefenen/kamers/{c.room.pk}/")
    pages = {}
    for name, person in names.items():
        page = open_as(browser, asgi_url, person)
        page.goto(f"/oefenen/kamers/{c.room.pk}/")
        expect(page.locator("#room-socket")).to_have_attribute("data-transport", "websocket")
        pages[name] = page
    projector = open_as(browser, asgi_url, c.trainer)
    projector.goto(f"/oefenen/kamers/{c.room.pk}/scherm/")

    coach.get_by_role("button", name="Het besluit evalueren").click()
    sequence = c.room.last_sequence + 1
    m = Meeting(pages, sequence=sequence)
    expect(coach.locator("#room-phase")).to_have_text("evaluatie")
    expect(pages["Anna"].locator("#review")).to_contain_text("De gespreksleider leidt")
    scan(coach, "review: trainer, review opened")

    m.act("Anna", "review_proposed", outcome="keep", next_review_date="2028-01-15")
    expect(pages["Bram"].locator("#review-proposal")).to_contain_text("het besluit behouden")
    expect(projector.locator("#projector-review")).to_contain_text("het besluit behouden")
    scan(pages["Fenna"], "review: facilitator, outcome on the table")
    scan(projector, "review: projector")

    m.act("Fenna", "round_started", round_kind="review")
    c.room.refresh_from_db()
    order = load_state(c.room.pk, c.room.last_sequence).current_round.order
    by_id = {f"m{p.pk}": p.first_name for p in c.everyone}
    for member in order:
        m.act(by_id[member], "consent_answer_given", answer="consent")
    expect(pages["Fenna"].locator('form[data-action="review_concluded"]')).to_be_visible()
    scan(pages["Fenna"], "review: facilitator, circle consented")
    m.act("Fenna", "review_concluded")
    expect(pages["Piet"].locator("#review-outcome")).to_contain_text("behouden met consent")
    expect(projector.locator("#room-projector")).to_contain_text("behouden met consent")
    scan(pages["Piet"], "review: member, kept")
    shoot(pages["Fenna"], "room-review-kept")
    shoot(projector, "room-review-projector")

    coach.reload()
    coach.get_by_role("button", name="De vergadering sluiten").click()
    expect(coach.locator("#close-room")).to_have_count(0)
    pdf = coach.request.get(f"/oefenen/kamers/{c.room.pk}/notulen.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Evaluatie van het besluit" in text
    assert "behouden met consent" in text
    debrief = pages["Anna"]
    debrief.goto(f"/oefenen/kamers/{c.room.pk}/nabespreking/")
    expect(debrief.locator("#reviews")).to_contain_text("behouden met consent")
    scan(debrief, "review: debrief")
    shoot(debrief, "room-review-debrief")


def test_the_new_room_form_refuses_a_term_that_ends_before_it_starts(browser, asgi_url):  # noqa: F811
    c = make_room(start=False)
    coach = open_as(browser, asgi_url, c.trainer)
    coach.goto("/oefenen/kamers/nieuw/")
    coach.get_by_label("titel").fill("Verkiezing notulist")
    coach.get_by_label("uitvoering").select_option(str(c.cohort.pk))
    coach.get_by_label("proces").select_option("election")
    coach.get_by_label("rol waarvoor gekozen wordt").fill("Notulist")
    coach.get_by_label("taken (één per regel)").fill("Notuleren")
    coach.get_by_label("benodigde kwaliteiten (één per regel)").fill("Nauwkeurig")
    coach.get_by_label("termijn begint op").fill("2027-06-01")
    coach.get_by_label("termijn eindigt op").fill("2027-01-01")
    coach.get_by_role("button", name="De kamer openen").click()
    expect(coach.locator("#id_term_end_error")).to_have_text(
        "De termijn moet eindigen na de begindatum."
    )
    scan(coach, "new room: election with a bad term")
    shoot(coach, "room-new-bad-term")
    assert not Room.objects.filter(title="Verkiezing notulist").exists()
