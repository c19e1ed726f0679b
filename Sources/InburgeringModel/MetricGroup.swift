/// Whom a figure is for: the one description (`"municipality:Hoorn|stream:asylum"`) and the
/// one parser of every group name in the result files, and the one rule for the group of an
/// observation. Writers, the calibration, the report and the tables all go through it, so
/// they cannot disagree on a name.
public enum MetricGroup: Hashable, Sendable, CustomStringConvertible {
    /// The name of the group of everyone ("all"), as result files write it.
    public static let allName = "all"

    case all
    case municipality(String)
    case stream(Stream)
    /// A municipality's stream: only when a scenario has several municipalities (with one,
    /// the stream group is the same persons).
    case municipalityStream(String, Stream)
    case pool(String)
    case school(String)
    case lbt

    public var description: String {
        switch self {
        case .all: return Self.allName
        case .municipality(let m): return "municipality:\(m)"
        case .stream(let s): return "stream:\(s.rawValue)"
        case .municipalityStream(let m, let s): return "municipality:\(m)|stream:\(s.rawValue)"
        case .pool(let p): return "pool:\(p)"
        case .school(let s): return "school:\(s)"
        case .lbt: return "lbt"
        }
    }

    /// The group a name in a result file stands for; nil for a name no writer makes.
    public init?(_ text: String) {
        func after(_ prefix: String, _ s: Substring) -> String? { s.hasPrefix(prefix) ? String(s.dropFirst(prefix.count)) : nil }
        let whole = Substring(text)
        if text == "all" { self = .all; return }
        if text == "lbt" { self = .lbt; return }
        if let p = after("pool:", whole) { self = .pool(p); return }
        if let s = after("school:", whole) { self = .school(s); return }
        if let s = after("stream:", whole) { guard let stream = Stream(rawValue: s) else { return nil }; self = .stream(stream); return }
        guard let rest = after("municipality:", whole) else { return nil }
        // A municipality's stream: the last "|stream:" (a municipality name may hold a '|').
        if let bar = rest.range(of: "|stream:", options: .backwards) {
            guard let stream = Stream(rawValue: String(rest[bar.upperBound...])) else { return nil }
            self = .municipalityStream(String(rest[..<bar.lowerBound]), stream)
        } else {
            self = .municipality(rest)
        }
    }

    /// The group a run measures an observation of `stream` (in `municipality`, when given)
    /// in: the municipality's stream with several municipalities, else the stream.
    public static func observed(municipality: String?, stream: Stream, municipalities: Int) -> MetricGroup {
        if let municipality, municipalities > 1 { return .municipalityStream(municipality, stream) }
        return .stream(stream)
    }
}
