import Foundation
import Stochastics
import Yams
import YAMLLimits

/// One problem in a scenario file: the file, the path inside it and what was expected.
public struct ScenarioIssue: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// e.g. `schools[2].starts.every_days`; empty for the file as a whole.
    public let path: String
    public let message: String

    public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }

    public init(file: String, path: String, message: String) { self.file = file; self.path = path; self.message = message }

    /// A value quoted in a message: at most `limit` characters, so a hostile value (a long
    /// string repeated by aliases) cannot make a message of megabytes.
    public static func quote(_ text: String, limit: Int = 40) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "… (\(text.utf8.count) bytes)"
    }
}

/// All problems found in a scenario file.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    public let issues: [ScenarioIssue]
    public var description: String { issues.map(\.description).joined(separator: "\n") }
    public init(issues: [ScenarioIssue]) { self.issues = issues }
}

/// A scenario as loaded: the decoded values, where each value came from, and the text
/// that was hashed for the run manifest.
public struct LoadedScenario: Sendable {
    public let scenario: Scenario
    public let file: String
    /// `path → source` for every value or mapping that carried a `source:`.
    public let provenance: [String: String]
    /// Numeric values with no `source:` on themselves or on an enclosing mapping.
    public let unsourced: [String]
    /// `path → [low, high]` for every value the file marks as uncertain
    /// (`{ value: 0.7, range: [0.5, 0.9], source: … }`), for calibration and sensitivity.
    public let ranges: [String: [Double]]
    /// The files read, the scenario file first and then its `extends` chain.
    public let files: [String]
    /// The merged document (after `extends`, before `source` stripping): only read (see
    /// `ScenarioLoader.resolveTags`).
    nonisolated(unsafe) let merged: Node
    /// The merged document as canonical JSON (for the manifest's hash): made when asked, since
    /// the sweeps instantiate a file thousands of times and never ask.
    public var canonicalJSON: String { ScenarioLoader.canonicalJSON(merged) }
}

/// Reads a scenario file: resolves `extends: other.yaml` (deep merge: mappings merge
/// key by key, anything else is replaced), records and strips `source:` annotations,
/// decodes, and validates. Every problem of a file is collected and reported together;
/// nothing is defaulted silently.
///
/// A value carries its source either inline, `fte: { value: 4.2, source: "EVAL2024" }`,
/// or as a `source` key in its mapping, which then covers everything inside it.
public enum ScenarioLoader {
    public static func load(_ path: String) throws -> LoadedScenario {
        try template(path).instantiate()
    }

    /// Yams resolves a node's implicit tag (int, float, str …) when first asked and keeps it in
    /// the tag, a class instance shared by every copy of the node. Resolving every tag once,
    /// when a template is read, means instantiations on several threads at once only read it.
    static func resolveTags(_ node: Node) {
        _ = node.tag
        if let m = node.mapping { for (k, v) in m { _ = k.tag; resolveTags(v) } }
        if let seq = node.sequence { seq.forEach(resolveTags) }
    }

    /// A scenario file resolved (its `extends` chain merged) but not yet decoded: numbers can
    /// be set by path before it is (calibration and sensitivity run one file many times).
    /// Sendable: its node is a value whose tags are all resolved (`resolveTags`), so it is only read.
    public struct Template: @unchecked Sendable {
        public let file: String
        public let files: [String]
        let merged: Node

        /// The numeric value at a dotted path (`inflow.nareizigers.share`, `organisation.pools[0].fte`,
        /// `settling.mode`), annotated or not.
        public func number(at path: String) -> Double? {
            guard let node = valueNode(merged, path: path) else { return nil }
            let v = node.mapping?["value"] ?? node
            return v.float ?? v.int.map(Double.init)
        }

        /// The dotted paths of the numbers inside the node at `path` (itself when it is a
        /// number): through annotations and lists, not into `source`/`range` keys; of a
        /// distribution only its mode (triangular) or mean, so that it stays valid.
        public func numberPaths(under path: String) -> [String] {
            guard let node = valueNode(merged, path: path) else { return [] }
            var out: [String] = []
            func walk(_ n: Node, _ p: String) {
                if n.float != nil || n.int != nil { out.append(p); return }
                if let seq = n.sequence {
                    for (i, item) in seq.enumerated() { walk(item, "\(p)[\(i)]") }
                } else if let m = n.mapping {
                    if let inner = m["value"] { return walk(inner, p) }
                    if m["type"] != nil {
                        for key in ["mode", "mean"] where m[key]?.float != nil || m[key]?.int != nil { out.append("\(p).\(key)"); return }
                        return
                    }
                    for (k, v) in m { if let key = k.string, key != "source", key != "range" { walk(v, p.isEmpty ? key : "\(p).\(key)") } }
                }
            }
            walk(node, path)
            return out
        }

        /// An overlay file that `extends` this one and sets `values` (path → number and its
        /// source note). Each value is written in the smallest node that a merge replaces
        /// whole (an annotated value, a distribution, a list), so the overlay stays valid; the
        /// node's `source` says it was calibrated (and what it was), its `range` is dropped.
        public func overlay(_ values: [String: (value: Double, source: String)], extends parent: String, name: String) throws -> String {
            var tree = merged
            for (path, v) in values {
                guard let updated = ScenarioLoader.setting(tree, path: path[...], to: v.value) else {
                    throw ScenarioError(issues: [ScenarioIssue(file: file, path: path, message: "no number at this path to set")])
                }
                tree = updated
            }
            var out = Node.Mapping([(Node("extends"), Node(parent)), (Node("name"), Node(name))])
            for (path, v) in values.sorted(by: { $0.key < $1.key }) {
                var keys: [String] = [], node = tree
                for component in path.split(separator: ".") {
                    guard let m = node.mapping, m["value"] == nil, m["type"] == nil else { break }
                    let key = String(component.prefix { $0 != "[" })
                    guard let child = m[key] else { break }
                    keys.append(key)
                    node = child
                    if component.contains("[") || child.sequence != nil { break }
                }
                var written: Node
                if var m = node.mapping {
                    m["source"] = Node(v.source + ((m["source"]?.string).map { "; was: " + $0 } ?? ""))
                    m["range"] = nil
                    written = .mapping(m)
                } else {
                    written = .mapping(Node.Mapping([(Node("value"), node), (Node("source"), Node(v.source))]))
                }
                out = ScenarioLoader.inserting(written, at: keys[...], into: out)
            }
            return try Yams.serialize(node: .mapping(out))
        }

        /// Decodes and validates with `overrides` (path → number) set first. A value's `range:`
        /// is not checked where it is overridden (a prior may be wider than the file's range).
        public func instantiate(_ overrides: [String: Double] = [:]) throws -> LoadedScenario {
            var tree = merged
            for (path, value) in overrides.sorted(by: { $0.key < $1.key }) {
                guard let updated = ScenarioLoader.setting(tree, path: path[...], to: value) else {
                    throw ScenarioError(issues: [ScenarioIssue(file: file, path: path, message: "no number at this path to set")])
                }
                tree = updated
            }
            return try ScenarioLoader.finish(tree, file: file, files: files, overridden: Set(overrides.keys))
        }
    }

    /// `mapping` with `node` at the nested `keys` (mappings created or merged on the way).
    static func inserting(_ node: Node, at keys: ArraySlice<String>, into mapping: Node.Mapping) -> Node.Mapping {
        guard let key = keys.first else { return mapping }
        var m = mapping
        if keys.count == 1 {
            m[Node(key)] = node
        } else {
            let inner = m[Node(key)]?.mapping ?? Node.Mapping([])
            m[Node(key)] = .mapping(inserting(node, at: keys.dropFirst(), into: inner))
        }
        return m
    }

    public static func template(_ path: String) throws -> Template {
        var files: [String] = []
        let merged = try resolve(path, chain: [], files: &files)
        resolveTags(merged)
        return Template(file: path, files: files, merged: merged)
    }

    /// A number as a YAML scalar: a whole number without a decimal point, so that a field of
    /// whole numbers (consultants, talks) takes it.
    static func numberText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// `node` with the number at `path` set to `value` (inside a `{ value: … }` mapping when
    /// annotated); nil when there is no scalar or annotated value at the path.
    static func setting(_ node: Node, path: Substring, to value: Double) -> Node? {
        let (head, rest) = path.firstIndex(of: ".").map { (path[..<$0], path[path.index(after: $0)...]) } ?? (path, "")
        var name = head
        var indices: [Int] = []
        while let open = name.lastIndex(of: "["), name.hasSuffix("]"), let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
            indices.insert(i, at: 0)
            name = name[..<open]
        }
        func descend(_ n: Node, _ indices: ArraySlice<Int>) -> Node? {
            if !indices.isEmpty, var m = n.mapping, let inner = m["value"] {
                guard let updated = descend(inner, indices) else { return nil }
                m["value"] = updated
                return .mapping(m)
            }
            guard let i = indices.first else {
                if rest.isEmpty {
                    if var m = n.mapping, m["value"] != nil { m["value"] = Node(numberText(value)); return .mapping(m) }
                    return n.scalar != nil ? Node(numberText(value)) : nil
                }
                return setting(n, path: rest, to: value)
            }
            guard var q = n.sequence, i < q.count, let child = descend(q[i], indices.dropFirst()) else { return nil }
            q[i] = child
            return .sequence(q)
        }
        guard var m = node.mapping else { return nil }
        // Inside an annotated mapping the path continues in its value.
        if m["value"] != nil, m["source"] != nil, let inner = m["value"], let updated = setting(inner, path: path, to: value) {
            m["value"] = updated
            return .mapping(m)
        }
        guard let child = m[String(name)], let updated = descend(child, indices[...]) else { return nil }
        m[String(name)] = updated
        return .mapping(m)
    }

    static func finish(_ merged: Node, file path: String, files: [String], overridden: Set<String>) throws -> LoadedScenario {
        var provenance: [String: String] = [:]
        var unsourced: [String] = []
        var ranges: [String: Node] = [:]
        let stripped = stripSources(merged, path: "", inherited: false, provenance: &provenance, unsourced: &unsourced, ranges: &ranges)
        let scenario = try decode(stripped, file: path)
        var rangeIssues: [ScenarioIssue] = []
        var checkedRanges: [String: [Double]] = [:]
        for (p, node) in ranges.sorted(by: { $0.key < $1.key }) {
            let bounds = node.sequence?.compactMap { $0.float ?? $0.int.map(Double.init) } ?? []
            let value = valueNode(stripped, path: p).flatMap { $0.float ?? $0.int.map(Double.init) }
            if bounds.count != 2 || node.sequence?.count != 2 || !(bounds[0] <= bounds[1]) {
                rangeIssues.append(ScenarioIssue(file: path, path: "\(p).range", message: "expected [low, high] with low ≤ high"))
            } else if let value, !(bounds[0] <= value && value <= bounds[1]), !overridden.contains(p) {
                rangeIssues.append(ScenarioIssue(file: path, path: "\(p).range", message: "the value \(value) lies outside its range [\(bounds[0]), \(bounds[1])]"))
            } else if value == nil {
                rangeIssues.append(ScenarioIssue(file: path, path: "\(p).range", message: "a range needs a single number as its value"))
            } else {
                checkedRanges[p] = bounds
            }
        }
        for p in overridden { provenance[p] = "override" }
        let issues = rangeIssues + unknownKeys(stripped, scenario: scenario, file: path) + ScenarioValidator.validate(scenario, file: path)
        if !issues.isEmpty { throw ScenarioError(issues: issues) }
        return LoadedScenario(scenario: scenario, file: path, provenance: provenance, unsourced: unsourced.sorted(),
                              ranges: checkedRanges, files: files, merged: merged)
    }

    // MARK: - extends

    static func resolve(_ path: String, chain: [String], files: inout [String]) throws -> Node {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard !chain.contains(url.path) else {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "extends",
                                                       message: "circular extends: \((chain + [url.path]).joined(separator: " → "))")])
        }
        files.append(path)
        let referrer = chain.last.map { " (named by `extends` in \($0))" } ?? ""
        let node = try readYAML(path, referrer: referrer)
        guard let mapping = node.mapping else {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "expected a mapping at the top level" + referrer)])
        }
        guard let parent = mapping["extends"] else { return node }
        guard let parentName = parent.string else {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "extends", message: "expected a file name")])
        }
        let parentPath = parentName.hasPrefix("/") ? parentName : url.deletingLastPathComponent().appendingPathComponent(parentName).path
        let base = try resolve(parentPath, chain: chain + [url.path], files: &files)
        let own = Node.Mapping(mapping.filter { $0.key.string != "extends" }.map { ($0.key, $0.value) })
        return merge(base, .mapping(own))
    }

    /// Reads a regular file of at most `YAMLLimits.maxFileBytes` as UTF-8, with plain errors.
    public static func readText(_ path: String, referrer: String = "") throws -> String {
        switch YAMLLimits.read(path) {
        case .success(let text): return text
        case .failure(let refusal): throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: refusal.message + referrer)])
        }
    }

    /// Any YAML file the tool reads (scenario, sizing or calibration spec, criteria file):
    /// `readText`, parsed, and within the node, depth and expanded-size limits.
    public static func readYAML(_ path: String, referrer: String = "") throws -> Node {
        let text = try readText(path, referrer: referrer)
        let node: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "the file is empty" + referrer)])
            }
            node = composed
        } catch let error as ScenarioError {
            throw error
        } catch {
            throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: "not valid YAML: \(ScenarioIssue.quote("\(error)", limit: 300))" + referrer)])
        }
        if let problem = YAMLLimits.problem(node) { throw ScenarioError(issues: [ScenarioIssue(file: path, path: "", message: problem + referrer)]) }
        return node
    }

    /// Deep merge: mappings key by key, everything else replaced by the override. A mapping
    /// that stands for one value (`{ value: …, source: … }` or a distribution with `type`)
    /// is replaced whole; `key: null` removes an inherited key.
    static func merge(_ base: Node, _ override: Node) -> Node {
        func isValue(_ m: Node.Mapping) -> Bool { m["value"] != nil || m["type"] != nil }
        guard let b = base.mapping, let o = override.mapping, !isValue(b), !isValue(o) else { return override }
        var pairs: [(Node, Node)] = b.map { ($0.key, $0.value) }
        for (key, value) in o {
            if value.null != nil {
                // `key: null` in an extending file removes the inherited key.
                pairs.removeAll { $0.0 == key }
            } else if let i = pairs.firstIndex(where: { $0.0 == key }) {
                pairs[i].1 = merge(pairs[i].1, value)
            } else {
                pairs.append((key, value))
            }
        }
        return .mapping(Node.Mapping(pairs))
    }

    // MARK: - sources

    static func stripSources(_ node: Node, path: String, inherited: Bool, provenance: inout [String: String],
                             unsourced: inout [String], ranges: inout [String: Node]) -> Node {
        switch node {
        case .mapping(let m):
            let keys = Set(m.keys.compactMap(\.string))
            if keys == ["value", "source"] || keys == ["value", "source", "range"], let value = m["value"] {
                provenance[path] = m["source"]?.string ?? ""
                if let range = m["range"] { ranges[path] = range }
                return stripSources(value, path: path, inherited: true, provenance: &provenance, unsourced: &unsourced, ranges: &ranges)
            }
            var covered = inherited
            if let source = m["source"] {
                provenance[path.isEmpty ? "(file)" : path] = source.string ?? ""
                covered = true
            }
            let pairs: [(Node, Node)] = m.compactMap { key, value in
                guard let k = key.string, k != "source" else { return nil }
                let child = path.isEmpty ? k : "\(path).\(k)"
                return (key, stripSources(value, path: child, inherited: covered, provenance: &provenance, unsourced: &unsourced, ranges: &ranges))
            }
            return .mapping(Node.Mapping(pairs))
        case .sequence(let s):
            let items = s.enumerated().map { i, item in
                stripSources(item, path: "\(path)[\(i)]", inherited: inherited, provenance: &provenance, unsourced: &unsourced, ranges: &ranges)
            }
            return .sequence(Node.Sequence(items))
        default:
            if !inherited, node.scalar?.style == .plain, node.int != nil || node.float != nil, node.bool == nil {
                unsourced.append(path)
            }
            return node
        }
    }

    /// The node at a dotted path (`inflow.nareizigers.share`, `pools[0].fte`), if any.
    static func valueNode(_ root: Node, path: String) -> Node? {
        var node: Node? = root
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var indices: [Int] = []
            while let open = name.lastIndex(of: "["), name.hasSuffix("]"), let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
                indices.insert(i, at: 0)
                name = name[..<open]
            }
            // Through `{ value: …, source: … }` annotations (the merged, unstripped tree).
            if let m = node?.mapping, m[String(name)] == nil, let inner = m["value"] { node = inner }
            node = node?.mapping?[String(name)]
            if !indices.isEmpty, let m = node?.mapping, let inner = m["value"] { node = inner }
            for i in indices {
                guard let seq = node?.sequence, i < seq.count else { return nil }
                node = seq[i]
            }
        }
        return node
    }

    // MARK: - decoding

    static func decode(_ node: Node, file: String) throws -> Scenario {
        do {
            return try YAMLDecoder().decode(Scenario.self, from: node)
        } catch {
            // Codable stops at the first error: decode each section on its own to report them all.
            var issues = sectionErrors(node, file: file)
            if issues.isEmpty { issues = [issue(error, file: file)] }
            throw ScenarioError(issues: issues)
        }
    }

    private static func sectionErrors(_ node: Node, file: String) -> [ScenarioIssue] {
        guard let m = node.mapping else { return [] }
        func check<T: Decodable>(_ key: String, _: T.Type) -> ScenarioIssue? {
            guard let section = m[key] else {
                return T.self is OptionalProtocol.Type ? nil
                    : ScenarioIssue(file: file, path: key, message: "missing (required)")
            }
            do {
                _ = try YAMLDecoder().decode(T.self, from: section)
                return nil
            } catch {
                let inner = issue(error, file: file)
                return ScenarioIssue(file: file, path: inner.path.isEmpty ? key : "\(key)\(inner.path.hasPrefix("[") ? "" : ".")\(inner.path)",
                                     message: inner.message)
            }
        }
        return [
            check("name", String.self), check("description", String?.self), check("horizon", Horizon.self),
            check("municipalities", [Municipality].self), check("inflow", Inflow.self), check("housing", Housing.self),
            check("vroege_start", VroegeStart?.self), check("settling", Distribution.self),
            check("organisation", Organisation.self), check("intake", Intake.self), check("lbt", LBT.self),
            check("school_intake", SchoolIntake?.self), check("chain", Chain?.self), check("pip", PIPPolicy.self), check("schools", [School].self),
            check("progress", Progress.self), check("costs", Costs.self), check("duo", DUO?.self),
            check("snapshot_dates", [String]?.self), check("observed", [Observation]?.self),
        ].compactMap { $0 }
    }

    static func pathString(_ codingPath: [CodingKey]) -> String {
        var s = ""
        for key in codingPath {
            if let i = key.intValue { s += "[\(i)]" } else { s += s.isEmpty ? key.stringValue : ".\(key.stringValue)" }
        }
        return s
    }

    /// Every problem the validator finds in `s` (read as from `file`).
    public static func problems(_ s: Scenario, file: String) -> [ScenarioIssue] { ScenarioValidator.validate(s, file: file) }

    public static func issue(_ error: Error, file: String) -> ScenarioIssue {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return ScenarioIssue(file: file, path: pathString(context.codingPath + [key]), message: "missing (required)")
        case DecodingError.typeMismatch(let type, let context):
            // Yams says "Expected to decode Sequence but found Node instead" for a mapping
            // where a list belongs — most often a `{ value: … }` that lacks its `source:`.
            let found = context.debugDescription.contains("found Node")
                ? "found a mapping (a `{ value: …, source: … }` needs both keys)"
                : ScenarioIssue.quote(context.debugDescription, limit: 120)
            return ScenarioIssue(file: file, path: pathString(context.codingPath), message: "expected \(describe(type)); \(found)")
        case DecodingError.valueNotFound(let type, let context):
            return ScenarioIssue(file: file, path: pathString(context.codingPath), message: "expected \(describe(type)), found nothing")
        case DecodingError.dataCorrupted(let context):
            return ScenarioIssue(file: file, path: pathString(context.codingPath), message: ScenarioIssue.quote(context.debugDescription, limit: 200))
        default:
            return ScenarioIssue(file: file, path: "", message: ScenarioIssue.quote("\(error)", limit: 200))
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type: return "a number"
        case is Int.Type: return "a whole number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") || name == "Sequence" { return "a list" }
            if name.hasPrefix("Dictionary") || name == "Mapping" { return "a mapping" }
            return name
        }
    }

    // MARK: - unknown keys

    /// Keys in the file that the schema does not know: every key of the input must come
    /// back when the decoded scenario is encoded again (distributions check their own keys).
    static func unknownKeys(_ node: Node, scenario: Scenario, file: String) -> [ScenarioIssue] {
        guard let data = try? JSONEncoder().encode(scenario),
              let encoded = try? JSONSerialization.jsonObject(with: data) else { return [] }
        var issues: [ScenarioIssue] = []
        func walk(_ node: Node, _ known: Any?, _ path: String) {
            switch node {
            case .mapping(let m):
                guard let dict = known as? [String: Any] else { return }
                if dict["type"] != nil && m["type"] != nil { return } // a distribution
                for (key, value) in m {
                    guard let k = key.string else { continue }
                    let child = path.isEmpty ? k : "\(path).\(k)"
                    if let sub = dict[k] {
                        walk(value, sub, child)
                    } else if k != "extends" {
                        issues.append(ScenarioIssue(file: file, path: child, message: "unknown key"))
                    }
                }
            case .sequence(let s):
                guard let array = known as? [Any] else { return }
                for (i, item) in s.enumerated() where i < array.count { walk(item, array[i], "\(path)[\(i)]") }
            default:
                return
            }
        }
        walk(node, encoded, "")
        return issues
    }

    static func canonicalJSON(_ node: Node) -> String {
        func plain(_ node: Node) -> Any {
            switch node {
            case .mapping(let m):
                return Dictionary(m.compactMap { k, v in k.string.map { ($0, plain(v)) } }, uniquingKeysWith: { a, _ in a })
            case .sequence(let s): return s.map(plain)
            default: return node.string ?? ""
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: plain(node), options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

private protocol OptionalProtocol {}
extension Optional: OptionalProtocol {}
