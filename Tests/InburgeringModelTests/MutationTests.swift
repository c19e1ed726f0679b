import Foundation
import InburgeringModel
import SimKernel
import Testing
import Yams

/// Structured mutation test (issue 9): a few hundred deterministic mutants of the shipped
/// scenarios — extreme numbers, removed and unknown keys, wrong types, bad dates. Each must
/// either be refused with errors that name the file and a field, or run one replication to
/// its horizon (with an event budget) — never trap, never hang.
@Suite struct MutationTests {
    static let sources = ["Scenarios/westfriesland/base.yaml", "Scenarios/westfriesland/uitbesteding.yaml",
                          "Scenarios/cases/common.yaml", "Scenarios/cases/tilburg.yaml", "Scenarios/cases/buch.yaml",
                          "Scenarios/cases/utrecht.yaml"]
    static let replacements: [String] = ["0", "-1", "1e300", "-1e300", ".inf", "-.inf", ".nan", "1e-300", "2147483648",
                                         "9.3e18", "abc", "true", "null", "\"2022-13-45\"", "\"02-29\"", "[]", "{}", "0.5"]

    /// Every path to a node of a YAML tree, with the node.
    static func paths(_ node: Node, _ prefix: [Node] = []) -> [[Node]] {
        var out: [[Node]] = []
        switch node {
        case .mapping(let m):
            for (k, v) in m { out.append(prefix + [k]); out += paths(v, prefix + [k]) }
        case .sequence(let q):
            for (i, v) in q.enumerated() { let k = Node(String(i)); out.append(prefix + [k]); out += paths(v, prefix + [k]) }
        default: break
        }
        return out
    }

    /// `node` with the value at `path` replaced (nil: removed).
    static func replacing(_ node: Node, _ path: ArraySlice<Node>, with value: Node?) -> Node {
        guard let key = path.first else { return value ?? node }
        switch node {
        case .mapping(var m):
            if path.count == 1 && value == nil { m[key] = nil; return .mapping(m) }
            if let child = m[key] { m[key] = replacing(child, path.dropFirst(), with: value) }
            return .mapping(m)
        case .sequence(var q):
            guard let i = Int(key.string ?? ""), i < q.count else { return node }
            if path.count == 1 && value == nil { q.remove(at: i); return .sequence(q) }
            q[i] = replacing(q[i], path.dropFirst(), with: value)
            return .sequence(q)
        default: return node
        }
    }

    struct Tally { var refused = 0, completed = 0, budgetStopped = 0, mutants = 0 }

    @Test func mutantsAreRefusedWithANamedFieldOrRunToTheEnd() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ketensim-mutants-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplitMix(seed: 9)
        var tally = Tally()
        for source in Self.sources {
            let text = try String(contentsOfFile: source, encoding: .utf8)
            guard var root = try Yams.compose(yaml: text) else { continue }
            // Make `extends` absolute so the mutant can live elsewhere.
            if let parent = root.mapping?["extends"]?.string {
                let absolute = URL(fileURLWithPath: source).deletingLastPathComponent().appendingPathComponent(parent).standardized.path
                root = Self.replacing(root, [Node("extends")], with: Node(absolute))
            }
            let all = Self.paths(root).filter { $0.first?.string != "extends" }
            for i in 0..<60 {
                let path = all[Int(rng.next() % UInt64(all.count))]
                let mutated: Node
                switch i % 4 {
                case 0, 1:
                    let text = Self.replacements[Int(rng.next() % UInt64(Self.replacements.count))]
                    mutated = Self.replacing(root, path[...], with: (try? Yams.compose(yaml: "v: \(text)"))?.mapping?["v"] ?? Node("x"))
                case 2: mutated = Self.replacing(root, path[...], with: nil)
                default:
                    mutated = Self.replacing(root, path.dropLast()[...] + [Node("no_such_key")], with: Node("1"))
                }
                let file = dir.appendingPathComponent("mutant-\(tally.mutants).yaml").path
                try Yams.serialize(node: mutated).write(toFile: file, atomically: true, encoding: .utf8)
                tally.mutants += 1
                do {
                    let loaded = try ScenarioLoader.load(file)
                    // Within the run budget of the CLI (it refuses bigger runs without --force).
                    guard ScenarioLimits.estimatedPersons(loaded.scenario) <= 200_000 else { tally.budgetStopped += 1; continue }
                    var checks = 0
                    let result = ChainModel.replicate(loaded.scenario, seed: 1, replication: 0) {
                        checks += 1
                        return checks > 500 // ~2 million events
                    }
                    if let result {
                        #expect(result.persons.allSatisfy { !($0.pip < $0.registration) }, "\(file)")
                        tally.completed += 1
                    } else {
                        tally.budgetStopped += 1
                    }
                } catch let error as ScenarioError {
                    tally.refused += 1
                    #expect(!error.issues.isEmpty)
                    for issue in error.issues {
                        #expect(issue.file.hasSuffix(".yaml") && !issue.message.isEmpty, "\(issue)")
                    }
                    // A field-level problem names its field (file-level ones: unreadable, not YAML).
                    #expect(error.issues.contains { !$0.path.isEmpty } || error.issues.allSatisfy { $0.message.contains("YAML") || $0.message.contains("file") },
                            "\(error)")
                }
            }
        }
        print("mutation test: \(tally.mutants) mutants, \(tally.refused) refused with a named field, \(tally.completed) completed, "
              + "\(tally.budgetStopped) above the run budget, 0 crashed, 0 hung")
        #expect(tally.mutants == 360)
        #expect(tally.refused > 100 && tally.completed > 50)
    }
}

/// A tiny deterministic generator for choosing mutations (not for simulation).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The defects of issue 9, each a file in `Tests/Fuzz/regressions` (one override on
/// `Scenarios/cases/common.yaml`, its first line naming the field): every one is now refused
/// by validation with that field. `make fuzz` adds them to the fuzzer's corpus.
@Suite struct HostileInputRegressionTests {
    static let directory = "Tests/Fuzz/regressions"
    static let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()

    /// The field a regression file must be refused at, from its first line.
    static func expectedField(_ text: String) -> String? {
        guard let line = text.split(separator: "\n").first, let a = line.firstIndex(of: "`"), let b = line.lastIndex(of: "`"), a < b else { return nil }
        return String(line[line.index(after: a)..<b])
    }

    @Test func theRegressionCorpusIsThere() { #expect(Self.files.count >= 20) }

    @Test("each defect of issue 9 is refused with its field", arguments: files)
    func refused(_ name: String) throws {
        // The file is placed beside common.yaml, as the fuzz harness places its inputs.
        let text = try String(contentsOfFile: "\(Self.directory)/\(name)", encoding: .utf8)
        let field = try #require(Self.expectedField(text))
        let file = "Scenarios/cases/.regression-\(UUID().uuidString).yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let start = Date()
        do {
            _ = try ScenarioLoader.load(file)
            Issue.record("accepted: \(name)")
        } catch let error as ScenarioError {
            #expect(error.issues.contains { $0.file == file && $0.path == field }, "\(error)")
        }
        #expect(FuzzHarness.run(Data(text.utf8), directory: "Scenarios/cases") == .refused)
        #expect(Date().timeIntervalSince(start) < 5) // the alias bomb among them
    }
}
