"""A small consent scenario and election scenario as plain data, for practice tests."""

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

PERSONAS = (
    Persona("Anouk", "wethouder", "Een plein waar iedereen zich welkom voelt."),
    Persona("Bram", "bewoner", "Rust in de avond."),
    Persona("Chantal", "ambtenaar", "Binnen budget en op tijd."),
)


def consent_scenario(**overrides) -> ConsentScenario:
    values = {
        "title": "Buurtplein",
        "driver": "Het plein is verouderd en wordt weinig gebruikt.",
        "shared_aim": "Een veilige, levendige buurt.",
        "proposal": "We vervangen de bestrating en plaatsen zes bankjes.",
        "proposer": "Anouk",
        "personas": PERSONAS,
        "questions": (
            QuestionContribution("Anouk", QuestionKind.PASS, feedback="De indiener past."),
            QuestionContribution(
                "Bram", QuestionKind.CLARIFYING, "Wanneer begint het werk?", "In maart."
            ),
            QuestionContribution(
                "Chantal",
                QuestionKind.OPINION,
                "Waarom niet gewoon speeltoestellen?",
                feedback="Een verkapte mening.",
            ),
        ),
        "reactions": (
            Reaction("Anouk", "Ik sta erachter."),
            Reaction("Bram", "Goed plan."),
            Reaction("Chantal", "Past in de begroting."),
        ),
        "consent_rounds": (
            ConsentRound(
                answers=(
                    ConsentContribution("Anouk", AnswerKind.CONSENT, "Ja."),
                    ConsentContribution(
                        "Bram",
                        AnswerKind.OBJECTION,
                        "Zonder verlichting wordt het plein 's avonds onveilig.",
                        test_feedback="Raakt de doelstelling: veiligheid.",
                    ),
                    ConsentContribution(
                        "Chantal",
                        AnswerKind.PREFERENCE,
                        "Ik heb bezwaar: ik vind rode tegels mooier.",
                        test_feedback="Een voorkeur.",
                    ),
                ),
                amendments=(
                    Amendment("We vervangen de bestrating en plaatsen zes rode bankjes.", False),
                    Amendment(
                        "We vervangen de bestrating, plaatsen zes bankjes en verlichting.",
                        True,
                        "Dit neemt het bezwaar weg.",
                    ),
                ),
            ),
            ConsentRound(
                answers=(
                    ConsentContribution("Anouk", AnswerKind.CONSENT),
                    ConsentContribution("Bram", AnswerKind.CONSENT),
                    ConsentContribution("Chantal", AnswerKind.CONCERN, "Let op de kosten."),
                ),
            ),
        ),
    }
    values.update(overrides)
    return ConsentScenario(**values)


def election_scenario(**overrides) -> ElectionScenario:
    values = {
        "title": "Afgevaardigde",
        "role": "Afgevaardigde naar de hogere kring",
        "role_description": "Brengt de belangen van de wijkkring in.",
        "tasks": ("Neemt deel aan de hogere kring",),
        "qualities": ("Luistert goed",),
        "personas": PERSONAS,
        "nominations": (
            NominationScript("Anouk", "Chantal", "Chantal kent de dossiers."),
            NominationScript("Bram", "Bram", "Ik heb tijd."),
            NominationScript(
                "Chantal",
                "Chantal",
                "Ik wil het graag.",
                changes=False,
                change_reason="Ik blijf bij mezelf.",
            ),
        ),
        "candidate": "Chantal",
        "candidate_feedback": "De redenen over dossierkennis wegen het zwaarst.",
        "wrong_candidate_feedback": "Kijk naar de redenen, niet naar het aantal.",
        "consent_answers": (
            ConsentContribution("Anouk", AnswerKind.CONSENT),
            ConsentContribution("Bram", AnswerKind.CONCERN, "Zorg dat je terugkoppelt."),
            ConsentContribution("Chantal", AnswerKind.CONSENT),
        ),
    }
    values.update(overrides)
    return ElectionScenario(**values)
