import SimKernel
import Stochastics

/// The checks decoding cannot make: dates, references between sections, shares, and
/// impossible values. Returns every problem found.
enum ScenarioValidator {
    static func validate(_ s: Scenario, file: String) -> [ScenarioIssue] {
        var v = Collector(file: file)
        // Dates, names and the chain: their problems come from compiling the plan the model reads.
        if case .failure(let f) = ScenarioPlan.compile(s) { for (path, message) in f.problems { v.add(path, message) } }

        // The name becomes a folder name (Results/<name>/…) and a file prefix in a comparison.
        if !s.name.contains(where: { $0.isLetter || $0.isNumber }) || s.name.count > 100 {
            v.add("name", "expected a name of 1 to 100 characters with at least one letter or digit (got \(s.name.count) characters)")
        }

        // Municipalities
        let names = s.municipalities.map(\.name)
        if names.isEmpty { v.add("municipalities", "expected at least one municipality") }
        for (i, m) in s.municipalities.enumerated() {
            if names.filter({ $0 == m.name }).count > 1 { v.add("municipalities[\(i)].name", "duplicate municipality '\(ScenarioIssue.quote(m.name))'") }
            v.positive(m.share, "municipalities[\(i)].share")
        }

        // Inflow
        let t = s.inflow.taakstelling
        switch (t.national, t.regionShare, t.region) {
        case (let national?, let share?, nil):
            v.figures(national, "inflow.taakstelling.national")
            if !(share > 0 && share <= 1) { v.add("inflow.taakstelling.region_share", "expected a share in (0, 1]") }
        case (nil, nil, let region?):
            v.figures(region, "inflow.taakstelling.region")
        default:
            v.add("inflow.taakstelling", "expected either `national` with `region_share`, or `region`")
        }
        v.duration(s.inflow.households.adults, "inflow.households.adults", minimum: 1)
        v.duration(s.inflow.households.minors, "inflow.households.minors")
        v.probability(s.inflow.inburgeringsplichtigShare, "inflow.inburgeringsplichtig_share")
        if let n = s.inflow.nareizigers {
            v.probability(n.share, "inflow.nareizigers.share")
            v.duration(n.adults, "inflow.nareizigers.adults")
            v.duration(n.delay, "inflow.nareizigers.delay")
        }
        if let f = s.inflow.familyMigrants {
            if !(f.perYear >= 0 && f.perYear.isFinite) { v.add("inflow.family_migrants.per_year", "expected a non-negative number") }
            for (j, change) in (f.perYearSchedule ?? []).enumerated() {
                if !(change.perYear >= 0 && change.perYear.isFinite) {
                    v.add("inflow.family_migrants.per_year_schedule[\(j)].per_year", "expected a non-negative number")
                }
            }
            v.duration(f.noticeDelay, "inflow.family_migrants.notice_delay")
            v.duration(f.referralDelay, "inflow.family_migrants.referral_delay")
            if let own = f.ownProviderStart { v.duration(own, "inflow.family_migrants.own_provider_start") }
        }
        for (i, shock) in (s.inflow.shocks ?? []).enumerated() {
            if shock.persons <= 0 { v.add("inflow.shocks[\(i)].persons", "expected a positive number of persons") }
            if shock.fromLinked == true && shock.stream != .asylum {
                v.add("inflow.shocks[\(i)].from_linked", "only asylum statushouders are linked and wait in the AZC")
            }
            v.shift(shock.shiftDays, "inflow.shocks[\(i)].shift_days")
        }

        // Housing
        if !(s.housing.realisation >= 0) { v.add("housing.realisation", "expected a non-negative share") }
        for (i, f) in (s.housing.realisationByPeriod ?? []).enumerated() where !(f.realisation >= 0) {
            v.add("housing.realisation_by_period[\(i)].realisation", "expected a non-negative share")
        }
        v.duration(s.housing.koppelingToEligible, "housing.koppeling_to_eligible")
        v.duration(s.housing.dwellingCapacity, "housing.dwelling_capacity", minimum: 1)
        v.duration(s.housing.offerToKey, "housing.offer_to_key")
        if let b = s.housing.backlogHouseholds, b < 0 { v.add("housing.backlog_households", "expected a non-negative number of households") }
        let bandNames = s.lbt.bands.map(\.name)
        if let e = s.vroegeStart {
            v.probability(e.share, "vroege_start.share")
            v.duration(e.contactDelay, "vroege_start.contact_delay")
            for (i, band) in e.excludedBands.enumerated() where !bandNames.contains(band) {
                v.add("vroege_start.excluded_bands[\(i)]", "unknown score band '\(ScenarioIssue.quote(band))'")
            }
        }
        v.duration(s.settling, "settling")

        // Organisation
        let parties = Set([s.organisation.steps.intake, s.organisation.steps.lbt, s.organisation.steps.pip] + (s.chain?.steps.flatMap { [$0.party, $0.also].compactMap { $0 } } ?? []))
        for (i, pool) in s.organisation.pools.enumerated() {
            let p = "organisation.pools[\(i)]"
            if pool.municipalities.isEmpty && !parties.contains(pool.name) {
                v.add("\(p).municipalities", "a pool nobody uses: it serves no municipality and no step names it as its party or `also`")
            }
            if pool.municipalities.isEmpty && pool.assignment == .perArea {
                v.add("\(p).assignment", "a team that serves no municipality has no areas: expected pooled")
            }
            if pool.consultants < 1 { v.add("\(p).consultants", "expected at least one consultant") }
            v.positive(pool.fte, "\(p).fte")
            if pool.caseloadCap < 1 { v.add("\(p).caseload_cap", "expected a positive caseload cap") }
            v.positive(pool.weeklyHours, "\(p).weekly_hours")
            if !(pool.productiveShare > 0 && pool.productiveShare <= 1) { v.add("\(p).productive_share", "expected a share in (0, 1]") }
            if let old = pool.oldLaw {
                if !(old.casesPerFTE >= 0 && old.casesPerFTE.isFinite) { v.add("\(p).old_law.cases_per_fte", "expected a non-negative number") }
                if !(old.hoursPerCasePerMonth >= 0 && old.hoursPerCasePerMonth.isFinite) { v.add("\(p).old_law.hours_per_case_per_month", "expected a non-negative number") }
            }
            if let pw = pool.participatiewet {
                if !(pw.casesPerFTE >= 0 && pw.casesPerFTE.isFinite) { v.add("\(p).participatiewet.cases_per_fte", "expected a non-negative number") }
                v.duration(pw.hoursPerWeek, "\(p).participatiewet.hours_per_week")
            }
            for (j, change) in (pool.fteSchedule ?? []).enumerated() {
                v.positive(change.fte, "\(p).fte_schedule[\(j)].fte")
                v.shift(change.shiftDays, "\(p).fte_schedule[\(j)].shift_days")
            }
            if let w = pool.overflowDays {
                if !(w >= 0 && w <= 3_650) { v.add("\(p).overflow_days", "expected a number of days from 0 to 3650") }
                if pool.assignment != .perArea { v.add("\(p).overflow_days", "only with assignment: per_area (a pooled team has no areas)") }
            }
            if pool.assignment == .perArea && pool.consultants < pool.municipalities.count && pool.consultants >= 1 {
                v.add("\(p).consultants", "per_area assignment needs at least one consultant per municipality (\(pool.municipalities.count))")
            }
        }
        v.duration(s.organisation.handoffDelay, "organisation.handoff_delay")
        v.duration(s.organisation.internalDelay, "organisation.internal_delay")
        for (key, party) in [("intake", s.organisation.steps.intake), ("lbt", s.organisation.steps.lbt), ("pip", s.organisation.steps.pip)]
            where party.isEmpty {
            v.add("organisation.steps.\(key)", "expected the name of the party that does this step")
        }

        // Intake and LBT
        switch (s.chain, s.intake.talks) {
        case (nil, nil): v.add("intake.talks", "missing (required without `chain:`)")
        case (nil, let n?): if n < 1 { v.add("intake.talks", "expected at least one talk") }
        case (_?, _?):
            v.add("intake.talks", "not used with `chain:`: state the talks as steps (`kind: talk`, `times:`) and remove it (`talks: null` when inherited)")
        case (_?, nil): break
        }
        if s.chain != nil && s.schoolIntake != nil {
            v.add("school_intake", "not used with `chain:`: state it as a `school_intake` step (with an option for its share) and remove it")
        }
        v.duration(s.intake.firstTalkDelay, "intake.first_talk_delay")
        v.duration(s.intake.hoursPerTalk, "intake.hours_per_talk")
        v.duration(s.intake.daysBetweenTalks, "intake.days_between_talks")
        v.duration(s.intake.pipHours, "intake.pip_hours")
        v.duration(s.intake.ontzorgenHours, "intake.ontzorgen_hours")
        if let noShows = s.intake.noShows {
            for (name, share) in [("asylum", noShows.asylum), ("family", noShows.family)] where !(share >= 0 && share <= 0.9) {
                v.add("intake.no_shows.\(name)", "expected a share of missed talks in [0, 0.9]")
            }
            v.duration(noShows.rescheduleDays, "intake.no_shows.reschedule_days")
            if !(noShows.hoursLost >= 0 && noShows.hoursLost <= 1) { v.add("intake.no_shows.hours_lost", "expected a share of the talk's hours in [0, 1]") }
        }
        if let mb = s.intake.mb {
            if !(mb.hoursPerWeek >= 0 && mb.hoursPerWeek <= 40) { v.add("intake.mb.hours_per_week", "expected hours in [0, 40]") }
            if !(mb.weeks >= 0 && mb.weeks <= 520) { v.add("intake.mb.weeks", "expected weeks in [0, 520]") }
        }
        v.positive(s.lbt.sessions.periodDays, "lbt.sessions.period_days")
        if s.lbt.sessions.offsets.isEmpty { v.add("lbt.sessions.offsets", "expected at least one session day") }
        for (i, o) in s.lbt.sessions.offsets.enumerated() where !(o >= 0 && o < s.lbt.sessions.periodDays) {
            v.add("lbt.sessions.offsets[\(i)]", "expected a day in [0, period_days)")
        }
        if s.lbt.sessions.slots < 1 { v.add("lbt.sessions.slots", "expected at least one place per session") }
        for (j, c) in (s.lbt.sessions.slotsSchedule ?? []).enumerated() {
            if c.value < 1 { v.add("lbt.sessions.slots_schedule[\(j)].value", "expected at least one place per session") }
            v.shift(c.shiftDays, "lbt.sessions.slots_schedule[\(j)].shift_days")
        }
        if !(s.lbt.resultDays >= 0) { v.add("lbt.result_days", "expected a non-negative number of days") }
        if s.lbt.bands.isEmpty { v.add("lbt.bands", "expected at least one score band") }
        for stream in Stream.allCases {
            let total = s.lbt.bands.reduce(0) { $0 + (stream == .asylum ? $1.asylum : $1.family) }
            if abs(total - 1) > 1e-6 { v.add("lbt.bands", "the \(stream.rawValue) shares of the bands must sum to 1 (sum is \(total))") }
        }
        var drawnRoutes = Set<Route>()
        for (i, band) in s.lbt.bands.enumerated() {
            if bandNames.filter({ $0 == band.name }).count > 1 { v.add("lbt.bands[\(i)].name", "duplicate band '\(ScenarioIssue.quote(band.name))'") }
            if !(band.asylum >= 0) { v.add("lbt.bands[\(i)].asylum", "expected a non-negative share") }
            if !(band.family >= 0) { v.add("lbt.bands[\(i)].family", "expected a non-negative share") }
            for (key, weight) in band.routes {
                guard let route = Route(rawValue: key) else {
                    v.add("lbt.bands[\(i)].routes.\(key)", "unknown route; expected B1, O or Z")
                    continue
                }
                if !(weight >= 0) { v.add("lbt.bands[\(i)].routes.\(key)", "expected a non-negative weight") }
                if weight > 0 { drawnRoutes.insert(route) }
            }
            if !(band.routes.values.reduce(0, +) > 0) { v.add("lbt.bands[\(i)].routes", "expected positive weights") }
            for (j, key) in (band.advice ?? []).enumerated() where Route(rawValue: key) == nil {
                v.add("lbt.bands[\(i)].advice[\(j)]", "unknown route; expected B1, O or Z")
            }
            if band.advice?.isEmpty == true { v.add("lbt.bands[\(i)].advice", "expected the routes the LBT advises in this band (B1, O, Z), or no advice at all") }
        }
        if let local = s.lbt.localRoutes {
            if !(local.priorPersons >= 0) { v.add("lbt.local_routes.prior_persons", "expected a non-negative number of persons") }
            for (i, band) in local.bands.enumerated() {
                let p = "lbt.local_routes.bands[\(i)]"
                if !bandNames.contains(band.band) {
                    v.add("\(p).band", "unknown band '\(ScenarioIssue.quote(band.band))'; expected one of \(ScenarioIssue.quote(bandNames.joined(separator: ", "), limit: 200))")
                } else if local.bands.filter({ $0.band == band.band }).count > 1 { v.add("\(p).band", "duplicate band '\(ScenarioIssue.quote(band.band))'") }
                for (key, persons) in band.routes {
                    if Route(rawValue: key) == nil { v.add("\(p).routes.\(key)", "unknown route; expected B1, O or Z") }
                    else if !(persons >= 0) { v.add("\(p).routes.\(key)", "expected a non-negative number of persons") }
                    else if persons > 0, let route = Route(rawValue: key) { drawnRoutes.insert(route) }
                }
                if !(band.routes.values.reduce(0, +) + local.priorPersons > 0) {
                    v.add("\(p).routes", "expected persons in the band, or prior_persons above 0")
                }
            }
        }
        if let si = s.schoolIntake {
            v.probability(si.share, "school_intake.share")
            v.duration(si.duration, "school_intake.duration")
            if let lbt = si.lbtAfterDays { v.duration(lbt, "school_intake.lbt_after_days") }
        }

        // The chain: its distributions here, its structure where it is compiled (above).
        for (i, step) in (s.chain?.steps ?? []).enumerated() {
            let p = "chain.steps[\(i)]"
            for (key, d) in [("hours", step.hours), ("duration", step.duration), ("delay", step.delay), ("between", step.between)] {
                if let d { v.duration(d, "\(p).\(key)") }
            }
        }

        // PIP and schools
        v.positive(s.pip.legalTermDays, "pip.legal_term_days")
        if s.pip.policy == .waitForSchool {
            if let lead = s.pip.leadDays { if !(lead >= 0) { v.add("pip.lead_days", "expected a non-negative number of days") } }
            else { v.add("pip.lead_days", "missing (required with policy wait_for_school)") }
        }
        for (i, school) in s.schools.enumerated() {
            let p = "schools[\(i)]"
            if school.routes.isEmpty { v.add("\(p).routes", "a school that no route uses: list at least one route") }
            if school.minClass < 1 { v.add("\(p).min_class", "expected at least 1") }
            if school.maxClass < school.minClass { v.add("\(p).max_class", "expected at least min_class (\(school.minClass))") }
            if school.groups < 1 { v.add("\(p).groups", "expected at least one group") }
            for (j, c) in (school.groupsSchedule ?? []).enumerated() {
                if c.value < 1 { v.add("\(p).groups_schedule[\(j)].value", "expected at least one group") }
                v.shift(c.shiftDays, "\(p).groups_schedule[\(j)].shift_days")
            }
            if let extra = school.extraGroups {
                if extra.whenLeftWaiting < 1 { v.add("\(p).extra_groups.when_left_waiting", "expected at least 1") }
                if !(extra.lagDays > 0 && extra.lagDays.isFinite) { v.add("\(p).extra_groups.lag_days", "expected a positive number of days") }
            }
            if let every = school.starts.everyDays { v.positive(every, "\(p).starts.every_days") }
        }
        for route in drawnRoutes.sorted() {
            for m in names where !s.schools.contains(where: { $0.routes.contains(route) && ($0.municipalities?.contains(m) ?? true) }) {
                v.add("schools", "route \(route.rawValue) has no school for municipality '\(ScenarioIssue.quote(m))'")
            }
        }

        // Progress and costs
        for (i, d) in s.progress.talksAfterPIPDays.enumerated() where !(d >= 0 && d.isFinite) || (i > 0 && d < s.progress.talksAfterPIPDays[i - 1]) {
            v.add("progress.talks_after_pip_days[\(i)]", "expected finite, non-negative days in increasing order")
        }
        v.duration(s.progress.hoursPerTalk, "progress.hours_per_talk")
        if !(s.progress.thenEveryDays >= 7 && s.progress.thenEveryDays.isFinite) {
            v.add("progress.then_every_days", "expected at least 7 days between progress talks")
        }
        if !(s.progress.termDays > 0 && s.progress.termDays.isFinite) { v.add("progress.term_days", "expected a positive number of days") }
        for (i, task) in (s.progress.casework ?? []).enumerated() {
            if task.task.isEmpty { v.add("progress.casework[\(i)].task", "expected the task's name") }
            if !(task.hoursPerMonth >= 0 && task.hoursPerMonth <= 40) {
                v.add("progress.casework[\(i)].hours_per_month", "expected hours per case per month in [0, 40]")
            }
        }
        for (key, d) in s.progress.routeDurationDays {
            if Route(rawValue: key) == nil { v.add("progress.route_duration_days.\(key)", "unknown route; expected B1, O or Z") }
            v.duration(d, "progress.route_duration_days.\(key)")
        }
        for route in drawnRoutes.sorted() where s.progress.routeDurationDays[route.rawValue] == nil {
            v.add("progress.route_duration_days", "no duration for route \(route.rawValue)")
        }

        // DUO and observations
        if let delay = s.duo?.asylumRegistrationDelay { v.duration(delay, "duo.asylum_registration_delay") }
        if let late = s.duo?.lateNotices {
            v.probability(late.asylum, "duo.late_notices.asylum")
            v.probability(late.family, "duo.late_notices.family")
        }
        for (i, o) in (s.observed ?? []).enumerated() {
            if !(o.total >= 0 && o.withPIP >= 0 && o.withPIP <= o.total) {
                v.add("observed[\(i)]", "expected 0 ≤ with_pip ≤ total")
            }
            for key in (o.routes ?? [:]).keys where Route(rawValue: key) == nil {
                v.add("observed[\(i)].routes.\(key)", "unknown route; expected B1, O or Z")
            }
        }
        if !(s.costs.ftePerYear >= 0) { v.add("costs.fte_per_year", "expected a non-negative amount") }
        for (key, price) in s.costs.routePrice {
            if Route(rawValue: key) == nil { v.add("costs.route_price.\(key)", "unknown route; expected B1, O or Z") }
            if !(price >= 0) { v.add("costs.route_price.\(key)", "expected a non-negative amount") }
        }
        for route in drawnRoutes.sorted() where s.costs.routePrice[route.rawValue] == nil {
            v.add("costs.route_price", "no price for route \(route.rawValue)")
        }
        ScenarioLimits.check(s, into: &v)
        return v.issues
    }

    struct Collector {
        let file: String
        var issues: [ScenarioIssue] = []

        mutating func add(_ path: String, _ message: String) {
            issues.append(ScenarioIssue(file: file, path: path, message: message))
        }

        mutating func positive(_ x: Double, _ path: String) {
            if !(x > 0 && x.isFinite) { add(path, "expected a positive number (got \(x))") }
        }

        /// Days added to a date: finite, within the longest horizon either way.
        mutating func shift(_ x: Double?, _ path: String) {
            guard let x else { return }
            let limit = ScenarioLimits.horizonYears * 366
            if !(x.isFinite && abs(x) <= limit) { add(path, "expected a number of days within ±\(Int(limit)) (got \(x))") }
        }

        mutating func probability(_ x: Double, _ path: String) {
            if !(x >= 0 && x <= 1) { add(path, "expected a probability in [0, 1] (got \(x))") }
        }

        /// Durations, hours and sizes must not go below `minimum`; their parameters must be
        /// finite and their mean at most `ScenarioLimits.meanDays` (so a draw is a usable time).
        mutating func duration(_ d: Distribution, _ path: String, minimum: Double = 0) {
            guard d.parametersFinite else { return add(path, "expected finite parameters with a finite mean and variance") }
            if case .poisson(let m) = d, m > ScenarioLimits.countParameter {
                return add(path, "expected a Poisson mean of at most \(Int(ScenarioLimits.countParameter))")
            }
            if case .binomial(let n, _) = d, Double(n) > ScenarioLimits.countParameter {
                return add(path, "expected a binomial n of at most \(Int(ScenarioLimits.countParameter))")
            }
            if !(d.mean <= ScenarioLimits.meanDays) {
                return add(path, "expected a mean of at most \(Int(ScenarioLimits.meanDays)) (got \(d.mean))")
            }
            if let low = d.lowerBound, low >= minimum { return }
            add(path, "values can fall below \(minimum); give a distribution bounded below (e.g. `min:` on a normal)")
        }

        mutating func figures(_ figures: [PeriodFigure], _ path: String) {
            for (i, f) in figures.enumerated() {
                if !(f.persons >= 0) { add("\(path)[\(i)].persons", "expected a non-negative number") }
            }
        }
    }
}

extension Distribution {
    /// The smallest value the distribution can take (nil when unbounded below).
    var lowerBound: Double? {
        switch self {
        case .constant(let v): return v
        case .uniform(let a, _), .triangular(let a, _, _): return a
        case .exponential, .gamma, .lognormal, .weibull, .bernoulli, .poisson, .binomial: return 0
        case .normal(_, _, let lo, _): return lo
        case .discrete(let values, _): return values.min()
        }
    }
}

/// A half-year of the taakstelling: "2023-I" is January–June, "2023-II" July–December.
struct HalfYear: Hashable {
    let year: Int
    let second: Bool

    init?(_ label: String) {
        let parts = label.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), parts[1] == "I" || parts[1] == "II" else { return nil }
        year = y
        second = parts[1] == "II"
    }

    init(year: Int, second: Bool) { self.year = year; self.second = second }

    var label: String { "\(year)-\(second ? "II" : "I")" }

    /// [start, end) in days of `calendar`.
    func days(_ calendar: DayCalendar) -> (start: Double, end: Double) {
        let start = calendar.day(year: year, month: second ? 7 : 1, day: 1) ?? 0
        let end = calendar.day(year: second ? year + 1 : year, month: second ? 1 : 7, day: 1) ?? 0
        return (start, end)
    }

    /// The half-years that overlap [0, horizonEnd].
    static func covering(calendar: DayCalendar, horizonEnd: Double) -> [HalfYear] {
        let firstYear = calendar.start.year ?? 0
        var result: [HalfYear] = []
        for year in (firstYear - 1)...(firstYear + Int(horizonEnd / 365) + 1) {
            for second in [false, true] {
                let h = HalfYear(year: year, second: second)
                let (a, b) = h.days(calendar)
                if b > 0 && a <= horizonEnd { result.append(h) }
            }
        }
        return result
    }
}

/// "MM-DD" of a yearly start moment.
struct MonthDay {
    let month: Int
    let day: Int

    init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]), (1...12).contains(m),
              DayCalendar.components(String(format: "2024-%02d-%02d", m, d)) != nil else { return nil }
        month = m
        day = d
    }
}
