import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGES = ["/", "/account/login/", "/account/signup/", "/toegankelijkheid/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_speaks_dutch_by_default(client, path):
    # Even a browser that prefers English gets Dutch until the visitor chooses otherwise.
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert response.status_code == 200
    assert '<html lang="nl">' in response.text
    assert "Direct naar de inhoud" in response.text
    assert response["Content-Language"] == "nl"


def test_language_switch_to_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)

    assert '<html lang="en">' in response.text
    assert "Skip to content" in response.text
    assert "Log in" in response.text

    response = client.post(reverse("set_language"), {"language": "nl", "next": "/"}, follow=True)

    assert '<html lang="nl">' in response.text
    assert "Inloggen" in response.text


def test_unknown_language_in_cookie_falls_back_to_dutch(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    response = client.get("/")

    assert '<html lang="nl">' in response.text
