import Experiments
import Foundation
import ResultFiles
import Stochastics

/// The calibration's evaluated points on disk, beside its result folder, keyed by the spec's
/// content: a rerun of the same spec reads them back (it resumes, and equals an uninterrupted
/// run bit for bit: values and model means are kept as bit patterns), another spec starts
/// afresh. Shard i of n appends to a file of its own; every run reads them all.
public struct CalibrationCache {
    public let folder: URL
    public let stem: String

    /// The cache of a spec (its text, its files' paths and their merged contents) in `folder`.
    public init(folder: URL, spec: String, paths: [String], contents: [String]) {
        self.folder = folder
        stem = ".calibration-cache-" + String(format: "%016llx", StreamSeed.fnv1a64(spec + paths.joined() + contents.joined()))
    }

    /// The file a run appends to: the shard's own, or the main one.
    public func file(_ shard: Shard?) -> URL {
        folder.appendingPathComponent(stem + (shard.map { ".shard-\($0.index)-of-\($0.count)" } ?? "") + ".jsonl")
    }

    /// Every point of every file of this cache with `parameters` values and `targets` model
    /// means (a line that does not read, or of another shape, is passed over).
    public func load(parameters: Int, targets: Int) -> [[Double]: [Double]] {
        var points: [[Double]: [Double]] = [:]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix(stem) && $0.hasSuffix(".jsonl") }
        for name in names.sorted() {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") {
                guard let (v, m) = (try? JSONDecoder().decode(CalibrationCacheLine.self, from: Data(line.utf8)))?.decoded,
                      v.count == parameters, m.count == targets else { continue }
                points[v] = m
            }
        }
        return points
    }

    /// Appends points to `file`; a write that fails (a full disk) is reported once through
    /// `failed` and loses only the ability to resume from there, never the run.
    public final class Writer {
        let handle: FileHandle?
        let failed: (Error) -> Void
        var reported = false

        public init(_ file: URL, failed: @escaping (Error) -> Void) {
            if !FileManager.default.fileExists(atPath: file.path) { _ = FileManager.default.createFile(atPath: file.path, contents: nil) }
            handle = try? FileHandle(forWritingTo: file)
            _ = try? handle?.seekToEnd()
            self.failed = failed
        }

        deinit { try? handle?.close() }

        public func append(values: [Double], model: [Double]) {
            let line = ResultJSON.line(CalibrationCacheLine(values: values, model: model)) + "\n"
            do { try handle?.write(contentsOf: Data(line.utf8)) } catch {
                if !reported { failed(error) }
                reported = true
            }
        }
    }
}
