import Stochastics

// The chain from the consultant's first contact to the fixed PIP, as data (DESIGN.md, "The
// chain is data"). A scenario states it in `chain:`; without it, the chain is compiled from
// `intake`, `school_intake`, `vroege_start` and `organisation.steps` exactly as the model ran
// it before chains were data (talks → LBT → school intake → PIP, or Tilburg's start class).

/// A scenario's chain: per-person options drawn at set-up, and the steps.
public struct Chain: Codable, Sendable, Equatable {
    /// Drawn once per person when the inflow is made (common random numbers): a step can
    /// apply only to those who have an option (`when:`) or lack it (`unless:`).
    public var options: [ChainOption]?
    public var steps: [ChainStep]

    public init(options: [ChainOption]? = nil, steps: [ChainStep]) {
        self.options = options
        self.steps = steps
    }
}

public struct ChainOption: Codable, Sendable, Equatable {
    public var name: String
    /// Share of the persons (of `streams`) who have it.
    public var share: Double
    /// Streams it can apply to (all when absent).
    public var streams: [Stream]?

    public init(name: String, share: Double, streams: [Stream]? = nil) {
        self.name = name
        self.share = share
        self.streams = streams
    }
}

public struct ChainStep: Codable, Sendable, Equatable {
    public var name: String
    public var kind: StepKind
    /// Who does it (the hand-off rule compares parties); by default the party of
    /// `organisation.steps` for the kind. A party named as a pool (`organisation.pools[].name`)
    /// does the step's consultant work with that team's capacity: the task goes to the member
    /// with the fewest tasks on hand, not to the person's own consultant (WerkSaam doing the
    /// intake for the municipalities, a tester, a central team).
    public var party: String?
    /// A second person joins the step (a duo of regisseur and medewerker, an interpreter): a
    /// member of the pool named here (`organisation.pools[].name`), the least busy one, spends
    /// the same hours on it, beside the step (the step does not wait for them). Only a step
    /// with a consultant's hours (or an LBT with the consultant's hours at the session).
    public var also: String?
    /// The consultant's hours (the step waits in the consultant's task list). On an LBT: the
    /// consultant's hours at the session (giving the test, staying in the room), beside it.
    public var hours: Distribution?
    /// Elapsed time of a step that no consultant works on (school, provider, a wait).
    public var duration: Distribution?
    /// Days before the step once what it follows is done. Default: none for a hand-off or
    /// deliberate delay (the step is the wait) and after one; `intake.first_talk_delay` for a
    /// first step; otherwise
    /// `organisation.handoff_delay` when a step it follows has another party, else
    /// `organisation.internal_delay`.
    public var delay: Distribution?
    /// The step is done this many times in a row (e.g. three intake talks), `between` apart
    /// (default `intake.days_between_talks`).
    public var times: Int?
    public var between: Distribution?
    /// Steps it follows (default: the step before it in the list; `[]`: from admission).
    public var after: [String]?
    /// Streams it applies to (all when absent).
    public var streams: [Stream]?
    /// Municipalities, LBT score bands and routes it applies to (all when absent): a chain
    /// that differs by municipality, or a school intake for O-route candidates only.
    public var municipalities: [String]?
    public var bands: [String]?
    public var routes: [Route]?
    /// Only for persons with every option of `when` and none of `unless` (a name or a list).
    public var when: OptionNames?
    public var unless: OptionNames?
    /// Only for persons with (true) or without (false) a vroege start.
    public var vroegeStart: Bool?
    /// The step waits until the person is housed (a vroege start's LBT outside the AZC).
    /// Default: true for an LBT unless `vroege_start.lbt_in_azc`.
    public var needsHousing: Bool?

    public init(name: String, kind: StepKind, party: String? = nil, hours: Distribution? = nil, duration: Distribution? = nil,
                delay: Distribution? = nil, times: Int? = nil, between: Distribution? = nil, after: [String]? = nil,
                streams: [Stream]? = nil, when: OptionNames? = nil, unless: OptionNames? = nil, vroegeStart: Bool? = nil, needsHousing: Bool? = nil) {
        self.name = name
        self.kind = kind
        self.party = party
        self.hours = hours
        self.duration = duration
        self.delay = delay
        self.times = times
        self.between = between
        self.after = after
        self.streams = streams
        self.when = when
        self.unless = unless
        self.vroegeStart = vroegeStart
        self.needsHousing = needsHousing
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, party, also, hours, duration, delay, times, between, after, streams, municipalities, bands, routes, when, unless
        case vroegeStart = "vroege_start"
        case needsHousing = "needs_housing"
    }
}

/// One option name or a list of them (`when: a` or `when: [a, b]`).
public struct OptionNames: Codable, Sendable, Equatable, ExpressibleByStringLiteral {
    public var names: [String]

    public init(_ names: [String]) { self.names = names }
    public init(stringLiteral name: String) { names = [name] }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let name = try? c.decode(String.self) { names = [name] } else { names = try c.decode([String].self) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if names.count == 1 { try c.encode(names[0]) } else { try c.encode(names) }
    }
}

/// The chain compiled once per scenario: samplers, indices and bit masks, no names.
public struct ChainPlan: Sendable {
    /// At most this many steps (their predecessors are a 64-bit mask).
    public static let maxSteps = 64

    public enum Work: Sendable {
        /// The person's consultant works the step's hours (drawn at the step's start).
        case consultant
        /// The step's duration passes (school, provider, a wait).
        case elapsed
        /// An LBT session is booked; the consultant's hours at the session, if any (a
        /// consultant who gives the test or stays in the room).
        case lbt
    }

    /// Which stream a delay draws from (the intake's own timing, or hand-offs).
    enum DelayStream: Sendable { case intake, handoff }

    /// A step as compiled (what the event loop reads is flattened below).
    struct Step: Sendable {
        let name: String
        let definition: StepKind.Definition
        let work: Work
        /// Hours (consultant, or at the LBT session) or duration (elapsed).
        let sampler: Sampler?
        /// Before the first time (nil: at once).
        let delay: Sampler?
        let delayStream: DelayStream
        let times: Int
        let between: Sampler
        let predecessors: UInt64
        /// Bit 0 asylum, bit 1 family.
        let streams: UInt8
        /// Per municipality, band and route (by index): whether the step applies.
        let municipalities: [Bool], bands: [Bool], routes: [Bool]
        /// Options the person must have, and must not have (bit i: option i).
        let present: UInt64, absent: UInt64
        let vroegeStart: Bool?
        let needsHousing: Bool
        /// The pool whose party name the step names: its hours go to that team's next free
        /// member instead of the person's own consultant (−1: the own consultant).
        let team: Int32
        /// The pool of the second person who joins the step (−1: none).
        let alsoTeam: Int32
    }

    // Per step (index = position in the list), flat for the event loop: a person's steps are
    // bit masks, and nothing here is copied with reference counts in the loop.
    public let names: [String]
    public let kinds: [StepKind]
    let works: [Work]
    /// Per step, the state a person is in while it runs and the milestone its end sets; the
    /// steps of the brede intake, and those of the LBT phase (the `lbt` state).
    let states: [ChainState?], milestones: [StepKind.Milestone?]
    let intake: UInt64, lbtPhase: UInt64
    /// The step's hours or duration (a constant 0 where it has none), its delay (a constant 0
    /// where `hasDelay` says it starts at once), and the days between its repetitions.
    let samplers: SamplerTable, delays: SamplerTable, betweens: SamplerTable
    /// Steps with a delay; LBT steps whose consultant attends the session.
    let hasDelay: UInt64, attends: UInt64
    let times: [Int]
    /// Per step, the pool that does its consultant work when that is not the person's own
    /// consultant's (−1).
    let teams: [Int32]
    /// Per step, the pool whose least busy member joins it with the same hours (−1: none).
    let alsoTeams: [Int32]
    /// Steps each step follows, and the steps that follow it (bit masks).
    let predecessors: [UInt64], successors: [UInt64]
    /// Steps that follow admission; whose delay draws from the intake stream; that wait for
    /// the house.
    let roots: UInt64, delayFromIntake: UInt64, needsHousing: UInt64
    /// The PIP steps and every step after them: when all are done (or passed over), the PIP
    /// is fixed.
    let endMask: UInt64
    /// Per option: its share and stream mask.
    let options: [(share: Double, streams: UInt8)]
    /// The conditions of the steps, as masks of the steps that apply per stream, municipality,
    /// band and route, with or without a vroege start, and the options each step needs.
    private let byStream: [UInt64], byMunicipality: [UInt64], byBand: [UInt64], byRoute: [UInt64], byVroege: [UInt64]
    private let present: [UInt64], absent: [UInt64]

    public var count: Int { kinds.count }

    /// The steps that apply to a person (bit k: step k), from what is drawn at set-up.
    func applies(stream: Stream, municipality: Int, band: Int, route: Route, options: UInt64, vroegeStart: Bool) -> UInt64 {
        var mask = byStream[stream == .asylum ? 0 : 1] & byMunicipality[municipality] & byBand[band] & byRoute[route.index]
            & byVroege[vroegeStart ? 1 : 0]
        for k in 0..<present.count where options & present[k] != present[k] || options & absent[k] != 0 { mask &= ~(1 << UInt64(k)) }
        return mask
    }

    init(steps: [Step], options: [(share: Double, streams: UInt8)]) {
        func bits(_ include: (Step) -> Bool) -> UInt64 {
            steps.indices.reduce(0) { include(steps[$1]) ? $0 | 1 << UInt64($1) : $0 }
        }
        names = steps.map(\.name)
        kinds = steps.map(\.definition.kind)
        works = steps.map(\.work)
        states = steps.map(\.definition.state)
        milestones = steps.map(\.definition.milestone)
        intake = bits(\.definition.isIntake)
        lbtPhase = bits { $0.definition.state == .lbt }
        samplers = SamplerTable(steps.map { $0.sampler ?? Sampler(.constant(0)) })
        delays = SamplerTable(steps.map { $0.delay ?? Sampler(.constant(0)) })
        betweens = SamplerTable(steps.map(\.between))
        hasDelay = bits { $0.delay != nil }
        attends = bits { $0.work == .lbt && $0.sampler != nil }
        times = steps.map(\.times)
        teams = steps.map(\.team)
        alsoTeams = steps.map(\.alsoTeam)
        predecessors = steps.map(\.predecessors)
        successors = steps.indices.map { k in bits { $0.predecessors & (1 << UInt64(k)) != 0 } }
        roots = bits { $0.predecessors == 0 }
        delayFromIntake = bits { $0.delayStream == .intake }
        needsHousing = bits(\.needsHousing)
        var end: UInt64 = 0
        for (i, step) in steps.enumerated() where step.definition.isPIP || step.predecessors & end != 0 { end |= 1 << UInt64(i) }
        endMask = end
        self.options = options
        byStream = [bits { $0.streams & 1 != 0 }, bits { $0.streams & 2 != 0 }]
        byMunicipality = (steps.first?.municipalities.indices ?? 0..<0).map { m in bits { $0.municipalities[m] } }
        byBand = (steps.first?.bands.indices ?? 0..<0).map { b in bits { $0.bands[b] } }
        byRoute = Route.allCases.indices.map { r in bits { $0.routes[r] } }
        byVroege = [bits { $0.vroegeStart != true }, bits { $0.vroegeStart != false }]
        present = steps.map(\.present)
        absent = steps.map(\.absent)
    }

    static func mask(_ streams: [Stream]?) -> UInt8 {
        guard let streams else { return 0b11 }
        return streams.reduce(0) { $0 | ($1 == .asylum ? 1 : 2) }
    }

    /// The plan of a scenario, or every problem of its `chain` (path relative to the file).
    public static func compile(_ s: Scenario) -> Result<ChainPlan, ChainProblems> {
        let chain = s.chain ?? legacy(s)
        var problems: [(String, String)] = []
        func add(_ path: String, _ message: String) { problems.append((path, message)) }
        let options = chain.options ?? []
        var optionIndex: [String: Int] = [:]
        for (i, o) in options.enumerated() {
            if optionIndex[o.name] != nil { add("chain.options[\(i)].name", "duplicate option '\(ScenarioIssue.quote(o.name))'") }
            optionIndex[o.name] = i
            if !(o.share >= 0 && o.share <= 1) { add("chain.options[\(i)].share", "expected a share in [0, 1] (got \(o.share))") }
        }
        if options.count > maxSteps { add("chain.options", "expected at most \(maxSteps) options") }
        if chain.steps.isEmpty { add("chain.steps", "expected at least one step (and a `pip` step)") }
        if chain.steps.count > maxSteps { add("chain.steps", "expected at most \(maxSteps) steps") }

        var index: [String: Int] = [:], parties: [String?] = [], compiled: [Step] = []
        for (i, step) in chain.steps.prefix(maxSteps).enumerated() {
            let path = "chain.steps[\(i)]"
            if step.name.isEmpty || !step.name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
                // It names the step's figures (`admission_to_step_days:<name>`) and result columns.
                add("\(path).name", "expected a name of letters, digits, `_` and `-`, got '\(ScenarioIssue.quote(step.name))'")
            }
            if index[step.name] != nil { add("\(path).name", "duplicate step '\(ScenarioIssue.quote(step.name))'") }
            var predecessors: UInt64 = 0, preds: [Int] = []
            for (j, name) in (step.after ?? (i > 0 ? [chain.steps[i - 1].name] : [])).enumerated() {
                if let k = index[name] { predecessors |= 1 << UInt64(k); preds.append(k) }
                else { add("\(path).after[\(j)]", "expected the name of an earlier step, got '\(ScenarioIssue.quote(name))'") }
            }
            index[step.name] = i
            let definition = step.kind.definition ?? StepKind.Definition(kind: step.kind, meaning: "")
            if step.kind.definition == nil {
                let known = StepKind.registered.compactMap(\.definition).map { "\($0.kind) (\($0.meaning))" }
                add("\(path).kind", "unknown step kind '\(ScenarioIssue.quote(step.kind.rawValue))'; expected one of \(known.joined(separator: ", "))")
            }
            let party = step.party ?? definition.defaultParty(s.organisation.steps)
            parties.append(party)

            let work: Work, sampler: Distribution?
            switch (definition.booksSession, step.hours, step.duration) {
            case (true, let h, nil): (work, sampler) = (.lbt, h)
            case (true, _, _?):
                add(path, "a `\(step.kind)` step takes an LBT session (lbt.sessions), not a `duration`"); (work, sampler) = (.lbt, nil)
            case (_, let h?, nil): (work, sampler) = (.consultant, h)
            case (_, nil, let d?): (work, sampler) = (.elapsed, d)
            case (_, nil, nil):
                if let h = definition.defaultHours(s.intake) { (work, sampler) = (.consultant, h) }
                else if let d = definition.defaultDuration(s.organisation) { (work, sampler) = (.elapsed, d) }
                else { add(path, "a \(step.kind.rawValue) step needs `hours` (a consultant's) or `duration`"); (work, sampler) = (.lbt, nil) }
            case (_, _?, _?):
                add(path, "expected `hours` or `duration`, not both"); (work, sampler) = (.lbt, nil)
            }

            var delayStream = DelayStream.handoff
            let delay: Distribution?
            if let d = step.delay {
                delay = d
            } else if definition.isWait {
                delay = nil // the step is the wait
            } else if preds.isEmpty {
                delay = s.intake.firstTalkDelay
                delayStream = .intake
            } else if preds.contains(where: { compiled[$0].definition.isWait }) {
                delay = nil
            } else if preds.contains(where: { parties[$0] != party }) {
                delay = s.organisation.handoffDelay
            } else {
                delay = s.organisation.internalDelay
            }
            let times = step.times ?? 1
            if !(1...ScenarioLimits.talks).contains(times) {
                add("\(path).times", "expected 1 to \(ScenarioLimits.talks) times (got \(times))")
            }
            func optionMask(_ names: OptionNames?, _ key: String) -> UInt64 {
                var mask: UInt64 = 0
                for (j, name) in (names?.names ?? []).enumerated() {
                    if let k = optionIndex[name], k < maxSteps { mask |= 1 << UInt64(k) }
                    else { add(names?.names.count == 1 ? "\(path).\(key)" : "\(path).\(key)[\(j)]", "unknown option '\(ScenarioIssue.quote(name))'") }
                }
                return mask
            }
            let present = optionMask(step.when, "when"), absent = optionMask(step.unless, "unless")
            if present & absent != 0 { add(path, "an option in both `when` and `unless`: the step would never apply") }
            if definition.isPIP && step.vroegeStart != nil { add("\(path).vroege_start", "the PIP step applies whether or not the start was early") }
            func members(_ names: [String]?, of all: [String], _ key: String) -> [Bool] {
                for (j, name) in (names ?? []).enumerated() where !all.contains(name) {
                    add("\(path).\(key)[\(j)]", "unknown \(key == "bands" ? "band" : "municipality") '\(ScenarioIssue.quote(name))'; expected one of \(ScenarioIssue.quote(all.joined(separator: ", "), limit: 200))")
                }
                return all.map { names?.contains($0) ?? true }
            }
            let municipalities = members(step.municipalities, of: s.municipalities.map(\.name), "municipalities")
            let bands = members(step.bands, of: s.lbt.bands.map(\.name), "bands")
            let routes = Route.allCases.map { step.routes?.contains($0) ?? true }
            var alsoTeam: Int32 = -1
            if let also = step.also {
                if let k = s.organisation.pools.firstIndex(where: { $0.name == also }) { alsoTeam = Int32(k) }
                else { add("\(path).also", "expected the name of a pool (organisation.pools[].name) whose member joins the step, got '\(ScenarioIssue.quote(also))'") }
                if work == .elapsed || (work == .lbt && sampler == nil) {
                    add("\(path).also", "a second person joins a step with a consultant's `hours` (on an LBT: the hours at the session)")
                }
            }
            compiled.append(Step(
                name: step.name, definition: definition, work: work, sampler: sampler.map(Sampler.init),
                delay: delay.flatMap { $0 == .constant(0) ? nil : Sampler($0) }, delayStream: delayStream,
                times: times, between: Sampler(step.between ?? s.intake.daysBetweenTalks),
                predecessors: predecessors, streams: mask(step.streams),
                municipalities: municipalities, bands: bands, routes: routes, present: present, absent: absent,
                vroegeStart: step.vroegeStart,
                needsHousing: step.needsHousing ?? (definition.booksSession && !(s.vroegeStart?.lbtInAZC ?? false)),
                team: Int32(s.organisation.pools.firstIndex { $0.name == party } ?? -1), alsoTeam: alsoTeam))
        }
        // Every person must reach a PIP step: per stream, for every combination of the options
        // the PIP steps name (an option of another stream is never present), one PIP applies.
        for stream in Stream.allCases {
            let bit: UInt8 = stream == .asylum ? 1 : 2
            let pips = compiled.filter {
                $0.definition.isPIP && $0.streams & bit != 0 && !$0.municipalities.contains(false) && !$0.bands.contains(false) && !$0.routes.contains(false)
            }
            let named = pips.reduce(UInt64(0)) { $0 | $1.present | $1.absent }
            let possible = options.indices.prefix(maxSteps).filter { named & (1 << UInt64($0)) != 0 && mask(options[$0].streams) & bit != 0 }
            guard possible.count <= 16 else { add("chain.steps", "expected at most 16 options on the `pip` steps of a stream"); continue }
            let uncovered = (0..<(1 << possible.count)).first { combination in
                var have: UInt64 = 0
                for (j, k) in possible.enumerated() where combination & (1 << j) != 0 { have |= 1 << UInt64(k) }
                return !pips.contains { $0.present & ~have == 0 && $0.absent & have == 0 }
            }
            if uncovered != nil {
                add("chain.steps", "no `pip` step that every \(stream.rawValue) person reaches (for every combination of the options named by `pip` steps, one must apply, to every municipality, band and route)")
            }
        }
        guard problems.isEmpty else { return .failure(ChainProblems(problems: problems)) }
        return .success(ChainPlan(steps: compiled, options: options.map { ($0.share, mask($0.streams)) }))
    }

    /// The chain the model ran before chains were data, stated as steps.
    static func legacy(_ s: Scenario) -> Chain {
        let parties = s.organisation.steps
        let lbtToPIP = parties.lbt == parties.pip ? s.organisation.internalDelay : s.organisation.handoffDelay
        var steps = [ChainStep(name: "intake_talks", kind: .talk, times: min(max(s.intake.talks ?? 1, 1), ScenarioLimits.talks)),
                     ChainStep(name: "ontzorgen", kind: .ontzorgen, delay: .constant(0), streams: [.asylum])]
        var options: [ChainOption] = []
        if let si = s.schoolIntake {
            options.append(ChainOption(name: "school_intake", share: si.share, streams: si.streams))
        }
        if let si = s.schoolIntake, let lbtAfter = si.lbtAfterDays {
            // A start class with the LBT inside it (Tilburg): the PIP follows the class.
            steps += [
                ChainStep(name: "to_start_class", kind: .handoff, after: ["intake_talks"], when: "school_intake"),
                ChainStep(name: "lbt_in_class", kind: .lbt, delay: lbtAfter, when: "school_intake", needsHousing: false),
                ChainStep(name: "start_class", kind: .schoolIntake, duration: si.duration, delay: .constant(0),
                          after: ["to_start_class"], when: "school_intake"),
                ChainStep(name: "pip_after_class", kind: .pip, delay: s.organisation.internalDelay,
                          after: ["lbt_in_class", "start_class"], when: "school_intake"),
                ChainStep(name: "lbt", kind: .lbt, after: ["intake_talks"], unless: "school_intake"),
                ChainStep(name: "pip", kind: .pip, delay: lbtToPIP, unless: "school_intake"),
            ]
        } else {
            steps.append(ChainStep(name: "lbt", kind: .lbt, after: ["intake_talks"]))
            if let si = s.schoolIntake {
                steps.append(ChainStep(name: "school_intake", kind: .schoolIntake, duration: si.duration, delay: .constant(0), when: "school_intake"))
            }
            steps.append(ChainStep(name: "pip", kind: .pip, delay: lbtToPIP, after: s.schoolIntake == nil ? ["lbt"] : ["lbt", "school_intake"]))
        }
        return Chain(options: options, steps: steps)
    }
}

/// Samplers the event loop draws from by step index, read in place (measured faster than an
/// array of samplers in `bench chain`). The table owns its samplers (`owned`) and hands them out
/// unretained: a sampler read from memory the compiler cannot see into was retained and
/// released around every draw, which cost more than the draw.
final class SamplerTable: @unchecked Sendable { // immutable after init, only read
    private let owned: [Sampler]
    private let buffer: UnsafeMutableBufferPointer<Unmanaged<Sampler>>

    init(_ samplers: [Sampler]) {
        owned = samplers
        buffer = .allocate(capacity: samplers.count)
        _ = buffer.initialize(from: samplers.map(Unmanaged.passUnretained))
    }

    deinit { buffer.deallocate() }

    /// A draw from sampler `k` (a valid step index).
    @inline(__always) func sample(_ k: Int, _ stream: RandomStream) -> Double {
        buffer[k]._withUnsafeGuaranteedRef { $0.sample(stream) }
    }
}

/// The problems of a scenario's `chain`, each with its path.
public struct ChainProblems: Error, Sendable {
    public let problems: [(path: String, message: String)]
}
