from wagtail.models import Page

from courses.models import HomePage
from exercises.authoring import consent_page_fields, election_page_fields
from exercises.models import ElectionExercisePage, ExercisePage
from tests.exercises.scenarios import consent_scenario, election_scenario


def home_page() -> Page:
    home = HomePage.objects.first()
    if home is None:
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Leerkring", slug="home")
        )
    return home


def consent_exercise(parent: Page | None = None, scenario=None, **fields) -> ExercisePage:
    scenario = scenario or consent_scenario()
    values = {
        **consent_page_fields(scenario),
        "situation": "<p>De wijkkring besluit over het plein.</p>",
        **fields,
    }
    page = ExercisePage(**values)
    (parent or home_page()).add_child(instance=page)
    return page


def election_exercise(parent: Page | None = None, scenario=None, **fields) -> ElectionExercisePage:
    scenario = scenario or election_scenario()
    values = {
        **election_page_fields(scenario),
        "situation": "<p>De kring kiest een afgevaardigde.</p>",
        **fields,
    }
    page = ElectionExercisePage(**values)
    (parent or home_page()).add_child(instance=page)
    return page
