import Experiments
import Foundation
import InburgeringModel
import Stochastics

/// manifest.json: what is needed to reproduce and report a run (STRESS-DES, Monks et al.
/// 2019: 1.2 model purpose and version, 3.3 input data and their sources, 4.1–4.3
/// experimentation: initialisation, run length, replications; 5.1–5.4 implementation:
/// software, random numbers, execution, system specification).
public enum Manifest {
    public static func object(tool: String, loaded: [LoadedScenario], seed: UInt64, replications: Int, jobs: Int,
                              wallSeconds: Double, precision: Double?, events: Int) -> [String: Any] {
        let info = ProcessInfo.processInfo
        let scenarios: [[String: Any]] = loaded.map { l in
            [
                "name": l.scenario.name,
                "file": l.file,
                "files": l.files.map { ["path": $0, "fnv1a64": fileHash($0)] },
                "merged_fnv1a64": hex(StreamSeed.fnv1a64(l.canonicalJSON)),
                "horizon": ["start": l.scenario.horizon.start, "end": l.scenario.horizon.end],
                "sources": l.provenance,
                "parameters": parameterValues(l),
                "observed": observedObjects(l.scenario.observed ?? []),
                "values_without_source": l.unsourced,
            ]
        }
        return [
            "tool": ["name": "ketensim", "version": tool, "git_commit": gitCommit()],
            "command_line": CommandLine.arguments.joined(separator: " "),
            "created_utc": ISO8601DateFormatter().string(from: Date()),
            "scenarios": scenarios,
            "random_numbers": [
                "library": "GNU GSL \(gslVersion)",
                "generator": RandomStream.generatorName,
                "stream_derivation": StreamSeed.description,
                "streams": "one per (replication, purpose); scenarios share stream names (common random numbers)",
                "master_seed": seed,
            ],
            "experiment": [
                "replications": replications,
                "precision_target": precision.map { $0 as Any } ?? NSNull(),
                "initialisation": "empty system at the horizon start (the law's start); no warm-up is deleted",
                "run_length": "the scenario horizon",
                "jobs": jobs,
                "events": events,
                "wall_seconds": wallSeconds,
                "determinism": "results depend on (scenario, seed, replication index) only: identical for any --jobs",
            ],
            "machine": [
                "host": info.hostName,
                "os": info.operatingSystemVersionString,
                "cores": info.activeProcessorCount,
                "memory_bytes": info.physicalMemory,
            ],
            "stress_des": [
                "1.2": "tool.version, tool.git_commit",
                "3.3": "scenarios[].sources, scenarios[].values_without_source",
                "4.1": "experiment.initialisation",
                "4.2": "experiment.run_length",
                "4.3": "experiment.replications, experiment.precision_target",
                "5.1": "tool, random_numbers.library",
                "5.2": "random_numbers",
                "5.3": "experiment.jobs, experiment.wall_seconds, command_line",
                "5.4": "machine",
            ],
        ]
    }

    /// The merged value of every annotated parameter (`path` as in `sources`) as short text
    /// (`type: triangular, min: 22, mode: 28, max: 34`; lists in brackets), so the report's
    /// inputs table needs nothing but the manifest.
    static func parameterValues(_ l: LoadedScenario) -> [String: String] {
        guard let root = try? JSONSerialization.jsonObject(with: Data(l.canonicalJSON.utf8)) else { return [:] }
        var out: [String: String] = [:]
        for path in Array(l.provenance.keys) + l.unsourced {
            if let value = value(at: path, in: root) { out[path] = text(value) }
        }
        return out
    }

    static func text(_ value: Any) -> String {
        switch value {
        case var m as [String: Any]:
            // `{value, source, range}` is its value (and range); sources have their own column.
            m["source"] = nil
            if let v = m["value"] { return text(v) + (m["range"].map { " (range \(text($0)))" } ?? "") }
            // The distribution's type first, then its parameters in order.
            return m.keys.sorted { ($0 == "type" ? "" : $0) < ($1 == "type" ? "" : $1) }.map { "\($0): \(text(m[$0] ?? ""))" }.joined(separator: ", ")
        case let a as [Any]: return "[" + a.map(text).joined(separator: ", ") + "]"
        default: return "\(value)"
        }
    }

    /// The scenario's `observed:` figures (DUO snapshots) as the file gives them, for the report.
    static func observedObjects(_ observations: [Observation]) -> [Any] {
        guard let data = try? JSONEncoder().encode(observations) else { return [] }
        return (try? JSONSerialization.jsonObject(with: data)) as? [Any] ?? []
    }

    /// `a.b[2].c` in a JSON tree.
    static func value(at path: String, in root: Any) -> Any? {
        var current: Any? = root
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return nil }
                indices.insert(i, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { current = (current as? [String: Any])?[String(name)] }
            for i in indices {
                guard let a = current as? [Any], a.indices.contains(i) else { return nil }
                current = a[i]
            }
        }
        return current
    }

    static func hex(_ x: UInt64) -> String { String(x, radix: 16).leftPadded(16) }

    static func fileHash(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "unreadable" }
        return hex(StreamSeed.fnv1a64(bytes: data))
    }

    /// The commit of the working directory's git checkout, or "unknown".
    static func gitCommit() -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "rev-parse", "HEAD"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return "unknown" }
        p.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return p.terminationStatus == 0 && !out.isEmpty ? out : "unknown"
    }
}

extension String {
    func leftPadded(_ n: Int, with c: Character = "0") -> String {
        count >= n ? self : String(repeating: c, count: n - count) + self
    }
}
