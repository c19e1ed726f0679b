import Foundation

/// Why a result folder cannot be used, in plain words.
public struct OutputError: Error, CustomStringConvertible {
    public let description: String
}

/// The partial folders of this process, so a second Ctrl-C or a SIGTERM can remove them
/// before the process ends at once.
public enum PartialFolders {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: Set<String> = []

    nonisolated(unsafe) private static var made = 0

    static func add(_ url: URL) { lock.withLock { _ = paths.insert(url.path) } }
    /// A number for this process's next partial folder.
    static func next() -> Int { lock.withLock { made += 1; return made } }
    static func remove(_ url: URL) { lock.withLock { _ = paths.remove(url.path) } }

    /// Removes every partial folder still registered (used just before an immediate exit).
    public static func removeAll() {
        let all = lock.withLock { paths }
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// A result folder that appears whole or not at all: files are written into a hidden
/// `.NAME.partial-PID-N` folder beside the target (N counts this process's folders, so two in
/// one process never share one), which is renamed to the target at the end;
/// an abandoned or interrupted run removes it. Partial folders left by a killed process
/// (SIGKILL, power loss) are removed, with a note on stderr, the next time a run writes to
/// the same parent folder.
///
/// `write` and `stream` may run on several threads at once for files of different names (they
/// read only the immutable `partial`); `commit` and `abandon` run on one thread after them.
public final class OutputDirectory: @unchecked Sendable {
    public private(set) var final: URL
    /// The name asked for (`final` may carry a `-N` suffix).
    private let requested: String
    public let partial: URL
    private var committed = false

    /// Checks `--out` before any simulation: not empty, not `.` or `..`, a name of at most
    /// 255 bytes, no existing file on the way. Returns the parent folder and the name.
    public static func target(out: String?, defaultParent: String, defaultName: String) throws -> (parent: URL, name: String) {
        guard let out else { return (URL(fileURLWithPath: defaultParent), defaultName) }
        let trimmed = out.hasSuffix("/") && out.count > 1 ? String(out.dropLast()) : out
        let url = URL(fileURLWithPath: trimmed).standardizedFileURL
        let name = url.lastPathComponent
        if trimmed.isEmpty { throw OutputError(description: "--out is empty: give the path of a new result folder, e.g. --out Results/my-run") }
        if ["", ".", "..", "/"].contains(name) || trimmed == "." || trimmed == ".." {
            throw OutputError(description: "--out \(out): expected the path of a new folder, not '\(trimmed)'")
        }
        if name.utf8.count > 200 { throw OutputError(description: "--out: the folder name is longer than 200 bytes") }
        // An existing file on the way makes the folder impossible.
        var ancestor = url.deletingLastPathComponent()
        while ancestor.path != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
                if !isDirectory.boolValue { throw OutputError(description: "--out \(out): \(ancestor.path) is a file, not a folder") }
                break
            }
            ancestor = ancestor.deletingLastPathComponent()
        }
        return (url.deletingLastPathComponent(), name)
    }

    /// `parent/name`, or `parent/name-2`, `-3` … when that exists already.
    public init(parent: URL, name: String) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError(description: "cannot create the folder \(parent.path): \(Self.reason(error))")
        }
        Self.removeLeftovers(in: parent)
        var candidate = parent.appendingPathComponent(name)
        var n = 2
        while fm.fileExists(atPath: candidate.path) {
            candidate = parent.appendingPathComponent("\(name)-\(n)")
            n += 1
        }
        final = candidate
        requested = name
        let serial = PartialFolders.next()
        partial = parent.appendingPathComponent(".\(candidate.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)-\(serial)")
        try? fm.removeItem(at: partial)
        do {
            try fm.createDirectory(at: partial, withIntermediateDirectories: true)
        } catch {
            throw OutputError(description: "cannot write in \(parent.path): \(Self.reason(error))")
        }
        PartialFolders.add(partial)
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain, ns.code == NSFileWriteNoPermissionError || ns.code == NSFileReadNoPermissionError {
            return "permission denied"
        }
        return ns.localizedDescription
    }

    /// Removes `.NAME.partial-PID-N` (or, from earlier versions, `.NAME.partial-PID`) folders
    /// whose process no longer runs.
    static func removeLeftovers(in parent: URL) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries where entry.hasPrefix(".") {
            guard let range = entry.range(of: ".partial-", options: .backwards),
                  let pid = entry[range.upperBound...].split(separator: "-").first.flatMap({ Int32($0) }) else { continue }
            if pid == ProcessInfo.processInfo.processIdentifier || (kill(pid, 0) == 0 || errno == EPERM) { continue }
            let path = parent.appendingPathComponent(entry).path
            if (try? FileManager.default.removeItem(atPath: path)) != nil {
                FileHandle.standardError.write(Data("removed \(path), left by an interrupted run (process \(pid))\n".utf8))
            }
        }
    }

    public func write(_ name: String, _ text: String) throws {
        do {
            try Data(text.utf8).write(to: partial.appendingPathComponent(name), options: .atomic)
        } catch {
            throw OutputError(description: "cannot write \(name) in \(partial.path): \(Self.reason(error))")
        }
    }

    /// Writes a large file through a buffer (`CSVText`), so it is never whole in memory.
    /// A failed write (a full disk) stops it with an error naming the file.
    public func stream(_ name: String, _ produce: (inout CSVText) throws -> Void) throws {
        let url = partial.appendingPathComponent(name)
        func failed(_ error: Error?) -> OutputError {
            OutputError(description: "cannot write \(name) in \(partial.path): \(error.map(Self.reason) ?? "cannot create the file")")
        }
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw failed(nil) }
        let handle: FileHandle
        do { handle = try FileHandle(forWritingTo: url) } catch { throw failed(error) }
        defer { try? handle.close() }
        var failure: Error?
        func write(_ bytes: [UInt8]) {
            guard failure == nil else { return }
            do { try handle.write(contentsOf: bytes) } catch { failure = error }
        }
        var text = CSVText(flush: write)
        try produce(&text)
        write(text.bytes)
        if let failure { throw failed(failure) }
    }

    /// Renames the partial folder to the final one. When another run took that name in the
    /// meantime (two runs into one `--out`, or started in the same second), the results go
    /// to the next free `NAME-2`, `-3` … instead: no run loses its work, and `final` says
    /// where they are. The rename never replaces another run's folder.
    public func commit() throws {
        let parent = final.deletingLastPathComponent()
        var n = 2
        // mkdir claims the name atomically; rename then replaces that empty folder of ours.
        while mkdir(final.path, 0o755) != 0 {
            let code = errno
            guard code == EEXIST, n < 10_000 else {
                throw OutputError(description: "cannot move the results to \(final.path): \(String(cString: strerror(code)))")
            }
            final = parent.appendingPathComponent("\(requested)-\(n)")
            n += 1
        }
        guard rename(partial.path, final.path) == 0 else {
            let reason = String(cString: strerror(errno))
            rmdir(final.path)
            throw OutputError(description: "cannot move the results to \(final.path): \(reason)")
        }
        committed = true
        PartialFolders.remove(partial)
    }

    /// Removes the partial folder (nothing half-written stays behind).
    public func abandon() {
        if !committed { try? FileManager.default.removeItem(at: partial) }
        PartialFolders.remove(partial)
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
