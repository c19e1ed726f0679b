import SimKernel

/// Demand against capacity per half-year ("2023-I"), per consultant pool, for the LBT
/// calendar and per school: what was asked of each resource and what it offered.
public struct DemandLedger: Sendable {
    /// Start of each half-year bucket in days (the first may lie before day 0).
    public let bucketStarts: [Double]
    public let labels: [String]
    /// `[bucket][pool]`: cases asking for a consultant; hours of work submitted; hours done.
    public private(set) var admissions: [[Double]]
    public private(set) var hoursAsked: [[Double]]
    public private(set) var hoursDone: [[Double]]
    /// `[bucket]`: LBT places booked.
    public private(set) var lbtBooked: [Double]
    /// `[bucket][school]`: registrations, and places offered at the start moments held.
    public private(set) var registrations: [[Double]]
    public private(set) var placesOffered: [[Double]]

    public init(calendar: DayCalendar, horizonEnd: Double, schools: Int, pools: Int) {
        let halves = HalfYear.covering(calendar: calendar, horizonEnd: horizonEnd).filter { $0.days(calendar).end > 0 }
        bucketStarts = halves.map { $0.days(calendar).start }
        labels = halves.map(\.label)
        let n = max(halves.count, 1)
        admissions = Array(repeating: Array(repeating: 0, count: pools), count: n)
        hoursAsked = admissions
        hoursDone = admissions
        lbtBooked = Array(repeating: 0, count: n)
        registrations = Array(repeating: Array(repeating: 0, count: schools), count: n)
        placesOffered = registrations
        currentTo = bucketStarts.count > 1 ? bucketStarts[1] : .infinity
    }

    /// The bucket last found and the times it holds: times come in order, so most fall in it,
    /// and a search starts there.
    private var current = 0, currentFrom = -Double.infinity, currentTo = Double.infinity

    /// The last bucket starting at or before `t` (the first when none does).
    mutating func bucket(_ t: Double) -> Int {
        if t >= currentFrom && t < currentTo { return current }
        var b = current > 0 && bucketStarts[current] <= t ? current : 0
        while b + 1 < bucketStarts.count && bucketStarts[b + 1] <= t { b += 1 }
        current = b
        currentFrom = b > 0 ? bucketStarts[b] : -.infinity
        currentTo = b + 1 < bucketStarts.count ? bucketStarts[b + 1] : .infinity
        return b
    }

    mutating func admissionRequested(pool: Int, at t: Double) { admissions[bucket(t)][pool] += 1 }
    mutating func taskSubmitted(pool: Int, hours: Double, at t: Double) { hoursAsked[bucket(t)][pool] += hours }
    mutating func worked(pool: Int, hours: Double, at t: Double) { hoursDone[bucket(t)][pool] += hours }
    mutating func lbtBooked(at t: Double) { lbtBooked[bucket(t)] += 1 }
    mutating func schoolRegistered(school: Int, at t: Double) { registrations[bucket(t)][school] += 1 }
    mutating func schoolStarted(school: Int, places: Int, at t: Double) { placesOffered[bucket(t)][school] += Double(places) }
}
