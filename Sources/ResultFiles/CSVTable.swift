import Foundation

/// A CSV file as ketensim writes it (`csvField`: a field with a comma or quote is quoted,
/// quotes doubled; one record a line), read by its header: every reader of a result CSV (the
/// report, `mca --simulation`) finds its columns by name, never by position, so a reordered
/// or extended file still reads and a quoted group name with a comma stays one field.
public struct CSVTable: Sendable {
    public let file: String
    /// Column index by header name (the first of equal names).
    public let columns: [String: Int]
    /// The data rows' fields; `lines[i]` is the file's line number of `rows[i]`.
    public let rows: [[Substring]]
    public let lines: [Int]

    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else { throw Problem(description: "\(path): cannot read the file") }
        try self.init(String(decoding: data, as: UTF8.self), file: path)
    }

    public init(_ text: String, file: String) throws {
        self.file = file
        let all = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().filter { !$0.element.isEmpty }
        guard let header = all.first else { throw Problem(description: "\(file): empty; expected a header line") }
        columns = Dictionary(Self.fields(header.element).enumerated().map { (String($1), $0) }, uniquingKeysWith: { a, _ in a })
        rows = all.dropFirst().map { Self.fields($0.element) }
        lines = all.dropFirst().map { $0.offset + 1 }
    }

    /// The index of the column `name`, or a problem naming the file and the column.
    public func column(_ name: String) throws -> Int {
        guard let i = columns[name] else { throw Problem(description: "\(file): no column '\(name)'") }
        return i
    }

    /// The fields of one line; quoted fields unquoted.
    public static func fields(_ line: Substring) -> [Substring] {
        guard line.contains("\"") else { return line.split(separator: ",", omittingEmptySubsequences: false) }
        var out: [Substring] = [], current = "", quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if quoted, c == "\"" {
                let next = line.index(after: i)
                if next < line.endIndex, line[next] == "\"" { current.append("\""); i = next } else { quoted = false }
            } else if c == "\"" { quoted = true } else if c == ",", !quoted { out.append(Substring(current)); current = "" } else { current.append(c) }
            i = line.index(after: i)
        }
        out.append(Substring(current))
        return out
    }
}
