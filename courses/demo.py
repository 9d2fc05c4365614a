"""Demo pages for `manage.py load_demo`: the catalogue, five courses and the S3 e-learning.

Every page is looked up by its slug first, so running the loader again changes nothing.
"""

import math
import warnings
from datetime import time
from decimal import Decimal
from io import BytesIO

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from courses.models import (
    Audience,
    CourseFAQ,
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    HomeFeaturedCourse,
    HomePage,
    LessonPage,
    ProgrammeItem,
    Trainer,
    VatCategory,
)

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


# --- images ----------------------------------------------------------------------------

# (title, background, circle colour): simple circles, the sociocratic motif, drawn here.
DEMO_IMAGES = {
    "gemeente": ("Demo: kring van zes", "#1f6f50", "#f2c14e"),
    "leergang": ("Demo: twee kringen, dubbel gekoppeld", "#24506e", "#f6f1e7"),
    "s3": ("Demo: spiraal van principes", "#6b3f7a", "#f6f1e7"),
    "masterclass": ("Demo: consentronde", "#8a4b16", "#f6f1e7"),
    "vergaderen": ("Demo: vergadertafel", "#2f5d3a", "#f2c14e"),
    "trainer": ("Demo: portret", "#5a6b73", "#f6f1e7"),
}


def _draw(background: str, colour: str, seed: int) -> bytes:
    canvas = PillowImage.new("RGB", (960, 540), background)
    draw = ImageDraw.Draw(canvas)
    count = 4 + seed % 5
    for i in range(count):
        x = 480 + int(170 * math.cos(6.283 * i / count))
        y = 270 + int(170 * math.sin(6.283 * i / count))
        draw.ellipse((x - 48, y - 48, x + 48, y + 48), outline=colour, width=10)
    draw.ellipse((400, 190, 560, 350), outline=colour, width=6)
    buffer = BytesIO()
    canvas.save(buffer, format="PNG")
    return buffer.getvalue()


def ensure_demo_images() -> dict:
    Image = get_image_model()
    images = {}
    for seed, (key, (title, background, colour)) in enumerate(DEMO_IMAGES.items()):
        image = Image.objects.filter(title=title).first()
        if image is None:
            content = ImageFile(BytesIO(_draw(background, colour, seed)), name=f"demo-{key}.png")
            image = Image.objects.create(title=title, file=content)
        images[key] = image
    _prepare_renditions(images.values())
    return images


# The sizes the course card, the course page and the trainer profile ask for.
RENDITIONS = ("fill-480x270", "width-960", "fill-160x160")


def _prepare_renditions(images) -> None:
    """Make the renditions now, so the first visitor does not wait for them. Wagtail leaves
    each new rendition's temporary file to the garbage collector, hence the filter."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        for image in images:
            image.get_renditions(*RENDITIONS)


# --- trainers --------------------------------------------------------------------------


def ensure_trainers(images) -> list[Trainer]:
    User = get_user_model()
    tineke, _ = Trainer.objects.get_or_create(
        name="Tineke van Dijk",
        defaults={
            "role": "Gecertificeerd sociocratisch trainer",
            "bio": (
                "<p>Tineke werkte vijftien jaar bij een middelgrote gemeente, het laatst als "
                "projectleider participatie. Ze begeleidt raden, teams en bewonersgroepen die "
                "willen leren besluiten met consent, en houdt van oefenen boven uitleggen.</p>"
            ),
            "photo": images["trainer"],
            "user": User.objects.filter(email="trainer@leerkring.test").first(),
        },
    )
    joost, _ = Trainer.objects.get_or_create(
        name="Joost Verhoeven",
        defaults={
            "role": "Trainer en facilitator Sociocratie 3.0",
            "bio": (
                "<p>Joost helpt organisaties om met Sociocratie 3.0 kleine, veilige stappen te "
                "zetten. Hij schreef mee aan de e-learning en geeft de masterclass "
                "consentbesluitvorming.</p>"
            ),
        },
    )
    return [tineke, joost]


# --- pages -----------------------------------------------------------------------------


def _text(html: str):
    return ("text", RichText(html))


def _key_points(heading: str, *points: str):
    return ("key_points", {"heading": heading, "points": list(points)})


def _reflection(question: str, hint: str = ""):
    return ("reflection", {"question": question, "hint": hint})


def _goals(*goals: str):
    return [("goal", goal) for goal in goals]


def ensure_course_index(home: HomePage) -> CourseIndexPage:
    index = CourseIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=CourseIndexPage(
                title="Cursussen",
                slug="cursussen",
                intro=(
                    "<p>Kies een studiedag, leergang, masterclass of e-learning. Filter op vorm "
                    "en doelgroep, of zoek op een onderwerp zoals <i>consent</i> of "
                    "<i>kringen</i>.</p>"
                ),
            )
        )
    return index


def _ensure_course(
    index, *, slug, audiences, trainers, programme=(), faqs=(), **fields
) -> CoursePage:
    course = CoursePage.objects.child_of(index).filter(slug=slug).first()
    if course is not None:
        return course
    course = CoursePage(slug=slug, **fields)
    for order, (starts, ends, title, description) in enumerate(programme):
        course.programme_items.add(
            ProgrammeItem(
                sort_order=order,
                starts_at=starts,
                ends_at=ends,
                title=title,
                description=description,
            )
        )
    for order, (question, answer) in enumerate(faqs):
        course.faqs.add(CourseFAQ(sort_order=order, question=question, answer=answer))
    course.audiences.set(Audience.objects.filter(key__in=audiences))
    course.trainers.set(trainers)
    index.add_child(instance=course)
    course.save_revision().publish()
    return course


def _ensure_lessons(course: CoursePage, lessons: list[dict]) -> None:
    existing = set(LessonPage.objects.child_of(course).values_list("slug", flat=True))
    for lesson in lessons:
        if lesson["slug"] not in existing:
            course.add_child(instance=LessonPage(**lesson))


A = Audience.Key

GEMEENTE_PROGRAMME = [
    (
        time(9, 30),
        time(10, 0),
        "Welkom en kennismaking",
        "We openen met een ronde: wie bent u, en met welke vraag komt u vandaag?",
    ),
    (
        time(10, 0),
        time(12, 30),
        "Theorie: sociocratie als organisatiemethode",
        "Hoe een organisatie werkt met kringen, wat een gezamenlijk doel is, en welke spelregels "
        "bij besluiten met consent horen: wie beslist, wanneer een bezwaar telt en hoe u het "
        "samen oplost.",
    ),
    (time(12, 30), time(13, 15), "Lunch", ""),
    (
        time(13, 15),
        time(16, 0),
        "Praktijk: het consentgesprek oefenen",
        "In kleine kringen voert u zelf consentgesprekken, aan de hand van een voorstel uit uw "
        "eigen werk. U bent afwisselend gespreksleider, voorsteller en kringlid.",
    ),
    (
        time(16, 0),
        time(16, 30),
        "Afronding",
        "Wat neemt u mee? We sluiten af met een evaluatieronde, zoals dat in een kring hoort.",
    ),
]

S3_LESSONS = [
    {
        "title": "De zeven principes van S3",
        "slug": "de-zeven-principes",
        "estimated_minutes": 15,
        "intro": "Sociocratie 3.0 rust op zeven principes. Ze helpen u kiezen wanneer een patroon "
        "niet past.",
        "body": [
            _text(
                "<p>Sociocratie 3.0 (S3) is geen vast systeem maar een verzameling patronen: "
                "werkwijzen die u los van elkaar kunt invoeren. Wat ze bij elkaar houdt, zijn "
                "zeven principes. Wie ze begrijpt, kan ook zelf een nieuwe werkwijze bedenken.</p>"
                "<ul>"
                "<li><b>Effectiviteit</b>: besteed uw tijd alleen aan wat u dichter bij uw doel "
                "brengt.</li>"
                "<li><b>Consent</b>: ga door tenzij iemand een reden ziet om dat niet te doen, en "
                "zoek actief naar zulke redenen.</li>"
                "<li><b>Empirisme</b>: toets aannames door te proberen, te kijken en bij te "
                "sturen.</li>"
                "<li><b>Voortdurend verbeteren</b>: pas uw werk regelmatig in kleine stappen "
                "aan, in plaats van zelden in grote.</li>"
                "<li><b>Gelijkwaardigheid</b>: betrek wie door een besluit geraakt wordt bij dat "
                "besluit.</li>"
                "<li><b>Transparantie</b>: maak informatie beschikbaar voor iedereen in de "
                "organisatie, tenzij er een reden is voor vertrouwelijkheid.</li>"
                "<li><b>Verantwoordelijkheid</b>: doe wat u hebt afgesproken, spreek anderen "
                "aan op wat nodig is en neem eigenaarschap voor het geheel.</li>"
                "</ul>"
            ),
            _key_points(
                "Om te onthouden",
                "S3 is een gereedschapskist van patronen, geen blauwdruk.",
                "De zeven principes zijn de toets voor elk patroon dat u gebruikt.",
            ),
            _reflection(
                "Welk van de zeven principes gaat in uw eigen team al vanzelf goed, en welk "
                "zou u morgen willen versterken?",
                "Denk aan een recent overleg of besluit.",
            ),
        ],
    },
    {
        "title": "Drivers, waarde en verspilling",
        "slug": "drivers-waarde-en-verspilling",
        "estimated_minutes": 15,
        "intro": "Alles in S3 begint bij een driver: de reden om iets te doen.",
        "body": [
            _text(
                "<p>Een <b>driver</b> is de motivatie van een persoon of groep om te reageren op "
                "een situatie. Een goede driver beschrijft twee dingen: wat er nu gebeurt, en "
                "waarom dat ertoe doet voor de organisatie. Pas daarna gaat het over "
                "oplossingen.</p>"
                "<p>Met een driver in de hand kunt u het gesprek over <b>waarde</b> voeren: wat "
                "helpt ons om op deze driver in te spelen? Alles wat daar niet aan bijdraagt, is "
                "<b>verspilling</b>: overbodig werk, wachten, dubbel overleg, of een oplossing "
                "voor een probleem dat niemand heeft.</p>"
            ),
            _key_points(
                "Om te onthouden",
                "Een driver = de situatie + waarom die ertoe doet.",
                "Eerst de driver helder, dan pas het voorstel.",
                "Wat niet bijdraagt aan een driver, is verspilling.",
            ),
            _reflection(
                "Beschrijf een situatie uit uw werk als driver: wat gebeurt er, en waarom is "
                "dat belangrijk?"
            ),
        ],
    },
    {
        "title": "Domeinen en delegeren",
        "slug": "domeinen-en-delegeren",
        "estimated_minutes": 12,
        "intro": "Wie mag waarover beslissen? Een domein maakt het zichtbaar.",
        "body": [
            _text(
                "<p>Een <b>domein</b> is een gebied van invloed, werk en besluitvorming, "
                "afgebakend binnen een groter geheel. Een kring, een rol of een werkgroep heeft "
                "een domein. Wie een domein <b>delegeert</b>, geeft de verantwoordelijkheid "
                "ervoor aan een ander, maar blijft zelf verantwoordelijk voor het grotere "
                "geheel.</p>"
                "<p>Een goede beschrijving van een domein noemt het hoofddoel, de belangrijkste "
                "verantwoordelijkheden, de grenzen en wanneer u de afspraak opnieuw bekijkt.</p>"
            ),
            _reflection(
                "Is er in uw werk een taak waarvan onduidelijk is wie erover beslist? Hoe zou "
                "u dat domein omschrijven?"
            ),
        ],
    },
    {
        "title": "Governance en operations",
        "slug": "governance-en-operations",
        "estimated_minutes": 15,
        "intro": "Het werk doen en afspreken hoe u het werk doet: twee soorten overleg.",
        "body": [
            _text(
                "<p><b>Operations</b> is het werk zelf: plannen, uitvoeren, afstemmen. "
                "<b>Governance</b> is het besluiten over hoe u dat werk organiseert: welke "
                "doelen, welke rollen, welke afspraken.</p>"
                "<p>S3 raadt aan beide uit elkaar te houden met <b>twee backlogs</b>: een lijst "
                "met werk en een lijst met governancevragen. De governancevragen bespreekt u in "
                "een eigen <b>governance meeting</b>, met een vaste agenda en besluiten met "
                "consent. Zo blijft het werkoverleg over het werk gaan.</p>"
            ),
            _key_points(
                "Om te onthouden",
                "Twee backlogs: één voor werk, één voor governance.",
                "Governancevragen krijgen een eigen overleg.",
            ),
            _reflection(
                "Welke vraag uit uw laatste werkoverleg was eigenlijk een governancevraag?"
            ),
        ],
    },
    {
        "title": "Besluiten met consent",
        "slug": "besluiten-met-consent",
        "estimated_minutes": 20,
        "intro": "Van beeld via oordeel naar besluit, en wat een bezwaar wel en niet is.",
        "body": [
            _text(
                "<p>Een consentbesluit komt tot stand in drie stappen:</p>"
                "<ol>"
                "<li><b>Beeldvorming</b>: iedereen stelt vragen om het voorstel goed te "
                "begrijpen. Nog geen meningen.</li>"
                "<li><b>Oordeelsvorming</b>: in een ronde reageert ieder op het voorstel. De "
                "voorsteller kan het daarna aanpassen.</li>"
                "<li><b>Besluitvorming</b>: in een laatste ronde geeft ieder consent of noemt een "
                "bezwaar.</li>"
                "</ol>"
                "<p>Consent is <b>geen consensus</b>: niemand hoeft het voorstel het beste te "
                "vinden. Het is ook <b>geen veto</b>: een bezwaar moet beargumenteerd zijn en "
                "gaat over het gezamenlijke doel, niet over persoonlijke voorkeur.</p>"
                "<p>Een <b>bezwaar</b> is een reden waarom het voorstel schade doet of het doel "
                "in de weg staat; de kring zoekt samen naar een aanpassing. Een <b>zorg</b> is "
                "een twijfel die het besluit niet tegenhoudt; u noteert hem en kijkt er bij de "
                "evaluatie naar.</p>"
            ),
            (
                "key_points",
                {
                    "heading": "De vraag bij consent",
                    "points": [
                        "Is het goed genoeg voor nu, en veilig genoeg om te proberen?",
                        "Consent ≠ consensus ≠ veto.",
                        "Een bezwaar is een bijdrage aan een beter besluit.",
                    ],
                },
            ),
            _reflection(
                "Denk aan een besluit waar u het niet helemaal mee eens was. Had u een bezwaar "
                "of een zorg? Waarom?"
            ),
        ],
    },
    {
        "title": "De sociocratische verkiezing",
        "slug": "de-sociocratische-verkiezing",
        "estimated_minutes": 15,
        "intro": "Iemand kiezen voor een rol, zonder campagne en zonder verliezers.",
        "body": [
            _text(
                "<p>Bij een sociocratische verkiezing beschrijft de kring eerst de rol: taken, "
                "benodigde kwaliteiten en termijn. Dan schrijft ieder op wie hij of zij "
                "voordraagt, ook zichzelf als dat past. Daarna licht ieder in een ronde toe "
                "waarom.</p>"
                "<p>In een tweede ronde mag ieder zijn voordracht veranderen, omdat de "
                "argumenten van anderen overtuigen. De gespreksleider doet vervolgens een "
                "voorstel, en de kring besluit met consent. De voorgedragen persoon spreekt als "
                "laatste.</p>"
            ),
            _reflection(
                "Welke rol in uw organisatie zou u op deze manier willen laten kiezen, en wat "
                "zou er dan veranderen?"
            ),
        ],
    },
    {
        "title": "De vier basisregels van de SKM",
        "slug": "de-vier-basisregels-van-de-skm",
        "estimated_minutes": 12,
        "intro": "De Sociocratische Kringorganisatie Methode rust op vier regels.",
        "body": [
            _text(
                "<ol>"
                "<li><b>Consent</b> regeert de besluitvorming over beleid: een besluit valt als "
                "niemand een overwegend beargumenteerd bezwaar heeft.</li>"
                "<li>De organisatie bestaat uit <b>kringen</b>, die elk binnen hun domein beleid "
                "maken, uitvoeren en meten.</li>"
                "<li>Kringen zijn <b>dubbel gekoppeld</b>: de leidinggevende en een gekozen "
                "vertegenwoordiger nemen allebei deel aan de kring erboven.</li>"
                "<li>Mensen worden voor functies en taken gekozen met de <b>sociocratische "
                "verkiezing</b>, na open bespreking.</li>"
                "</ol>"
            ),
            _key_points(
                "Om te onthouden",
                "Consent, kring, dubbele koppeling, sociocratisch verkiezen.",
                "S3 bouwt voort op deze regels, maar maakt ze los inzetbaar.",
            ),
            _reflection("Welke van de vier regels zou in uw organisatie het meest veranderen?"),
        ],
    },
]


def ensure_courses(index: CourseIndexPage, images, trainers) -> list[CoursePage]:
    tineke, joost = trainers
    studiedag = _ensure_course(
        index,
        slug="studiedag-sociocratie-voor-gemeenten",
        title="Studiedag Sociocratie voor gemeenten",
        intro=(
            "Een dag om te ontdekken hoe sociocratie werkt en hoe het voelt om met consent te "
            "besluiten. Voor raad, college en organisatie: eerst de theorie, daarna zelf oefenen "
            "met voorstellen uit uw eigen praktijk."
        ),
        image=images["gemeente"],
        format=CourseFormat.STUDY_DAY,
        dagdelen=2,
        contact_hours=Decimal("6.0"),
        min_participants=5,
        max_participants=8,
        price_on_request=True,
        vat_category=VatCategory.HIGH,
        price_includes=(
            "<ul><li>een digitale intake vooraf en een evaluatie achteraf</li>"
            "<li>de voorbereiding door de trainer, afgestemd op uw gemeente</li>"
            "<li>de reiskosten van de trainer</li></ul>"
        ),
        price_excludes="<ul><li>de zaalhuur</li><li>lunch, koffie en thee</li></ul>",
        price_note=(
            "Gemeenten kunnen de btw over deze training in veel gevallen terugvragen via het "
            "BTW-compensatiefonds. Vraag uw financiële afdeling of dat voor u geldt."
        ),
        in_company=True,
        audiences=[
            A.COUNCILLORS,
            A.ADVISERS,
            A.PROJECT_LEADERS,
            A.EXECUTIVES,
            A.PARTICIPATION_LEADERS,
        ],
        trainers=[tineke],
        learning_goals=_goals(
            "U kunt uitleggen wat sociocratie als organisatiemethode is.",
            "U kent de spelregels van besluiten met consent.",
            "U hebt zelf een consentgesprek gevoerd en weet hoe u het kunt leiden.",
            "U weet waar consent in uw eigen overleggen of participatietrajecten kan helpen.",
        ),
        body=[
            _text(
                "<p>Steeds meer gemeenten zoeken manieren om inwoners, raad en organisatie echt "
                "samen te laten besluiten. Sociocratie biedt daarvoor een beproefde methode: "
                "iedereen wordt gehoord, bezwaren maken het besluit beter, en wat u besluit is "
                "goed genoeg om mee verder te gaan.</p>"
                "<p>Deze studiedag is bedoeld voor wie vergaderingen of participatietrajecten "
                "leidt, en voor wie wil weten wat er verandert als een groep met consent "
                "besluit.</p>"
            ),
            (
                "quote",
                {
                    "quote": "We dachten dat het langzamer zou gaan. Het omgekeerde bleek waar: "
                    "er kwam geen discussie meer achteraf.",
                    "attribution": "deelnemer, beleidsadviseur bij een gemeente",
                },
            ),
            # No "request a quote" button in the body: the course page itself offers the
            # in-company request form to every in-company course.
        ],
        programme=GEMEENTE_PROGRAMME,
        faqs=[
            (
                "Moeten de deelnemers voorkennis hebben?",
                "<p>Nee. De studiedag begint bij het begin. Wie al ervaring heeft, brengt "
                "die in bij het oefenen.</p>",
            ),
            (
                "Kan de studiedag ook bij ons op locatie?",
                "<p>Ja, in-company is mogelijk. U zorgt voor de zaal en de catering, wij voor de "
                "rest.</p>",
            ),
        ],
    )
    leergang = _ensure_course(
        index,
        slug="leergang-sociocratie",
        title="Leergang Sociocratie",
        intro=(
            "Hetzelfde onderwerp als de studiedag, maar met meer ruimte: vier dagdelen met "
            "tijd om tussendoor in uw eigen werk te oefenen en ervaringen te bespreken."
        ),
        image=images["leergang"],
        format=CourseFormat.LEERGANG,
        dagdelen=4,
        contact_hours=Decimal("12.0"),
        # More room than the study day's 5–8: a leergang works with a whole team of up to 14.
        min_participants=6,
        max_participants=14,
        price_amount=Decimal("895.00"),
        vat_category=VatCategory.HIGH,
        price_includes=(
            "<ul><li>intake en evaluatie</li><li>lesmateriaal</li>"
            "<li>koffie, thee en lunch</li></ul>"
        ),
        in_company=True,
        audiences=[A.CIVIL_SERVANTS, A.PROJECT_LEADERS, A.ADVISERS, A.PARTICIPATION_LEADERS],
        trainers=[tineke, joost],
        learning_goals=_goals(
            "U past consentbesluitvorming toe in uw eigen overleggen.",
            "U kunt een kringstructuur voor een team of project schetsen.",
            "U leidt een sociocratische verkiezing.",
        ),
        body=[
            _text(
                "<p>Tussen de dagdelen probeert u uit wat u hebt geleerd. Elke bijeenkomst "
                "begint met de vraag: wat werkte, en waar liep u tegenaan?</p>"
            )
        ],
        programme=[
            (
                None,
                None,
                "Dagdeel 1: sociocratie als organisatiemethode",
                "Kringen, doelen en de rol van de gespreksleider.",
            ),
            (
                None,
                None,
                "Dagdeel 2: besluiten met consent",
                "De drie stappen van een consentbesluit, en oefenen.",
            ),
            (
                None,
                None,
                "Dagdeel 3: bezwaren en zorgen",
                "Hoe u een bezwaar onderzoekt en het voorstel samen verbetert.",
            ),
            (
                None,
                None,
                "Dagdeel 4: verkiezen en verankeren",
                "De sociocratische verkiezing, en de stap naar uw eigen praktijk.",
            ),
        ],
    )
    s3 = _ensure_course(
        index,
        slug="sociocratie-3-0-introductie",
        title="Sociocratie 3.0 — introductie",
        intro=(
            "Een e-learning in zeven korte lessen over de principes en patronen van Sociocratie "
            "3.0. In uw eigen tempo, met bij elke les een vraag om over na te denken."
        ),
        image=images["s3"],
        format=CourseFormat.E_LEARNING,
        price_amount=Decimal("0.00"),
        vat_category=VatCategory.EXEMPT,
        audiences=[A.EVERYONE],
        trainers=[joost],
        learning_goals=_goals(
            "U kent de zeven principes van S3.",
            "U kunt een driver formuleren.",
            "U weet het verschil tussen een bezwaar en een zorg.",
        ),
        body=[
            _text(
                "<p>U begint meteen, in uw eigen tempo. Uw antwoorden op de reflectievragen "
                "zijn alleen voor uzelf zichtbaar.</p>"
            )
        ],
    )
    _ensure_lessons(s3, S3_LESSONS)
    masterclass = _ensure_course(
        index,
        slug="masterclass-consentbesluitvorming",
        title="Masterclass Consentbesluitvorming",
        intro=(
            "Voor wie al met consent werkt en lastige situaties beter wil begeleiden: "
            "taaie bezwaren, gevoelige onderwerpen en grote groepen."
        ),
        image=images["masterclass"],
        format=CourseFormat.MASTERCLASS,
        dagdelen=1,
        contact_hours=Decimal("3.5"),
        min_participants=4,
        max_participants=10,
        price_amount=Decimal("295.00"),
        vat_category=VatCategory.HIGH,
        audiences=[A.PARTICIPATION_LEADERS, A.PROJECT_LEADERS, A.EXECUTIVES],
        trainers=[joost],
        learning_goals=_goals(
            "U onderzoekt een bezwaar zonder dat de spreker zich aangevallen voelt.",
            "U houdt het overzicht in een consentronde met veel deelnemers.",
        ),
    )
    vergaderen = _ensure_course(
        index,
        slug="effectief-vergaderen-en-besluiten",
        title="Effectief vergaderen en besluiten",
        intro=(
            "Twee trainingsdagen over vergaderen zoals kringen dat doen: een heldere agenda, "
            "een openingsronde, besluiten met consent en een sluitingsronde die laat zien hoe "
            "goed het overleg was."
        ),
        image=images["vergaderen"],
        format=CourseFormat.LEERGANG,
        dagdelen=4,
        contact_hours=Decimal("12.0"),
        price_amount=Decimal("545.00"),
        vat_category=VatCategory.HIGH,
        in_company=True,
        audiences=[A.EVERYONE],
        trainers=[tineke],
        learning_goals=_goals(
            "U stelt een agenda op waarin elk punt een duidelijk doel heeft.",
            "U opent en sluit een vergadering met een ronde.",
            "U gebruikt de sluitingsronde als kwaliteitsmaat van het overleg.",
        ),
        programme=[
            (
                None,
                None,
                "Dag 1, ochtend: de agenda",
                "Welke punten horen erop, en wat is bij elk punt het doel: informeren, "
                "bespreken of besluiten?",
            ),
            (
                None,
                None,
                "Dag 1, middag: de openingsronde",
                "Iedereen is aanwezig en gehoord voordat de inhoud begint.",
            ),
            (
                None,
                None,
                "Dag 2, ochtend: besluiten",
                "Oefenen met beeldvorming, oordeelsvorming en besluitvorming.",
            ),
            (
                None,
                None,
                "Dag 2, middag: de sluitingsronde",
                "Terugkijken op het overleg zelf: wat ging goed, wat kan beter? Zo meet u "
                "de kwaliteit van elke vergadering.",
            ),
        ],
    )
    return [studiedag, leergang, s3, masterclass, vergaderen]


def ensure_home_content(home: HomePage, index: CourseIndexPage, featured: list[CoursePage]) -> None:
    if home.in_company_heading and home.featured_courses.exists():
        return
    home.in_company_heading = "In-company voor uw gemeente"
    home.in_company_text = (
        "<p>Wilt u uw raad, college of ambtelijke organisatie samen laten oefenen? Wij verzorgen "
        "de studiedag bij u op locatie, voor een groep van vijf tot acht deelnemers. De prijs is "
        "op aanvraag.</p>"
    )
    home.in_company_link = featured[0]
    home.featured_courses.set(
        [HomeFeaturedCourse(sort_order=i, course=course) for i, course in enumerate(featured)]
    )
    home.save_revision().publish()


def load_catalogue() -> CourseIndexPage:
    """The whole demo catalogue; safe to run again."""
    home = ensure_home_page()
    images = ensure_demo_images()
    trainers = ensure_trainers(images)
    index = ensure_course_index(home)
    courses = ensure_courses(index, images, trainers)
    home = HomePage.objects.get(pk=home.pk)
    ensure_home_content(home, index, [courses[0], courses[2], courses[4]])
    return index
