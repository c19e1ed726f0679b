// The Dutch words of the report, keyed by the English they translate (`tr`, Language.swift).
extension Dutch {
    static let report: [String: String] = [
        // The page title and meta line.
        "ketensim report — {0}": "ketensim-rapport — {0}",
        "seed {0}": "seed {0}",
        "{0} replications per scenario, seed {1}, common random numbers": "{0} herhalingen per scenario, seed {1}, gemeenschappelijke toevalsgetallen",
        "{0} replications per scenario, seed {1}": "{0} herhalingen per scenario, seed {1}",
        "ketensim {0} (commit {1})": "ketensim {0} (commit {1})",
        "results of {0}": "resultaten van {0}",

        // In short (the summary).
        "The legal term (a PIP within 10 weeks of housing, for family migrants of DUO's notice): {0} does best, with {1} of PIPs in time (95 % CI {2}–{3}).":
            "De wettelijke termijn (een PIP binnen 10 weken na huisvesting; voor gezinsmigranten na de kennisgeving van DUO): {0} scoort het best, met {1} van de PIP's op tijd (95 % BI {2}–{3}).",
        "The legal term (a PIP within 10 weeks of housing, for family migrants of DUO's notice): {0} of PIPs in time (95 % CI {1}–{2}).":
            "De wettelijke termijn (een PIP binnen 10 weken na huisvesting; voor gezinsmigranten na de kennisgeving van DUO): {0} van de PIP's op tijd (95 % BI {1}–{2}).",
        "No scenario meets the term for even half of the people.": "Geen enkel scenario haalt de termijn voor ook maar de helft van de mensen.",
        "The term is not met for most people.": "Voor de meeste mensen wordt de termijn niet gehaald.",
        "The lowest is {0} at {1}.": "Het laagst scoort {0}, met {1}.",
        "From housing to a PIP takes {0} on average in {1} (fastest) and {2} in {3} (slowest).":
            "Van huisvesting tot PIP duurt gemiddeld {0} in {1} (snelst) en {2} in {3} (traagst).",
        "From housing to a PIP takes {0} on average.": "Van huisvesting tot PIP duurt gemiddeld {0}.",
        "Consultant cost: {0} is the cheapest at {1} a year{2}, {3} per PIP.": "Kosten consulenten: {0} is het goedkoopst, met {1} per jaar{2} en {3} per PIP.",
        "Consultant cost: {0} a year{1}, {2} per PIP.": "Kosten consulenten: {0} per jaar{1}, {2} per PIP.",
        "{0} FTE of its {1}": "{0} FTE (van de {1} aanwezige)",
        "{0} FTE": "{0} FTE",
        "{0} in {1} (P10–P90 {2} to {3})": "{0} in {1} (P10–P90 {2} tot {3})",
        "The consultant work asked peaks at {0}, counted at full utilisation: the FTE path per half-year is under Demand against capacity.":
            "Het gevraagde werk voor consulenten piekt op {0}, gerekend bij volledige bezetting; het verloop in FTE per halfjaar staat onder ‘Vraag tegenover capaciteit’.",
        "{0} cannot meet them within the bounds searched": "{0} haalt ze niet binnen de doorzochte grenzen",
        "{0} {1} a year ({2} FTE; the spreadsheet says {3})": "{0} {1} per jaar ({2} FTE; de spreadsheet komt uit op {3})",
        "Sized to the service levels of the sizing spec, the cheapest configuration that holds them: {0}.":
            "De goedkoopste formatie die de serviceniveaus uit de sizing-specificatie haalt: {0}.",
        "MCA ({0}): {1} has the highest weighted total ({2}).": "MCA ({0}): {1} heeft het hoogste gewogen totaal ({2}).",
        "Over the weights the municipalities might choose (SMAA), {0} ranks first in {1} of samples.":
            "Over de gewichten die de gemeenten zouden kunnen kiezen (SMAA) staat {0} in {1} van de trekkingen op de eerste plaats.",
        "Sensitivity: {0} hangs most on {1}, which moves it by {2} to {3} between its low and high value.":
            "Gevoeligheid: {0} hangt het meest af van {1}; de lage en de hoge waarde daarvan verschuiven de uitkomst met {2} en {3}.",
        "Calibration: {0} of {1} targets within their final acceptance range, from {2} accepted points.":
            "Kalibratie: {0} van de {1} doelwaarden liggen binnen hun uiteindelijke acceptatiebereik, op basis van {2} geaccepteerde punten.",
        "Each scenario ran {0} times on the same simulated people (common random numbers): differences marked * below are beyond chance.":
            "Elk scenario is {0} keer doorgerekend met dezelfde gesimuleerde mensen (gemeenschappelijke toevalsgetallen): verschillen die hieronder met * zijn gemarkeerd, zijn niet aan toeval toe te schrijven.",
        "Based on {0} replications.": "Gebaseerd op {0} herhalingen.",

        // Key figures.
        "Key figures (mean over replications, 95 % CI)": "Kerncijfers (gemiddelde over de herhalingen, 95 % BI)",
        "scenario": "scenario",
        "PIP within 10 weeks": "PIP binnen 10 weken",
        "housing → PIP": "huisvesting → PIP",
        "intake waiting list": "wachtlijst intake",
        "consultant FTE": "FTE consulenten",
        "FTE cost a year": "FTE-kosten per jaar",
        "cost per PIP": "kosten per PIP",
        "mean": "gemiddelde",
        "95 % CI": "95 % BI",

        // The PIP and its term.
        "The PIP and its 10-week term": "Het PIP en de termijn van 10 weken",
        "The law gives the municipality 10 weeks to fix the PIP, from the BRP registration; for family migrants from DUO's notice when that comes later, since their obligation starts there. The curve is the share of people with a PIP t days after their term started (Kaplan–Meier: people still waiting at the horizon count as censored), from the persons of the replications kept in leadtimes.csv ({0} in {1}); where it crosses the {2}-day line is about the share within the term in the table, which counts over all replications.":
            "De wet geeft de gemeente 10 weken om het PIP vast te stellen, gerekend vanaf de BRP-inschrijving; voor gezinsmigranten vanaf de kennisgeving van DUO als die later komt, omdat hun inburgeringsplicht dan begint. De curve toont het aandeel mensen met een PIP t dagen na de start van hun termijn (Kaplan–Meier: wie aan het eind van de simulatieperiode nog wacht, telt als gecensureerd), berekend over de personen van de herhalingen die in leadtimes.csv bewaard zijn ({0} in {1}). Waar de curve de lijn van {2} dagen kruist, ligt ongeveer het aandeel binnen de termijn uit de tabel; die tabel telt over alle herhalingen.",
        "the first scenario": "het eerste scenario",
        "days after the term's start": "dagen na de start van de termijn",
        "days after the start of the term": "dagen na de start van de termijn",
        "Start of the term → PIP: share with a PIP within t days": "Start van de termijn → PIP: aandeel met een PIP binnen t dagen",
        "Kaplan–Meier distribution of the days from the start of the legal term (BRP registration; for family migrants DUO's notice when later) to the PIP, per scenario, with the {0}-day term.":
            "Kaplan–Meier-verdeling van het aantal dagen vanaf de start van de wettelijke termijn (BRP-inschrijving; voor gezinsmigranten de kennisgeving van DUO als die later komt) tot het PIP, per scenario, met de termijn van {0} dagen.",
        "share with a PIP": "aandeel met een PIP",
        "legal term ({0} days)": "wettelijke termijn ({0} dagen)",
        "Start of the term → PIP per scenario; the dashed line is the legal term.": "Start van de termijn → PIP per scenario; de stippellijn is de wettelijke termijn.",
        "Share of PIPs within the term (of those whose term ended within the horizon)":
            "Aandeel PIP's binnen de termijn (van wie de termijn binnen de simulatieperiode afliep)",
        "housing → PIP: still waiting at the horizon": "huisvesting → PIP: nog wachtend aan het eind van de simulatieperiode",

        // Lead times.
        "Lead times per chain step": "Doorlooptijden per ketenstap",
        "Days between two milestones of each person's chain, for those who reached both; people still waiting at the horizon are censored in the quantiles (Kaplan–Meier).":
            "Dagen tussen twee mijlpalen in de keten van elke persoon, voor wie beide mijlpalen heeft bereikt; wie aan het eind van de simulatieperiode nog wacht, telt in de kwantielen als gecensureerd (Kaplan–Meier).",
        "The second chart follows each person from admission to a caseload through every step of the scenario's own chain (a step that does not apply to a person is not counted for them).":
            "De tweede grafiek volgt elke persoon vanaf de opname in een caseload door elke stap van de eigen keten van het scenario (een stap die voor iemand niet geldt, telt voor die persoon niet mee).",
        "Lead times between milestones (P10–P90, dot at P50)": "Doorlooptijden tussen mijlpalen (P10–P90, stip bij P50)",
        "Admission → each step of the chain (P10–P90, dot at P50)": "Opname in de caseload → elke stap van de keten (P10–P90, stip bij P50)",
        "For each lead time, the 10th to 90th percentile in days per scenario, with the median marked.":
            "Per doorlooptijd het 10e tot 90e percentiel in dagen per scenario, met de mediaan gemarkeerd.",
        "Lead times in days; quantiles of the pooled Kaplan–Meier estimate over all replications.":
            "Doorlooptijden in dagen; kwantielen van de samengevoegde Kaplan–Meier-schatting over alle herhalingen.",
        "The lead times": "De doorlooptijden",
        "The chain steps": "De ketenstappen",
        "lead time": "doorlooptijd",
        "from → to": "van → tot",
        "figure": "kengetal",
        "days": "dagen",
        "{0} days": "{0} dagen",
        "still waiting": "nog wachtend",

        // What the lead times measure (MetricCatalogue.leadTimes and .stepLeadTime).
        "koppeling → key of the house (BRP): the wait in the AZC": "koppeling → sleutel van de woning (BRP): de wachttijd in het AZC",
        "referral → a consultant with a free caseload place (the intake waiting list)":
            "doorverwijzing → een consulent met een vrije plek in de caseload (de wachtlijst voor de intake)",
        "BRP registration → first intake talk": "BRP-inschrijving → eerste intakegesprek",
        "BRP registration → LBT result": "BRP-inschrijving → uitslag LBT",
        "BRP registration → PIP fixed (the legal term is 70 days)": "BRP-inschrijving → PIP vastgesteld (de wettelijke termijn is 70 dagen)",
        "koppeling → PIP fixed": "koppeling → PIP vastgesteld",
        "PIP → start of the route (Ketenplan indicator 5 for stream:asylum, 002 L569-581)":
            "PIP → start van de leerroute (Ketenplan-indicator 5 voor stream:asylum, 002 L569-581)",
        "start of the obligation (DUO) → PIP (Ketenplan indicator 3, 002 L531-543)":
            "start van de inburgeringsplicht (DUO) → PIP (Ketenplan-indicator 3, 002 L531-543)",
        "admission to a caseload → the case closes (route ended or 3-year term out)":
            "opname in een caseload → het dossier sluit (leerroute afgerond of termijn van 3 jaar verstreken)",
        "admission to a caseload → the chain step named after the colon is done (one figure per step of the scenario's chain)":
            "opname in een caseload → de ketenstap achter de dubbele punt is afgerond (één kengetal per stap van de keten van het scenario)",

        // Coverage and work in progress over time.
        "Coverage and work in progress over time": "Dekking en onderhanden werk in de tijd",
        "Monthly snapshots of each chain state; the band is P10–P90 over replications.":
            "Maandelijkse momentopnamen van elke toestand in de keten; de band is P10–P90 over de herhalingen.",
        "month": "maand",
        "{0} mean": "{0} gemiddelde",
        "PIP coverage (DUO's way)": "PIP-dekking (zoals DUO telt)",
        "Share of the obligated with a PIP, monthly: mean and P10–P90 band over replications.":
            "Aandeel inburgeringsplichtigen met een PIP, per maand: gemiddelde en P10–P90-band over de herhalingen.",
        "with PIP / obligated": "met PIP / inburgeringsplichtig",
        "in the AZC, housed not yet": "in het AZC, nog niet gehuisvest",
        "housed, not yet referred": "gehuisvest, nog niet doorverwezen",
        "waiting for a consultant": "wachtend op een consulent",
        "in the brede intake": "in de brede intake",
        "waiting for or taking the LBT": "wachtend op of bezig met de LBT",
        "PIP being prepared": "PIP in voorbereiding",
        "PIP fixed, route not started": "PIP vastgesteld, leerroute nog niet gestart",
        "in a leerroute": "in een leerroute",
        "Work in progress: {0}": "Onderhanden werk: {0}",
        "Persons {0} at each month's start: mean and P10–P90 band.": "Personen met status ‘{0}’ aan het begin van elke maand: gemiddelde en P10–P90-band.",
        "persons": "personen",
        "PIPs fixed per month": "Vastgestelde PIP's per maand",
        "PIPs fixed in each month: mean and P10–P90 band.": "Per maand vastgestelde PIP's: gemiddelde en P10–P90-band.",
        "PIPs": "PIP's",

        // Consultants.
        "Consultants: utilisation and caseload": "Consulenten: bezettingsgraad en caseload",
        "pool": "pool",
        "utilisation": "bezettingsgraad",
        "caseload per FTE": "caseload per FTE",
        "intake wait (days)": "wachttijd intake (dagen)",
        "Consultant utilisation per pool": "Bezettingsgraad consulenten per pool",
        "Share of the consultants' time on tasks, per pool and scenario, with 95 % CI.":
            "Aandeel van de tijd van consulenten dat aan taken opgaat, per pool en scenario, met 95 % BI.",
        "share of time on tasks": "aandeel tijd aan taken",
        "Caseload per FTE per pool": "Caseload per FTE per pool",
        "Time-average open cases per FTE (old-law and Participatiewet included), with 95 % CI.":
            "Gemiddeld aantal open dossiers per FTE over de tijd (inclusief oude wet en Participatiewet), met 95 % BI.",
        "open cases per FTE": "open dossiers per FTE",
        "Utilisation per pool (mean, 95 % CI).": "Bezettingsgraad per pool (gemiddelde, 95 % BI).",
        "Caseload per FTE per pool (mean, 95 % CI).": "Caseload per FTE per pool (gemiddelde, 95 % BI).",
    ]
}
