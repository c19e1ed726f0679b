/// Where a person is in the chain (every person is in exactly one state).
public enum ChainState: Int, CaseIterable, Sendable {
    /// Not yet arrived (koppeling or arrival lies ahead).
    case expected
    /// Koppeled, waiting in the AZC for a house.
    case azc
    /// Housed (or arrived as a family migrant), not yet referred for the intake.
    case settling
    /// Referred, waiting for a consultant with room in the caseload.
    case intakeQueue
    /// With a consultant, intake talks under way.
    case intake
    /// Intake done, waiting for or taking the leerbaarheidstoets.
    case lbt
    /// LBT result known, PIP being prepared (school intake, hand-offs, drafting).
    case pipPreparation
    /// PIP fixed, waiting for the route to start.
    case awaitingRoute
    /// Route started.
    case inRoute

    public var name: String {
        switch self {
        case .expected: return "expected"
        case .azc: return "azc"
        case .settling: return "settling"
        case .intakeQueue: return "intake_queue"
        case .intake: return "intake"
        case .lbt: return "lbt"
        case .pipPreparation: return "pip_preparation"
        case .awaitingRoute: return "awaiting_route"
        case .inRoute: return "in_route"
        }
    }
}

/// The milestones of one person, in days since the scenario's start (NaN: not reached
/// within the horizon).
public struct PersonRecord: Sendable, Equatable {
    public var municipality: Int
    public var stream: Stream
    public var route: Route
    public var vroegeStart: Bool
    public var koppeling = Double.nan
    /// BRP registration: the key of the house (asylum) or the arrival (family migrants).
    public var registration = Double.nan
    public var referral = Double.nan
    public var admitted = Double.nan
    /// Start of the first intake talk.
    public var intakeStart = Double.nan
    public var intakeDone = Double.nan
    public var lbt = Double.nan
    public var pip = Double.nan
    public var schoolRegistration = Double.nan
    public var routeStart = Double.nan

    public init(municipality: Int, stream: Stream, route: Route, vroegeStart: Bool) {
        self.municipality = municipality
        self.stream = stream
        self.route = route
        self.vroegeStart = vroegeStart
    }
}
