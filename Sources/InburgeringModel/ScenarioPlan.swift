import SimKernel

/// A scenario compiled once into what the model reads: dates as days since the start,
/// municipalities, pools and schools as indices, and the chain (`ChainPlan`). The model
/// parses no date, looks up no name and falls back on no value: what cannot be compiled is
/// a problem at its path, which the validator reports (and the loader refuses).
public struct ScenarioPlan: Sendable {
    public let chain: ChainPlan
    public let calendar: DayCalendar
    public let horizonEnd: Double
    /// The first of every month within the horizon, after the start (monthly snapshots).
    public let monthStarts: [Double]
    /// DUO's restart (−∞ without one) and its late notices (`duo.late_notices`).
    let duoResumed: Double
    let lateNotice: (affected: ClosedRange<Double>, notice: ClosedRange<Double>, asylum: Double, family: Double)?
    let lbtFirstSession: Double
    let lbtSlotChanges: [(from: Double, value: Int)]
    /// Per pool, the municipalities it serves (indices, in its list's order); per
    /// municipality, its pool.
    let poolMunicipalities: [[Int]]
    let poolOfMunicipality: [Int]
    /// Per pool: when its old-law terms have all ended (0 without old law), and the day of
    /// each `fte_schedule` entry (shifted, within the horizon).
    public let oldLawUntil: [Double]
    public let fteChangeDays: [[Double]]
    /// Per route and municipality: the school (−1: none).
    let schoolFor: [[Int]]
    /// Per school: its start moments within the horizon, and its group changes.
    let schoolStarts: [[Double]]
    let schoolGroupChanges: [[(from: Double, value: Int)]]
    /// Coverage dates (`snapshot_dates`, `observed`), sorted: their labels and days.
    let coverageLabels: [String], coverageDays: [Double]
    /// The taakstelling per half-year: its days [start, end), region persons, and each
    /// municipality's housing realisation in it (`realisation_by_period`, else `realisation`).
    let inflow: [(halfYear: HalfYear, start: Double, end: Double, persons: Double, realisation: [Double])]
    /// The family migrants' yearly rate from each day on (the first from day 0).
    let familyRates: [(from: Double, perYear: Double)]
    let shocks: [(municipality: Int, day: Double, shock: Shock)]
    /// Per LBT band, the routes' weights (`Route.allCases` order): the band's own, or with
    /// `lbt.local_routes` the municipality's persons plus its prior spread as the band's.
    public let routeWeights: [[Double]]
    /// Per LBT band, each stream's share: the band's own, or tilted to the municipality's
    /// scores when `lbt.local_routes` counts every band (`LocalRoutes`).
    public let bandShares: [(asylum: Double, family: Double)]

    /// The plan of a scenario, or every problem found compiling it (path relative to the file).
    public static func compile(_ s: Scenario) -> Result<ScenarioPlan, PlanProblems> {
        var problems: [(path: String, message: String)] = []
        func add(_ path: String, _ message: String) { problems.append((path, message)) }
        let chain: ChainPlan?
        switch ChainPlan.compile(s) {
        case .success(let plan): chain = plan
        case .failure(let f): chain = nil; problems += f.problems
        }

        // Without a valid horizon no plan is made, but the other dates and names are still
        // checked (their form against any calendar; whether they lie in the horizon, not).
        let start = DayCalendar(start: s.horizon.start)
        if start == nil { add("horizon.start", "expected a date YYYY-MM-DD, got '\(ScenarioIssue.quote(s.horizon.start))'") }
        guard let calendar = start ?? DayCalendar(start: "2000-01-01") else { return .failure(PlanProblems(problems: problems)) }
        let horizonEnd = start.flatMap { $0.day(s.horizon.end) }
        if start != nil && horizonEnd == nil { add("horizon.end", "expected a date YYYY-MM-DD, got '\(ScenarioIssue.quote(s.horizon.end))'") }
        let end = horizonEnd ?? 0
        if horizonEnd != nil && end <= 0 { add("horizon.end", "expected a date after horizon.start") }
        else if end > ScenarioLimits.horizonYears * 366 { add("horizon.end", "expected a horizon of at most \(Int(ScenarioLimits.horizonYears)) years") }
        let horizonOK = end > 0 && end <= ScenarioLimits.horizonYears * 366

        /// The day of a date (0 when it is not one: a problem is recorded, the plan is not made).
        func day(_ text: String, _ path: String, withinHorizon: Bool = true) -> Double {
            guard let d = calendar.day(text) else {
                add(path, "expected a date YYYY-MM-DD, got '\(ScenarioIssue.quote(text))'")
                return 0
            }
            if withinHorizon && horizonOK && (d < 0 || d > end) {
                add(path, "date \(text) lies outside the horizon \(s.horizon.start) – \(s.horizon.end)")
            }
            return d
        }
        /// A shifted date, within the horizon.
        func shifted(_ text: String, _ shift: Double?, _ path: String) -> Double {
            min(max(day(text, path) + (shift ?? 0), 0), end)
        }
        let names = s.municipalities.map(\.name)
        func municipality(_ name: String, _ path: String) -> Int {
            if let i = names.firstIndex(of: name) { return i }
            add(path, "unknown municipality '\(ScenarioIssue.quote(name))'; expected one of \(ScenarioIssue.quote(names.joined(separator: ", "), limit: 200))")
            return -1
        }
        func changes(_ schedule: [CapacityChange]?, _ path: String) -> [(from: Double, value: Int)] {
            (schedule ?? []).enumerated().map { j, c in (day(c.from, "\(path)[\(j)].from") + (c.shiftDays ?? 0), c.value) }
        }

        // Months, DUO, LBT sessions.
        var months: [Double] = []
        if let y0 = calendar.start.year, let m0 = calendar.start.month, horizonOK {
            var (y, m) = (y0, m0)
            while true {
                (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
                guard let d = calendar.day(year: y, month: m, day: 1), d <= end else { break }
                months.append(d)
            }
        }
        let duoResumed = s.duo?.resumed.map { day($0, "duo.resumed", withinHorizon: false) } ?? -.infinity
        var lateNotice: (ClosedRange<Double>, ClosedRange<Double>, Double, Double)?
        if let late = s.duo?.lateNotices {
            let p = "duo.late_notices"
            let a = day(late.affectedFrom, "\(p).affected_from", withinHorizon: false)
            let b = day(late.affectedUntil, "\(p).affected_until", withinHorizon: false)
            let c = day(late.noticeFrom, "\(p).notice_from", withinHorizon: false)
            let d = day(late.noticeUntil, "\(p).notice_until", withinHorizon: false)
            if a > b { add("\(p).affected_until", "expected a date on or after affected_from") }
            if c > d { add("\(p).notice_until", "expected a date on or after notice_from") }
            if a <= b && c <= d { lateNotice = (a...b, c...d, late.asylum, late.family) }
        }
        let sessions = s.lbt.sessions
        let lbtFirst = day(sessions.first, "lbt.sessions.first")
        let lbtChanges = changes(sessions.slotsSchedule, "lbt.sessions.slots_schedule")

        // Pools: whom they serve, old law, FTE changes.
        var poolMunicipalities: [[Int]] = [], poolOf = Array(repeating: -1, count: names.count)
        var served = Array(repeating: 0, count: names.count)
        var oldLawUntil: [Double] = [], fteChangeDays: [[Double]] = []
        for (pi, pool) in s.organisation.pools.enumerated() {
            let p = "organisation.pools[\(pi)]"
            let indices = pool.municipalities.enumerated().map { j, m in municipality(m, "\(p).municipalities[\(j)]") }.filter { $0 >= 0 }
            for mi in indices {
                served[mi] += 1
                poolOf[mi] = pi
            }
            poolMunicipalities.append(indices)
            if let old = pool.oldLaw {
                let until = day(old.until, "\(p).old_law.until", withinHorizon: false)
                if start != nil && calendar.day(old.until) != nil && until <= 0 { add("\(p).old_law.until", "expected a date after horizon.start") }
                oldLawUntil.append(until)
            } else {
                oldLawUntil.append(0)
            }
            fteChangeDays.append((pool.fteSchedule ?? []).enumerated().map { j, c in shifted(c.from, c.shiftDays, "\(p).fte_schedule[\(j)].from") })
        }
        for (mi, name) in names.enumerated() where served[mi] != 1 {
            add("organisation.pools", "municipality '\(ScenarioIssue.quote(name))' must be served by exactly one pool (is served by \(served[mi]))")
        }

        // Schools: which serves whom, their start moments and group changes.
        for (i, school) in s.schools.enumerated() {
            for (j, m) in (school.municipalities ?? []).enumerated() { _ = municipality(m, "schools[\(i)].municipalities[\(j)]") }
        }
        let schoolFor = Route.allCases.map { route in
            names.map { name in s.schools.firstIndex { $0.routes.contains(route) && ($0.municipalities?.contains(name) ?? true) } ?? -1 }
        }
        var schoolStarts: [[Double]] = [], schoolGroupChanges: [[(from: Double, value: Int)]] = []
        for (i, school) in s.schools.enumerated() {
            let p = "schools[\(i)]"
            let st = school.starts
            switch (st.yearly, st.everyDays, st.first) {
            case (let dates?, nil, nil):
                if dates.isEmpty { add("\(p).starts.yearly", "expected at least one date MM-DD") }
                schoolStarts.append(dates.enumerated().flatMap { j, d -> [Double] in
                    guard let md = MonthDay(d), !(md.month == 2 && md.day == 29) else {
                        add("\(p).starts.yearly[\(j)]", d == "02-29" ? "29 February exists only in leap years; use 02-28 or 03-01"
                                                                   : "expected a date MM-DD, got '\(ScenarioIssue.quote(d))'")
                        return []
                    }
                    return horizonOK ? calendar.yearly(month: md.month, day: md.day, from: 0, to: end) : []
                })
            case (nil, let every?, let first?):
                let d = day(first, "\(p).starts.first")
                // Below a day between starts the list would not end: ScenarioLimits refuses it.
                schoolStarts.append(every >= ScenarioLimits.shortestInterval && every.isFinite && horizonOK ? CohortStarts<Int32>.regularTimes(first: d, every: every, last: end) : [])
            default:
                add("\(p).starts", "expected either `yearly: [MM-DD, …]` or `every_days` with `first`")
                schoolStarts.append([])
            }
            schoolGroupChanges.append(changes(school.groupsSchedule, "\(p).groups_schedule"))
        }

        // Coverage dates.
        var coverage: [String: Double] = [:]
        for (i, d) in (s.snapshotDates ?? []).enumerated() { coverage[d] = day(d, "snapshot_dates[\(i)]") }
        for (i, o) in (s.observed ?? []).enumerated() {
            coverage[o.date] = day(o.date, "observed[\(i)].date")
            if let m = o.municipality { _ = municipality(m, "observed[\(i)].municipality") }
        }
        let coverageDates = coverage.sorted { $0.key < $1.key }

        // Inflow: the taakstelling per half-year with its housing realisation, family rates, shocks.
        let t = s.inflow.taakstelling
        var byPeriod: [HalfYear: Double] = [:], byPeriodAndMunicipality: [HalfYear: [Int: Double]] = [:]
        for (i, f) in (s.housing.realisationByPeriod ?? []).enumerated() {
            let p = "housing.realisation_by_period[\(i)]"
            guard let period = HalfYear(f.period) else {
                add("\(p).period", "expected a half-year like 2023-I or 2023-II, got '\(ScenarioIssue.quote(f.period))'")
                continue
            }
            let mi = f.municipality.map { municipality($0, "\(p).municipality") }
            let first = mi.map { byPeriodAndMunicipality[period, default: [:]].updateValue(f.realisation, forKey: $0) == nil }
                ?? (byPeriod.updateValue(f.realisation, forKey: period) == nil)
            if !first { add(p, "a second figure for \(f.period)\(f.municipality.map { " in \($0)" } ?? "")") }
        }
        var inflow: [(halfYear: HalfYear, start: Double, end: Double, persons: Double, realisation: [Double])] = []
        let figuresPath = t.national != nil ? "inflow.taakstelling.national" : "inflow.taakstelling.region"
        for (i, f) in (t.national ?? t.region ?? []).enumerated() {
            guard let period = HalfYear(f.period) else {
                add("\(figuresPath)[\(i)].period", "expected a half-year like 2023-I or 2023-II, got '\(ScenarioIssue.quote(f.period))'")
                continue
            }
            let realisation = names.indices.map { byPeriodAndMunicipality[period]?[$0] ?? byPeriod[period] ?? s.housing.realisation }
            let (a, b) = period.days(calendar)
            inflow.append((period, a, b, f.persons * (t.regionShare ?? 1), realisation))
        }
        if horizonOK {
            let given = Set(inflow.map(\.halfYear))
            for period in HalfYear.covering(calendar: calendar, horizonEnd: end) where !given.contains(period) {
                add("inflow.taakstelling", "no figure for half-year \(period.label), which lies in the horizon")
            }
        }
        var familyRates: [(from: Double, perYear: Double)] = []
        if let f = s.inflow.familyMigrants {
            familyRates.append((0, f.perYear))
            let schedule = f.perYearSchedule ?? []
            for (j, change) in schedule.enumerated() {
                let p = "inflow.family_migrants.per_year_schedule[\(j)].from"
                familyRates.append((day(change.from, p), change.perYear))
                if j > 0, let a = calendar.day(schedule[j - 1].from), let b = calendar.day(change.from), !(a < b) {
                    add(p, "expected dates in increasing order")
                }
            }
        }
        let shocks = (s.inflow.shocks ?? []).enumerated().map { i, shock in
            (municipality(shock.municipality, "inflow.shocks[\(i)].municipality"), shifted(shock.date, shock.shiftDays, "inflow.shocks[\(i)].date"), shock)
        }

        let (routeWeights, bandShares) = Self.routes(s.lbt)

        guard problems.isEmpty, let chain else { return .failure(PlanProblems(problems: problems)) }
        return .success(ScenarioPlan(
            chain: chain, calendar: calendar, horizonEnd: end, monthStarts: months, duoResumed: duoResumed, lateNotice: lateNotice,
            lbtFirstSession: lbtFirst, lbtSlotChanges: lbtChanges, poolMunicipalities: poolMunicipalities, poolOfMunicipality: poolOf,
            oldLawUntil: oldLawUntil, fteChangeDays: fteChangeDays, schoolFor: schoolFor, schoolStarts: schoolStarts,
            schoolGroupChanges: schoolGroupChanges, coverageLabels: coverageDates.map(\.key), coverageDays: coverageDates.map(\.value),
            inflow: inflow, familyRates: familyRates, shocks: shocks, routeWeights: routeWeights, bandShares: bandShares))
    }

    /// The routes' weights and the streams' shares per band (see `LocalRoutes`).
    static func routes(_ lbt: LBT) -> (weights: [[Double]], shares: [(asylum: Double, family: Double)]) {
        let table = lbt.bands.map { band in Route.allCases.map { band.routes[$0.rawValue] ?? 0 } }
        let shares = lbt.bands.map { (asylum: $0.asylum, family: $0.family) }
        guard let local = lbt.localRoutes else { return (table, shares) }
        let own = lbt.bands.map { band in local.bands.first { $0.band == band.name }.map { b in Route.allCases.map { b.routes[$0.rawValue] ?? 0 } } }
        let prior = local.priorPersons
        let weights = zip(table, own).map { table, own in
            own.map { own in zip(own, table).map { $0 + prior * $1 / table.reduce(0, +) } } ?? table
        }
        // Scores: with every band counted, each band's share of the municipality's persons with a
        // route (plus the prior, prior_persons per band spread as the table's) over its share in
        // the table tilts both streams' shares, each renormalised.
        guard !own.contains(where: { $0 == nil }) else { return (weights, shares) }
        let tableTotals = table.map { $0.reduce(0, +) }, ownTotals = own.map { $0!.reduce(0, +) }
        let tableAll = tableTotals.reduce(0, +), ownAll = ownTotals.reduce(0, +), priorAll = prior * Double(table.count)
        let tilt = zip(ownTotals, tableTotals).map { own, t in ((own + priorAll * t / tableAll) / (ownAll + priorAll)) / (t / tableAll) }
        let asylum = zip(shares, tilt).map { $0.asylum * $1 }, family = zip(shares, tilt).map { $0.family * $1 }
        let a = asylum.reduce(0, +), f = family.reduce(0, +)
        guard a > 0, f > 0, tilt.allSatisfy(\.isFinite) else { return (weights, shares) }
        return (weights, zip(asylum, family).map { ($0 / a, $1 / f) })
    }

    /// The plan of a scenario the loader accepted (every problem is refused there).
    public static func compiled(_ s: Scenario) -> ScenarioPlan {
        switch compile(s) {
        case .success(let plan): return plan
        case .failure(let f): preconditionFailure("a scenario is compiled when it is loaded: \(f.problems)")
        }
    }
}

/// The problems of compiling a scenario (its chain, dates and names), each with its path.
public struct PlanProblems: Error, Sendable {
    public let problems: [(path: String, message: String)]
}
