import SimKernel

/// What one replication returns: every person's milestones, the monthly state counts,
/// resource use and cost. `metrics()` turns it into named figures per group.
public struct ReplicationResult: Sendable {
    public let persons: [PersonRecord]
    public let snapshots: Snapshots
    public let horizonEnd: Double
    public let legalTermDays: Double
    public let municipalities: [String]
    /// The names of the chain's steps, and when each person did each: `stepDone[i * stepNames.count + k]`
    /// for person i and step k (NaN: not done within the horizon, or passed over).
    public let stepNames: [String]
    public let stepDone: [Double]
    public let poolNames: [String]
    /// Mean share of time on tasks, per pool (mean over its consultants).
    public let consultantUtilisation: [Double]
    /// Time-average open cases per consultant, per pool.
    public let meanCaseload: [Double]
    /// Time-average open cases per FTE (all cases, old-law and Participatiewet included), per pool.
    public let meanCaseloadPerFTE: [Double]
    /// Mean wait from referral to admission, per pool.
    public let admissionWait: [Double]
    public let lbtPlacesOffered: Int
    public let lbtPlacesBooked: Int
    public let schoolNames: [String]
    /// Mean class fill (share of max class size) per school; NaN when no class ran.
    public let classFill: [Double]
    public let cancelledStarts: Int
    public let fteCostPerYear: Double
    public let routeCostPerYear: Double
    public let vacantDwellings: Int
    public let events: Int
    /// Dates (days) and labels on which coverage is measured the DUO way.
    public let snapshotDays: [Double]
    public let snapshotLabels: [String]
    public let demand: DemandLedger
    /// On each coverage date, per pool: open cases per FTE, and cases waiting for a consultant.
    public let caseloadPerFTEAt: [[Double]]
    public let waitingAt: [[Double]]
    public let lbtPlacesPerHalfYear: [Double]
    /// Hours each pool could work per half-year (FTE schedule applied), and one FTE's.
    public let poolHoursPerHalfYear: [[Double]], hoursPerFTEPerHalfYear: [[Double]]
    public let extraGroupsOpened: Int
    /// Hours of chain work done per pool over the horizon (old-law and benefit work excluded).
    public let chainHours: [Double]
    /// Per pool: hours of Wi2021 work asked per case-year, and productive hours of one FTE per year.
    public let hoursPerCaseYear: [Double], productiveHoursPerFTEYear: [Double]

    public var years: Double { horizonEnd / 365.25 }

    /// A dated milestone of a person's record.
    public enum Milestone: Sendable {
        case koppeling, referral, registration, admitted, intakeStart, lbt, pip, routeStart, obligationStart, caseClosed

        @inline(__always) public func of(_ p: PersonRecord) -> Double {
            switch self {
            case .koppeling: p.koppeling
            case .referral: p.referral
            case .registration: p.registration
            case .admitted: p.admitted
            case .intakeStart: p.intakeStart
            case .lbt: p.lbt
            case .pip: p.pip
            case .routeStart: p.routeStart
            case .obligationStart: p.obligationStart
            case .caseClosed: p.caseClosed
            }
        }
    }

    /// A lead time between two milestones of a person, or from admission to one step of
    /// the chain (`admission_to_step_days:<step>`), which ends when `stepDone` says.
    public struct LeadTime: Sendable {
        public let metric: Metric
        /// The chain step of a per-step lead time: its name, its index and the chain's length.
        public let step: (name: String, index: Int, of: Int)?
        public let from: Milestone
        /// The end milestone of a fixed lead time (nil for a step's).
        let to: Milestone?

        init(metric: Metric, from: Milestone, to: Milestone) {
            self.metric = metric; self.step = nil; self.from = from; self.to = to
        }

        init(step name: String, index: Int, of count: Int) {
            metric = .admissionToStepDays; step = (name, index, count); from = .admitted; to = nil
        }

        public var name: String { step.map { metric.of(step: $0.name) } ?? metric.rawValue }
        /// The share still waiting at the horizon (`…_censored_share`, before a step's name).
        public var censoredName: String { MetricCatalogue.censoredShare(of: name) }

        /// The end of person `i`'s lead time, `stepDone` being the run's (`ReplicationResult.stepDone`).
        func end(_ p: PersonRecord, _ i: Int, _ stepDone: [Double]) -> Double {
            guard let step else { return to!.of(p) }
            let j = i * step.of + step.index
            return j < stepDone.count ? stepDone[j] : .nan
        }

        public func value(_ p: PersonRecord, person i: Int = 0, stepDone: [Double] = []) -> Double? {
            let d = Self.measure(from: from.of(p), to: end(p, i, stepDone), applies: true, horizon: .infinity).value
            return d.isNaN ? nil : d
        }

        /// For a person who reached `from` but not the end by `horizon`, and who is to reach it
        /// (a step that does not apply to them is not waited for): the time observed so far (a
        /// right-censored lead time); nil otherwise.
        public func censored(_ p: PersonRecord, person i: Int = 0, stepDone: [Double] = [], horizon: Double) -> Double? {
            let applies = step.map { p.stepApplies & (1 << UInt64($0.index)) != 0 } ?? true
            let c = Self.measure(from: from.of(p), to: end(p, i, stepDone), applies: applies, horizon: horizon).censored
            return c.isNaN ? nil : c
        }

        /// The one rule for a lead time from `a` to `end` (NaN: not reached): its value (NaN
        /// unless both were reached), and the right-censored time of one who reached `a` by
        /// `horizon`, is still waiting and is to reach the end (`applies`), NaN otherwise.
        @inline(__always) static func measure(from a: Double, to end: Double, applies: Bool, horizon: Double) -> (value: Double, censored: Double) {
            (end - a, end.isNaN && !a.isNaN && a <= horizon && applies ? horizon - a : .nan)
        }
    }

    /// Person `i`'s lead times in the order of `allLeadTimes` (the fixed ones, then one per
    /// step), as `LeadTime.value` and `LeadTime.censored` give them, NaN for nil. One pass
    /// over the person's row of `stepDone` for the per-step ones (the summaries' hot loop).
    public func leadTimes(person i: Int, values: inout [Double], censored: inout [Double]) {
        let p = persons[i], fixed = Self.leadTimes, steps = stepNames.count
        for li in fixed.indices {
            (values[li], censored[li]) = LeadTime.measure(from: fixed[li].from.of(p), to: fixed[li].to!.of(p), applies: true, horizon: horizonEnd)
        }
        let a = p.admitted, row = i * steps
        for k in 0..<steps {
            let end = row + k < stepDone.count ? stepDone[row + k] : .nan
            (values[fixed.count + k], censored[fixed.count + k]) =
                LeadTime.measure(from: a, to: end, applies: p.stepApplies & (1 << UInt64(k)) != 0, horizon: horizonEnd)
        }
    }

    public static let leadTimes: [LeadTime] = [
        LeadTime(metric: .koppelingToHousingDays, from: .koppeling, to: .registration),
        LeadTime(metric: .intakeWaitDays, from: .referral, to: .admitted),
        LeadTime(metric: .housingToIntakeDays, from: .registration, to: .intakeStart),
        LeadTime(metric: .housingToLbtDays, from: .registration, to: .lbt),
        LeadTime(metric: .housingToPipDays, from: .registration, to: .pip),
        LeadTime(metric: .koppelingToPipDays, from: .koppeling, to: .pip),
        LeadTime(metric: .pipToRouteStartDays, from: .pip, to: .routeStart),
        // Ketenplan indicator 3 (002 L531-543): "x% van de inburgeraars heeft binnen x weken een PIP",
        // counted from the start of the obligation (the phase starts there, 002 L476-477).
        LeadTime(metric: .obligationToPipDays, from: .obligationStart, to: .pip),
        LeadTime(metric: .admissionToCaseCloseDays, from: .admitted, to: .caseClosed),
    ]

    /// The fixed lead times, then admission → each step of a chain with these step names.
    public static func leadTimes(steps: [String]) -> [LeadTime] {
        leadTimes + steps.enumerated().map { LeadTime(step: $1, index: $0, of: steps.count) }
    }

    /// This run's lead times: the fixed ones and one per step of its chain.
    public var allLeadTimes: [LeadTime] { Self.leadTimes(steps: stepNames) }

    /// What coverage is measured as on a date (`name@YYYY-MM-DD`).
    /// The catalogue's coverage metrics, in the order of `Coverage.values`.
    public static let coverageMetrics = MetricCatalogue.coverage.map(\.name)

    public var groupNames: [String] { Self.groupNames(municipalities: municipalities) }

    /// All, each municipality, each stream, then municipality × stream (several
    /// municipalities only) — in this order.
    public static func groupNames(municipalities: [String]) -> [String] {
        let cross: [MetricGroup] = municipalities.count > 1
            ? municipalities.flatMap { m in Stream.allCases.map { .municipalityStream(m, $0) } } : []
        return ([.all] + municipalities.map(MetricGroup.municipality) + Stream.allCases.map(MetricGroup.stream) + cross).map(\.description)
    }

    /// `groupIndices` as a vector and its length (3, or 4 with several municipalities).
    @inline(__always) static func groupVector(of p: PersonRecord, municipalities m: Int) -> (SIMD4<Int>, Int) {
        let s = Stream.allCases.firstIndex(of: p.stream) ?? 0
        return (SIMD4(0, 1 + p.municipality, 1 + m + s, 1 + m + Stream.allCases.count + p.municipality * Stream.allCases.count + s), m > 1 ? 4 : 3)
    }

    /// Index of each group of a person in `groupNames` order.
    public static func groupIndices(of p: PersonRecord, municipalities m: Int) -> [Int] {
        let (vector, n) = groupVector(of: p, municipalities: m)
        return (0..<n).map { vector[$0] }
    }

    /// Coverage the way DUO counts it on `day`, for the persons of a group: whose obligation
    /// had started, how many of them had a PIP, where those without one were (still in the
    /// AZC; housed within the 10-week term; past it), and the routes of those with a PIP.
    public struct Coverage {
        public var obligated = 0, withPIP = 0, azc = 0, withinTerm = 0, pastTerm = 0
        public var routes = [Int](repeating: 0, count: Route.allCases.count)

        public init() {}

        public mutating func add(_ p: PersonRecord, on day: Double, term: Double) {
            guard p.obligationStart <= day else { return }
            obligated += 1
            if p.pip <= day {
                withPIP += 1
                routes[p.route.index] += 1
            } else if !(p.termStart <= day) {
                azc += 1
            } else if p.termStart + term > day {
                withinTerm += 1
            } else {
                pastTerm += 1
            }
        }

        func share(_ n: Int) -> Double { obligated > 0 ? Double(n) / Double(obligated) : .nan }
        func routeShare(_ r: Int) -> Double { withPIP > 0 ? Double(routes[r]) / Double(withPIP) : .nan }

        /// Values in the order of `coverageMetrics`.
        public var values: [Double] {
            [Double(obligated), Double(withPIP), share(withPIP), share(azc), share(withinTerm), share(pastTerm)]
                + Route.allCases.indices.map(routeShare)
        }
    }

    /// Named figures per group ("all", "municipality:Hoorn", "stream:asylum"). Lead times are
    /// means over the persons who reached both milestones; shares and counts per year are
    /// over the horizon. Resource and cost figures exist for "all" only.
    public func metrics() -> [(name: String, group: String, value: Double)] {
        var out: [(name: String, group: String, value: Double)] = []
        emitMetrics { name, group, value in out.append((name(), group(), value)) }
        return out
    }

    /// The values of `metrics()`, in its order, without making their names: what a run keeps
    /// of each replication (the names are the same for every replication of a scenario).
    /// `eachPerson` is handed every person's lead times as `leadTimes(person:values:censored:)`
    /// gives them, for a caller that pools them too (computed once for both).
    public func metricValues(eachPerson: (_ person: Int, _ values: [Double], _ censored: [Double]) -> Void = { _, _, _ in }) -> [Double] {
        var out: [Double] = []
        emitMetrics(eachPerson: eachPerson) { _, _, value in out.append(value) }
        return out
    }

    /// A count and a mean updated as `Tally` updates its mean (the same bits), without the
    /// variance, extremes and samples that the replication's metrics do not use.
    private struct RunningMean {
        var count = 0, mean = 0.0
        mutating func record(_ x: Double) {
            count += 1
            mean += (x - mean) / Double(count)
        }
    }

    /// Hands each metric to `emit` in `metrics()`'s order; a name or group is made only when
    /// `emit` asks for it. Per-lead and per-group figures are kept in flat arrays
    /// (`[lead * groups + group]`) and each person's groups in a `SIMD4` (no allocation per person).
    private func emitMetrics(eachPerson: (_ person: Int, _ values: [Double], _ censored: [Double]) -> Void = { _, _, _ in },
                             _ emit: (_ name: @autoclosure () -> String, _ group: @autoclosure () -> String, _ value: Double) -> Void) {
        let groups = groupNames, g = groups.count, leads = allLeadTimes
        var leadSums = [RunningMean](repeating: RunningMean(), count: leads.count * g)
        var censored = [Int](repeating: 0, count: leads.count * g)
        var coverage = [Coverage](repeating: Coverage(), count: snapshotDays.count * g)
        var vroegeEligible = [Int](repeating: 0, count: g), vroegeStarted = [Int](repeating: 0, count: g)
        var termDue = [Int](repeating: 0, count: g), termMet = [Int](repeating: 0, count: g)
        var pips = [Int](repeating: 0, count: g), starts = [Int](repeating: 0, count: g)
        var registered = [Int](repeating: 0, count: g)
        var advised = [Int](repeating: 0, count: g), asAdvised = [Int](repeating: 0, count: g)
        let m = municipalities.count
        var values = [Double](repeating: .nan, count: leads.count), waiting = values
        for (i, p) in persons.enumerated() {
            let (vector, n) = Self.groupVector(of: p, municipalities: m)
            let gs = (0..<n).lazy.map { vector[$0] }
            leadTimes(person: i, values: &values, censored: &waiting)
            eachPerson(i, values, waiting)
            for li in leads.indices {
                if !values[li].isNaN { for j in gs { leadSums[li * g + j].record(values[li]) } }
                else if !waiting[li].isNaN { for j in gs { censored[li * g + j] += 1 } }
            }
            for (d, day) in snapshotDays.enumerated() { for j in gs { coverage[d * g + j].add(p, on: day, term: legalTermDays) } }
            // Ketenplan indicator 2 (002 L516-529): koppeled asylum persons whose intake started in the AZC.
            if p.koppeling <= horizonEnd && !p.nareiziger {
                let early = p.intakeStart < p.registration || (!p.intakeStart.isNaN && p.registration.isNaN)
                for j in gs { vroegeEligible[j] += 1; if early { vroegeStarted[j] += 1 } }
            }
            let due = p.termStart + legalTermDays
            let isDue = due <= horizonEnd
            let met = p.pip <= due
            for j in gs {
                if !p.registration.isNaN { registered[j] += 1 }
                if isDue { termDue[j] += 1; if met { termMet[j] += 1 } }
                if p.pip <= horizonEnd { pips[j] += 1 }
                if p.routeStart <= horizonEnd { starts[j] += 1 }
                // Ketenplan indicator 4 (002 L545-554): the PIP's route as the LBT advises.
                if p.pip <= horizonEnd, let a = p.routeAsAdvised { advised[j] += 1; if a { asAdvised[j] += 1 } }
            }
        }
        for (j, group) in groups.enumerated() {
            for (li, lead) in leads.enumerated() {
                let sum = leadSums[li * g + j], waited = censored[li * g + j]
                emit(lead.name, group, sum.count > 0 ? sum.mean : .nan)
                emit(lead.censoredName, group, sum.count + waited > 0 ? Double(waited) / Double(sum.count + waited) : .nan)
            }
            for (d, label) in snapshotLabels.enumerated() {
                for (name, value) in zip(Self.coverageMetrics, coverage[d * g + j].values) { emit("\(name)@\(label)", group, value) }
            }
            emit(Metric.vroegeStartShare.rawValue, group, vroegeEligible[j] > 0 ? Double(vroegeStarted[j]) / Double(vroegeEligible[j]) : .nan)
            emit(Metric.pipRouteAsAdvisedShare.rawValue, group, advised[j] > 0 ? Double(asAdvised[j]) / Double(advised[j]) : .nan)
            emit(Metric.pipWithinTermShare.rawValue, group, termDue[j] > 0 ? Double(termMet[j]) / Double(termDue[j]) : .nan)
            emit(Metric.pipsPerYear.rawValue, group, Double(pips[j]) / years)
            emit(Metric.routeStartsPerYear.rawValue, group, Double(starts[j]) / years)
            emit(Metric.registrationsPerYear.rawValue, group, Double(registered[j]) / years)
        }
        let totalPIPs = Double(pips[0])
        emit(Metric.consultantUtilisation.rawValue, MetricGroup.allName, mean(consultantUtilisation))
        emit(Metric.meanCaseload.rawValue, MetricGroup.allName, mean(meanCaseload))
        emit(Metric.lbtSlotUse.rawValue, MetricGroup.allName, lbtPlacesOffered > 0 ? Double(lbtPlacesBooked) / Double(lbtPlacesOffered) : .nan)
        emit(Metric.classFillRate.rawValue, MetricGroup.allName, mean(classFill.filter { !$0.isNaN }))
        emit(Metric.cancelledStarts.rawValue, MetricGroup.allName, Double(cancelledStarts))
        emit(Metric.fteCostPerYear.rawValue, MetricGroup.allName, fteCostPerYear)
        emit(Metric.routeCostPerYear.rawValue, MetricGroup.allName, routeCostPerYear)
        // Consultant cost per PIP fixed (route prices are per person and counted apart).
        emit(Metric.costPerPip.rawValue, MetricGroup.allName, totalPIPs > 0 ? fteCostPerYear * years / totalPIPs : .nan)
        emit(Metric.extraGroupsOpened.rawValue, MetricGroup.allName, Double(extraGroupsOpened))
        for (i, name) in poolNames.enumerated() {
            emit(Metric.consultantUtilisation.rawValue, MetricGroup.pool(name).description, consultantUtilisation[i])
            emit(Metric.meanCaseload.rawValue, MetricGroup.pool(name).description, meanCaseload[i])
            emit(Metric.meanCaseloadPerFte.rawValue, MetricGroup.pool(name).description, meanCaseloadPerFTE[i])
            emit(Metric.hoursPerCaseYear.rawValue, MetricGroup.pool(name).description, hoursPerCaseYear[i])
            emit(Metric.caseloadAtFullUtilisation.rawValue, MetricGroup.pool(name).description,
                        hoursPerCaseYear[i] > 0 ? productiveHoursPerFTEYear[i] / hoursPerCaseYear[i] : .nan)
            emit(Metric.intakeWaitDays.rawValue, MetricGroup.pool(name).description, admissionWait[i])
            for (d, label) in snapshotLabels.enumerated() {
                emit(Metric.caseloadPerFte.on(label), MetricGroup.pool(name).description, caseloadPerFTEAt[d][i])
                emit(Metric.waitingForConsultant.on(label), MetricGroup.pool(name).description, waitingAt[d][i])
            }
        }
        // Demand against capacity per half-year.
        for (b, label) in demand.labels.enumerated() {
            for (i, name) in poolNames.enumerated() {
                emit(Metric.admissionsRequested.on(label), MetricGroup.pool(name).description, demand.admissions[b][i])
                emit(Metric.hoursAskedPerHoursAvailable.on(label), MetricGroup.pool(name).description,
                            poolHoursPerHalfYear[b][i] > 0 ? demand.hoursAsked[b][i] / poolHoursPerHalfYear[b][i] : .nan)
                emit(Metric.hoursDonePerHoursAvailable.on(label), MetricGroup.pool(name).description,
                            poolHoursPerHalfYear[b][i] > 0 ? demand.hoursDone[b][i] / poolHoursPerHalfYear[b][i] : .nan)
                emit(Metric.fteOfWorkAsked.on(label), MetricGroup.pool(name).description,
                            hoursPerFTEPerHalfYear[b][i] > 0 ? demand.hoursAsked[b][i] / hoursPerFTEPerHalfYear[b][i] : .nan)
            }
            let perFTE = hoursPerFTEPerHalfYear[b]
            emit(Metric.fteOfWorkAsked.on(label), MetricGroup.allName,
                        perFTE.allSatisfy { $0 > 0 } ? zip(demand.hoursAsked[b], perFTE).reduce(0) { $0 + $1.0 / $1.1 } : .nan)
            emit(Metric.lbtBookedPerPlaces.on(label), MetricGroup.lbt.description, lbtPlacesPerHalfYear[b] > 0 ? demand.lbtBooked[b] / lbtPlacesPerHalfYear[b] : .nan)
            for (i, name) in schoolNames.enumerated() {
                emit(Metric.registrationsPerPlaces.on(label), MetricGroup.school(name).description,
                            demand.placesOffered[b][i] > 0 ? demand.registrations[b][i] / demand.placesOffered[b][i] : .nan)
            }
        }
    }

    private func mean(_ xs: [Double]) -> Double { xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count) }
}

extension ChainModel {
    /// Runs one replication of `scenario` to the end of its horizon.
    public static func replicate(_ scenario: Scenario, seed: UInt64, replication: Int) -> ReplicationResult {
        var model = ChainModel(scenario: scenario, seed: seed, replication: replication)
        model.runToHorizon()
        return model.result()
    }

    /// As `replicate`, but stops between events as soon as `stop()` says so (checked every
    /// 4096 events): nil when it stopped before the horizon. `plan`: the chain compiled once
    /// for many replications.
    public static func replicate(_ scenario: Scenario, plan: ScenarioPlan? = nil, seed: UInt64, replication: Int, stop: () -> Bool) -> ReplicationResult? {
        var model = ChainModel(scenario: scenario, plan: plan, seed: seed, replication: replication)
        guard model.run(until: model.horizonEnd, stop: stop) else { return nil }
        return model.result()
    }

    /// The figures of the run so far.
    public func result() -> ReplicationResult {
        let end = horizonEnd
        let s = scenario
        let utilisation = pools.map { pool in
            pool.consultants.indices.reduce(0) { $0 + pool.utilisation(consultant: $1, until: end) } / Double(max(pool.consultants.count, 1))
        }
        let caseload = pools.map { pool in
            pool.caseload.reduce(0) { $0 + $1.mean(until: end) } / Double(max(pool.consultants.count, 1))
        }
        var routeCost = 0.0
        for p in persons where p.routeStart <= end && !p.ownProvider { routeCost += s.costs.routePrice[p.route.rawValue] ?? 0 }
        let years = end / 365.25
        // Each pool's FTE over time (its schedule applied), and its mean over the horizon.
        let fte = zip(s.organisation.pools, compiled.fteChangeDays).map { pool, days in
            Schedule(initial: pool.fte, changes: zip(pool.fteSchedule ?? [], days).map { .init(time: $1, value: $0.fte) })
        }
        let meanFTE = fte.map { $0.average(from: 0, to: end) }
        let caseloadPerFTE = zip(pools, meanFTE).map { pool, fte in
            pool.caseload.reduce(0) { $0 + $1.mean(until: end) } / max(fte, 1e-9)
        }
        let buckets = demand.bucketStarts + [Double.infinity]
        let lbtPlaces = demand.labels.indices.map { b in
            Double(lbtSlots.placesOffered(from: max(buckets[b], 0), to: min(buckets[b + 1], end)))
        }
        let hoursPerFTE = demand.labels.indices.map { b in
            s.organisation.pools.map { pool -> Double in
                let from = max(buckets[b], 0), to = min(buckets[b + 1], end)
                return to > from ? pool.weeklyHours * pool.productiveShare * (to - from) / 7 : 0
            }
        }
        let poolHours = demand.labels.indices.map { b in
            zip(fte, hoursPerFTE[b]).map { schedule, perFTE -> Double in
                let from = max(buckets[b], 0), to = min(buckets[b + 1], end)
                return to > from ? schedule.average(from: from, to: to) * perFTE : 0
            }
        }
        return ReplicationResult(
            persons: persons, snapshots: snapshots, horizonEnd: end, legalTermDays: s.pip.legalTermDays,
            municipalities: s.municipalities.map(\.name), stepNames: plan.names, stepDone: stepDoneAt, poolNames: s.organisation.pools.map(\.name),
            consultantUtilisation: utilisation, meanCaseload: caseload, meanCaseloadPerFTE: caseloadPerFTE,
            admissionWait: pools.map { $0.admissionWaits.count > 0 ? $0.admissionWaits.mean : .nan },
            lbtPlacesOffered: lbtSlots.placesOffered(from: 0, to: end), lbtPlacesBooked: lbtSlots.placesBooked(from: 0, to: end),
            schoolNames: s.schools.map(\.name), classFill: schools.map(\.fillRate),
            cancelledStarts: schools.reduce(0) { $0 + $1.cancelledStarts },
            fteCostPerYear: s.organisation.pools.reduce(0) { $0 + $1.fte } * s.costs.ftePerYear,
            routeCostPerYear: years > 0 ? routeCost / years : 0,
            vacantDwellings: vacantDwellings, events: calendar.processed,
            snapshotDays: coverageDays, snapshotLabels: coverageLabels, demand: demand,
            caseloadPerFTEAt: caseloadPerFTEAt, waitingAt: waitingAt,
            lbtPlacesPerHalfYear: lbtPlaces, poolHoursPerHalfYear: poolHours, hoursPerFTEPerHalfYear: hoursPerFTE, extraGroupsOpened: extraGroupsOpened.reduce(0, +),
            chainHours: chainHours,
            hoursPerCaseYear: zip(wiHoursAsked, wiCaseload).map { hours, open in
                let caseYears = open.mean(until: end) * years
                return caseYears > 0 ? hours / caseYears : .nan
            },
            productiveHoursPerFTEYear: s.organisation.pools.map { $0.weeklyHours * $0.productiveShare * 365.25 / 7 })
    }
}
