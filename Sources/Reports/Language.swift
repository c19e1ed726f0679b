import Foundation

/// The language of the report's own words (`ketensim report --lang nl`). The English text is
/// the key: `tr("… {0} …", a)` looks it up in `Dutch.catalogue` and fills the numbered
/// placeholders, so a Dutch sentence may put them in its own order. What the user wrote
/// (scenario, pool and municipality names, sources, parameter paths) stays as written.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, nl

    /// The language of the report being built (set by `Report.html`).
    @TaskLocal static var current: ReportLanguage = .en
}

/// `english` in the report's language, with `{0}`, `{1}` … replaced by `args`. A Dutch key
/// the catalogue lacks falls back to the English and is noted (`Report.untranslated`).
func tr(_ english: String, _ args: String...) -> String { translated(english, args) }

func translated(_ english: String, _ args: [String]) -> String {
    var format = english
    if ReportLanguage.current == .nl {
        if let dutch = Dutch.catalogue[english] { format = dutch } else { Dutch.missing?.note(english) }
    }
    return fill(format, args)
}

public extension ReportLanguage {
    /// Runs `body` with the report's words and numbers in this language (as `Report.html` does).
    func apply<T>(_ body: () throws -> T) rethrows -> T { try Self.$current.withValue(self, operation: body) }
    /// `english` in this language, with `{0}`, `{1}` … filled from `args` (what `tr` gives).
    func text(_ english: String, _ args: [String] = []) -> String { apply { translated(english, args) } }
    /// The Dutch catalogue: each English text and its Dutch.
    static var dutchCatalogue: [String: String] { Dutch.catalogue }
}

/// `format` with each `{i}` replaced by `args[i]`, in one pass (an argument's own braces stay).
func fill(_ format: String, _ args: [String]) -> String {
    guard !args.isEmpty, format.contains("{") else { return format }
    var out = "", rest = Substring(format)
    while let open = rest.firstIndex(of: "{") {
        out += rest[..<open]
        let after = rest[rest.index(after: open)...]
        if let close = after.firstIndex(of: "}"), let i = Int(after[..<close]), args.indices.contains(i) {
            out += args[i]
            rest = after[after.index(after: close)...]
        } else {
            out += "{"
            rest = after
        }
    }
    return out + rest
}

/// The Dutch words of the report: the parts (`Dutch.report`, `Dutch.sections`, `Dutch.charts`)
/// keyed by the English text they translate.
enum Dutch {
    static let catalogue: [String: String] = report.merging(sections) { a, _ in a }.merging(charts) { a, _ in a }

    /// English keys looked up but not found while a report was built (nil when nobody asks).
    @TaskLocal static var missing: Missing?

    final class Missing: @unchecked Sendable {
        private let lock = NSLock()
        private var keys: Set<String> = []
        func note(_ key: String) { lock.lock(); keys.insert(key); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return keys.sorted() }
    }
}
