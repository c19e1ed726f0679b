import Experiments
import Foundation
import InburgeringModel
import ResultFiles
import Stochastics

/// manifest.json: what is needed to reproduce and report a run (STRESS-DES, Monks et al.
/// 2019: 1.2 model purpose and version, 3.3 input data and their sources, 4.1–4.3
/// experimentation: initialisation, run length, replications; 5.1–5.4 implementation:
/// software, random numbers, execution, system specification).
public enum Manifest {
    public static func file(tool: String, loaded: [LoadedScenario], seed: UInt64, replications: Int, jobs: Int,
                            wallSeconds: Double, precision: Double?, events: Int) -> ManifestFile {
        let info = ProcessInfo.processInfo
        let scenarios = loaded.map { l in
            ManifestFile.Scenario(
                name: l.scenario.name, file: l.file, files: l.files.map { .init(path: $0, fnv1a64: fileHash($0)) },
                mergedFNV1a64: contentHash(l),
                horizon: .init(start: l.scenario.horizon.start, end: l.scenario.horizon.end),
                sources: l.provenance, parameters: parameterValues(l),
                observed: (l.scenario.observed ?? []).map {
                    .init(date: $0.date, municipality: $0.municipality, stream: $0.stream.rawValue, total: $0.total, withPIP: $0.withPIP, routes: $0.routes)
                },
                valuesWithoutSource: l.unsourced)
        }
        return ManifestFile(
            tool: .init(name: "ketensim", version: tool, gitCommit: gitCommit()),
            commandLine: CommandLine.arguments.joined(separator: " "),
            createdUTC: ISO8601DateFormatter().string(from: Date()),
            scenarios: scenarios,
            randomNumbers: .init(library: "GNU GSL \(gslVersion)", generator: RandomStream.generatorName, streamDerivation: StreamSeed.description,
                                 streams: "one per (replication, purpose); scenarios share stream names (common random numbers)", masterSeed: seed),
            experiment: .init(replications: replications, precisionTarget: precision,
                              initialisation: "empty system at the horizon start (the law's start); no warm-up is deleted",
                              runLength: "the scenario horizon", jobs: jobs, events: events, wallSeconds: wallSeconds,
                              determinism: "results depend on (scenario, seed, replication index) only: identical for any --jobs"),
            machine: .init(host: info.hostName, os: info.operatingSystemVersionString, cores: info.activeProcessorCount, memoryBytes: info.physicalMemory),
            stressDES: [
                "1.2": "tool.version, tool.git_commit",
                "3.3": "scenarios[].sources, scenarios[].values_without_source",
                "4.1": "experiment.initialisation",
                "4.2": "experiment.run_length",
                "4.3": "experiment.replications, experiment.precision_target",
                "5.1": "tool, random_numbers.library",
                "5.2": "random_numbers",
                "5.3": "experiment.jobs, experiment.wall_seconds, command_line",
                "5.4": "machine",
            ])
    }

    public static func json(tool: String, loaded: [LoadedScenario], seed: UInt64, replications: Int, jobs: Int,
                            wallSeconds: Double, precision: Double?, events: Int) -> String {
        ResultJSON.text(file(tool: tool, loaded: loaded, seed: seed, replications: replications, jobs: jobs,
                             wallSeconds: wallSeconds, precision: precision, events: events))
    }

    /// A scenario's merged JSON tree (`LoadedScenario.canonicalJSON`), to read values by path.
    indirect enum Tree: Decodable {
        case number(Double), string(String), bool(Bool), list([Tree]), map([String: Tree]), null

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let x = try? c.decode(Double.self) {
                self = .number(x)
            } else if let s = try? c.decode(String.self) { self = .string(s) } else if let a = try? c.decode([Tree].self) { self = .list(a) } else {
                self = .map(try c.decode([String: Tree].self))
            }
        }
    }

    /// The merged value of every annotated parameter (`path` as in `sources`) as short text
    /// (`type: triangular, min: 22, mode: 28, max: 34`; lists in brackets), so the report's
    /// inputs table needs nothing but the manifest.
    static func parameterValues(_ l: LoadedScenario) -> [String: String] {
        guard let root = try? JSONDecoder().decode(Tree.self, from: Data(l.canonicalJSON.utf8)) else { return [:] }
        var out: [String: String] = [:]
        for path in Array(l.provenance.keys) + l.unsourced {
            if let value = value(at: path, in: root) { out[path] = text(value) }
        }
        return out
    }

    static func text(_ value: Tree) -> String {
        switch value {
        case .map(var m):
            // `{value, source, range}` is its value (and range); sources have their own column.
            m["source"] = nil
            if let v = m["value"] { return text(v) + (m["range"].map { " (range \(text($0)))" } ?? "") }
            // The distribution's type first, then its parameters in order.
            return m.keys.sorted { ($0 == "type" ? "" : $0) < ($1 == "type" ? "" : $1) }.map { "\($0): \(text(m[$0] ?? .null))" }.joined(separator: ", ")
        case .list(let a): return "[" + a.map(text).joined(separator: ", ") + "]"
        case .number(let x): return x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : "\(x)"
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    /// `a.b[2].c` in a JSON tree.
    static func value(at path: String, in root: Tree) -> Tree? {
        var current: Tree? = root
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                guard let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) else { return nil }
                indices.insert(i, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty {
                guard case .map(let m)? = current else { return nil }
                current = m[String(name)]
            }
            for i in indices {
                guard case .list(let a)? = current, a.indices.contains(i) else { return nil }
                current = a[i]
            }
        }
        return current
    }

    /// A scenario's merged content as a hash (`merged_fnv1a64`): equal for equal inputs.
    public static func contentHash(_ l: LoadedScenario) -> String { hex(StreamSeed.fnv1a64(l.canonicalJSON)) }

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
