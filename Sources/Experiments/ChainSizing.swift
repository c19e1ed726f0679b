import Dispatch
import Foundation
import InburgeringModel
import SimKernel

/// The chain model as a `Sizer` sees it: decision variables that set a scenario's FTE per
/// pool, LBT places per session or parallel groups per school; service levels read from a
/// replication; and the static (spreadsheet) estimate to start from and report beside.
public enum ChainSizing {
    public enum Knob: Sendable, Equatable {
        case fte(pool: Int)
        case lbtSlots
        case groups(school: Int)
    }

    public struct LevelSpec: Sendable, Equatable {
        public enum Statistic: String, Sendable { case mean, p50, p90 }
        public let metric: String
        public let group: String
        /// For lead times: the replication's mean (as `metrics()`), median or P90 over persons.
        public let statistic: Statistic
        public init(metric: String, group: String = MetricGroup.allName, statistic: Statistic = .mean) {
            self.metric = metric; self.group = group; self.statistic = statistic
        }
        public var label: String { (statistic == .mean ? metric : "\(metric).\(statistic.rawValue)") + (group == MetricGroup.allName ? "" : " [\(group)]") }
    }

    /// `s` with the knobs set to `values`. A pool's consultants follow its FTE at the pool's
    /// own FTE per consultant (at least one, and one per municipality in a `per_area` pool,
    /// which then work part-time); an FTE schedule is scaled with it.
    public static func apply(_ s: Scenario, _ knobs: [Knob], _ values: [Double]) -> Scenario {
        var s = s
        for (knob, x) in zip(knobs, values) {
            switch knob {
            case .fte(let i):
                var pool = s.organisation.pools[i]
                let perConsultant = pool.fte / Double(pool.consultants)
                let factor = x / pool.fte
                let least = pool.assignment == .perArea ? pool.municipalities.count : 1
                pool.consultants = max(least, Int((x / perConsultant - 1e-9).rounded(.up)))
                pool.fteSchedule = pool.fteSchedule?.map { FTEChange(from: $0.from, fte: $0.fte * factor) }
                pool.fte = x
                s.organisation.pools[i] = pool
            case .lbtSlots:
                s.lbt.sessions.slots = max(1, Int(x.rounded()))
            case .groups(let i):
                s.schools[i].groups = max(1, Int(x.rounded()))
            }
        }
        return s
    }

    /// The level's value in one replication.
    public static func value(_ spec: LevelSpec, _ r: ReplicationResult, metrics: [(name: String, group: String, value: Double)]) -> Double {
        if spec.statistic == .mean {
            return metrics.first { $0.name == spec.metric && $0.group == spec.group }?.value ?? .nan
        }
        guard let lead = r.allLeadTimes.first(where: { $0.name == spec.metric }) else { return .nan }
        var xs: [Double] = []
        // The group by its index (no group names built per person).
        guard let g = r.groupNames.firstIndex(of: spec.group) else { return .nan }
        let m = r.municipalities.count
        for (i, p) in r.persons.enumerated() where g == 0 || ReplicationResult.groupIndices(of: p, municipalities: m).contains(g) {
            if let v = lead.value(p, person: i, stepDone: r.stepDone) { xs.append(v) }
        }
        guard !xs.isEmpty else { return .nan }
        xs.sort()
        let q = spec.statistic == .p50 ? 0.5 : 0.9
        let h = q * Double(xs.count - 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, xs.count - 1)
        return xs[lo] + (h - Double(lo)) * (xs[hi] - xs[lo])
    }

    /// An evaluator for `Sizer`: replications of the configured scenario in parallel, stored
    /// by index (bit-identical for any number of jobs), each level's value per replication.
    public static func evaluator(_ s: Scenario, knobs: [Knob], levels: [LevelSpec], seed: UInt64, jobs: Int,
                                 cancel: CancellationFlag, completed: Completed? = nil) -> ([Double], Range<Int>) -> [[Double]] {
        { values, range in
            let scenario = apply(s, knobs, values)
            let plan = try? ScenarioPlan.compile(scenario).get() // once for the batch
            let out = IndexedResults<[Double]>(count: range.count)
            DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, range.count))) { worker in
                var i = worker
                while i < range.count, !cancel.isCancelled {
                    if let r = ChainModel.replicate(scenario, plan: plan, seed: seed, replication: range.lowerBound + i, stop: { cancel.isCancelled }) {
                        let m = r.metrics()
                        out.set(i, levels.map { value($0, r, metrics: m) })
                        completed?.add()
                    }
                    i += max(1, min(jobs, range.count))
                }
            }
            let done = out.values.compactMap { $0 }
            return levels.indices.map { l in done.map { $0[l] } }
        }
    }

    /// `s` with every capacity × `k`: each pool's FTE (and schedule) and consultants, LBT
    /// places per session, parallel groups per school.
    public static func scalingCapacity(_ s: Scenario, by k: Double) -> Scenario {
        var out = s
        out.organisation.pools = s.organisation.pools.map { p in
            var p = p
            p.fte *= k
            p.consultants = max(1, Int((Double(p.consultants) * k).rounded()))
            p.fteSchedule = p.fteSchedule?.map { var change = $0; change.fte *= k; return change }
            return p
        }
        func scaled(_ n: Int) -> Int { max(1, Int((Double(n) * k).rounded())) }
        func scaled(_ schedule: [CapacityChange]?) -> [CapacityChange]? { schedule?.map { var c = $0; c.value = scaled(c.value); return c } }
        out.lbt.sessions.slots = scaled(s.lbt.sessions.slots)
        out.lbt.sessions.slotsSchedule = scaled(s.lbt.sessions.slotsSchedule)
        out.schools = s.schools.map { var school = $0; school.groups = scaled(school.groups); school.groupsSchedule = scaled(school.groupsSchedule); return school }
        return out
    }

    /// The spreadsheet's answer (no queues), from the demand of one replication without queues
    /// (every pool at ten times its FTE and consultants). FTE, sized for the peak year: its new
    /// cases × the legal term (progress.term_days) × the chain hours a case-year asks / the
    /// productive hours an FTE has left after its old-law and benefit work, or those cases ×
    /// the term / the places an FTE has left after its old-law and benefit cases, whichever is
    /// more (a team that serves no municipality: the peak year's cases × its hours per case);
    /// LBT places = mean bookings per session, rounded up; groups = mean registrations per
    /// start moment / max class, rounded up.
    public static func staticEstimate(_ s: Scenario, knobs: [Knob], seed: UInt64) -> [Double] {
        let wide = scalingCapacity(s, by: 10)
        let r = ChainModel.replicate(wide, seed: seed, replication: 0)
        let years = r.horizonEnd / 365.25
        let plan = ScenarioPlan.compiled(s)
        return knobs.map { knob in
            switch knob {
            case .fte(let i):
                let pool = s.organisation.pools[i]
                // The old-law share still open on average over the horizon (linear decline).
                let until = plan.oldLawUntil[i]
                let remaining = until <= 0 ? 0 : until >= r.horizonEnd ? 1 - r.horizonEnd / (2 * until) : until / (2 * r.horizonEnd)
                let oldCases = (pool.oldLaw?.casesPerFTE ?? 0) * remaining
                let benefitHours = (pool.participatiewet?.hoursPerWeek.mean ?? 0) * 52.18
                let oldHours = oldCases * (pool.oldLaw?.hoursPerCasePerMonth ?? 0) * 12
                let hoursPerFTE = pool.weeklyHours * pool.productiveShare * 52.18 - benefitHours - oldHours
                let placesPerFTE = Double(pool.caseloadCap) - (pool.participatiewet?.casesPerFTE ?? 0) - oldCases
                // The spreadsheet way: the peak year's new cases, each carried for the law's
                // term at the hours a case-year asks and in a place of its own (the inflow × time
                // of Little's law, at the peak). A team that serves no municipality (WerkSaam's
                // intake) does steps of everyone's cases: its hours per case, and no places.
                let team = pool.municipalities.isEmpty
                let served = Set(team ? Array(r.municipalities.indices) : pool.municipalities.compactMap { m in r.municipalities.firstIndex(of: m) })
                var caseDays = 0.0, admitted = 0.0
                var perYear = [Double](repeating: 0, count: max(Int(years.rounded(.up)), 1))
                for p in r.persons where served.contains(p.municipality) && !p.admitted.isNaN {
                    caseDays += (p.caseClosed.isNaN ? r.horizonEnd : p.caseClosed) - p.admitted
                    admitted += 1
                    perYear[min(Int(p.admitted / 365.25), perYear.count - 1)] += 1
                }
                let peak = perYear.max() ?? 0, term = s.progress.termDays / 365.25
                let hoursPerCase = team ? r.chainHours[i] / max(admitted, 1) : r.chainHours[i] / max(caseDays / 365.25, 1e-9) * term
                let byHours = peak * hoursPerCase / max(hoursPerFTE, 1e-9)
                let byPlaces = team ? 0 : peak * term / max(placesPerFTE, 1e-9)
                return max(byHours, byPlaces)
            case .lbtSlots:
                let sessions = Double(r.lbtPlacesOffered) / Double(max(wide.lbt.sessions.slots, 1))
                return (Double(r.lbtPlacesBooked) / max(sessions, 1)).rounded(.up)
            case .groups(let i):
                let starts = Double(r.demand.placesOffered.reduce(0) { $0 + $1[i] }) / Double(max(wide.schools[i].groups * wide.schools[i].maxClass, 1))
                let registered = r.demand.registrations.reduce(0) { $0 + $1[i] }
                return (registered / max(starts, 1) / Double(s.schools[i].maxClass)).rounded(.up)
            }
        }
    }

    /// Replications that ran to the horizon (an interrupted batch counts only those).
    public final class Completed: @unchecked Sendable {
        private var n = 0
        private let lock = NSLock()
        public init() {}
        func add() { lock.withLock { n += 1 } }
        public var count: Int { lock.withLock { n } }
    }
}
