import Foundation

/// A result folder that appears whole or not at all: files are written into a hidden
/// `.NAME.partial` folder beside the target, which is renamed to the target at the end;
/// an abandoned or interrupted run removes it.
public final class OutputDirectory {
    public let final: URL
    public let partial: URL
    private var committed = false

    /// `parent/name`, or `parent/name-2`, `-3` … when that exists already.
    public init(parent: URL, name: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        var candidate = parent.appendingPathComponent(name)
        var n = 2
        while fm.fileExists(atPath: candidate.path) {
            candidate = parent.appendingPathComponent("\(name)-\(n)")
            n += 1
        }
        final = candidate
        partial = parent.appendingPathComponent(".\(candidate.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: partial)
        try fm.createDirectory(at: partial, withIntermediateDirectories: true)
    }

    public func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: partial.appendingPathComponent(name), options: .atomic)
    }

    /// Writes a large file line by line through a buffer, so it is never whole in memory.
    public func stream(_ name: String, _ produce: ((String) -> Void) throws -> Void) throws {
        let url = partial.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = Data()
        buffer.reserveCapacity(1 << 17)
        var failure: Error?
        try produce { line in
            buffer.append(contentsOf: line.utf8)
            buffer.append(0x0A)
            if buffer.count >= 1 << 16 {
                do { try handle.write(contentsOf: buffer) } catch { failure = error }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if let failure { throw failure }
        try handle.write(contentsOf: buffer)
    }

    /// Renames the partial folder to the final one.
    public func commit() throws {
        try FileManager.default.moveItem(at: partial, to: final)
        committed = true
    }

    /// Removes the partial folder (nothing half-written stays behind).
    public func abandon() {
        if !committed { try? FileManager.default.removeItem(at: partial) }
    }

    deinit { abandon() }
}

/// A run id from the UTC time: 20261122-194512.
public func runID(_ date: Date = Date()) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyyMMdd-HHmmss"
    return f.string(from: date)
}

/// Folder-safe form of a scenario name: "Westfriesland opplus" → "westfriesland-opplus".
public func slug(_ text: String) -> String {
    let lowered = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
    return String(lowered).split(separator: "-").joined(separator: "-")
}
