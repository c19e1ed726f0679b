import Dispatch
import Foundation
import InburgeringModel
import SimKernel

/// A (metric, group) pair, e.g. ("housing_to_pip_days", "municipality:Hoorn").
public struct MetricKey: Hashable, Sendable, Comparable, Codable {
    public let name: String
    public let group: String
    public init(name: String, group: String) { self.name = name; self.group = group }
    public static func < (a: MetricKey, b: MetricKey) -> Bool { (a.name, a.group) < (b.name, b.group) }
}

/// What is kept of one replication: its metric values, its monthly series and (for the
/// first few replications only) its persons.
public struct ReplicationSummary: Sendable, Codable {
    public let values: [Double]
    /// `wip[month][state]`: persons per chain state on the first of each month.
    public let wip: [[Double]]
    /// `throughput[month][series]`: events per month (see `MonteCarlo.throughputSeries`).
    public let throughput: [[Double]]
    /// `coverage[month][k]`: share of the obligated with a PIP on the first of each month,
    /// for everyone (k = 0) and per stream (see `MonteCarlo.coverageSeries`).
    public let coverage: [[Double]]
    public let persons: [PersonRecord]?
    /// When each kept person did each chain step (`ReplicationResult.stepDone`).
    public let stepDone: [Double]?
}

/// Everything a Monte Carlo run of one scenario produced.
public struct ExperimentResult: Sendable, Codable {
    public let scenario: String
    public let seed: UInt64
    public let keys: [MetricKey]
    public let replications: [ReplicationSummary]
    /// Pooled lead-time distributions per (lead time, group).
    public let histograms: [MetricKey: LeadTimeHistogram]
    /// Dates ("YYYY-MM-DD") of the monthly series.
    public let months: [String]
    public let municipalities: [String]
    /// The names of the chain's steps (the per-step lead times of each person).
    public let stepNames: [String]
    /// The legal term for the PIP (days from the term's start, `pip.legal_term_days`).
    public let legalTermDays: Double
    public let events: Int
    public let wallSeconds: Double
    /// True when the run was cancelled before all replications were done.
    public let cancelled: Bool

    public var count: Int { replications.count }

    /// The same replications under another scenario's name (a scenario that simulates the
    /// same chain with the same seed: see `Scenario.simulatesLike`).
    public func named(_ name: String) -> ExperimentResult {
        ExperimentResult(scenario: name, seed: seed, keys: keys, replications: replications, histograms: histograms, months: months,
                         municipalities: municipalities, stepNames: stepNames, legalTermDays: legalTermDays, events: events,
                         wallSeconds: wallSeconds, cancelled: cancelled)
    }

    /// This result followed by `more`: its replications appended in order, the pooled
    /// lead-time histograms merged (counts: the order of merging does not matter).
    public func appending(_ more: ExperimentResult) -> ExperimentResult { Self.joining([self, more]) }

    /// Results of consecutive replications as one, in one pass (the shards of a run).
    public static func joining(_ parts: [ExperimentResult]) -> ExperimentResult {
        let first = parts[0]
        var merged = first.histograms
        for part in parts.dropFirst() {
            for (k, h) in part.histograms { merged[k, default: LeadTimeHistogram()].merge(h) }
        }
        return ExperimentResult(
            scenario: first.scenario, seed: first.seed, keys: parts.first(where: { !$0.keys.isEmpty })?.keys ?? [],
            replications: parts.flatMap(\.replications), histograms: merged, months: first.months, municipalities: first.municipalities,
            stepNames: first.stepNames, legalTermDays: first.legalTermDays, events: parts.reduce(0) { $0 + $1.events },
            wallSeconds: parts.reduce(0) { $0 + $1.wallSeconds }, cancelled: parts.last?.cancelled ?? false)
    }

    /// Values of one metric, in replication order.
    public func values(_ key: MetricKey) -> [Double] {
        guard let i = keys.firstIndex(of: key) else { return [] }
        return replications.map { $0.values[i] }
    }
}

/// Work shared by worker threads: the next index to take, and each index's result (nil until
/// set), so results land by index whatever thread ran them.
final class IndexedResults<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var slots: [T?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func next() -> Int? {
        lock.withLock {
            guard nextIndex < slots.count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }
    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }
    func value(_ i: Int) -> T? { lock.withLock { slots[i] } }
    var values: [T?] { lock.withLock { slots } }
}

/// `body(i)` for every i in `0..<count`, at most `jobs` at a time, in index order: work whose
/// items are independent of each other (each scenario's summaries and files).
public func parallelMap<T>(_ count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let out = IndexedResults<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
        while let i = out.next() { out.set(i, body(i)) }
    }
    return out.values.map { $0! }
}

/// Cooperative cancellation (Ctrl-C): replications not yet started are skipped.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    private var number: Int32 = 2
    public init() {}
    public var isCancelled: Bool { lock.withLock { value } }
    /// The signal that cancelled (SIGINT = 2 when cancelled otherwise).
    public var signal: Int32 { lock.withLock { number } }
    public func cancel(signal: Int32 = 2) { lock.withLock { value = true; number = signal } }
}

/// Runs replications of a scenario in parallel with Dispatch. Replication `i` uses the
/// streams derived from (seed, i, name), so its result depends on `i` only; results are
/// stored by index and reduced in index order: bit-identical for any number of jobs.
public enum MonteCarlo {
    public static let throughputSeries = ["registrations", "intakes_started", "pips_fixed", "routes_started"]
    public static let coverageSeries = [Metric.pipCoverage.rawValue] + Stream.allCases.map { "pip_coverage:\($0.rawValue)" }

    public static func run(
        _ scenario: Scenario, replications: Int, seed: UInt64, jobs: Int, firstReplication: Int = 0,
        keepPersons: Int = 0, cancel: CancellationFlag = CancellationFlag(),
        progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) -> ExperimentResult {
        let store = Store(count: replications)
        let jobs = max(1, min(jobs, replications))
        let start = DispatchTime.now().uptimeNanoseconds
        let groups = ReplicationResult.groupNames(municipalities: scenario.municipalities.map(\.name))
        let plan = try? ScenarioPlan.compile(scenario).get() // once for all replications
        let leads = ReplicationResult.leadTimes(steps: plan?.chain.names ?? [])
        // Lead times go into one histogram per (lead, municipality × stream) cell: one record a
        // person and lead. The cells are added into their groups once a thread is done (counts
        // and min/max: the same histograms as recording into every group, in any order).
        let m = scenario.municipalities.count, streams = Stream.allCases
        DispatchQueue.concurrentPerform(iterations: jobs) { _ in
            var cells = Array(repeating: Array(repeating: LeadTimeHistogram(), count: max(m, 1) * streams.count), count: leads.count)
            var events = 0
            while !cancel.isCancelled, let slot = store.nextIndex() {
                let index = firstReplication + slot
                // Cancellation reaches a running replication between events.
                guard let result = ChainModel.replicate(scenario, plan: plan, seed: seed, replication: index, stop: { cancel.isCancelled }) else { break }
                events += result.events
                let summary = summarise(result, leads: leads, keepPersons: index < keepPersons, cells: &cells)
                store.put(slot, summary, keys: { result.metrics().map { MetricKey(name: $0.name, group: $0.group) } })
                progress(store.completed)
            }
            var histograms = Array(repeating: Array(repeating: LeadTimeHistogram(), count: groups.count), count: leads.count)
            for mm in 0..<max(m, 1) {
                for (si, stream) in streams.enumerated() {
                    let cell = mm * streams.count + si
                    let into = ReplicationResult.groupIndices(of: PersonRecord(municipality: mm, stream: stream, route: .b1, vroegeStart: false), municipalities: m)
                    for li in leads.indices where cells[li][cell].total + cells[li][cell].totalCensored > 0 {
                        for g in into { histograms[li][g].merge(cells[li][cell]) }
                    }
                }
            }
            var keyed: [MetricKey: LeadTimeHistogram] = [:]
            for (li, lead) in leads.enumerated() {
                for (gi, g) in groups.enumerated() where histograms[li][gi].total + histograms[li][gi].totalCensored > 0 {
                    keyed[MetricKey(name: lead.name, group: g)] = histograms[li][gi]
                }
            }
            store.merge(keyed, events: events)
        }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return ExperimentResult(
            scenario: scenario.name, seed: seed, keys: store.keys, replications: store.completedPrefix(),
            histograms: store.histograms, months: plan.map { p in ([0] + p.monthStarts).map(p.calendar.date(ofDay:)) } ?? [],
            municipalities: scenario.municipalities.map(\.name), stepNames: plan?.chain.names ?? [], legalTermDays: scenario.pip.legalTermDays, events: store.events, wallSeconds: wall,
            cancelled: cancel.isCancelled)
    }

    /// Runs more replications and appends them (for `--precision`).
    public static func extend(_ previous: ExperimentResult, _ scenario: Scenario, by replications: Int, jobs: Int,
                              keepPersons: Int, cancel: CancellationFlag,
                              progress: @escaping @Sendable (Int) -> Void) -> ExperimentResult {
        let more = run(scenario, replications: replications, seed: previous.seed, jobs: jobs,
                       firstReplication: previous.count, keepPersons: keepPersons, cancel: cancel,
                       progress: { progress(previous.count + $0) })
        return previous.appending(more)
    }

    /// Records every person's lead times in `cells[lead][municipality × streams + stream]`
    /// (handed over by `metricValues`, which computes them anyway) and keeps what the run
    /// needs of the replication.
    static func summarise(_ r: ReplicationResult, leads: [ReplicationResult.LeadTime], keepPersons: Bool,
                          cells: inout [[LeadTimeHistogram]]) -> ReplicationSummary {
        let streams = Stream.allCases.count
        precondition(leads.count == ReplicationResult.leadTimes.count + r.stepNames.count, "the run's lead times are not the replication's")
        let metricValues = r.metricValues { i, values, waiting in
            let p = r.persons[i]
            let cell = p.municipality * streams + (Stream.allCases.firstIndex(of: p.stream) ?? 0)
            for li in leads.indices {
                if !values[li].isNaN { cells[li][cell].record(values[li]) }
                else if !waiting[li].isNaN { cells[li][cell].recordCensored(waiting[li]) }
            }
        }
        let months = r.snapshots.times
        let edges = months + [r.horizonEnd]
        var throughput = Array(repeating: [Double](repeating: 0, count: throughputSeries.count), count: months.count)
        func count(_ t: Double, _ series: Int) {
            guard !t.isNaN, t >= (edges.first ?? 0), t < r.horizonEnd || t == r.horizonEnd else { return }
            var lo = 0, hi = months.count - 1
            while lo < hi { let mid = (lo + hi + 1) / 2; if edges[mid] <= t { lo = mid } else { hi = mid - 1 } }
            throughput[lo][series] += 1
        }
        if !months.isEmpty {
            for p in r.persons {
                count(p.registration, 0); count(p.intakeStart, 1); count(p.pip, 2); count(p.routeStart, 3)
            }
        }
        // Share with a PIP among the obligated on each first of the month, by difference
        // arrays: a person counts from the first month on or after the start of the
        // obligation, and as covered from the first month on or after the PIP as well.
        let k = coverageSeries.count
        var obligated = Array(repeating: Array(repeating: 0.0, count: k), count: months.count + 1)
        var covered = obligated
        func firstMonth(atOrAfter t: Double) -> Int {
            var lo = 0, hi = months.count
            while lo < hi { let mid = (lo + hi) / 2; if months[mid] < t { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        for p in r.persons where p.obligationStart <= r.horizonEnd {
            let series = [0, 1 + (Stream.allCases.firstIndex(of: p.stream) ?? 0)]
            let m0 = firstMonth(atOrAfter: p.obligationStart)
            let m1 = p.pip.isNaN ? months.count : max(m0, firstMonth(atOrAfter: p.pip))
            for j in series { obligated[m0][j] += 1; covered[m1][j] += 1 }
        }
        var coverage = Array(repeating: Array(repeating: Double.nan, count: k), count: months.count)
        var runningObligated = Array(repeating: 0.0, count: k), runningCovered = runningObligated
        for m in months.indices {
            for j in 0..<k {
                runningObligated[j] += obligated[m][j]
                runningCovered[j] += covered[m][j]
                coverage[m][j] = runningObligated[j] > 0 ? runningCovered[j] / runningObligated[j] : .nan
            }
        }
        return ReplicationSummary(values: metricValues, wip: r.snapshots.rows, throughput: throughput,
                                  coverage: coverage, persons: keepPersons ? r.persons : nil, stepDone: keepPersons ? r.stepDone : nil)
    }

    /// Shared state of the workers: the next index to run and the summaries by index
    /// (`IndexedResults`), the metric keys, the pooled lead-time histograms and the events.
    final class Store: @unchecked Sendable {
        private let lock = NSLock()
        private let slots: IndexedResults<ReplicationSummary>
        private var done = 0
        private(set) var keys: [MetricKey] = []
        private(set) var histograms: [MetricKey: LeadTimeHistogram] = [:]
        private(set) var events = 0

        init(count: Int) { slots = IndexedResults(count: count) }

        func nextIndex() -> Int? { slots.next() }

        var completed: Int { lock.withLock { done } }

        func put(_ i: Int, _ summary: ReplicationSummary, keys makeKeys: () -> [MetricKey]) {
            let needKeys = lock.withLock { keys.isEmpty }
            let k = needKeys ? makeKeys() : []
            slots.set(i, summary)
            lock.withLock {
                if keys.isEmpty { keys = k }
                done += 1
            }
        }

        func merge(_ h: [MetricKey: LeadTimeHistogram], events e: Int) {
            lock.withLock {
                for (k, v) in h { histograms[k, default: LeadTimeHistogram()].merge(v) }
                events += e
            }
        }

        /// The summaries of replications 0..<n where all before n are done (a cancelled run
        /// keeps only an unbroken prefix, so its statistics stay those of replications 0..<n).
        func completedPrefix() -> [ReplicationSummary] {
            slots.values.prefix { $0 != nil }.compactMap { $0 }
        }
    }
}
