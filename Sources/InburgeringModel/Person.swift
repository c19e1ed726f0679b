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
public struct PersonRecord: Sendable, Equatable, Codable {
    public var municipality: Int
    public var stream: Stream
    public var route: Route
    public var vroegeStart: Bool
    /// A nareiziger: came later to join a housed household (no AZC, no dwelling of their own).
    public var nareiziger = false
    /// The route is bought and chosen by the person (family migrants): no municipal class.
    public var ownProvider = false
    /// Whether the route is one the LBT advises in the person's band (nil: the band gives no advice).
    public var routeAsAdvised: Bool?
    public var koppeling = Double.nan
    /// When the obligation started as DUO counts it (asylum: koppeling, or arrival for
    /// nareizigers; family: DUO's notice), after DUO's pause and any late notice.
    public var obligationStart = Double.nan
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
    /// The case left the consultant's caseload (route ended or the 3-year term ran out).
    public var caseClosed = Double.nan
    /// The steps of the scenario's chain that apply to the person (bit k: step k; when each
    /// was done is `ReplicationResult.stepDone`).
    public var stepApplies: UInt64 = 0

    /// Start of the 10-week PIP term: BRP registration for statushouders (004 L315), the
    /// start of the obligation for family migrants, who were registered before it
    /// (assumption: the law's term counted from when the municipality can act).
    public var termStart: Double { stream == .family ? Swift.max(obligationStart, registration) : registration }

    public init(municipality: Int, stream: Stream, route: Route, vroegeStart: Bool) {
        self.municipality = municipality
        self.stream = stream
        self.route = route
        self.vroegeStart = vroegeStart
    }
}
