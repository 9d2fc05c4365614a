"""Demo exercises for `manage.py load_demo`: three consent scenarios in municipal settings and
one election, under the study day and the S3 e-learning (or the home page when those are
absent). Safe to run again: an exercise that exists is left as it is."""

from wagtail.models import Page

from exercises.authoring import consent_page_fields, election_page_fields
from exercises.consent import Method
from exercises.models import ElectionExercisePage, ExercisePage
from exercises.scenario import (
    Amendment,
    AnswerKind,
    ConsentContribution,
    ConsentRound,
    ConsentScenario,
    ElectionScenario,
    NominationScript,
    Persona,
    QuestionContribution,
    QuestionKind,
    Reaction,
)

STUDY_DAY_SLUG = "studiedag-sociocratie-voor-gemeenten"
S3_COURSE_SLUG = "sociocratie-3-0-introductie"

Q, A = QuestionKind, AnswerKind

# 1. Redesigning a neighbourhood square


KRUISKAMP = (
    Persona(
        "Samira El Amrani",
        "ambtenaar openbare ruimte",
        "Een plan dat binnen budget en planning blijft.",
    ),
    Persona("Henk Visser", "bewoner, voorzitter buurtvereniging", "Veilig en rustig wonen."),
    Persona("Joyce de Wit", "ondernemer, bakkerij aan het plein", "Klanten en de zaterdagmarkt."),
    Persona("Pieter Mulder", "wethouder", "Zichtbare resultaten in de wijk."),
)

MARKTPLEIN_V2 = (
    "We richten het Marktplein in twee fasen opnieuw in: eerst de oostkant, daarna de "
    "westkant. De zaterdagmarkt blijft op de helft die niet in aanbouw is, met stroom en water "
    "voor de kramen. Het plein krijgt vlakke bestrating, twaalf zitplekken, vier nieuwe bomen "
    "en een waterspeelplek."
)

MARKTPLEIN = ConsentScenario(
    title="Herinrichting van het Marktplein in Kruiskamp",
    driver=(
        "Het Marktplein is in 1998 aangelegd. De bestrating ligt scheef, er zijn het afgelopen "
        "jaar drie valpartijen gemeld en buiten de zaterdagmarkt gebruikt bijna niemand het "
        "plein. Er is € 450.000 gereserveerd dat dit jaar besteed moet worden."
    ),
    shared_aim=(
        "Een veilige en toegankelijke openbare ruimte in Kruiskamp, waar bewoners en "
        "ondernemers elkaar ontmoeten."
    ),
    proposal=(
        "We richten het Marktplein dit voorjaar opnieuw in: vlakke bestrating, twaalf "
        "zitplekken, vier nieuwe bomen en een waterspeelplek. De zaterdagmarkt verhuist tijdens "
        "de werkzaamheden (tien weken) naar de parkeerplaats aan de Kerkstraat."
    ),
    proposer="Samira El Amrani",
    personas=KRUISKAMP,
    questions=(
        QuestionContribution(
            "Samira El Amrani",
            Q.PASS,
            feedback="De indiener heeft het voorstel net toegelicht en past in de vragenronde.",
        ),
        QuestionContribution(
            "Henk Visser",
            Q.CLARIFYING,
            "Blijft het plein tijdens de werkzaamheden bereikbaar voor mensen met een rollator?",
            "Ja, langs de gevels blijft steeds een verhard looppad van anderhalve meter.",
            "Een echte verhelderende vraag: Henk vraagt informatie die hij nodig heeft om het "
            "voorstel te begrijpen, zonder er een oordeel in te leggen.",
        ),
        QuestionContribution(
            "Joyce de Wit",
            Q.OPINION,
            "Is het niet veel slimmer om de markt gewoon op het plein te laten staan?",
            feedback=(
                "Een mening in vraagvorm: 'is het niet slimmer…' draagt al een oordeel in zich. "
                "Bedank Joyce en vraag haar dit in de meningsvormende ronde in te brengen."
            ),
        ),
        QuestionContribution(
            "Pieter Mulder",
            Q.CLARIFYING,
            "Valt het onderhoud van de waterspeelplek binnen het huidige onderhoudsbudget?",
            "Nee, daarvoor is jaarlijks € 8.000 extra nodig; dat staat in de begroting van "
            "volgend jaar.",
            "Verhelderend: Pieter vraagt naar een feit dat in het voorstel ontbreekt.",
        ),
    ),
    reactions=(
        Reaction("Samira El Amrani", "Ik ben blij dat we het geld nu voor de buurt inzetten."),
        Reaction(
            "Henk Visser",
            "Goed voorstel. Vooral de vlakke bestrating is belangrijk voor de ouderen hier.",
        ),
        Reaction(
            "Joyce de Wit",
            "Tien weken zonder markt op het plein kost de kraamhouders veel klanten. Daar maak "
            "ik me echt druk om.",
            "Joyce geeft haar mening, en dat mag hier. Laat het bij één beurt: in deze ronde "
            "wordt niet gediscussieerd.",
        ),
        Reaction(
            "Pieter Mulder",
            "Ik steun de richting; de waterspeelplek trekt gezinnen naar het plein.",
        ),
    ),
    consent_rounds=(
        ConsentRound(
            answers=(
                ConsentContribution(
                    "Samira El Amrani",
                    A.CONSENT,
                    "Ik geef consent.",
                    "Consent: geen bezwaar.",
                ),
                ConsentContribution(
                    "Henk Visser",
                    A.CONCERN,
                    "Ik geef consent, maar ik maak me zorgen dat de waterspeelplek 's zomers "
                    "overlast geeft in de avond. Laten we dat na een jaar bekijken.",
                    "Een zorg: Henk blokkeert het besluit niet, maar wil dat er op gelet wordt. "
                    "De zorg wordt bij het besluit vastgelegd.",
                ),
                ConsentContribution(
                    "Joyce de Wit",
                    A.OBJECTION,
                    "Ik heb bezwaar. Als de markt tien weken op de parkeerplaats aan de "
                    "Kerkstraat staat, hebben de kramen geen stroom en water en raken de "
                    "kraamhouders hun vaste klanten kwijt. Dan verdwijnt juist de ontmoeting "
                    "op het plein waar onze doelstelling om draait.",
                    "Een beargumenteerd bezwaar: Joyce legt uit hoe het voorstel de "
                    "gemeenschappelijke doelstelling schaadt.",
                    "Overwegend bezwaar: het argument is concreet en raakt de ontmoeting tussen bewoners en "
                    "ondernemers. Het bezwaar moet worden geïntegreerd voor er een besluit is.",
                ),
                ConsentContribution(
                    "Pieter Mulder",
                    A.PREFERENCE,
                    "Ik heb bezwaar: ik had liever gras gehad dan een waterspeelplek.",
                    "Dit klinkt als een bezwaar, maar het is een voorkeur: Pieter zegt niet hoe "
                    "de waterspeelplek de doelstelling schaadt.",
                    "Geen overwegend bezwaar: een voorkeur zonder argument over de doelstelling blokkeert "
                    "het besluit niet. Vraag Pieter of hij het als aandachtspunt wil meegeven.",
                ),
            ),
            amendments=(
                Amendment(
                    "We richten het Marktplein dit voorjaar opnieuw in: vlakke bestrating, "
                    "twaalf zitplekken, vier nieuwe bomen en een waterspeelplek. De "
                    "zaterdagmarkt verhuist tien weken naar de Kerkstraat en de gemeente betaalt "
                    "de kraamhouders een tegemoetkoming.",
                    False,
                    "Geld compenseert omzet, maar neemt de kern van het bezwaar niet weg: de "
                    "ontmoeting op het plein verdwijnt nog steeds tien weken.",
                ),
                Amendment(
                    MARKTPLEIN_V2,
                    True,
                    "Dit integreert het bezwaar: de markt blijft op het plein, met stroom en "
                    "water, en de herinrichting gaat door.",
                ),
                Amendment(
                    "We stellen de herinrichting van het Marktplein een jaar uit, tot er een "
                    "plan is waar iedereen enthousiast over is.",
                    False,
                    "Uitstel lost het bezwaar niet op en laat de aanleiding liggen: het plein "
                    "blijft onveilig en het geld vervalt. Consent vraagt ook geen enthousiasme.",
                ),
            ),
        ),
        ConsentRound(
            answers=(
                ConsentContribution("Samira El Amrani", A.CONSENT, "Consent.", "Consent."),
                ConsentContribution(
                    "Henk Visser",
                    A.CONCERN,
                    "Consent, met mijn zorg over avondoverlast bij de waterspeelplek.",
                    "Henk herhaalt zijn zorg op de nieuwe versie; die gaat mee in het besluit.",
                ),
                ConsentContribution(
                    "Joyce de Wit",
                    A.CONSENT,
                    "Ik geef consent; zo kan de markt blijven.",
                    "Joyce's bezwaar is geïntegreerd: zij geeft nu consent.",
                ),
                ConsentContribution(
                    "Pieter Mulder", A.CONSENT, "Consent.", "Consent: geen bezwaar."
                ),
            ),
        ),
    ),
    review_after_months=12,
)


# 2. Winter shelter for homeless people

ZORG_EN_VEILIGHEID = (
    Persona(
        "Marloes Jansen",
        "ambtenaar maatschappelijke opvang",
        "Niemand wegsturen in een vriesnacht.",
    ),
    Persona("Erik van den Berg", "wethouder zorg", "Een sluitende aanpak binnen de begroting."),
    Persona("Fatma Yilmaz", "bewoner, buurtplatform Lindelaan", "Een rustige, veilige straat."),
    Persona("Ruud Hendriks", "ondernemer, café aan de Lindelaan", "Geen overlast voor gasten."),
)

WINTEROPVANG = ConsentScenario(
    title="Extra winteropvang voor dak- en thuislozen",
    driver=(
        "Vorige winter moesten in elf vriesnachten mensen worden weggestuurd omdat de "
        "nachtopvang vol was. Straatwerkers zien dit jaar meer mensen buiten slapen."
    ),
    shared_aim=(
        "Niemand in onze gemeente hoeft buiten te slapen, en de opvang is goed ingebed in de buurt."
    ),
    proposal=(
        "Van 1 december tot 1 maart openen we een extra winteropvang met 25 bedden in het "
        "leegstaande schoolgebouw aan de Lindelaan, elke nacht van 20.00 tot 9.00 uur, met twee "
        "medewerkers per nacht."
    ),
    proposer="Marloes Jansen",
    personas=ZORG_EN_VEILIGHEID,
    questions=(
        QuestionContribution("Marloes Jansen", Q.PASS, feedback="De indiener past."),
        QuestionContribution(
            "Erik van den Berg",
            Q.CLARIFYING,
            "Wat kost de winteropvang en waaruit betalen we die?",
            "€ 180.000 per winter, uit de uitkering voor maatschappelijke opvang.",
            "Verhelderend: een vraag naar feiten die in het voorstel ontbreken.",
        ),
        QuestionContribution(
            "Fatma Yilmaz",
            Q.CLARIFYING,
            "Hoe horen de omwonenden ervan, en bij wie kunnen ze terecht?",
            "Via een bewonersavond in november en een telefoonnummer dat dag en nacht "
            "bereikbaar is.",
            "Verhelderend: Fatma wil weten hoe het voorstel werkt, niet of het goed is.",
        ),
        QuestionContribution(
            "Ruud Hendriks",
            Q.OPINION,
            "Zou het niet beter zijn om het op het industrieterrein te doen, waar niemand er "
            "last van heeft?",
            feedback=(
                "Een 'waarom niet…'-voorstel in vraagvorm is een mening. Vraag Ruud het in de "
                "meningsvormende ronde te zeggen."
            ),
        ),
    ),
    reactions=(
        Reaction("Marloes Jansen", "Ik ben blij dat we dit jaar op tijd voorbereid zijn."),
        Reaction("Erik van den Berg", "Goed dat we naar nul weggestuurde mensen willen."),
        Reaction("Fatma Yilmaz", "Ik steun het, als de buurt er goed bij betrokken wordt."),
        Reaction(
            "Ruud Hendriks",
            "Ik vrees overlast in de straat, vooral 's ochtends als de opvang sluit.",
        ),
    ),
    consent_rounds=(
        ConsentRound(
            answers=(
                ConsentContribution("Marloes Jansen", A.CONSENT, "Consent.", "Consent."),
                ConsentContribution(
                    "Erik van den Berg",
                    A.CONCERN,
                    "Consent, maar ik maak me zorgen dat 25 bedden bij strenge vorst te weinig "
                    "zijn. Laten we de bezetting elke week bekijken.",
                    "Een zorg: Erik blokkeert niet en geeft een aandachtspunt mee.",
                ),
                ConsentContribution(
                    "Fatma Yilmaz",
                    A.OBJECTION,
                    "Ik heb bezwaar. De opvang sluit om 9.00 uur, precies wanneer de kinderen "
                    "van de basisschool ernaast naar binnen gaan. Zonder afspraken over de "
                    "uitloop ontstaat onrust bij de school en verliest de opvang het draagvlak "
                    "in de buurt, terwijl inbedding in de buurt in onze doelstelling staat.",
                    "Een beargumenteerd bezwaar, gekoppeld aan de doelstelling.",
                    "Overwegend bezwaar: Fatma laat zien hoe het voorstel de inbedding in de buurt schaadt.",
                ),
                ConsentContribution(
                    "Ruud Hendriks",
                    A.PREFERENCE,
                    "Ik heb bezwaar, want ik zie de opvang liever ergens anders in de stad.",
                    "Een voorkeur, verpakt als bezwaar: Ruud zegt niet hoe dit de doelstelling "
                    "schaadt.",
                    "Geen overwegend bezwaar: 'liever ergens anders' is een voorkeur. Vraag door naar een "
                    "argument; zonder argument blokkeert het niet.",
                ),
            ),
            amendments=(
                Amendment(
                    "Van 1 december tot 1 maart openen we een extra winteropvang met 25 bedden "
                    "aan de Lindelaan, elke nacht van 20.00 tot 9.00 uur, en de politie "
                    "surveilleert 's ochtends extra.",
                    False,
                    "Surveillance pakt de gevolgen aan, niet de oorzaak: de uitloop valt nog "
                    "steeds samen met de schooltijd.",
                ),
                Amendment(
                    "Van 1 december tot 1 maart openen we een extra winteropvang met 25 bedden "
                    "aan de Lindelaan, elke nacht van 20.00 tot 8.00 uur. De uitloop gaat via "
                    "de achteringang aan de Parkweg, en een klankbordgroep met de school en "
                    "omwonenden komt elke maand bijeen.",
                    True,
                    "Dit integreert het bezwaar: de uitloop botst niet meer met de school en de "
                    "buurt heeft een vaste plek om signalen in te brengen.",
                ),
                Amendment(
                    "We openen de winteropvang aan de Lindelaan alleen in nachten waarin het "
                    "vriest.",
                    False,
                    "Minder nachten open betekent dat mensen op andere koude nachten buiten "
                    "slapen: dat schaadt een ander deel van de doelstelling.",
                ),
            ),
        ),
        ConsentRound(
            answers=(
                ConsentContribution("Marloes Jansen", A.CONSENT, "Consent.", "Consent."),
                ConsentContribution(
                    "Erik van den Berg",
                    A.CONCERN,
                    "Consent, met mijn zorg over het aantal bedden bij strenge vorst.",
                    "Een zorg, die bij het besluit wordt vastgelegd.",
                ),
                ConsentContribution(
                    "Fatma Yilmaz",
                    A.CONSENT,
                    "Consent: zo kan de buurt ermee leven.",
                    "Het bezwaar is geïntegreerd.",
                ),
                ConsentContribution("Ruud Hendriks", A.CONSENT, "Consent.", "Consent."),
            ),
        ),
    ),
    review_after_months=4,
)


# 3. A large investment (Sociocracy 3.0)

BEDRIJFSVOERING = (
    Persona("Koen de Graaf", "ambtenaar vastgoed", "Een gebouw dat klaar is voor 2030."),
    Persona("Annemiek Smit", "wethouder financiën", "Een sluitende begroting."),
    Persona("Lotte Vermeulen", "bewoner, adviesraad duurzaamheid", "Snel van het gas af."),
    Persona("Yusuf Öztürk", "ondernemer, ondernemersvereniging", "Werk voor lokale bedrijven."),
)

GEMEENTEHUIS = ConsentScenario(
    title="Investering in de verduurzaming van het gemeentehuis",
    driver=(
        "De energierekening van het gemeentehuis is in twee jaar verdubbeld tot € 310.000 per "
        "jaar, en de gemeenteraad heeft vastgelegd dat het gemeentelijk vastgoed in 2030 "
        "aardgasvrij is."
    ),
    shared_aim=(
        "Betaalbare, betrouwbare en duurzame huisvesting voor de gemeentelijke organisatie."
    ),
    proposal=(
        "We investeren € 2,4 miljoen in 600 zonnepanelen, warmtepompen en isolatie van het dak "
        "van het gemeentehuis. Het werk gebeurt in 2027; het gebouw blijft open. We rekenen op "
        "€ 350.000 subsidie."
    ),
    proposer="Koen de Graaf",
    personas=BEDRIJFSVOERING,
    questions=(
        QuestionContribution("Koen de Graaf", Q.PASS, feedback="De indiener past."),
        QuestionContribution(
            "Annemiek Smit",
            Q.CLARIFYING,
            "Wat is de terugverdientijd?",
            "Ongeveer veertien jaar bij de huidige energieprijzen; daarna besparen we zo'n "
            "€ 170.000 per jaar.",
            "Verhelderend: een vraag naar een feit.",
        ),
        QuestionContribution(
            "Lotte Vermeulen",
            Q.OPINION,
            "Waarom kopen we niet gewoon groene stroom in? Dat is toch veel goedkoper?",
            feedback=(
                "Een tegenvoorstel in vraagvorm: een mening. Die hoort in de meningsvormende ronde."
            ),
        ),
        QuestionContribution(
            "Yusuf Öztürk",
            Q.CLARIFYING,
            "Is de subsidie al toegekend?",
            "Nee, de aanvraag loopt; het besluit valt in het voorjaar van 2027.",
            "Verhelderend, en belangrijk: het antwoord komt straks terug in een bezwaar.",
        ),
    ),
    reactions=(
        Reaction("Koen de Graaf", "Dit is de grootste stap naar een aardgasvrij gemeentehuis."),
        Reaction("Annemiek Smit", "Ik wil het, maar ik let op het risico voor de begroting."),
        Reaction("Lotte Vermeulen", "Eindelijk. Ik had het liefst nog meer panelen gezien."),
        Reaction("Yusuf Öztürk", "Mooi als lokale installateurs een kans krijgen."),
    ),
    consent_rounds=(
        ConsentRound(
            answers=(
                ConsentContribution("Koen de Graaf", A.CONSENT, "Consent.", "Consent."),
                ConsentContribution(
                    "Annemiek Smit",
                    A.OBJECTION,
                    "Ik heb bezwaar. Het voorstel rekent op € 350.000 subsidie die nog niet is "
                    "toegekend. Komt die niet, dan ontstaat een gat in de begroting van 2027 en "
                    "is de huisvesting niet meer betaalbaar. Dat raakt onze doelstelling direct.",
                    "Een beargumenteerd bezwaar: Annemiek noemt een concreet risico voor de "
                    "doelstelling (betaalbaarheid).",
                    "Overwegend bezwaar: het argument volgt uit de feiten en raakt de doelstelling.",
                ),
                ConsentContribution(
                    "Lotte Vermeulen",
                    A.CONCERN,
                    "Consent. Wel een zorg: de bouwoverlast voor bezoekers. Zorg voor goede "
                    "communicatie.",
                    "Een zorg: Lotte blokkeert niet.",
                ),
                ConsentContribution(
                    "Yusuf Öztürk",
                    A.PREFERENCE,
                    "Ik heb bezwaar, want ik vind zonnepanelen op dit mooie gebouw eerlijk "
                    "gezegd lelijk.",
                    "Een voorkeur over uiterlijk, zonder verband met de doelstelling.",
                    "Geen overwegend bezwaar: smaak is geen argument over de doelstelling.",
                ),
            ),
            amendments=(
                Amendment(
                    "We investeren € 2,4 miljoen in zonnepanelen, warmtepompen en isolatie. "
                    "Komt de subsidie niet, dan vragen we de raad achteraf om extra krediet.",
                    False,
                    "Dit schuift het risico door naar later: het gat in de begroting kan nog "
                    "steeds ontstaan.",
                ),
                Amendment(
                    "We investeren in twee stappen. In 2027 isoleren we het dak en plaatsen we "
                    "600 zonnepanelen (€ 1,3 miljoen, gedekt zonder subsidie). De warmtepompen "
                    "(€ 1,1 miljoen) volgen zodra de subsidie is toegekend, uiterlijk in 2028.",
                    True,
                    "Dit integreert het bezwaar: het deel dat van de subsidie afhangt wacht op "
                    "de toekenning, en de verduurzaming begint toch.",
                ),
                Amendment(
                    "We investeren € 2,4 miljoen en dekken een eventueel tekort uit het "
                    "onderhoudsbudget van de sportvelden.",
                    False,
                    "Dit verplaatst de schade naar een ander doel, waar deze kring niet over gaat.",
                ),
            ),
        ),
        ConsentRound(
            answers=(
                ConsentContribution("Koen de Graaf", A.CONSENT, "Consent.", "Consent."),
                ConsentContribution(
                    "Annemiek Smit",
                    A.CONSENT,
                    "Consent: het risico is weg.",
                    "Het bezwaar is geïntegreerd.",
                ),
                ConsentContribution(
                    "Lotte Vermeulen",
                    A.CONCERN,
                    "Consent, met mijn zorg over de bouwoverlast.",
                    "Een zorg, die bij het besluit wordt vastgelegd.",
                ),
                ConsentContribution("Yusuf Öztürk", A.CONSENT, "Consent.", "Consent."),
            ),
        ),
    ),
    method=Method.S3,
    review_after_months=12,
)


# 4. Electing a delegate for double linking

AFGEVAARDIGDE = ElectionScenario(
    title="Een afgevaardigde kiezen voor de gemeentelijke kring",
    role="Afgevaardigde van de wijkkring Kruiskamp in de kring Openbare Ruimte",
    role_description=(
        "Door dubbele koppeling neemt de afgevaardigde samen met de leider deel aan de hogere "
        "kring. De afgevaardigde brengt daar het perspectief van de wijkkring in, neemt deel "
        "aan de besluitvorming en koppelt terug."
    ),
    tasks=(
        "Neemt elke maand deel aan de kring Openbare Ruimte (dinsdagavond)",
        "Brengt de standpunten van de wijkkring in",
        "Koppelt na elke vergadering schriftelijk terug",
    ),
    qualities=(
        "Kan het perspectief van de wijk helder verwoorden",
        "Beschikbaar op dinsdagavond",
        "Onafhankelijk van de gemeentelijke lijn",
    ),
    personas=KRUISKAMP,
    nominations=(
        NominationScript(
            "Samira El Amrani",
            "Henk Visser",
            "Ik nomineer Henk: hij kent de buurt als geen ander en zegt wat hij denkt.",
            changes=True,
            new_nominee="Joyce de Wit",
            change_reason=(
                "Nu ik hoor dat Henk op dinsdagavond niet kan, verander ik naar Joyce: zij "
                "verwoordt de wijk goed en kan wel."
            ),
        ),
        NominationScript(
            "Henk Visser",
            "Joyce de Wit",
            "Ik nomineer Joyce. Ik ben zelf op dinsdagavond nooit beschikbaar, en Joyce komt "
            "altijd goed voorbereid en staat midden in de wijk.",
            change_reason="Ik blijf bij Joyce.",
        ),
        NominationScript(
            "Joyce de Wit",
            "Henk Visser",
            "Ik nomineer Henk: hij is al jaren het aanspreekpunt voor bewoners.",
            change_reason="Ik blijf bij Henk, al begrijp ik dat de dinsdag lastig is.",
        ),
        NominationScript(
            "Pieter Mulder",
            "Henk Visser",
            "Henk, omdat de meesten hem toch al noemen.",
            change_reason="Ik blijf bij Henk: hij heeft de meeste nominaties.",
        ),
    ),
    candidate="Joyce de Wit",
    candidate_feedback=(
        "Joyce past het best bij de rol: zij verwoordt het perspectief van de wijk, is "
        "beschikbaar op dinsdagavond en staat los van de gemeentelijke lijn. Henk kreeg evenveel "
        "nominaties, maar hij kan op dinsdagavond niet, en Pieters reden ging over het aantal, "
        "niet over de rol."
    ),
    wrong_candidate_feedback=(
        "Kijk naar de redenen, niet naar het aantal nominaties. De rol vraagt beschikbaarheid "
        "op dinsdagavond en onafhankelijkheid van de gemeentelijke lijn. Wie voldoet daar "
        "volgens de redenen het best aan?"
    ),
    consent_answers=(
        ConsentContribution("Samira El Amrani", A.CONSENT, "Consent.", "Consent."),
        ConsentContribution(
            "Henk Visser", A.CONSENT, "Consent, van harte.", "Consent: geen bezwaar."
        ),
        ConsentContribution(
            "Pieter Mulder",
            A.CONCERN,
            "Consent. Mijn zorg: zorg dat je na elke vergadering echt terugkoppelt.",
            "Een zorg: Pieter blokkeert niet.",
        ),
        ConsentContribution(
            "Joyce de Wit",
            A.CONSENT,
            "Ik geef consent en neem de rol graag aan.",
            "De kandidaat antwoordt als laatste: consent.",
        ),
    ),
    term_months=12,
)

SITUATIONS = {
    MARKTPLEIN.title: (
        "<p>U bent gespreksleider van de <b>wijkkring Kruiskamp</b>, waarin gemeente, "
        "bewoners en ondernemers samen besluiten over de openbare ruimte. Vandaag ligt het "
        "voorstel voor de herinrichting van het Marktplein op tafel.</p>"
    ),
    WINTEROPVANG.title: (
        "<p>U bent gespreksleider van de <b>kring Zorg en Veiligheid</b>. De winter komt eraan "
        "en de nachtopvang zat vorig jaar vaak vol.</p>"
    ),
    GEMEENTEHUIS.title: (
        "<p>U bent facilitator van de <b>kring Bedrijfsvoering</b>, die werkt met de patronen "
        "van Sociocratie 3.0. Voordat het voorstel wordt gepresenteerd, toetst de kring de "
        "aanleiding (driver).</p>"
    ),
    AFGEVAARDIGDE.title: (
        "<p>U bent gespreksleider van de <b>wijkkring Kruiskamp</b>. De kring kiest een "
        "afgevaardigde voor de gemeentelijke kring Openbare Ruimte (dubbele koppeling), in een "
        "open sociocratische verkiezing.</p>"
    ),
}

SLUGS = {
    MARKTPLEIN.title: "oefening-herinrichting-marktplein",
    WINTEROPVANG.title: "oefening-winteropvang",
    GEMEENTEHUIS.title: "oefening-verduurzaming-gemeentehuis",
    AFGEVAARDIGDE.title: "oefening-afgevaardigde-kiezen",
}


def load_exercises() -> list[Page]:
    """The four demo exercises, created where they are missing."""
    from courses.models import CoursePage, HomePage

    home = HomePage.objects.first()
    study_day = CoursePage.objects.filter(slug=STUDY_DAY_SLUG).first() or home
    s3_course = CoursePage.objects.filter(slug=S3_COURSE_SLUG).first() or home
    return [
        _ensure(ExercisePage, consent_page_fields(MARKTPLEIN), study_day),
        _ensure(ExercisePage, consent_page_fields(WINTEROPVANG), study_day),
        _ensure(ElectionExercisePage, election_page_fields(AFGEVAARDIGDE), study_day),
        _ensure(ExercisePage, consent_page_fields(GEMEENTEHUIS), s3_course),
    ]


def _ensure(model, fields: dict, parent: Page | None) -> Page:
    slug = SLUGS[fields["title"]]
    existing = model.objects.filter(slug=slug).first()
    if existing is not None or parent is None:
        return existing
    page = model(slug=slug, situation=SITUATIONS[fields["title"]], **fields)
    parent.add_child(instance=page)
    return page
