import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_is_the_site_root_with_landmarks(client):
    response = client.get("/")

    assert response.status_code == 200
    assert "courses/home_page.html" in [t.name for t in response.templates]
    html = response.text
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html
    assert '<nav class="site-nav" id="site-nav" aria-label="Hoofdmenu">' in html
    assert "<footer" in html
    assert "<h1" in html


def test_header_offers_login_to_visitors_and_logout_to_members(client, django_user_model):
    assert "Inloggen" in client.get("/").text

    client.force_login(django_user_model.objects.create_user("lid@example.nl", "x"))
    html = client.get("/").text

    assert "Uitloggen" in html
    assert "Mijn leerkring" in html


def test_footer_links_to_the_accessibility_statement(client):
    html = client.get("/").text

    assert reverse("accessibility") in html
    statement = client.get(reverse("accessibility"))
    assert "Status B: voldoet gedeeltelijk." in statement.text
    assert "WCAG 2.1 niveau AA" in statement.text


def test_unknown_page_gives_a_dutch_404(client):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in response.text


def test_scripts_run_only_with_the_csp_nonce(client):
    response = client.get("/")

    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "object-src 'none'" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.text
