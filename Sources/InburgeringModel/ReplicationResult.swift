import SimKernel

/// What one replication returns: every person's milestones, the monthly state counts,
/// resource use and cost. `metrics()` turns it into named figures per group.
public struct ReplicationResult: Sendable {
    public let persons: [PersonRecord]
    public let snapshots: Snapshots
    public let horizonEnd: Double
    public let legalTermDays: Double
    public let municipalities: [String]
    public let poolNames: [String]
    /// Mean share of time on tasks, per pool (mean over its consultants).
    public let consultantUtilisation: [Double]
    /// Time-average open cases per consultant, per pool.
    public let meanCaseload: [Double]
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

    public var years: Double { horizonEnd / 365.25 }

    /// A lead time between two milestones of a person.
    public struct LeadTime: Sendable {
        public let name: String
        public let from: @Sendable (PersonRecord) -> Double
        public let to: @Sendable (PersonRecord) -> Double

        public func value(_ p: PersonRecord) -> Double? {
            let d = to(p) - from(p)
            return d.isNaN ? nil : d
        }
    }

    public static let leadTimes: [LeadTime] = [
        LeadTime(name: "koppeling_to_housing_days", from: { $0.koppeling }, to: { $0.registration }),
        LeadTime(name: "intake_wait_days", from: { $0.referral }, to: { $0.admitted }),
        LeadTime(name: "housing_to_intake_days", from: { $0.registration }, to: { $0.intakeStart }),
        LeadTime(name: "housing_to_lbt_days", from: { $0.registration }, to: { $0.lbt }),
        LeadTime(name: "housing_to_pip_days", from: { $0.registration }, to: { $0.pip }),
        LeadTime(name: "koppeling_to_pip_days", from: { $0.koppeling }, to: { $0.pip }),
        LeadTime(name: "pip_to_route_start_days", from: { $0.pip }, to: { $0.routeStart }),
    ]

    /// Groups a person belongs to: everyone, their municipality, their stream.
    public func groups(of p: PersonRecord) -> [String] {
        ["all", "municipality:\(municipalities[p.municipality])", "stream:\(p.stream.rawValue)"]
    }

    public var groupNames: [String] { Self.groupNames(municipalities: municipalities) }

    /// All, each municipality, each stream — in this order.
    public static func groupNames(municipalities: [String]) -> [String] {
        ["all"] + municipalities.map { "municipality:\($0)" } + Stream.allCases.map { "stream:\($0.rawValue)" }
    }

    /// Named figures per group ("all", "municipality:Hoorn", "stream:asylum"). Lead times are
    /// means over the persons who reached both milestones; shares and counts per year are
    /// over the horizon. Resource and cost figures exist for "all" only.
    public func metrics() -> [(name: String, group: String, value: Double)] {
        let groupIndex = Dictionary(uniqueKeysWithValues: groupNames.enumerated().map { ($1, $0) })
        let g = groupNames.count
        var leadSums = [[Tally]](repeating: [Tally](repeating: Tally(), count: g), count: Self.leadTimes.count)
        var termDue = [Int](repeating: 0, count: g), termMet = [Int](repeating: 0, count: g)
        var pips = [Int](repeating: 0, count: g), starts = [Int](repeating: 0, count: g)
        var registered = [Int](repeating: 0, count: g)
        for p in persons {
            let gs = groups(of: p).compactMap { groupIndex[$0] }
            for (li, lead) in Self.leadTimes.enumerated() {
                if let v = lead.value(p) { for j in gs { leadSums[li][j].record(v) } }
            }
            let due = p.registration + legalTermDays
            let isDue = due <= horizonEnd
            let met = p.pip <= due
            for j in gs {
                if !p.registration.isNaN { registered[j] += 1 }
                if isDue { termDue[j] += 1; if met { termMet[j] += 1 } }
                if p.pip <= horizonEnd { pips[j] += 1 }
                if p.routeStart <= horizonEnd { starts[j] += 1 }
            }
        }
        var out: [(String, String, Double)] = []
        for (j, group) in groupNames.enumerated() {
            for (li, lead) in Self.leadTimes.enumerated() {
                out.append((lead.name, group, leadSums[li][j].count > 0 ? leadSums[li][j].mean : .nan))
            }
            out.append(("pip_within_term_share", group, termDue[j] > 0 ? Double(termMet[j]) / Double(termDue[j]) : .nan))
            out.append(("pips_per_year", group, Double(pips[j]) / years))
            out.append(("route_starts_per_year", group, Double(starts[j]) / years))
            out.append(("registrations_per_year", group, Double(registered[j]) / years))
        }
        let totalPIPs = Double(pips[0])
        out += [
            ("consultant_utilisation", "all", mean(consultantUtilisation)),
            ("mean_caseload", "all", mean(meanCaseload)),
            ("lbt_slot_use", "all", lbtPlacesOffered > 0 ? Double(lbtPlacesBooked) / Double(lbtPlacesOffered) : .nan),
            ("class_fill_rate", "all", mean(classFill.filter { !$0.isNaN })),
            ("cancelled_starts", "all", Double(cancelledStarts)),
            ("fte_cost_per_year", "all", fteCostPerYear),
            ("route_cost_per_year", "all", routeCostPerYear),
            // Consultant cost per PIP fixed (route prices are per person and counted apart).
            ("cost_per_pip", "all", totalPIPs > 0 ? fteCostPerYear * years / totalPIPs : .nan),
        ]
        for (i, name) in poolNames.enumerated() {
            out.append(("consultant_utilisation", "pool:\(name)", consultantUtilisation[i]))
            out.append(("mean_caseload", "pool:\(name)", meanCaseload[i]))
        }
        return out
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
        for p in persons where p.routeStart <= end { routeCost += s.costs.routePrice[p.route.rawValue] ?? 0 }
        let years = end / 365.25
        return ReplicationResult(
            persons: persons, snapshots: snapshots, horizonEnd: end, legalTermDays: s.pip.legalTermDays,
            municipalities: s.municipalities.map(\.name), poolNames: s.organisation.pools.map(\.name),
            consultantUtilisation: utilisation, meanCaseload: caseload,
            lbtPlacesOffered: lbtSlots.placesOffered(from: 0, to: end), lbtPlacesBooked: lbtSlots.placesBooked(from: 0, to: end),
            schoolNames: s.schools.map(\.name), classFill: schools.map(\.fillRate),
            cancelledStarts: schools.reduce(0) { $0 + $1.cancelledStarts },
            fteCostPerYear: s.organisation.pools.reduce(0) { $0 + $1.fte } * s.costs.ftePerYear,
            routeCostPerYear: years > 0 ? routeCost / years : 0,
            vacantDwellings: vacantDwellings, events: calendar.processed)
    }
}
