// The Dutch words of the report, keyed by the English they translate (`tr`, Language.swift).
extension Dutch {
    static let sections: [String: String] = [
        // Demand against capacity.
        "demand / capacity": "vraag / capaciteit",
        "capacity": "capaciteit",
        "half-year": "halfjaar",
        "FTE path: the consultant work asked, in FTE": "FTE-pad: het gevraagde consulentenwerk, in FTE",
        "Per half-year, the work submitted to all consultant pools divided by one FTE's productive hours: the FTE it would fill at full utilisation (mean, P10–P90 band over replications).":
            "Per halfjaar het werk dat bij alle consulentenpools is aangeboden, gedeeld door de productieve uren van één FTE: zoveel FTE zou dit werk vullen bij volledige bezetting (gemiddelde, P10–P90-band over de herhalingen).",
        "The scenarios have {0} FTE.": "Formatie in de scenario's: {0} FTE.",
        "FTE of work": "FTE aan werk",
        "Consultants: hours asked per hour available": "Consulenten: gevraagde uren per beschikbaar uur",
        "Work submitted to each pool per half-year divided by its productive hours (mean, P10–P90 band); above 1 the work cannot all be done.":
            "Het werk dat per halfjaar bij elke pool is aangeboden, gedeeld door de productieve uren van die pool (gemiddelde, P10–P90-band); boven 1 kan niet al het werk worden gedaan.",
        "LBT calendar: places booked per place offered": "LBT-agenda: geboekte plaatsen per aangeboden plaats",
        "Leerbaarheidstoets places booked per place offered per half-year (mean, P10–P90 band).":
            "Geboekte plaatsen voor de leerbaarheidstoets per aangeboden plaats, per halfjaar (gemiddelde, P10–P90-band).",
        "{0}: registrations per class place": "{0}: aanmeldingen per lesplaats",
        "School registrations per place at the start moments held, per half-year (mean, P10–P90 band).":
            "Aanmeldingen bij de school per plaats op de gehouden startmomenten, per halfjaar (gemiddelde, P10–P90-band).",
        "Demand against capacity": "Vraag tegenover capaciteit",
        "Per half-year: first the consultant work asked, in FTE, the path to hire along; then what was asked of each resource divided by what it offered. A ratio above 1 means a queue grows.":
            "Per halfjaar: eerst het gevraagde consulentenwerk in FTE, het pad waarlangs u personeel kunt werven; daarna wat er van elke capaciteit werd gevraagd, gedeeld door wat die bood. Een verhouding boven 1 betekent dat een wachtrij groeit.",
        // Scenario comparison.
        "Scenario comparison": "Vergelijking van de scenario's",
        "Mean and 95 % CI per scenario; Δ is the difference from {0}, paired per replication over common random numbers, with its {1} Bonferroni interval; * marks an interval that excludes 0.":
            "Gemiddelde en 95 % BI (betrouwbaarheidsinterval) per scenario; Δ is het verschil met {0}, gepaard per herhaling met gemeenschappelijke toevalsgetallen (common random numbers), met het bijbehorende Bonferroni-interval van {1}; * markeert een interval waar 0 buiten valt.",
        "metric": "indicator",
        "{0} (baseline)": "{0} (basisscenario)",
        // How sure the ranking is.
        "higher": "hoger",
        "lower": "lager",
        "Probability that each scenario ranks first": "Kans dat elk scenario op de eerste plaats eindigt",
        "Per metric, the share of input draws in which each scenario has the best mean.":
            "Per indicator het aandeel van de trekkingen van de invoer waarin elk scenario het beste gemiddelde heeft.",
        "share of draws": "aandeel van de trekkingen",
        "better": "beter",
        "{0}: P(row better than column)": "{0}: P(rij beter dan kolom)",
        "Inputs that move the leader's margin beyond chance (|z| over the Bonferroni bound; at most 5 per metric)":
            "Invoer die de voorsprong van de koploper meer dan toevallig verschuift (|z| boven de Bonferroni-grens; hoogstens 5 per indicator)",
        "leader": "koploper",
        "input": "invoer",
        "Spearman ρ with the margin": "Spearman-ρ met de voorsprong",
        "leader first, input low half": "koploper eerst, invoer in de lage helft",
        "leader first, input high half": "koploper eerst, invoer in de hoge helft",
        "no input moves any leader's margin beyond chance": "geen invoer verschuift de voorsprong van een koploper meer dan toevallig",
        "every value with a range and every number sourced as an assumption, at ± {0}":
            "elke waarde met een bereik en elk getal met een aanname als bron, met ± {0}",
        "every value with a range": "elke waarde met een bereik",
        "How sure the ranking is": "Hoe zeker de rangorde is",
        "{0} draws of the uncertain inputs ({1} of them: {2}); at each draw every scenario ran {3} replications on the same people, and the scenarios were ranked by their means. The shares include the Monte Carlo noise of {3} replications.":
            "{0} trekkingen van de onzekere invoer ({1} invoerwaarden: {2}); bij elke trekking draaide elk scenario {3} herhalingen met dezelfde personen, en de scenario's werden gerangschikt op hun gemiddelde. De aandelen bevatten ook de Monte-Carloruis van {3} herhalingen.",
        "{0} scenario runs could not be set up at their draw and count as worst: {1}.":
            "{0} scenarioruns konden bij hun trekking niet worden opgezet en tellen als slechtste: {1}.",
        "P(first) per metric.": "P(eerste) per indicator.",
        "Its lead hangs most on {0}.": "Die voorsprong hangt het meest af van {0}.",
        "How sure: over {0} draws of the inputs the sources leave open, {1} ranks first on {2} in {3} of them.":
            "Hoe zeker: bij {0} trekkingen van de invoer die de bronnen openlaten, staat {1} in {3} daarvan als eerste op {2}.",
        // Model against the observed figures.
        "{0} pp": "{0} procentpunt",
        "Share with a PIP: model against the observed figures": "Aandeel met een PIP: model tegenover de waargenomen cijfers",
        "Per observed figure, the model's P10–P90 over replications with its mean, and the observed share (DUO's count) as a point.":
            "Per waargenomen cijfer de P10–P90 van het model over de herhalingen met het gemiddelde, en het waargenomen aandeel (telling van DUO) als punt.",
        "share of the obligated with a PIP": "aandeel inburgeringsplichtigen met een PIP",
        "model (P10–P90, mean)": "model (P10–P90, gemiddelde)",
        "observed": "waargenomen",
        "Model against the observed figures": "Model tegenover de waargenomen cijfers",
        "The scenario files' `observed:` figures (DUO's snapshots) beside the model's count on the same date, made the way DUO counts: persons whose obligation had started, and the share of them with a PIP. Where these figures were calibration targets, agreement is fit, not validation.":
            "De `observed:`-cijfers uit de scenariobestanden (momentopnamen van DUO) naast de telling van het model op dezelfde datum, geteld zoals DUO telt: personen bij wie de inburgeringsplicht was ingegaan, en het aandeel van hen met een PIP. Waar deze cijfers kalibratiedoelen waren, is overeenstemming het resultaat van de kalibratie, geen validatie.",
        "Coverage on the observed dates.": "Dekking op de peildata.",
        "figure": "kengetal",
        "obligated (observed)": "inburgeringsplichtig (waargenomen)",
        "model [95 % CI]": "model [95 % BI]",
        "with a PIP (observed)": "met een PIP (waargenomen)",
        "difference": "verschil",
        // Multi-criteria analysis.
        "Total": "Totaal",
        "Weighted-sum table (layout of 001 L1860-1907)": "Tabel met gewogen sommen (opmaak van 001 L1860-1907)",
        "criteria cluster": "criteriacluster",
        "mean weight": "gemiddeld gewicht",
        "SMAA rank acceptability ({0})": "SMAA-rangacceptatie ({0})",
        "Share of weight samples in which each alternative takes each rank.":
            "Aandeel van de gewichtensteekproeven waarin elk alternatief elke rang inneemt.",
        "share of weight samples": "aandeel van de gewichtensteekproeven",
        "rank {0}": "rang {0}",
        "Rank acceptability over {0} weight samples (seed {1}).": "Rangacceptatie over {0} gewichtensteekproeven (seed {1}).",
        "alternative": "alternatief",
        "Multi-criteria analysis: {0}": "Multicriteria-analyse: {0}",
        // Sizing to service levels.
        "holds": "gehaald",
        "fails": "niet gehaald",
        "no configuration within the bounds holds every level": "geen configuratie binnen de grenzen haalt alle niveaus",
        "Spreadsheet estimate against the simulation's size": "Schatting uit de spreadsheet tegenover de omvang volgens de simulatie",
        "Per scenario and decision variable: the static (workload / hours) estimate and the cheapest size that holds every service level in the simulation.":
            "Per scenario en beslisvariabele: de statische schatting (werklast / uren) en de goedkoopste omvang die in de simulatie alle serviceniveaus haalt.",
        "FTE, places or groups": "FTE, plaatsen of groepen",
        "spreadsheet estimate": "schatting spreadsheet",
        "simulation": "simulatie",
        "Sizing to service levels": "Omvang bepalen op serviceniveaus",
        "The spreadsheet answer counts workload hours against productive hours and open cases against the caseload norm: no queues, no peaks, no start moments. The simulation searches the cheapest configuration whose service levels hold at their stated confidence.":
            "Het spreadsheetantwoord zet werklasturen af tegen productieve uren en lopende dossiers tegen de caseloadnorm: geen wachtrijen, geen pieken, geen startmomenten. De simulatie zoekt de goedkoopste configuratie waarbij de serviceniveaus met de opgegeven zekerheid worden gehaald.",
        "Static estimate and simulated size per decision variable.": "Statische schatting en gesimuleerde omvang per beslisvariabele.",
        "scenario": "scenario",
        "variable": "variabele",
        "Service levels at the chosen size": "Serviceniveaus bij de gekozen omvang",
        "service level": "serviceniveau",
        "target": "doel",
        "mean": "gemiddelde",
        "one-sided bound": "eenzijdige grens",
        "confidence": "zekerheid",
        // Sensitivity.
        "Tornado: {0}": "Tornadodiagram: {0}",
        "Change in the mean of {0} when each input is set to its low or high value, same replications as the base run, with 95 % CI.":
            "Verandering van het gemiddelde van {0} als elke invoer op zijn lage of hoge waarde wordt gezet, met dezelfde herhalingen als de basisrun, met 95 % BI.",
        "change from the base mean {0}": "verandering ten opzichte van het basisgemiddelde {0}",
        "input at its low value": "invoer op lage waarde",
        "input at its high value": "invoer op hoge waarde",
        "low": "laag",
        "high": "hoog",
        "effect at low": "effect bij laag",
        "effect at high": "effect bij hoog",
        "95 % CI": "95 % BI",
        "The inputs with the largest effect on {0} (at most 12 shown; all in the table).":
            "De invoer met het grootste effect op {0} (hoogstens 12 getoond; alle in de tabel).",
        "Sensitivity: which inputs the answer hangs on": "Gevoeligheid: van welke invoer het antwoord afhangt",
        "From {0}, {1} replications per point, {2} model runs.": "Uit {0}: {1} herhalingen per punt, {2} modelruns.",
        // Calibration.
        "Calibration fit: model against observed": "Kalibratie: model tegenover waarneming",
        "Per target, the model's 5–95 % range over the accepted points with its mean, and the observed value.":
            "Per doel het 5–95 %-bereik van het model over de geaccepteerde punten met het gemiddelde, en de waargenomen waarde.",
        "value": "waarde",
        "model (P05–P95, mean)": "model (P05–P95, gemiddelde)",
        "file": "bestand",
        "group": "groep",
        "model mean": "gemiddelde model",
        "model P05–P95": "model P05–P95",
        "final acceptance range": "laatste acceptatiebereik",
        "inside": "binnen",
        "outside": "buiten",
        "Calibration to observed figures": "Kalibratie op waargenomen cijfers",
        "{0} accepted points.": "{0} geaccepteerde punten.",
        "Fit per target.": "Aansluiting per doel.",
        "Posterior (weighted accepted points)": "Posterior (gewogen geaccepteerde punten)",
        "parameter": "parameter",
        "path": "pad",
        "median": "mediaan",
        "90 % interval": "90 %-interval",
        "prior": "prior",
        // Inputs and their sources.
        "no source": "geen bron",
        "all": "alle",
        "Inputs and their sources": "Invoer en bronnen",
        "Every parameter the scenario files annotate, with its value and source; {0} of {1} rest on an assumption (highlighted). Sources cite the seed documents by line (e.g. 001 L713) or a public figure.":
            "Elke parameter die de scenariobestanden toelichten, met waarde en bron; {0} van de {1} berusten op een aanname (gemarkeerd). De bronnen verwijzen per regel naar de basisdocumenten (bijv. 001 L713) of naar een openbaar cijfer.",
        "source": "bron",
        "scenarios": "scenario's",
        // Reporting items (STRESS-DES).
        "model purpose and version": "doel en versie van het model",
        "input data and sources": "invoergegevens en bronnen",
        "initialisation": "initialisatie",
        "run length": "runlengte",
        "replications": "herhalingen",
        "software": "software",
        "random numbers": "toevalsgetallen",
        "execution": "uitvoering",
        "system specification": "systeemspecificatie",
        "Reporting items (STRESS-DES)": "Te rapporteren onderdelen (STRESS-DES)",
        "Monks et al. (2019) list what a simulation study must report; manifest.json in the result folder holds each item.":
            "Monks e.a. (2019) sommen op wat een simulatiestudie moet rapporteren; manifest.json in de resultatenmap bevat elk onderdeel.",
        "item": "onderdeel",
        "what": "wat",
        "in this run": "in deze run",
        "{0} entries": "{0} vermeldingen",
        "none": "geen",
    ]
}
