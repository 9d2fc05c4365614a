"""Demo exercises for `manage.py load_demo`: five consent scenarios in municipal settings (two
objections, an objection on the amended version, preferences posing as objections, one that
must be referred to the higher circle, a raad and a participatietraject) and two elections
(one with a preference voiced as an objection), under the study day and the S3 e-learning (or
the home page when those are absent). Safe to run again: an exercise that exists is left as
it is."""

from dataclasses import replace

from wagtail.models import Page

from exercises.authoring import consent_page_fields, election_page_fields
from exercises.consent import Method, ReviewOutcome
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
    PersonaReaction,
    QuestionContribution,
    QuestionKind,
    Reaction,
    ReviewOption,
    ReviewScript,
    Situation,
)

STUDY_DAY_SLUG = "studiedag-sociocratie-voor-gemeenten"
S3_COURSE_SLUG = "sociocratie-3-0-introductie"

Q, A, S = QuestionKind, AnswerKind, Situation


def reacts(persona: Persona, goal: str, temperament: str, **reactions: str) -> Persona:
    """The persona with a goal, a temperament and what they say per situation."""
    return replace(
        persona,
        goal=goal,
        temperament=temperament,
        reactions=tuple(PersonaReaction(Situation(k), v) for k, v in reactions.items()),
    )


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
                    "Overwegend bezwaar: het argument is concreet en raakt de ontmoeting tussen "
                    "bewoners en ondernemers. Het bezwaar moet worden geïntegreerd voor er een "
                    "besluit is.",
                ),
                ConsentContribution(
                    "Pieter Mulder",
                    A.PREFERENCE,
                    "Ik heb bezwaar: ik had liever gras gehad dan een waterspeelplek.",
                    "Dit klinkt als een bezwaar, maar het is een voorkeur: Pieter zegt niet hoe "
                    "de waterspeelplek de doelstelling schaadt.",
                    "Geen overwegend bezwaar: een voorkeur zonder argument over de doelstelling "
                    "blokkeert het besluit niet. Vraag Pieter of hij het als aandachtspunt wil "
                    "meegeven.",
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
                    "Overwegend bezwaar: Fatma laat zien hoe het voorstel de inbedding in de buurt "
                    "schaadt.",
                ),
                ConsentContribution(
                    "Ruud Hendriks",
                    A.PREFERENCE,
                    "Ik heb bezwaar, want ik zie de opvang liever ergens anders in de stad.",
                    "Een voorkeur, verpakt als bezwaar: Ruud zegt niet hoe dit de doelstelling "
                    "schaadt.",
                    "Geen overwegend bezwaar: 'liever ergens anders' is een voorkeur. Vraag door "
                    "naar een "
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
                    "Overwegend bezwaar: het argument volgt uit de feiten en raakt de "
                    "doelstelling.",
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

# Personas with goals, temperaments and reactions; rubrics for the amendments; what follows
# when an objection is set aside. The right amendment is never at the same position.

KRUISKAMP = (
    reacts(
        KRUISKAMP[0],
        "Het plan binnen budget en planning uitvoeren.",
        "zakelijk, verdedigt haar voorstel snel",
        opinion_let_through=(
            "De markt op het plein laten? Dan kunnen we niet bouwen, dat heb ik toch uitgelegd!"
        ),
        closing="Houden: de vaste volgorde. Veranderen: ik wil sneller tot de kern komen.",
    ),
    reacts(
        KRUISKAMP[1],
        "Een veilig plein voor de ouderen in de buurt.",
        "rustig, geeft altijd consent met een zorg",
        closing="Houden: iedereen kwam aan het woord.",
        declines_candidacy=(
            "Dank voor het vertrouwen, maar ik kan op dinsdagavond nooit. Ik neem de rol niet aan."
        ),
    ),
    reacts(
        KRUISKAMP[2],
        "De zaterdagmarkt en haar vaste klanten behouden.",
        "direct, trekt zich terug als ze zich niet gehoord voelt",
        objection_dismissed="Goed. Dan zeg ik verder niets meer.",
        objection_heard="Dank je. Fijn dat er serieus naar gekeken wordt.",
        amendment_falls_short="Dit neemt mijn bezwaar niet weg: de markt is nog steeds weg.",
        closing="Houden: dat we bezwaren samen toetsen.",
        closing_after_dismissal=(
            "Een 4. Mijn bezwaar is weggezet als aandachtspunt. Volgende keer hoeven jullie niet "
            "op mij te rekenen."
        ),
    ),
    reacts(
        KRUISKAMP[3],
        "Zichtbare resultaten in de wijk voor de verkiezingen.",
        "stelt graag 'vragen' die eigenlijk meningen zijn",
        preference_upheld="Mooi, dan wordt het toch gras.",
        closing="Veranderen: het mag allemaal wat sneller.",
        declines_candidacy="Ik ben wethouder; ik kan de wijk niet onafhankelijk vertegenwoordigen.",
    ),
)

MARKTPLEIN = replace(
    MARKTPLEIN,
    personas=KRUISKAMP,
    consent_rounds=(
        replace(
            MARKTPLEIN.consent_rounds[0],
            key_elements=(
                "markt blijft|op het plein|op de helft|andere helft",
                "stroom|water",
                "fase|fasen|eerst de|daarna",
            ),
            rubric=(
                "Een goede amendering neemt de schade weg die Joyce noemt: de markt blijft tijdens "
                "de werkzaamheden op het plein, met stroom en water, en de herinrichting gaat door."
            ),
            amendments=(
                MARKTPLEIN.consent_rounds[0].amendments[0],
                MARKTPLEIN.consent_rounds[0].amendments[2],
                MARKTPLEIN.consent_rounds[0].amendments[1],
            ),
        ),
        MARKTPLEIN.consent_rounds[1],
    ),
    dismissal_consequence=(
        "Drie maanden later, bij de evaluatie: de kraamhouders zijn niet teruggekomen, de "
        "zaterdagmarkt is gehalveerd en Joyce komt niet meer naar de wijkkring. Het bezwaar "
        "dat werd weggezet, ligt nu als probleem op tafel."
    ),
)

ZORG_EN_VEILIGHEID = (
    reacts(
        ZORG_EN_VEILIGHEID[0],
        "Niemand wegsturen in een vriesnacht.",
        "betrokken, antwoordt uitgebreid",
        opinion_let_through=(
            "Het industrieterrein? Daar is geen bus en geen toezicht; dat is juist onveilig."
        ),
    ),
    reacts(ZORG_EN_VEILIGHEID[1], "Een sluitende aanpak.", "geeft consent met een zorg"),
    reacts(
        ZORG_EN_VEILIGHEID[2],
        "Een rustige straat en een veilige schoolroute.",
        "zorgvuldig, trekt zich terug als ze niet gehoord wordt",
        objection_dismissed="Dan weet ik genoeg. Ik ga het de ouders wel uitleggen.",
        objection_heard="Dank u. Ik denk graag mee over de uitloop.",
        amendment_falls_short="Surveillance lost niet op dat de uitloop samenvalt met school.",
        closing_after_dismissal=(
            "Een 3. De school gaat hier last van krijgen en dat is gezegd. Het buurtplatform "
            "trekt zich terug uit de klankbordgroep."
        ),
    ),
    reacts(
        ZORG_EN_VEILIGHEID[3],
        "Geen overlast voor de gasten van zijn café.",
        "praat graag tussendoor",
        preference_upheld="Zie je wel, het kan ook ergens anders.",
    ),
)

WINTEROPVANG = replace(
    WINTEROPVANG,
    personas=ZORG_EN_VEILIGHEID,
    consent_rounds=(
        replace(
            WINTEROPVANG.consent_rounds[0],
            key_elements=(
                "8.00|acht uur|eerder sluit|voor schooltijd",
                "achteringang|parkweg|andere uitgang|route",
                "klankbord|overleg met de school|omwonenden",
            ),
            rubric=(
                "Een goede amendering zorgt dat de uitloop niet samenvalt met de schooltijd en "
                "geeft de buurt een vaste plek om signalen in te brengen."
            ),
            amendments=(
                WINTEROPVANG.consent_rounds[0].amendments[0],
                WINTEROPVANG.consent_rounds[0].amendments[2],
                WINTEROPVANG.consent_rounds[0].amendments[1],
            ),
        ),
        WINTEROPVANG.consent_rounds[1],
    ),
    dismissal_consequence=(
        "In januari klagen ouders over onrust bij de school, de krant schrijft erover en de "
        "raad stelt vragen. De opvang verliest het draagvlak dat de doelstelling noemt."
    ),
)

GEMEENTEHUIS = replace(
    GEMEENTEHUIS,
    personas=(
        reacts(
            BEDRIJFSVOERING[0],
            "Een gebouw dat klaar is voor 2030.",
            "enthousiast, ziet risico's graag over het hoofd",
            opinion_let_through="Groene stroom lost het gas niet op; dat weet je toch.",
        ),
        reacts(
            BEDRIJFSVOERING[1],
            "Een sluitende begroting.",
            "precies, houdt vast aan cijfers",
            objection_dismissed="Dan teken ik hiervoor niet. Ik zet mijn zorg in de raadsbrief.",
            objection_heard="Goed dat we dit risico samen wegen.",
            amendment_falls_short="Daarmee is het gat in de begroting er nog steeds.",
            closing_after_dismissal=(
                "Een 4. Het risico is gezien en toch genomen; dat moet ik straks aan de raad "
                "uitleggen."
            ),
        ),
        BEDRIJFSVOERING[2],
        reacts(
            BEDRIJFSVOERING[3],
            "Werk voor lokale bedrijven.",
            "zegt wat hij vindt",
            preference_upheld="Fijn, dan minder panelen op de gevel.",
        ),
    ),
    consent_rounds=(
        replace(
            GEMEENTEHUIS.consent_rounds[0],
            key_elements=(
                "twee stappen|fase|eerst",
                "zonder subsidie|gedekt|eigen middelen",
                "warmtepomp|toegekend|na toekenning",
            ),
            rubric=(
                "Een goede amendering laat het deel dat van de subsidie afhangt wachten op de "
                "toekenning, zodat er geen gat in de begroting kan ontstaan."
            ),
            amendments=(
                GEMEENTEHUIS.consent_rounds[0].amendments[1],
                GEMEENTEHUIS.consent_rounds[0].amendments[0],
                GEMEENTEHUIS.consent_rounds[0].amendments[2],
            ),
        ),
        GEMEENTEHUIS.consent_rounds[1],
    ),
    dismissal_consequence=(
        "In het voorjaar van 2027 wordt de subsidie afgewezen. Er ontstaat een tekort van "
        "€ 350.000 en de raad moet een begrotingswijziging behandelen: precies het risico dat "
        "Annemiek noemde."
    ),
)


# 5. A participatietraject: an objection to the amended version


PARTICIPATIE = (
    reacts(
        Persona("Iris Bakker", "projectleider participatie", "Een traject dat op tijd klaar is."),
        "Het participatietraject voor de Groene Zoom op tijd afronden.",
        "plant graag strak",
    ),
    reacts(
        Persona("Mohamed Amrani", "bewoner, Groene Zoom", "Een park waar iedereen komt."),
        "Dat bewoners echt invloed hebben.",
        "kritisch, spreekt pas als hij iets te zeggen heeft",
        objection_dismissed="Dan is dit participatie op papier. Ik haak af.",
        objection_heard="Fijn. Dan denk ik graag mee.",
        amendment_falls_short="Nog steeds praten alleen de mensen die toch al komen.",
        closing_after_dismissal="Een 3. Mijn buren gaan hier niet heen; ik ook niet meer.",
    ),
    reacts(
        Persona("Ellen de Vries", "raadslid, commissie Ruimte", "Een zorgvuldig raadsbesluit."),
        "Dat de raad weet wat bewoners vinden, voor het besluit.",
        "formeel, let op de planning van de raad",
        objection_dismissed="Dan gaat de raad hier in december zelf over in debat.",
        objection_heard="Goed, dan kan de raad er op tijd over besluiten.",
        amendment_falls_short="Zo komt de opbrengst na het raadsbesluit; dat werkt niet.",
        closing_after_dismissal="Een 5. Ik verwacht amendementen in de raad.",
    ),
    reacts(
        Persona("Bas Jongeling", "ondernemer, tuincentrum", "Goede bereikbaarheid."),
        "Zijn klanten blijven het park bereiken.",
        "past bijna altijd",
    ),
)

GROENE_ZOOM_V2 = (
    "We houden voor de herinrichting van park de Groene Zoom drie bewonersavonden in het "
    "wijkcentrum én gaan twee zaterdagen met een kraam het park in, en we vragen via huis-aan-"
    "huisbrieven in vier talen om reacties. In november bundelen we de opbrengst in een "
    "participatieverslag."
)
GROENE_ZOOM_V3 = (
    "We houden voor de herinrichting van park de Groene Zoom drie bewonersavonden in het "
    "wijkcentrum én gaan twee zaterdagen met een kraam het park in, en we vragen via huis-aan-"
    "huisbrieven in vier talen om reacties. Het participatieverslag gaat op 1 oktober naar de "
    "raad, ruim voor de raadsvergadering van november."
)

GROENE_ZOOM = ConsentScenario(
    title="Participatietraject voor park de Groene Zoom",
    driver=(
        "De gemeenteraad besluit in november over de herinrichting van park de Groene Zoom. De "
        "raad heeft gevraagd om een participatietraject, zodat bewoners vooraf kunnen meepraten."
    ),
    shared_aim=(
        "Bewoners van alle buurten rond het park hebben invloed op het ontwerp, en de raad "
        "besluit met kennis van wat zij vinden."
    ),
    proposal=(
        "We houden voor de herinrichting van park de Groene Zoom drie bewonersavonden in het "
        "wijkcentrum. In november bundelen we de opbrengst in een participatieverslag."
    ),
    proposer="Iris Bakker",
    personas=PARTICIPATIE,
    questions=(
        QuestionContribution("Iris Bakker", Q.PASS, feedback="De indiener past."),
        QuestionContribution(
            "Mohamed Amrani",
            Q.CLARIFYING,
            "Hoeveel mensen kwamen er vorig jaar op de bewonersavond over de speeltuin?",
            "Achttien, bijna allemaal uit de straten direct aan het park.",
            "Verhelderend: Mohamed vraagt naar een feit; het antwoord is straks belangrijk.",
        ),
        QuestionContribution(
            "Ellen de Vries",
            Q.OPINION,
            "Moeten we niet gewoon een enquête doen, dat is toch veel efficiënter?",
            feedback=(
                "Een mening in vraagvorm ('moeten we niet gewoon…'). Vraag Ellen dit in de "
                "meningsvormende ronde te zeggen."
            ),
        ),
        QuestionContribution("Bas Jongeling", Q.PASS, feedback="Bas past, zoals meestal."),
    ),
    reactions=(
        Reaction("Iris Bakker", "Ik wil graag op tijd klaar zijn voor de raad."),
        Reaction("Mohamed Amrani", "Ik ben bang dat we weer dezelfde achttien mensen spreken."),
        Reaction("Ellen de Vries", "De raad wil weten wat de hele wijk vindt."),
        Reaction("Bas Jongeling", "Geen opmerkingen."),
    ),
    consent_rounds=(
        ConsentRound(
            answers=(
                ConsentContribution("Iris Bakker", A.CONSENT, "Consent.", "Consent."),
                ConsentContribution(
                    "Mohamed Amrani",
                    A.OBJECTION,
                    "Ik heb bezwaar. Op bewonersavonden komen vooral mensen uit de straten aan "
                    "het park; de flats aan de overkant en de mensen die weinig Nederlands "
                    "spreken bereiken we zo niet. Dan hebben niet alle buurten invloed, terwijl "
                    "dat onze doelstelling is.",
                    "Een beargumenteerd bezwaar: Mohamed laat zien hoe het voorstel de "
                    "doelstelling (alle buurten) schaadt.",
                    "Overwegend bezwaar: het argument volgt uit de feiten van vorig jaar en raakt "
                    "de doelstelling.",
                ),
                ConsentContribution(
                    "Ellen de Vries",
                    A.CONCERN,
                    "Consent. Mijn zorg: houd de kosten binnen het budget.",
                    "Een zorg: Ellen blokkeert niet.",
                ),
                ConsentContribution("Bas Jongeling", A.CONSENT, "Consent.", "Consent."),
            ),
            amendments=(
                Amendment(
                    "We houden voor de herinrichting van park de Groene Zoom vijf "
                    "bewonersavonden in het wijkcentrum. In november bundelen we de opbrengst.",
                    False,
                    "Meer van hetzelfde bereikt dezelfde mensen.",
                ),
                Amendment(
                    GROENE_ZOOM_V2,
                    True,
                    "Dit integreert het bezwaar: het traject komt naar de mensen toe, ook in "
                    "andere talen.",
                ),
                Amendment(
                    "We vragen de raad het besluit een jaar uit te stellen.",
                    False,
                    "Uitstel lost het bezwaar niet op; de aanleiding blijft liggen.",
                ),
            ),
            key_elements=(
                "kraam|in het park|op straat|langs de deur|naar de mensen",
                "talen|vertaald|meertalig",
            ),
            rubric=(
                "Een goede amendering brengt het traject naar de buurten die niet naar een "
                "avond komen: in het park, langs de deur, in meer talen."
            ),
        ),
        ConsentRound(
            answers=(
                ConsentContribution("Iris Bakker", A.CONSENT, "Consent.", "Consent."),
                ConsentContribution(
                    "Mohamed Amrani",
                    A.CONSENT,
                    "Consent: zo bereiken we ook de flats.",
                    "Mohameds bezwaar is geïntegreerd.",
                ),
                ConsentContribution(
                    "Ellen de Vries",
                    A.OBJECTION,
                    "Ik heb bezwaar tegen deze versie. Het verslag komt in november, maar de raad "
                    "besluit in november. Dan besluit de raad zonder te weten wat bewoners "
                    "vinden; dat schaadt het tweede deel van onze doelstelling.",
                    "Een nieuw bezwaar op de gewijzigde versie: ook dat wordt getoetst.",
                    "Overwegend bezwaar: de planning maakt dat de raad de opbrengst mist.",
                ),
                ConsentContribution("Bas Jongeling", A.CONSENT, "Consent.", "Consent."),
            ),
            amendments=(
                Amendment(
                    GROENE_ZOOM_V3,
                    True,
                    "Dit integreert het bezwaar: de raad heeft het verslag ruim voor het besluit.",
                ),
                Amendment(
                    GROENE_ZOOM_V2 + " Raadsleden zijn welkom op de avonden.",
                    False,
                    "Welkom zijn is iets anders dan het verslag op tijd hebben.",
                ),
                Amendment(
                    "We schrappen het participatieverslag; de raad leest de notities zelf.",
                    False,
                    "Zonder verslag weet de raad nog minder wat bewoners vinden.",
                ),
            ),
            key_elements=(
                "oktober|september|voor de raadsvergadering|voor het raadsbesluit|eerder",
                "verslag|opbrengst",
            ),
            rubric=(
                "Een goede amendering zorgt dat het verslag bij de raad is voordat die besluit."
            ),
        ),
        ConsentRound(
            answers=(
                ConsentContribution("Iris Bakker", A.CONSENT, "Consent.", "Consent."),
                ConsentContribution("Mohamed Amrani", A.CONSENT, "Consent.", "Consent."),
                ConsentContribution(
                    "Ellen de Vries",
                    A.CONCERN,
                    "Consent, met mijn zorg over het budget.",
                    "De zorg gaat mee in het besluit.",
                ),
                ConsentContribution("Bas Jongeling", A.CONSENT, "Consent.", "Consent."),
            ),
        ),
    ),
    review_after_months=6,
    dismissal_consequence=(
        "Bij de raadsvergadering in november blijkt dat vooral bewoners van de straten aan het "
        "park hebben meegepraat. Raadsleden noemen het traject 'participatie op papier' en "
        "stellen het besluit uit."
    ),
)


# 6. A milieustraat: an objection this circle cannot resolve, referred to the higher circle


AFVAL = (
    reacts(
        Persona(
            "Wendy Kok", "teamleider milieustraat", "Een milieustraat die open is als het kan."
        ),
        "Ruimere openingstijden voor bewoners.",
        "praktisch",
        opinion_let_through="Een extra milieustraat kost miljoenen, dat is geen optie.",
    ),
    reacts(
        Persona("Sander Post", "controller", "Uitgaven binnen het vastgestelde budget."),
        "Dat deze kring binnen haar mandaat blijft.",
        "rustig, houdt vast aan afspraken",
        objection_dismissed="Dan neem ik dit mee naar de accountant.",
        objection_heard="Dank u. Hierover beslist een hogere kring.",
        amendment_falls_short="Ook dit kost geld dat deze kring niet heeft.",
        closing_after_dismissal=(
            "Een 4. We hebben een besluit genomen over geld dat niet van ons is. Dat komt terug."
        ),
    ),
    reacts(
        Persona("Ayla Demir", "bewoner, wijkraad Oost", "Minder zwerfafval in de wijk."),
        "Dat bewoners hun afval kwijt kunnen.",
        "enthousiast",
    ),
    reacts(
        Persona("Gert Smit", "medewerker milieustraat", "Een werkbaar rooster."),
        "Een rooster dat het team volhoudt.",
        "zegt weinig, geeft consent met een zorg",
    ),
)

MILIEUSTRAAT = ConsentScenario(
    title="Ruimere openingstijden van de milieustraat",
    driver=(
        "Bewoners staan op zaterdag tot een uur in de rij bij de milieustraat, en er wordt "
        "steeds meer afval gedumpt in Oost. Doordeweeks na 17.00 uur is de milieustraat dicht."
    ),
    shared_aim=(
        "Bewoners kunnen hun afval gemakkelijk kwijt, binnen het budget en het mandaat dat de "
        "kring Afval van de gemeente heeft gekregen."
    ),
    proposal=(
        "Vanaf 1 maart is de milieustraat op dinsdag en donderdag open tot 21.00 uur. Daarvoor "
        "nemen we twee medewerkers extra in dienst (€ 90.000 per jaar)."
    ),
    proposer="Wendy Kok",
    personas=AFVAL,
    questions=(
        QuestionContribution("Wendy Kok", Q.PASS, feedback="De indiener past."),
        QuestionContribution(
            "Sander Post",
            Q.CLARIFYING,
            "Uit welk budget betalen we de twee extra medewerkers?",
            "Dat budget is er nog niet; het zit niet in de begroting van de kring Afval.",
            "Verhelderend, en het antwoord komt terug in het bezwaar.",
        ),
        QuestionContribution(
            "Ayla Demir",
            Q.OPINION,
            "Waarom openen we niet gewoon een tweede milieustraat in Oost?",
            feedback="Een 'waarom niet…'-voorstel: een mening voor de meningsvormende ronde.",
        ),
        QuestionContribution(
            "Gert Smit",
            Q.CLARIFYING,
            "Wie stelt het nieuwe rooster op?",
            "Het team zelf, met mij.",
            "Verhelderend: een vraag naar hoe het voorstel werkt.",
        ),
    ),
    reactions=(
        Reaction("Wendy Kok", "Dit helpt bewoners echt."),
        Reaction("Sander Post", "Het idee is goed; het geld is mijn punt."),
        Reaction("Ayla Demir", "Ik ben er blij mee voor Oost."),
        Reaction("Gert Smit", "Als het rooster werkbaar is, doe ik mee."),
    ),
    consent_rounds=(
        ConsentRound(
            answers=(
                ConsentContribution("Wendy Kok", A.CONSENT, "Consent.", "Consent."),
                ConsentContribution(
                    "Sander Post",
                    A.OBJECTION,
                    "Ik heb bezwaar. Het voorstel vraagt € 90.000 per jaar die niet in onze "
                    "begroting staan. Besluiten we dit, dan gaan we buiten het mandaat van deze "
                    "kring; dat staat in onze doelstelling.",
                    "Een beargumenteerd bezwaar, gekoppeld aan de doelstelling (budget en "
                    "mandaat).",
                    "Overwegend bezwaar: de kring kan dit geld niet zelf toekennen.",
                    question_key_elements=(
                        "doelstelling|mandaat|budget|begroting",
                        "gaat er mis|gaat er volgens u mis|schade|wat gebeurt er|wat zou er",
                    ),
                    model_question=(
                        "Sander, wat gaat er volgens u mis voor onze doelstelling als we dit "
                        "besluiten: is het het budget, of het mandaat van deze kring?"
                    ),
                ),
                ConsentContribution("Ayla Demir", A.CONSENT, "Consent.", "Consent."),
                ConsentContribution(
                    "Gert Smit",
                    A.CONCERN,
                    "Consent, met de zorg dat het team niet te veel avonden draait.",
                    "Een zorg: Gert blokkeert niet.",
                ),
            ),
            amendments=(
                Amendment(
                    "Vanaf 1 maart is de milieustraat op dinsdag en donderdag open tot 21.00 "
                    "uur; de huidige medewerkers draaien de avonden erbij.",
                    False,
                    "Dat schuift de kosten naar overuren en raakt het rooster: het bezwaar "
                    "blijft, en er komt een nieuw bij.",
                ),
                Amendment(
                    "Vanaf 1 maart is de milieustraat op dinsdag open tot 21.00 uur; de kosten "
                    "vangen we op in het onderhoudsbudget.",
                    False,
                    "Ook dat geld is niet vrij te besteden door deze kring.",
                ),
            ),
            rubric=(
                "Geen amendering binnen het mandaat van deze kring neemt het bezwaar weg: het "
                "geld moet hoger worden toegekend. Verwijs het besluit naar de kring "
                "Bedrijfsvoering; tot die besluit blijven de huidige openingstijden gelden."
            ),
            refer_to="de kring Bedrijfsvoering",
        ),
    ),
    review_after_months=6,
    dismissal_consequence=(
        "Na twee maanden meldt de controller een overschrijding van € 15.000. De kring "
        "Bedrijfsvoering draait het besluit terug en de avondopenstelling stopt weer."
    ),
)

AFGEVAARDIGDE = replace(
    AFGEVAARDIGDE,
    personas=KRUISKAMP,
    reason_key_elements=("dinsdag|beschikbaar", "wijk|perspectief|onafhankelijk"),
)


# 8. A facilitator for the participation circle: an objection that is a preference


PARTICIPATIEKRING = (
    PARTICIPATIE[0],
    PARTICIPATIE[1],
    reacts(
        PARTICIPATIE[2],
        "Dat de raad weet wat bewoners vinden.",
        "formeel",
        declines_candidacy=(
            "Als raadslid kan ik deze kring niet onafhankelijk leiden. Ik neem het niet aan."
        ),
    ),
    PARTICIPATIE[3],
)

GESPREKSLEIDER = ElectionScenario(
    title="Een gespreksleider kiezen voor de kring Participatie",
    role="Gespreksleider van de kring Participatie",
    role_description=(
        "De gespreksleider leidt de vergaderingen van de kring Participatie volgens de "
        "sociocratische kringmethode, bewaakt de rondes en de tijd en is onafhankelijk van de "
        "raad."
    ),
    tasks=(
        "Leidt elke maand de vergadering van de kring",
        "Bewaakt de rondes, het consent en de tijd",
        "Stelt met de secretaris de agenda op",
    ),
    qualities=(
        "Luistert goed en vat samen",
        "Onafhankelijk van de gemeenteraad",
        "Kent de kringmethode",
    ),
    personas=PARTICIPATIEKRING,
    nominations=(
        NominationScript(
            "Iris Bakker",
            "Ellen de Vries",
            "Ellen, want zij kent de procedures van de raad als geen ander.",
            change_reason=(
                "Ik blijf bij Ellen, al hoor ik dat de rol onafhankelijkheid van de raad vraagt."
            ),
        ),
        NominationScript(
            "Mohamed Amrani",
            "Mohamed Amrani",
            "Ik nomineer mezelf: ik heb de cursus kringmethode gedaan en sta los van de raad.",
            change_reason="Ik blijf bij mijn nominatie.",
        ),
        NominationScript(
            "Ellen de Vries",
            "Ellen de Vries",
            "Ik nomineer mezelf; ik ben het gewend om vergaderingen te leiden.",
            change_reason="Ik blijf bij mezelf.",
        ),
        NominationScript(
            "Bas Jongeling",
            "Ellen de Vries",
            "Ellen, dat ligt het meest voor de hand.",
            change_reason="Ik blijf bij Ellen, zij heeft de meeste nominaties.",
        ),
    ),
    candidate="Mohamed Amrani",
    candidate_feedback=(
        "Mohamed past het best bij de rol: hij kent de kringmethode, luistert goed en staat los "
        "van de raad. Ellen is raadslid; de rol vraagt onafhankelijkheid van de raad."
    ),
    wrong_candidate_feedback=(
        "Weeg de redenen tegen de rol: de gespreksleider moet onafhankelijk van de raad zijn "
        "en de kringmethode kennen. Het aantal nominaties beslist niet: Ellen kreeg er drie, "
        "maar is raadslid."
    ),
    consent_answers=(
        ConsentContribution("Iris Bakker", A.CONSENT, "Consent.", "Consent."),
        ConsentContribution(
            "Ellen de Vries",
            A.PREFERENCE,
            "Ik heb bezwaar: ik had het zelf liever gedaan.",
            "Een voorkeur voor iemand anders (hier: zichzelf) is geen overwegend bezwaar.",
            "Geen overwegend bezwaar: Ellen noemt geen schade voor de doelstelling van de rol. "
            "Haar voorkeur wordt als aandachtspunt vastgelegd.",
            test_answers=(
                "Niet echt; ik vind het gewoon leuk om te doen.",
                "Schade? Nee, Mohamed kan het ook.",
                "Ja, eerlijk gezegd is het een voorkeur.",
            ),
        ),
        ConsentContribution("Bas Jongeling", A.CONSENT, "Consent.", "Consent."),
        ConsentContribution(
            "Mohamed Amrani",
            A.CONSENT,
            "Ik geef consent en neem de rol aan.",
            "De kandidaat antwoordt als laatste.",
        ),
    ),
    reason_key_elements=("onafhankelijk|los van de raad", "kringmethode|luistert|samen"),
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
    GROENE_ZOOM.title: (
        "<p>U bent gespreksleider van de <b>projectkring Groene Zoom</b>, waarin gemeente, raad "
        "en bewoners het participatietraject voor het park voorbereiden.</p>"
    ),
    MILIEUSTRAAT.title: (
        "<p>U bent gespreksleider van de <b>kring Afval</b>. Deze kring valt onder de kring "
        "Bedrijfsvoering, die over het budget gaat.</p>"
    ),
    GESPREKSLEIDER.title: (
        "<p>U bent gespreksleider van de <b>kring Participatie</b> en leidt de open "
        "verkiezing van uw opvolger.</p>"
    ),
    AFGEVAARDIGDE.title: (
        "<p>U bent gespreksleider van de <b>wijkkring Kruiskamp</b>. De kring kiest een "
        "afgevaardigde voor de gemeentelijke kring Openbare Ruimte (dubbele koppeling), in een "
        "open sociocratische verkiezing.</p>"
    ),
}

# 6. Reviewing an agreement: the Wednesday afternoon counter closure at Burgerzaken

BURGERZAKEN = (
    reacts(
        Persona("Nadia Bouzid", "teamleider Burgerzaken", "Geen achterstanden in de aanvragen."),
        "De achterstanden blijven weg.",
        "zakelijk, komt met cijfers",
    ),
    reacts(
        Persona("Jeroen Claassen", "baliemedewerker", "Inwoners goed en op tijd helpen."),
        "Dat werkende inwoners weer terechtkunnen.",
        "betrokken, zegt het als iets knelt",
        closing="Fijn dat we de klachten serieus namen in plaats van ze weg te zetten.",
    ),
    Persona("Sanne Verbeek", "medewerker klantcontact", "Minder boze telefoontjes."),
    Persona(
        "Orhan Yildiz", "beleidsmedewerker dienstverlening", "Een loket dat past bij de vraag."
    ),
)

LOKET_V2 = (
    "Op woensdagmiddag is het loket van Burgerzaken gesloten voor inloop, zodat het team "
    "achterstanden wegwerkt. Van 16.00 tot 19.00 uur is het loket die middag open op afspraak, "
    "voor inwoners die overdag werken. Over zes maanden bekijken we de wachttijd voor een "
    "afspraak en het aantal klachten opnieuw."
)

LOKET = ConsentScenario(
    title="Evaluatie: loket Burgerzaken op woensdagmiddag dicht",
    driver=(
        "Aanvragen voor paspoorten en rijbewijzen liepen weken achter. Het team had geen tijd "
        "om ze af te handelen naast de inloop aan het loket."
    ),
    shared_aim="Inwoners krijgen hun documenten op tijd en kunnen het loket bereiken.",
    proposal=(
        "Op woensdagmiddag is het loket van Burgerzaken gesloten, zodat het team "
        "achterstanden wegwerkt. Over zes maanden evalueren we deze afspraak."
    ),
    proposer="Nadia Bouzid",
    personas=BURGERZAKEN,
    questions=(
        QuestionContribution("Nadia Bouzid", Q.PASS, feedback="De indiener past."),
        QuestionContribution("Jeroen Claassen", Q.PASS, feedback="Geen vragen."),
        QuestionContribution("Sanne Verbeek", Q.PASS, feedback="Geen vragen."),
        QuestionContribution("Orhan Yildiz", Q.PASS, feedback="Geen vragen."),
    ),
    reactions=(
        Reaction("Nadia Bouzid", "Ik ben benieuwd wat het oplevert."),
        Reaction("Jeroen Claassen", "Goed om het een half jaar te proberen."),
        Reaction("Sanne Verbeek", "Ik let op de telefoontjes die het oplevert."),
        Reaction("Orhan Yildiz", "Prima, met de evaluatie erin."),
    ),
    consent_rounds=(
        # The history: six months ago the circle consented to the closure.
        ConsentRound(
            answers=(
                ConsentContribution("Nadia Bouzid", A.CONSENT, feedback="Instemming."),
                ConsentContribution("Jeroen Claassen", A.CONSENT, feedback="Instemming."),
                ConsentContribution("Sanne Verbeek", A.CONSENT, feedback="Instemming."),
                ConsentContribution("Orhan Yildiz", A.CONSENT, feedback="Instemming."),
            ),
        ),
        # The consent round on the version amended at the review.
        ConsentRound(
            answers=(
                ConsentContribution("Nadia Bouzid", A.CONSENT, feedback="Instemming."),
                ConsentContribution("Jeroen Claassen", A.CONSENT, feedback="Instemming."),
                ConsentContribution(
                    "Sanne Verbeek",
                    A.CONCERN,
                    "Ik vrees dat de afspraken op woensdagavond snel vol zitten.",
                    "Een zorg: zij kan ermee werken, en de evaluatie over zes maanden kijkt "
                    "juist naar de wachttijd. Geen overwegend bezwaar.",
                ),
                ConsentContribution("Orhan Yildiz", A.CONSENT, feedback="Instemming."),
            ),
        ),
    ),
    review=ReviewScript(
        evidence=(
            "De achterstanden zijn weg: aanvragen worden binnen vijf werkdagen afgehandeld. "
            "Maar het aantal klachten van inwoners die overdag werken en het loket niet meer "
            "bereiken, is verdubbeld."
        ),
        options=(
            ReviewOption(
                ReviewOutcome.KEEP,
                "Nadia Bouzid",
                right=False,
                feedback=(
                    "Houden lost het probleem niet op dat de evaluatie laat zien: werkende "
                    "inwoners kunnen het loket niet bereiken. De kring stemt in, maar de "
                    "zorgen blijven, en de klachten ook."
                ),
                answers=(
                    ConsentContribution("Nadia Bouzid", A.CONSENT, feedback="Instemming."),
                    ConsentContribution(
                        "Jeroen Claassen",
                        A.CONCERN,
                        "Ik kan ermee leven, maar de klachten blijven binnenkomen.",
                        "Een zorg, uitgesproken maar niet opgelost.",
                    ),
                    ConsentContribution(
                        "Sanne Verbeek",
                        A.CONCERN,
                        "Aan de telefoon krijg ik de boze inwoners.",
                        "Een zorg, uitgesproken maar niet opgelost.",
                    ),
                    ConsentContribution("Orhan Yildiz", A.CONSENT, feedback="Instemming."),
                ),
            ),
            ReviewOption(
                ReviewOutcome.DROP,
                "Jeroen Claassen",
                right=False,
                feedback=(
                    "Laten vervallen brengt de achterstanden terug: het deel van de afspraak "
                    "dat werkt, gaat verloren."
                ),
                answers=(
                    ConsentContribution(
                        "Nadia Bouzid",
                        A.OBJECTION,
                        "Dan lopen de aanvragen weer weken achter.",
                        "Een overwegend bezwaar: het gedeelde doel lijdt eronder.",
                    ),
                    ConsentContribution("Jeroen Claassen", A.CONSENT, feedback="Instemming."),
                    ConsentContribution("Sanne Verbeek", A.CONSENT, feedback="Instemming."),
                    ConsentContribution("Orhan Yildiz", A.CONSENT, feedback="Instemming."),
                ),
            ),
            ReviewOption(
                ReviewOutcome.AMEND,
                "Orhan Yildiz",
                text=LOKET_V2,
                right=True,
                feedback=(
                    "Wijzigen houdt wat werkt (de achterstanden blijven weg) en neemt weg wat de "
                    "evaluatie liet zien (werkende inwoners bereiken het loket niet). De "
                    "gewijzigde afspraak gaat naar een consentronde."
                ),
            ),
        ),
        consequence=(
            "Een half jaar later staat hetzelfde probleem weer op de agenda: de klachten van "
            "werkende inwoners zijn niet minder geworden, en Jeroen brengt het niet meer in."
        ),
    ),
    dismissal_consequence=(
        "Wie bij de evaluatie niet gehoord wordt, brengt het probleem de volgende keer niet "
        "meer in; het overwegend bezwaar komt dan pas terug als klacht van inwoners."
    ),
)

SITUATIONS[LOKET.title] = (
    "<p>U bent gespreksleider van het <b>team Burgerzaken</b>. Een half jaar geleden "
    "besloot de kring het loket op woensdagmiddag te sluiten; vandaag is de evaluatie. "
    "De achterstanden zijn weg, maar de klachten van inwoners die overdag werken zijn "
    "verdubbeld.</p>"
)

SLUGS = {
    MARKTPLEIN.title: "oefening-herinrichting-marktplein",
    WINTEROPVANG.title: "oefening-winteropvang",
    GEMEENTEHUIS.title: "oefening-verduurzaming-gemeentehuis",
    AFGEVAARDIGDE.title: "oefening-afgevaardigde-kiezen",
    GROENE_ZOOM.title: "oefening-participatietraject-groene-zoom",
    MILIEUSTRAAT.title: "oefening-openingstijden-milieustraat",
    GESPREKSLEIDER.title: "oefening-gespreksleider-kiezen",
    LOKET.title: "oefening-evaluatie-loket-burgerzaken",
}

# 7. The participant plays a member or the proposer; the script plays the facilitator and
# everyone else.

MARKTPLEIN_ALS_JOYCE = replace(
    MARKTPLEIN,
    title="Herinrichting van het Marktplein: u bent Joyce de Wit",
    learner="Joyce de Wit",
)
SITUATIONS[MARKTPLEIN_ALS_JOYCE.title] = (
    "<p>U bent <b>Joyce de Wit</b>, ondernemer met een bakkerij aan het Marktplein en lid van "
    "de wijkkring Kruiskamp. Uw klanten komen vooral op de zaterdagmarkt. Vandaag besluit de "
    "kring over de herinrichting van het plein. In de consentronde zegt u zelf wat u ervan "
    "vindt: consent, een zorg of een beargumenteerd bezwaar.</p>"
)
GROENE_ZOOM_ALS_INDIENER = replace(
    GROENE_ZOOM,
    title="Participatietraject voor park de Groene Zoom: u bent de indiener",
    learner=GROENE_ZOOM.proposer,
)
SITUATIONS[GROENE_ZOOM_ALS_INDIENER.title] = (
    "<p>U bent <b>Iris Bakker</b> en brengt in de projectkring Groene Zoom het voorstel voor "
    "het participatietraject in. U beantwoordt de verhelderende vragen en werkt bezwaren met "
    "de bezwaarde uit tot een nieuwe versie.</p>"
)
SLUGS[MARKTPLEIN_ALS_JOYCE.title] = "oefening-marktplein-als-kringlid"
SLUGS[GROENE_ZOOM_ALS_INDIENER.title] = "oefening-groene-zoom-als-indiener"

CONSENT_SCENARIOS = (MARKTPLEIN, WINTEROPVANG, GEMEENTEHUIS, GROENE_ZOOM, MILIEUSTRAAT)
# Scenarios in which the participant plays a member or the proposer.
ROLE_SCENARIOS = (MARKTPLEIN_ALS_JOYCE, GROENE_ZOOM_ALS_INDIENER)
ELECTION_SCENARIOS = (AFGEVAARDIGDE, GESPREKSLEIDER)
# The review of an agreement made earlier (DOMAIN.md "review due").
REVIEW_SCENARIOS = (LOKET,)


def load_exercises() -> list[Page]:
    """The demo exercises, created where they are missing."""
    from courses.models import CoursePage, HomePage
    from exercises.models import ensure_trainer_section

    home = HomePage.objects.first()
    ensure_trainer_section()
    study_day = CoursePage.objects.filter(slug=STUDY_DAY_SLUG).first() or home
    s3_course = CoursePage.objects.filter(slug=S3_COURSE_SLUG).first() or home
    return [
        _ensure(ExercisePage, consent_page_fields(MARKTPLEIN), study_day),
        _ensure(ExercisePage, consent_page_fields(WINTEROPVANG), study_day),
        _ensure(ElectionExercisePage, election_page_fields(AFGEVAARDIGDE), study_day),
        _ensure(ExercisePage, consent_page_fields(GEMEENTEHUIS), s3_course),
        _ensure(ExercisePage, consent_page_fields(GROENE_ZOOM), study_day),
        _ensure(ExercisePage, consent_page_fields(MILIEUSTRAAT), study_day),
        _ensure(ElectionExercisePage, election_page_fields(GESPREKSLEIDER), study_day),
        _ensure(ExercisePage, consent_page_fields(LOKET), study_day),
        _ensure(ExercisePage, consent_page_fields(MARKTPLEIN_ALS_JOYCE), study_day),
        _ensure(ExercisePage, consent_page_fields(GROENE_ZOOM_ALS_INDIENER), study_day),
    ]


def _ensure(model, fields: dict, parent: Page | None) -> Page:
    slug = SLUGS[fields["title"]]
    existing = model.objects.filter(slug=slug).first()
    if existing is not None or parent is None:
        return existing
    page = model(slug=slug, situation=SITUATIONS[fields["title"]], **fields)
    parent.add_child(instance=page)
    return page
