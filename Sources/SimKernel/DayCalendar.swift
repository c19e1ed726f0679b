import Foundation

/// Converts calendar dates to simulation days (days since `start`, Gregorian, UTC), once
/// at set-up: the event loop only sees `Double` days.
public struct DayCalendar: Sendable, Equatable {
    public let start: DateComponents
    private let startDate: Date
    private static let gregorian: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? c.timeZone
        return c
    }()

    /// `start` as "YYYY-MM-DD"; nil when it is not a valid date.
    public init?(start iso: String) {
        guard let components = Self.components(iso), let date = Self.gregorian.date(from: components) else { return nil }
        self.start = components
        self.startDate = date
    }

    /// Parses "YYYY-MM-DD" strictly (the day must exist in that month).
    public static func components(_ iso: String) -> DateComponents? {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        let c = DateComponents(year: y, month: m, day: d)
        guard let date = gregorian.date(from: c) else { return nil }
        let back = gregorian.dateComponents([.year, .month, .day], from: date)
        return back.year == y && back.month == m && back.day == d ? c : nil
    }

    /// Days from `start` to the date "YYYY-MM-DD"; nil when it is not a valid date.
    public func day(_ iso: String) -> Double? {
        guard let c = Self.components(iso) else { return nil }
        return day(year: c.year ?? 0, month: c.month ?? 1, day: c.day ?? 1)
    }

    public func day(year: Int, month: Int, day: Int) -> Double? {
        guard let date = Self.gregorian.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        return (date.timeIntervalSince(startDate) / 86_400).rounded()
    }

    /// The date "YYYY-MM-DD" of simulation day `day` (rounded down).
    public func date(ofDay day: Double) -> String {
        let date = startDate.addingTimeInterval(day.rounded(.down) * 86_400)
        let c = Self.gregorian.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    /// The same month and day in every year, as days in [from, to].
    public func yearly(month: Int, day: Int, from: Double, to: Double) -> [Double] {
        let firstYear = (start.year ?? 0) + Int((from / 366).rounded(.down)) - 1
        let lastYear = (start.year ?? 0) + Int((to / 365).rounded(.up)) + 1
        return (firstYear...lastYear).compactMap { self.day(year: $0, month: month, day: day) }
            .filter { $0 >= from && $0 <= to }
    }
}
