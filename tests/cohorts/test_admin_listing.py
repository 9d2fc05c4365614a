"""/beheer/cohorts/ with cheap rows (issue 15, leerkring.admin_listing): the same table as
Wagtail's own listing, the same actions for each kind of user, and the permission policy
asked a fixed number of times however many rows there are."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group
from wagtail.permission_policies.base import ModelPermissionPolicy

from accounts.models import User
from accounts.roles import EDITOR
from leerkring.admin_listing import QuickColumn, QuickListingMixin, QuickTitleColumn
from tests.cohorts.factories import make_cohort, make_trainer

pytestmark = pytest.mark.django_db


class _Tokens(HTMLParser):
    """Tags with their attributes and the text between them, whitespace runs as one space:
    what a browser and a screen reader get, whatever the template's indentation."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(sorted(attrs))))

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "text":
            data = self.tokens.pop()[1] + data
        self.tokens.append(("text", data))


def listing_table(html: str) -> list:
    start = html.rindex("<table", 0, html.index('class="listing'))
    parser = _Tokens()
    parser.feed(html[start : html.index("</table>", start)])
    return [
        ("text", re.sub(r"\s+", " ", token[1])) if token[0] == "text" else token
        for token in parser.tokens
    ]


def editor():
    user = User.objects.create_user(email="planner@example.nl", password="x-y-z-12345")
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


@pytest.fixture
def cohorts():
    trainer = make_trainer()
    own = [
        make_cohort(trainer=trainer, title="Deventer"),
        # Escaped alike in the title, the link and the dropdown's label.
        make_cohort(trainer=trainer, title="<b>Zwolle</b> & 'Kampen' \"oost\""),
    ]
    stranger = make_cohort(title="Elders")
    return trainer, own, stranger


def user_of(kind, trainer, django_user_model):
    if kind == "superuser":
        return django_user_model.objects.create_superuser(
            email="admin@example.nl", password="x-y-z-12345"
        )
    return editor() if kind == "planner" else trainer


@pytest.mark.parametrize("kind", ["superuser", "planner", "trainer"])
def test_the_rows_are_wagtails_own_listing(client, monkeypatch, cohorts, kind, django_user_model):
    trainer, _own, _stranger = cohorts
    client.force_login(user_of(kind, trainer, django_user_model))

    quick = client.get("/beheer/cohorts/")
    columns = list(quick.context["table"].columns.values())
    # Without the mixin the view is Wagtail's IndexView as it comes (with our queryset).
    for name in [name for name in vars(QuickListingMixin) if not name.startswith("__")]:
        monkeypatch.delattr(QuickListingMixin, name)
    stock = client.get("/beheer/cohorts/")

    assert isinstance(columns[0], QuickTitleColumn)
    assert all(isinstance(column, QuickColumn) for column in columns[1:])
    stock_columns = list(stock.context["table"].columns.values())
    assert not any(isinstance(c, (QuickTitleColumn, QuickColumn)) for c in stock_columns)
    assert listing_table(quick.content.decode()) == listing_table(stock.content.decode())


def row_of(html: str, title: str) -> str:
    """The listing row whose title cell shows `title`."""
    start = html.index("<tbody", html.index('class="listing'))
    rows = html[start : html.index("</tbody>", start)].split("<tr")
    return next(row for row in rows if title in row)


def actions(row: str) -> set[str]:
    return set(re.findall(r'href="/beheer/cohorts/(\w+)/\d+/"', row))


def test_a_trainer_sees_their_own_cohorts_to_edit_and_inspect(client, cohorts):
    trainer, own, stranger = cohorts
    client.force_login(trainer)

    html = client.get("/beheer/cohorts/").content.decode()

    assert stranger.title not in html
    row = row_of(html, "Deventer")
    cohort = own[0]
    assert f'<a href="/beheer/cohorts/edit/{cohort.pk}/">' in row  # the title links to edit
    assert f'href="/beheer/cohorts/inspect/{cohort.pk}/"' in row
    assert actions(row) == {"edit", "inspect"}  # trainers delete nothing
    assert f'aria-label="Meer opties voor &#x27;{cohort}&#x27;"' in row
    assert ">Wijzig<" in re.sub(r"\s+", "", row)
    assert ">Inspecteer<" in re.sub(r"\s+", "", row)


def test_a_planner_sees_every_cohort_to_edit_and_inspect(client, cohorts):
    _trainer, own, stranger = cohorts
    client.force_login(editor())

    html = client.get("/beheer/cohorts/").content.decode()

    for cohort in [*own, stranger]:
        row = row_of(html, f"/beheer/cohorts/edit/{cohort.pk}/")
        assert f'href="/beheer/cohorts/inspect/{cohort.pk}/"' in row
        assert actions(row) == {"edit", "inspect"}  # the editor role has no delete permission


def test_a_superuser_also_sees_delete(admin_client, cohorts):
    _trainer, _own, stranger = cohorts

    html = admin_client.get("/beheer/cohorts/").content.decode()

    row = row_of(html, "Elders")
    assert f'href="/beheer/cohorts/delete/{stranger.pk}/"' in row
    assert actions(row) == {"edit", "inspect", "delete"}
    assert ">Verwijderen<" in re.sub(r"\s+", "", row)


def test_a_title_is_escaped_not_interpreted(admin_client, cohorts):
    html = admin_client.get("/beheer/cohorts/").content.decode()

    assert "<b>Zwolle</b>" not in html
    assert "&lt;b&gt;Zwolle&lt;/b&gt; &amp; &#x27;Kampen&#x27; &quot;oost&quot;" in html


@pytest.mark.parametrize("kind", ["planner", "trainer"])
def test_the_permission_policy_is_asked_once_per_question_not_per_row(
    client, monkeypatch, kind, django_user_model
):
    trainer = make_trainer()
    client.force_login(user_of(kind, trainer, django_user_model))
    questions = []
    asked = ModelPermissionPolicy.user_has_permission
    monkeypatch.setattr(
        ModelPermissionPolicy,
        "user_has_permission",
        lambda policy, user, action: questions.append(action) or asked(policy, user, action),
    )

    counts = []
    for _ in range(2):
        for n in range(3):
            make_cohort(trainer=trainer, title=f"Groep {len(counts)}-{n}")
        questions.clear()
        response = client.get("/beheer/cohorts/")
        assert response.status_code == 200
        counts.append(len(questions))

    # 3 rows or 6: the same questions (the menu and header ask some too), none per row.
    assert counts[0] == counts[1], counts
