"""Issue 11, item 14: a privacy statement editors keep up to date in Wagtail, linked from
every page's footer."""

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.models import HomePage
from privacy.demo import load_privacy_page
from privacy.models import PrivacyPage
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    from courses.demo import ensure_home_page

    return ensure_home_page()


def test_an_editor_creates_the_statement_under_home_in_the_admin(client, home):
    client.force_login(UserFactory(roles=["Editor"]))

    response = client.post(
        f"/beheer/pages/add/privacy/privacypage/{home.pk}/",
        nested_form_data(
            {
                "title": "Privacyverklaring",
                "slug": "privacy",
                "intro": "Hoe wij omgaan met uw gegevens.",
                "body": rich_text("<p>Wij bewaren uw intake 24 maanden.</p>"),
                "action-publish": "publish",
            }
        ),
    )

    assert response.status_code == 302
    page = PrivacyPage.objects.get()
    assert page.live and page.get_parent().specific_class is HomePage


def test_only_one_statement_and_only_under_home(home):
    assert PrivacyPage.can_create_at(home)
    load_privacy_page(home)
    assert not PrivacyPage.can_create_at(home)
    assert not PrivacyPage.can_create_at(Page.get_first_root_node())


def test_the_footer_links_to_the_statement(client, home):
    page = load_privacy_page(home)

    footer = client.get("/toegankelijkheid/").text.split('<footer class="site-footer">')[1]
    assert 'href="/privacyverklaring/"' in footer
    response = client.get("/privacyverklaring/", follow=True)

    assert response.redirect_chain[-1][0] == page.url
    assert "Privacyverklaring" in response.text or page.title in response.text
    assert "controlepagina staat uw naam" in response.text


def test_without_a_statement_the_footer_link_gives_404(client, home):
    assert client.get("/privacyverklaring/").status_code == 404
