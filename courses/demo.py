"""Demo pages for `manage.py load_demo`."""

from wagtail.models import Page, Site

from courses.models import HomePage

HOME_INTRO = (
    "<p>Leerkring is de plek om sociocratie te leren én te oefenen: studiedagen, "
    "leergangen en e-learning over consentbesluitvorming, voor gemeenten en iedereen "
    "die samen beter wil besluiten.</p>"
)


def ensure_home_page() -> HomePage:
    """The site's root page, created if a database was emptied (e.g. by a browser test)."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Leerkring", slug="home", intro=HOME_INTRO))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Leerkring"},
    )
    return home
