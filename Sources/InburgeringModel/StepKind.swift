import Foundation
import Stochastics

/// What a chain step is, by its name in a scenario (`kind: talk`). Everything a kind means to
/// the plan and the model is its `Definition`: the built-in kinds are defined below, and a
/// program adds its own with `StepKind.register(_:)` (a new kind is one definition; its
/// lead time `admission_to_step_days:<step>` and its column in `leadtimes.csv` follow).
/// A scenario naming a kind that is not registered is refused at `chain.steps[i].kind`.
public struct StepKind: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// A talk of the brede intake (kennismaking, intake talk): the consultant's hours.
    public static let talk = StepKind(rawValue: "talk")
    /// A group meeting of the intake (voorlichting): the consultant's hours per person.
    public static let groupMeeting = StepKind(rawValue: "group_meeting")
    /// The leerbaarheidstoets: the first free session, the result `lbt.result_days` later.
    public static let lbt = StepKind(rawValue: "lbt")
    /// The school's own intake, test or start class: time at the school, no consultant hours.
    public static let schoolIntake = StepKind(rawValue: "school_intake")
    /// The PIP talk and drafting: the consultant's hours. The PIP is fixed when the PIP steps
    /// and every step after them (a check, a deliberate delay) are done.
    public static let pip = StepKind(rawValue: "pip")
    /// A second person checks the concept PIP: time (`duration`) or the consultant's hours.
    public static let pipCheck = StepKind(rawValue: "pip_check")
    /// A hand-off or wait between parties (`duration`, by default `organisation.handoff_delay`).
    public static let handoff = StepKind(rawValue: "handoff")
    /// Alfabetisering before the route: time at a provider.
    public static let alfabetisering = StepKind(rawValue: "alfabetisering")
    /// A deliberate, case-by-case delay (childcare, a school place): time.
    public static let deliberateDelay = StepKind(rawValue: "deliberate_delay")
    /// Ontzorgen after the intake (bills, insurance): the consultant's hours, beside the chain.
    public static let ontzorgen = StepKind(rawValue: "ontzorgen")

    /// The person milestone a step's end sets.
    public enum Milestone: Sendable { case intakeDone, lbt }

    /// What a kind of step means to the plan and the model.
    public struct Definition: Sendable {
        public let kind: StepKind
        /// What the step is, in a few words (for messages and the catalogue).
        public let meaning: String
        /// The state a person is in while the step runs (never moved back: see `ChainModel`).
        /// Steps in the `lbt` state are the LBT phase: when the last of them ends, the person
        /// moves on to PIP preparation.
        public var state: ChainState?
        /// A step of the brede intake: the first one's start and the last one's end are the
        /// `intake_start` and `intake_done` milestones, and a person may not show up.
        public var isIntake = false
        /// The milestone its end sets, besides the intake's.
        public var milestone: Milestone?
        /// It books a place at an LBT session (`lbt.sessions`): `hours` are the consultant's at
        /// the session, it takes no `duration`, it waits for the house unless
        /// `vroege_start.lbt_in_azc`, and a person waiting for the house waits in its state.
        public var booksSession = false
        /// The step is a wait: it has no delay of its own, and none comes after it.
        public var isWait = false
        /// A PIP step: the PIP is fixed when the PIP steps that apply and every step after them
        /// are done; every person must reach one.
        public var isPIP = false
        /// The party of `organisation.steps` that does it when the step names none.
        public var defaultParty: @Sendable (Steps) -> String? = { _ in nil }
        /// The consultant's hours when the step gives neither `hours` nor `duration`.
        public var defaultHours: @Sendable (Intake) -> Distribution? = { _ in nil }
        /// The elapsed time when the step gives neither `hours` nor `duration`.
        public var defaultDuration: @Sendable (Organisation) -> Distribution? = { _ in nil }

        public init(kind: StepKind, meaning: String) { self.kind = kind; self.meaning = meaning }
    }

    /// The built-in kinds.
    public static let builtIn: [Definition] = {
        func define(_ kind: StepKind, _ meaning: String, _ set: (inout Definition) -> Void) -> Definition {
            var d = Definition(kind: kind, meaning: meaning)
            set(&d)
            return d
        }
        return [
            define(.talk, "a talk of the brede intake") {
                $0.state = .intake; $0.isIntake = true; $0.milestone = .intakeDone
                $0.defaultParty = { $0.intake }; $0.defaultHours = { $0.hoursPerTalk }
            },
            define(.groupMeeting, "a group meeting of the intake") {
                $0.state = .intake; $0.isIntake = true; $0.milestone = .intakeDone; $0.defaultParty = { $0.intake }
            },
            define(.lbt, "the leerbaarheidstoets (its result)") {
                $0.state = .lbt; $0.milestone = .lbt; $0.booksSession = true; $0.defaultParty = { $0.lbt }
            },
            define(.schoolIntake, "the school's own intake, test or start class") {
                $0.state = .lbt; $0.defaultParty = { _ in "school" }
            },
            define(.pip, "the PIP talk and drafting") {
                $0.state = .pipPreparation; $0.isPIP = true; $0.defaultParty = { $0.pip }; $0.defaultHours = { $0.pipHours }
            },
            define(.pipCheck, "a second person's check of the concept PIP") {
                $0.state = .pipPreparation; $0.defaultParty = { $0.pip }
            },
            define(.handoff, "a hand-off or wait between parties") {
                $0.isWait = true; $0.defaultDuration = { $0.handoffDelay }
            },
            define(.alfabetisering, "alfabetisering before the route") { $0.defaultParty = { _ in "school" } },
            define(.deliberateDelay, "a deliberate, case-by-case delay") { $0.state = .pipPreparation; $0.isWait = true },
            define(.ontzorgen, "ontzorgen beside the chain") {
                $0.defaultParty = { $0.intake }; $0.defaultHours = { $0.ontzorgenHours }
            },
        ]
    }()

    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var definitions = Dictionary(uniqueKeysWithValues: StepKind.builtIn.map { ($0.kind, $0) })
    }
    private static let registry = Registry()

    /// Adds a kind of step (or replaces one a program added before); a built-in kind cannot be
    /// replaced. Register before compiling the scenarios that use it.
    public static func register(_ definition: Definition) {
        precondition(!builtIn.contains { $0.kind == definition.kind }, "step kind \(definition.kind) is built in")
        registry.lock.withLock { registry.definitions[definition.kind] = definition }
    }

    /// The kind's definition; nil when no one registered it.
    public var definition: Definition? { Self.registry.lock.withLock { Self.registry.definitions[self] } }

    /// Every registered kind, by name.
    public static var registered: [StepKind] { registry.lock.withLock { registry.definitions.keys.sorted { $0.rawValue < $1.rawValue } } }
}
