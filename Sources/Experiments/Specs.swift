import Foundation
import InburgeringModel
import Yams

// The spec files of `size` and `calibrate`, read and checked in one place: `validate` and
// the command call the same `prepare`, so `validate` accepts exactly what the command
// accepts. Every problem is a `ScenarioIssue` (file, field, what was expected); every number
// has a stated domain and is checked before anything runs.

/// Problems found while checking a spec, all reported together.
struct SpecProblems {
    let file: String
    var issues: [ScenarioIssue] = []
    mutating func add(_ path: String, _ message: String) { issues.append(ScenarioIssue(file: file, path: path, message: message)) }
    func throwIfAny() throws { if !issues.isEmpty { throw ScenarioError(issues: issues) } }
}

/// A spec file decoded with the scenario loader's limits (size, nodes, expanded text).
func decodeSpec<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
    let node = try ScenarioLoader.readYAML(path)
    do { return try YAMLDecoder().decode(T.self, from: node) } catch {
        throw ScenarioError(issues: [ScenarioLoader.issue(error, file: path)])
    }
}

/// `path` relative to the spec's folder.
func resolve(_ path: String, beside spec: String) -> String {
    path.hasPrefix("/") ? path : URL(fileURLWithPath: spec).deletingLastPathComponent().appendingPathComponent(path).path
}

/// The metric keys one replication of `s` produces (names with their groups): what a
/// service level or a calibration target may name.
func producedKeys(_ s: Scenario) -> Set<MetricKey> {
    Set(ChainModel.replicate(s, seed: 1, replication: 0).metrics().map { MetricKey(name: $0.name, group: $0.group) })
}

/// Why `name`/`group` is not a key a run of the file produces, or nil.
func unknownKey(_ name: String, _ group: String, in keys: Set<MetricKey>) -> String? {
    if keys.contains(MetricKey(name: name, group: group)) { return nil }
    if !keys.contains(where: { $0.name == name }) {
        return MetricCatalogue.knows(name)
            ? "a run of this file has no metric '\(ScenarioIssue.quote(name))' (a date must be one of its snapshot_dates or observed dates, a step after `:` one of its chain's steps)"
            : "unknown metric '\(ScenarioIssue.quote(name))' (see README, Outputs)"
    }
    let groups = keys.filter { $0.name == name }.map(\.group).sorted()
    return "a run of this file has no group '\(ScenarioIssue.quote(group))' for \(name); expected one of \(ScenarioIssue.quote(groups.joined(separator: ", "), limit: 200))"
}

// MARK: - Sizing

/// A sizing spec (YAML): the scenarios to size, the decision variables with bounds, steps
/// and prices, and the service levels with their confidence.
public struct SizingSpec: Decodable, Sendable {
    public struct Variable: Decodable, Sendable {
        /// `fte: POOL` (or `each`: one variable per pool), `lbt_slots: true`, `groups: SCHOOL`.
        public var fte: String?
        public var lbtSlots: Bool?
        public var groups: String?
        public var min: Double
        public var max: Double
        public var step: Double
        public var pricePerYear: Double
        enum CodingKeys: String, CodingKey {
            case fte, groups, min, max, step
            case lbtSlots = "lbt_slots", pricePerYear = "price_per_year"
        }
    }

    public struct Level: Decodable, Sendable {
        public var metric: String
        public var group: String?
        public var statistic: String?
        public var atLeast: Double?
        public var atMost: Double?
        public var confidence: Double
        enum CodingKeys: String, CodingKey {
            case metric, group, statistic, confidence
            case atLeast = "at_least", atMost = "at_most"
        }
    }

    public struct Replications: Decodable, Sendable { public var initial: Int; public var batch: Int; public var max: Int }

    public var scenarios: [String]
    public var seed: UInt64?
    public var replications: Replications?
    public var variables: [Variable]
    public var serviceLevels: [Level]
    enum CodingKeys: String, CodingKey {
        case scenarios, seed, replications, variables
        case serviceLevels = "service_levels"
    }

    /// Most scenarios and decision variables in one spec, most steps of one variable.
    public static let maxScenarios = 100, maxVariables = 20, maxSteps = 10_000

    /// One scenario of the spec, ready to size.
    public struct Item: Sendable {
        public let loaded: LoadedScenario
        public let knobs: [ChainSizing.Knob]
        public let variables: [Sizer.Variable]
        public let levels: [ChainSizing.LevelSpec]
        public let sizerLevels: [Sizer.Level]
    }

    public struct Prepared: Sendable {
        public let file: String
        public let spec: SizingSpec
        public let seed: UInt64
        public let replications: Sizer.Replications
        public let items: [Item]
    }

    /// Reads and checks the spec and its scenarios; throws every problem with file and field.
    public static func prepare(_ file: String) throws -> Prepared {
        let spec = try decodeSpec(SizingSpec.self, file)
        var v = SpecProblems(file: file)
        if spec.scenarios.isEmpty { v.add("scenarios", "expected at least one scenario file") }
        if spec.scenarios.count > maxScenarios { v.add("scenarios", "expected at most \(maxScenarios) scenario files (got \(spec.scenarios.count))") }
        if spec.variables.isEmpty { v.add("variables", "expected at least one decision variable") }
        if spec.variables.count > maxVariables { v.add("variables", "expected at most \(maxVariables) decision variables") }
        if spec.serviceLevels.isEmpty { v.add("service_levels", "expected at least one service level") }
        let r = spec.replications.map { Sizer.Replications(initial: $0.initial, batch: $0.batch, max: $0.max) } ?? Sizer.Replications()
        if !(r.initial >= 2 && r.batch >= 1 && r.max >= r.initial && r.max <= Budget.maxReplications) {
            v.add("replications", "expected 2 ≤ initial ≤ max ≤ \(Budget.maxReplications) and batch ≥ 1")
        }
        for (i, x) in spec.variables.enumerated() {
            let p = "variables[\(i)]"
            let named = [x.fte != nil, x.lbtSlots == true, x.groups != nil].filter { $0 }.count
            if named != 1 { v.add(p, "expected exactly one of fte: POOL|each, lbt_slots: true or groups: SCHOOL") }
            let domain = x.fte != nil ? ScenarioLimits.leastFTE...ScenarioLimits.fte
                : x.lbtSlots == true ? 1...Double(ScenarioLimits.places) : 1...Double(ScenarioLimits.groups)
            for (key, value) in [("min", x.min), ("max", x.max)] where !(value.isFinite && domain.contains(value)) {
                v.add("\(p).\(key)", "expected a number in [\(ScenarioLimits.format(domain.lowerBound)), \(ScenarioLimits.format(domain.upperBound))] (got \(value))")
            }
            if !(x.max >= x.min) { v.add("\(p).max", "expected at least min (\(x.min))") }
            if !(x.step > 0 && x.step.isFinite) { v.add("\(p).step", "expected a positive number (got \(x.step))") }
            else if (x.max - x.min) / x.step > Double(maxSteps) { v.add("\(p).step", "expected at most \(maxSteps) steps from min to max") }
            if !(x.pricePerYear >= 0 && x.pricePerYear <= ScenarioLimits.money) {
                v.add("\(p).price_per_year", "expected an amount in [0, \(ScenarioLimits.format(ScenarioLimits.money))] (got \(x.pricePerYear))")
            }
        }
        for (i, l) in spec.serviceLevels.enumerated() {
            let p = "service_levels[\(i)]"
            if (l.atLeast == nil) == (l.atMost == nil) { v.add(p, "expected one of at_least or at_most") }
            for (key, target) in [("at_least", l.atLeast), ("at_most", l.atMost)] {
                if let target, !target.isFinite { v.add("\(p).\(key)", "expected a finite number (got \(target))") }
            }
            if !(l.confidence > 0.5 && l.confidence < 1) { v.add("\(p).confidence", "expected a confidence in (0.5, 1) (got \(l.confidence))") }
            if ChainSizing.LevelSpec.Statistic(rawValue: l.statistic ?? "mean") == nil { v.add("\(p).statistic", "expected mean, p50 or p90") }
        }
        try v.throwIfAny()

        // Each scenario file is read and checked once, however often the spec names it.
        var checked: [String: Item?] = [:]
        var items: [Item] = []
        for name in spec.scenarios {
            let path = resolve(name, beside: file)
            if checked[path] == nil {
                do {
                    let loaded = try ScenarioLoader.load(path)
                    if let excess = Budget.excess(loaded.scenario, replications: r.max, keepPersons: 0) {
                        v.add("scenarios", "\(path): \(excess)")
                        checked[path] = .some(nil)
                        continue
                    }
                    checked[path] = Self.item(spec, loaded, into: &v)
                } catch let e as ScenarioError {
                    v.issues += e.issues
                    checked[path] = .some(nil)
                }
            }
            if let item = checked[path] ?? nil { items.append(item) }
        }
        try v.throwIfAny()
        return Prepared(file: file, spec: spec, seed: spec.seed ?? 2022, replications: r, items: items)
    }

    static func item(_ spec: SizingSpec, _ l: LoadedScenario, into v: inout SpecProblems) -> Item? {
        let s = l.scenario
        var knobs: [ChainSizing.Knob] = [], variables: [Sizer.Variable] = []
        let before = v.issues.count
        for (i, x) in spec.variables.enumerated() {
            func add(_ knob: ChainSizing.Knob, _ name: String) {
                knobs.append(knob)
                variables.append(.init(name: name, lower: x.min, upper: x.max, step: x.step, price: x.pricePerYear))
            }
            if let pool = x.fte {
                let indices = pool == "each" ? Array(s.organisation.pools.indices) : s.organisation.pools.indices.filter { s.organisation.pools[$0].name == pool }
                if indices.isEmpty { v.add("variables[\(i)].fte", "no pool '\(ScenarioIssue.quote(pool))' in \(l.file)") }
                for p in indices { add(.fte(pool: p), "FTE \(s.organisation.pools[p].name)") }
            } else if x.lbtSlots == true {
                add(.lbtSlots, "LBT places per session")
            } else if let school = x.groups {
                if let j = s.schools.firstIndex(where: { $0.name == school }) { add(.groups(school: j), "groups \(school)") }
                else { v.add("variables[\(i)].groups", "no school '\(ScenarioIssue.quote(school))' in \(l.file)") }
            }
        }
        guard v.issues.count == before else { return nil }
        // The scenario must stay valid at every bound the search can set (an FTE sets the
        // pool's consultants too).
        for (end, values) in [("min", variables.map(\.lower)), ("max", variables.map(\.upper))] {
            let problems = ScenarioLoader.problems(ChainSizing.apply(s, knobs, values), file: l.file)
            if let first = problems.first {
                v.add("variables", "at every variable's \(end), \(l.file) is invalid: \(first.path): \(first.message)")
                return nil
            }
        }
        let keys = producedKeys(s)
        var levels: [ChainSizing.LevelSpec] = [], sizerLevels: [Sizer.Level] = []
        for (i, x) in spec.serviceLevels.enumerated() {
            let statistic = ChainSizing.LevelSpec.Statistic(rawValue: x.statistic ?? "mean") ?? .mean
            let group = x.group ?? MetricGroup.allName
            if statistic != .mean && !MetricCatalogue.isLeadTime(x.metric) {
                v.add("service_levels[\(i)].statistic", "p50 and p90 are for lead times; \(ScenarioIssue.quote(x.metric)) is not one")
            } else if let problem = unknownKey(x.metric, group, in: keys) {
                v.add("service_levels[\(i)]", "\(problem) (\(l.file))")
            }
            let level = ChainSizing.LevelSpec(metric: x.metric, group: group, statistic: statistic)
            levels.append(level)
            sizerLevels.append(Sizer.Level(name: level.label, direction: x.atLeast != nil ? .atLeast : .atMost,
                                           target: x.atLeast ?? x.atMost ?? 0, confidence: x.confidence))
        }
        guard v.issues.count == before else { return nil }
        return Item(loaded: l, knobs: knobs, variables: variables, levels: levels, sizerLevels: sizerLevels)
    }
}

// MARK: - Calibration

/// A calibration spec (YAML).
public struct CalibrationSpec: Decodable, Sendable {
    public struct Parameter: Decodable, Sendable {
        public var name: String
        public var path: String
        public var prior: [Double]
        /// `shared` (default): one value for every file; `per_file`: one per file.
        public var scope: String?
        /// Only these files (one value each): for a path that only some files have.
        public var only: [String]?
        /// Shared by all files but these, which keep their own value (their chapter gives it).
        public var except: [String]?
    }
    public struct Target: Decodable, Sendable {
        public var file: String
        public var metric: String
        public var group: String?
        public var observed: Double
        public var tolerance: [Double]
    }
    public struct Budget: Decodable, Sendable { public var points: Int; public var rounds: Int; public var replications: Int }

    public var files: [String]
    public var seed: UInt64?
    public var budget: Budget
    public var parameters: [Parameter]
    /// `observed_coverage`: each file's `observed:` share with a PIP per stream, with these
    /// initial and final half-widths of the acceptance range.
    public var observedCoverage: [Double]?
    public var targets: [Target]?

    enum CodingKeys: String, CodingKey {
        case files, seed, budget, parameters, targets
        case observedCoverage = "observed_coverage"
    }

    /// Most replications a calibration may ask for in all (points × rounds × replications ×
    /// files), and the most points per round and rounds.
    public static let maxModelReplications = 10_000_000.0
    public static let maxPoints = 1_000_000, maxRounds = 100

    public struct Prepared: Sendable {
        public let file: String
        /// The spec's text (the resume cache is keyed by it).
        public let text: String
        public let spec: CalibrationSpec
        public let paths: [String]
        public let templates: [ScenarioLoader.Template]
        public let loaded: [LoadedScenario]
        public let parameters: [Calibration.Parameter]
        public let targets: [Calibration.Target]
        public var seed: UInt64 { spec.seed ?? 2022 }
    }

    /// Reads and checks the spec and its files; throws every problem with file and field.
    public static func prepare(_ file: String) throws -> Prepared {
        let text = try ScenarioLoader.readText(file)
        let spec = try decodeSpec(CalibrationSpec.self, file)
        var v = SpecProblems(file: file)
        let b = spec.budget
        if !(b.points >= 2 && b.points <= maxPoints) { v.add("budget.points", "expected 2 … \(maxPoints) (got \(b.points))") }
        if !(b.rounds >= 1 && b.rounds <= maxRounds) { v.add("budget.rounds", "expected 1 … \(maxRounds) (got \(b.rounds))") }
        if !(b.replications >= 2 && b.replications <= Experiments.Budget.maxReplications) {
            v.add("budget.replications", "expected 2 … \(Experiments.Budget.maxReplications) (got \(b.replications))")
        }
        // In floating point: the product of four Ints can overflow Int.
        let total = Double(b.points) * Double(b.rounds) * Double(b.replications) * Double(spec.files.count)
        if total > maxModelReplications {
            v.add("budget", "expected at most 10⁷ replications in all (points × rounds × replications × files = \(String(format: "%.3g", total)))")
        }
        if spec.files.isEmpty { v.add("files", "expected at least one scenario file") }
        if spec.parameters.isEmpty { v.add("parameters", "expected at least one parameter") }
        for (i, p) in spec.parameters.enumerated() {
            if !(p.prior.count == 2 && p.prior.allSatisfy(\.isFinite) && p.prior[0] < p.prior[1]) {
                v.add("parameters[\(i)].prior", "expected [low, high] of finite numbers with low < high (got \(p.prior))")
            }
            if let scope = p.scope, scope != "shared" && scope != "per_file" { v.add("parameters[\(i)].scope", "expected shared or per_file") }
            for (j, name) in (p.only ?? []).enumerated() where !spec.files.contains(name) {
                v.add("parameters[\(i)].only[\(j)]", "'\(ScenarioIssue.quote(name))' is not among files")
            }
            for (j, name) in (p.except ?? []).enumerated() where !spec.files.contains(name) {
                v.add("parameters[\(i)].except[\(j)]", "'\(ScenarioIssue.quote(name))' is not among files")
            }
            if p.except != nil && (p.only != nil || p.scope == "per_file") {
                v.add("parameters[\(i)].except", "only for a shared parameter (not with `only` or `scope: per_file`)")
            }
        }
        if let tol = spec.observedCoverage, !(tol.count == 2 && tol.allSatisfy(\.isFinite) && tol[0] >= tol[1] && tol[1] > 0) {
            v.add("observed_coverage", "expected [initial, final] half-widths, initial ≥ final > 0")
        }
        for (i, t) in (spec.targets ?? []).enumerated() {
            let p = "targets[\(i)]"
            if !spec.files.contains(t.file) { v.add("\(p).file", "'\(ScenarioIssue.quote(t.file))' is not among files") }
            if !t.observed.isFinite { v.add("\(p).observed", "expected a finite number (got \(t.observed))") }
            if !(t.tolerance.count == 2 && t.tolerance.allSatisfy(\.isFinite) && t.tolerance[0] >= t.tolerance[1] && t.tolerance[1] > 0) {
                v.add("\(p).tolerance", "expected [initial, final] half-widths, initial ≥ final > 0")
            }
        }
        if spec.observedCoverage == nil && (spec.targets ?? []).isEmpty { v.add("targets", "expected targets or observed_coverage") }
        try v.throwIfAny()

        let paths = spec.files.map { resolve($0, beside: file) }
        var templates: [ScenarioLoader.Template] = [], loaded: [LoadedScenario] = []
        for p in paths {
            do {
                let t = try ScenarioLoader.template(p)
                templates.append(t)
                loaded.append(try t.instantiate())
            } catch let e as ScenarioError { v.issues += e.issues }
        }
        for (l, name) in zip(loaded, spec.files) {
            if let excess = Experiments.Budget.excess(l.scenario, replications: Int(min(total / Double(loaded.count), 1e9)), keepPersons: 0) {
                v.add("files", "\(name): \(excess) over the whole calibration")
            }
        }
        try v.throwIfAny()

        var parameters: [Calibration.Parameter] = []
        for (i, p) in spec.parameters.enumerated() {
            var files: [Int?] = p.scope == "per_file" ? paths.indices.map { $0 } : [nil]
            if let only = p.only { files = only.compactMap { spec.files.firstIndex(of: $0) } }
            let except = Set((p.except ?? []).compactMap { spec.files.firstIndex(of: $0) })
            for f in files {
                for (j, t) in templates.enumerated() where f == j || (f == nil && !except.contains(j)) {
                    guard t.number(at: p.path) != nil else {
                        v.add("parameters[\(i)].path", "no number at '\(ScenarioIssue.quote(p.path, limit: 120))' in \(paths[j])")
                        continue
                    }
                    // Every value of the prior must make a valid scenario: a point outside the
                    // parameter's domain would be dropped silently and bias the posterior.
                    for end in p.prior {
                        do { _ = try t.instantiate([p.path: end]) } catch let e as ScenarioError {
                            let first = e.issues.first.map { "\($0.path): \($0.message)" } ?? ""
                            v.add("parameters[\(i)].prior", "at \(end), \(paths[j]) is invalid: \(first)")
                        } catch {
                            v.add("parameters[\(i)].prior", "at \(end), \(paths[j]) is invalid: \(error)")
                        }
                    }
                }
                let name = f.map { "\(p.name) [\(loaded[$0].scenario.name)]" } ?? p.name
                parameters.append(.init(name: name, path: p.path, file: f, except: f == nil ? except : [], low: p.prior[0], high: p.prior[1]))
            }
        }
        var targets: [Calibration.Target] = []
        if let tol = spec.observedCoverage {
            for (f, l) in loaded.enumerated() {
                for o in l.scenario.observed ?? [] where o.total > 0 {
                    let group = MetricGroup.observed(municipality: o.municipality, stream: o.stream, municipalities: l.scenario.municipalities.count).description
                    // Never narrower than the observation's own binomial 95 % half-width (13
                    // family migrants in Tholen cannot pin a share to ±8 points).
                    let share = o.withPIP / o.total, p = min(max(share, 0.05), 0.95)
                    let sampling = 1.96 * (p * (1 - p) / o.total).squareRoot()
                    targets.append(.init(file: f, metric: Metric.pipCoverage.on(o.date), group: group, observed: share,
                                         initialTolerance: max(tol[0], sampling), finalTolerance: max(tol[1], sampling)))
                }
            }
            if targets.isEmpty { v.add("observed_coverage", "no file has an `observed:` figure to calibrate to") }
        }
        let keys = loaded.map { producedKeys($0.scenario) }
        for (i, t) in (spec.targets ?? []).enumerated() {
            guard let f = spec.files.firstIndex(of: t.file) else { continue }
            if let problem = unknownKey(t.metric, t.group ?? MetricGroup.allName, in: keys[f]) { v.add("targets[\(i)]", problem) }
            targets.append(.init(file: f, metric: t.metric, group: t.group ?? MetricGroup.allName, observed: t.observed,
                                 initialTolerance: t.tolerance[0], finalTolerance: t.tolerance[1]))
        }
        try v.throwIfAny()
        return Prepared(file: file, text: text, spec: spec, paths: paths, templates: templates, loaded: loaded,
                        parameters: parameters, targets: targets)
    }
}
