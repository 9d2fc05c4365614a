"""The privacy statement for `manage.py load_demo`: a page under home, editable in /beheer/."""

from django.utils.translation import gettext as _

from privacy.models import PrivacyPage

STATEMENT = """
<h2>Wie wij zijn</h2>
<p>Leerkring verzorgt trainingen en e-learning over sociocratie. Wij zijn verantwoordelijk
voor de persoonsgegevens die op dit platform worden verwerkt.</p>
<h2>Welke gegevens wij gebruiken en waarom</h2>
<ul>
<li><b>Account</b> (naam, e-mailadres, organisatie, functie, telefoon): om u te laten
inloggen, u in te schrijven en u te mailen over uw cursus. Grondslag: de overeenkomst.</li>
<li><b>Inschrijving, intake, aanwezigheid, evaluatie en voortgang</b>: om de training te
geven, de groep voor te bereiden en een certificaat te kunnen uitreiken. Grondslag: de
overeenkomst. De trainer van uw groep ziet uw intake en aanwezigheid.</li>
<li><b>Reflectienotities</b>: alleen voor uzelf; niemand anders ziet ze.</li>
<li><b>Oefenpogingen</b>: voor uw eigen leerproces; uw trainer ziet de resultaten.</li>
<li><b>Certificaten</b>: om te bewijzen dat u een cursus hebt afgerond. Op de openbare
controlepagina staat uw naam bij de code, zodat een werkgever kan nagaan dat het certificaat
echt is en bij u hoort. Zonder de code is niets te vinden.</li>
<li><b>Incompany-aanvragen en offertes</b>: om een training voor uw organisatie te regelen.
Offertes en geaccepteerde opdrachten bewaren wij zeven jaar (fiscale bewaarplicht).</li>
</ul>
<h2>Hoe lang wij gegevens bewaren</h2>
<p>Intakes, evaluaties en geannuleerde inschrijvingen bewaren wij tot 24 maanden na de
cursus. Een account dat nooit is bevestigd, verwijderen wij na 30 dagen.</p>
<h2>Wie gegevens ziet</h2>
<p>Alleen de trainers van uw groep en onze beheerders. Wie gegevens van deelnemers inziet of
exporteert, wordt vastgelegd in een toegangslog. Wij verkopen niets door.</p>
<h2>Uw rechten</h2>
<p>Onder "Mijn gegevens" kunt u uw gegevens inzien, wijzigen en downloaden, en uw account
verwijderen. Met vragen of een klacht kunt u ons mailen; u kunt ook een klacht indienen bij
de Autoriteit Persoonsgegevens.</p>
"""


def load_privacy_page(home) -> PrivacyPage:
    existing = PrivacyPage.objects.first()
    if existing:
        return existing
    page = PrivacyPage(
        title=_("Privacy statement"),
        slug="privacy",
        intro="Hoe Leerkring omgaat met uw persoonsgegevens.",
        body=STATEMENT.strip(),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page
