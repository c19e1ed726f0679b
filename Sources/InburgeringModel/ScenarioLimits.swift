import SimKernel
import Stochastics

/// The stated domain of every number in a scenario: finite, and below an upper bound
/// wherever a number becomes a count of things held in memory or of loop iterations. A
/// scenario inside these limits cannot trap a conversion or hang the model; the README
/// lists them.
public enum ScenarioLimits {
    /// Persons in one half-year of the taakstelling, family migrants a year, persons of a shock.
    public static let persons = 1_000_000.0
    /// Years between the horizon's start and end.
    public static let horizonYears = 30.0
    /// Adults, minors, nareizigers per household; persons a dwelling fits.
    public static let householdSize = 20.0
    /// Consultants in a pool; FTE of a pool.
    public static let consultants = 10_000
    public static let fte = 10_000.0
    /// The least FTE of a pool or an FTE schedule entry, weekly hours and productive share:
    /// below these a consultant's hours per day underflow to nothing.
    public static let leastFTE = 0.01
    public static let leastWeeklyHours = 1.0
    public static let leastProductiveShare = 0.01
    /// Municipalities' shares are weights within [1e-6, 1e6].
    public static let municipalityShare = 1e-6...1e6
    /// Cases per FTE (cap, old law, Participatiewet).
    public static let casesPerFTE = 10_000.0
    /// LBT places per session, class size, parallel groups.
    public static let places = 10_000
    public static let groups = 1_000
    /// Intake talks per person, progress talks listed, session days per period, dates listed.
    public static let listLength = 1_000
    /// Intake talks per person, and times a chain step repeats.
    public static let talks = 20
    /// Shortest interval between LBT sessions or school starts, in days.
    public static let shortestInterval = 1.0
    /// Longest mean of a duration (days) and of a number of hours.
    public static let meanDays = 3_650.0
    public static let meanHours = 1_000.0
    /// Largest mean of a Poisson and n of a binomial.
    public static let countParameter = 1_000_000.0
    /// Largest amount of money.
    public static let money = 1e9

    /// Expected persons in one replication (taakstelling, family migrants, shocks).
    public static func estimatedPersons(_ s: Scenario) -> Double {
        let t = s.inflow.taakstelling
        let asylum = (t.national ?? t.region ?? []).reduce(0) { $0 + $1.persons * (t.regionShare ?? 1) }
        let years = (DayCalendar(start: s.horizon.start)?.day(s.horizon.end) ?? 0) / 365.25
        let shocks = Double((s.inflow.shocks ?? []).reduce(0) { $0 + $1.persons })
        let family = ([s.inflow.familyMigrants?.perYear ?? 0] + (s.inflow.familyMigrants?.perYearSchedule ?? []).map(\.perYear)).max() ?? 0
        return asylum + family * years + shocks
    }

    static func check(_ s: Scenario, into v: inout ScenarioValidator.Collector) {
        func atMost(_ x: Double, _ limit: Double, _ path: String) {
            if !(x.isFinite && x <= limit) { v.add(path, "expected a finite number of at most \(format(limit)) (got \(format(x)))") }
        }
        func atLeast(_ x: Double, _ limit: Double, _ path: String) {
            if x.isFinite && x < limit { v.add(path, "expected at least \(format(limit)) (got \(format(x)))") }
        }
        func atMostInt(_ x: Int, _ limit: Int, _ path: String) {
            if x > limit { v.add(path, "expected at most \(limit) (got \(x))") }
        }
        for (i, m) in s.municipalities.enumerated() where m.share.isFinite && m.share > 0 && !municipalityShare.contains(m.share) {
            v.add("municipalities[\(i)].share", "expected a weight between 1e-06 and 1e+06 (got \(format(m.share)))")
        }
        for (i, f) in (s.inflow.taakstelling.national ?? s.inflow.taakstelling.region ?? []).enumerated() {
            atMost(f.persons, persons, "inflow.taakstelling.\(s.inflow.taakstelling.national != nil ? "national" : "region")[\(i)].persons")
        }
        size(s.inflow.households.adults, "inflow.households.adults", &v)
        size(s.inflow.households.minors, "inflow.households.minors", &v)
        if let n = s.inflow.nareizigers { size(n.adults, "inflow.nareizigers.adults", &v) }
        size(s.housing.dwellingCapacity, "housing.dwelling_capacity", &v)
        if let f = s.inflow.familyMigrants {
            atMost(f.perYear, persons, "inflow.family_migrants.per_year")
            atMostInt(f.perYearSchedule?.count ?? 0, listLength, "inflow.family_migrants.per_year_schedule")
            for (j, c) in (f.perYearSchedule ?? []).enumerated() { atMost(c.perYear, persons, "inflow.family_migrants.per_year_schedule[\(j)].per_year") }
        }
        var shocked = 0
        for (i, shock) in (s.inflow.shocks ?? []).enumerated() {
            atMostInt(shock.persons, Int(persons), "inflow.shocks[\(i)].persons")
            shocked = min(shocked + max(shock.persons, 0), Int(persons) + 1)
        }
        if shocked > Int(persons) { v.add("inflow.shocks", "expected at most \(format(persons)) persons in all shocks together") }
        atMost(s.housing.realisation, 10, "housing.realisation")
        atMostInt(s.housing.backlogHouseholds ?? 0, Int(persons), "housing.backlog_households")
        for (i, pool) in s.organisation.pools.enumerated() {
            let p = "organisation.pools[\(i)]"
            atMostInt(pool.consultants, consultants, "\(p).consultants")
            atMost(pool.fte, fte, "\(p).fte")
            atLeast(pool.fte, leastFTE, "\(p).fte")
            atLeast(pool.weeklyHours, leastWeeklyHours, "\(p).weekly_hours")
            atLeast(pool.productiveShare, leastProductiveShare, "\(p).productive_share")
            atMostInt(pool.caseloadCap, Int(casesPerFTE), "\(p).caseload_cap")
            atMost(pool.weeklyHours, 168, "\(p).weekly_hours")
            if let old = pool.oldLaw {
                atMost(old.casesPerFTE, casesPerFTE, "\(p).old_law.cases_per_fte")
                atMost(old.hoursPerCasePerMonth, meanHours, "\(p).old_law.hours_per_case_per_month")
            }
            if let pw = pool.participatiewet { atMost(pw.casesPerFTE, casesPerFTE, "\(p).participatiewet.cases_per_fte") }
            for (j, c) in (pool.fteSchedule ?? []).enumerated() {
                atMost(c.fte, fte, "\(p).fte_schedule[\(j)].fte")
                atLeast(c.fte, leastFTE, "\(p).fte_schedule[\(j)].fte")
            }
            atMostInt(pool.fteSchedule?.count ?? 0, listLength, "\(p).fte_schedule")
        }
        if let n = s.intake.talks { atMostInt(n, talks, "intake.talks") }
        let sessions = s.lbt.sessions
        if !(sessions.periodDays >= shortestInterval && sessions.periodDays <= 366) {
            v.add("lbt.sessions.period_days", "expected between 1 and 366 days (got \(format(sessions.periodDays)))")
        }
        atMostInt(sessions.offsets.count, listLength, "lbt.sessions.offsets")
        atMostInt(sessions.slots, places, "lbt.sessions.slots")
        for (j, c) in (sessions.slotsSchedule ?? []).enumerated() { atMostInt(c.value, places, "lbt.sessions.slots_schedule[\(j)].value") }
        atMostInt(sessions.slotsSchedule?.count ?? 0, listLength, "lbt.sessions.slots_schedule")
        atMostInt(s.lbt.bands.count, listLength, "lbt.bands")
        atMostInt(s.lbt.localRoutes?.bands.count ?? 0, listLength, "lbt.local_routes.bands")
        if let local = s.lbt.localRoutes {
            atMost(local.priorPersons, 1e9, "lbt.local_routes.prior_persons")
            for (i, band) in local.bands.enumerated() {
                for (key, persons) in band.routes { atMost(persons, 1e9, "lbt.local_routes.bands[\(i)].routes.\(key)") }
            }
        }
        for (j, f) in (s.housing.realisationByPeriod ?? []).enumerated() { atMost(f.realisation, 10, "housing.realisation_by_period[\(j)].realisation") }
        atMostInt(s.housing.realisationByPeriod?.count ?? 0, listLength, "housing.realisation_by_period")
        atMost(s.lbt.resultDays, meanDays, "lbt.result_days")
        for (i, school) in s.schools.enumerated() {
            let p = "schools[\(i)]"
            atMostInt(school.maxClass, places, "\(p).max_class")
            atMostInt(school.groups, groups, "\(p).groups")
            for (j, c) in (school.groupsSchedule ?? []).enumerated() { atMostInt(c.value, groups, "\(p).groups_schedule[\(j)].value") }
            atMostInt(school.groupsSchedule?.count ?? 0, listLength, "\(p).groups_schedule")
            if let every = school.starts.everyDays, !(every >= shortestInterval && every <= meanDays) {
                v.add("\(p).starts.every_days", "expected between 1 and 3650 days (got \(format(every)))")
            }
            atMostInt(school.starts.yearly?.count ?? 0, 366, "\(p).starts.yearly")
            if let extra = school.extraGroups {
                atMostInt(extra.whenLeftWaiting, places, "\(p).extra_groups.when_left_waiting")
                atMost(extra.lagDays, meanDays, "\(p).extra_groups.lag_days")
            }
        }
        atMost(s.pip.legalTermDays, meanDays, "pip.legal_term_days")
        if let lead = s.pip.leadDays { atMost(lead, meanDays, "pip.lead_days") }
        atMost(s.progress.termDays, meanDays, "progress.term_days")
        atMost(s.progress.thenEveryDays, meanDays, "progress.then_every_days")
        atMostInt(s.progress.talksAfterPIPDays.count, listLength, "progress.talks_after_pip_days")
        atMostInt(s.progress.casework?.count ?? 0, listLength, "progress.casework")
        for (i, d) in s.progress.talksAfterPIPDays.enumerated() { atMost(d, meanDays, "progress.talks_after_pip_days[\(i)]") }
        if let mb = s.intake.mb { atMost(mb.hoursPerWeek * mb.weeks, meanHours, "intake.mb") }
        atMost(s.costs.ftePerYear, money, "costs.fte_per_year")
        for (key, price) in s.costs.routePrice { atMost(price, money, "costs.route_price.\(key)") }
        atMostInt(s.snapshotDates?.count ?? 0, listLength, "snapshot_dates")
        atMostInt(s.observed?.count ?? 0, listLength, "observed")
    }

    /// A size distribution (persons in a household or a dwelling): bounded support within
    /// [0, householdSize], so a draw always converts to a whole number.
    static func size(_ d: Distribution, _ path: String, _ v: inout ScenarioValidator.Collector) {
        guard let high = d.upperBound, high <= householdSize, d.parametersFinite else {
            return v.add(path, "expected a bounded distribution of sizes up to \(format(householdSize)) (e.g. discrete values, or a normal with max:)")
        }
    }

    public static func format(_ x: Double) -> String {
        x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}

extension Distribution {
    /// The largest value the distribution can take (nil when unbounded above).
    var upperBound: Double? {
        switch self {
        case .constant(let v): return v
        case .uniform(_, let b), .triangular(_, _, let b): return b
        case .normal(_, _, _, let hi): return hi
        case .discrete(let values, _): return values.max()
        case .bernoulli: return 1
        case .binomial(let n, _): return Double(n)
        case .exponential, .gamma, .lognormal, .weibull, .poisson: return nil
        }
    }

    /// Every parameter is a finite number, and the mean and variance are finite.
    var parametersFinite: Bool {
        let parameters: [Double]
        switch self {
        case .constant(let v): parameters = [v]
        case .uniform(let a, let b): parameters = [a, b]
        case .triangular(let a, let c, let b): parameters = [a, c, b]
        case .exponential(let m), .poisson(let m), .bernoulli(let m): parameters = [m]
        case .gamma(let a, let b), .lognormal(let a, let b), .weibull(let a, let b): parameters = [a, b]
        case .normal(let m, let sd, let lo, let hi): parameters = [m, sd] + [lo, hi].compactMap { $0 }
        case .discrete(let values, let weights): parameters = values + weights
        case .binomial(let n, let p): parameters = [Double(n), p]
        }
        return parameters.allSatisfy(\.isFinite) && mean.isFinite && variance.isFinite
    }
}
