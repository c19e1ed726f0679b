import Stochastics

/// The schema of a scenario file. Durations are in days, hours are consultant hours,
/// dates are "YYYY-MM-DD". Every numeric value may carry a `source:` in the file (see
/// `ScenarioLoader`); the decoded scenario holds the values only.
public struct Scenario: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    public var horizon: Horizon
    public var municipalities: [Municipality]
    public var inflow: Inflow
    public var housing: Housing
    public var vroegeStart: VroegeStart?
    /// Days from housing (BRP registration) until the person is referred for the intake
    /// (MB and the benefit first; EVAL2024: ~2 weeks Roermond, 4 weeks Tholen).
    public var settling: Distribution
    public var organisation: Organisation
    public var intake: Intake
    public var lbt: LBT
    public var schoolIntake: SchoolIntake?
    public var pip: PIPPolicy
    public var schools: [School]
    public var progress: Progress
    public var costs: Costs

    enum CodingKeys: String, CodingKey {
        case name, description, horizon, municipalities, inflow, housing, settling, organisation, intake, lbt
        case pip, schools, progress, costs
        case vroegeStart = "vroege_start", schoolIntake = "school_intake"
    }
}

public struct Horizon: Codable, Sendable, Equatable {
    public var start: String
    public var end: String
}

public struct Municipality: Codable, Sendable, Equatable {
    public var name: String
    /// Share of the regional inflow (taakstelling and family migrants). Shares are
    /// normalised over the municipalities.
    public var share: Double
}

/// The three learning routes.
public enum Route: String, Codable, Sendable, CaseIterable, Comparable {
    case b1 = "B1", o = "O", z = "Z"
    public static func < (a: Route, b: Route) -> Bool { a.index < b.index }
    public var index: Int { Route.allCases.firstIndex(of: self) ?? 0 }
}

/// Asylum permit holders (housed through the taakstelling) or family migrants.
public enum Stream: String, Codable, Sendable, CaseIterable {
    case asylum, family
}

public struct Inflow: Codable, Sendable, Equatable {
    /// Persons to house per half-year ("2022-I", "2022-II").
    public var taakstelling: Taakstelling
    /// Persons per household (statushouders are housed as households).
    public var householdSize: Distribution
    /// Share of housed persons who are inburgeringsplichtig.
    public var inburgeringsplichtigShare: Double
    public var familyMigrants: FamilyMigrants?
    public var shocks: [Shock]?

    enum CodingKeys: String, CodingKey {
        case taakstelling, shocks
        case householdSize = "household_size"
        case inburgeringsplichtigShare = "inburgeringsplichtig_share"
        case familyMigrants = "family_migrants"
    }
}

public struct Taakstelling: Codable, Sendable, Equatable {
    /// The national series (persons per half-year) …
    public var national: [PeriodFigure]?
    /// … times the region's share of it (split over municipalities by their shares);
    public var regionShare: Double?
    /// or the region's own figures per half-year (split by the municipalities' shares).
    public var region: [PeriodFigure]?

    enum CodingKeys: String, CodingKey {
        case national, region
        case regionShare = "region_share"
    }
}

public struct PeriodFigure: Codable, Sendable, Equatable {
    /// "2023-I" (January–June) or "2023-II" (July–December).
    public var period: String
    public var persons: Double

    public init(period: String, persons: Double) {
        self.period = period
        self.persons = persons
    }
}

public struct FamilyMigrants: Codable, Sendable, Equatable {
    /// Inburgeringsplichtige family migrants per year in the region (Poisson arrivals).
    public var perYear: Double
    /// Days from arrival (DUO's notice) until referral for the intake.
    public var referralDelay: Distribution

    enum CodingKeys: String, CodingKey {
        case perYear = "per_year"
        case referralDelay = "referral_delay"
    }
}

/// A batch arriving at once (EVAL2024: +70 housed at once in Deventer; +31 family
/// migrants in Hengelo).
public struct Shock: Codable, Sendable, Equatable {
    public var date: String
    public var municipality: String
    /// Inburgeringsplichtige persons.
    public var persons: Int
    /// `asylum`: housed on that date (a temporary housing site); `family`: registered.
    public var stream: Stream
}

public struct Housing: Codable, Sendable, Equatable {
    /// Dwellings offered per half-year, as persons' worth of the taakstelling (0.55 =
    /// Utrecht 2023, 1.04 = Deventer; EVAL2024). Backlogs carry over as the AZC queue.
    public var realisation: Double
    /// Days from koppeling until the household can first be offered a dwelling.
    public var koppelingToEligible: Distribution
    /// Largest household a dwelling fits; larger households wait for a larger dwelling.
    public var dwellingCapacity: Distribution
    /// Days from the offer to the key (sleuteloverdracht) and BRP registration.
    public var offerToKey: Distribution

    enum CodingKeys: String, CodingKey {
        case realisation
        case koppelingToEligible = "koppeling_to_eligible"
        case dwellingCapacity = "dwelling_capacity"
        case offerToKey = "offer_to_key"
    }
}

/// Starting in the AZC before housing (EVAL2024: a wish, not a duty).
public struct VroegeStart: Codable, Sendable, Equatable {
    public var share: Double
    /// Days from koppeling to the referral for the intake.
    public var contactDelay: Distribution
    /// Whether the LBT may also be taken in the AZC (otherwise it waits for housing).
    public var lbtInAZC: Bool
    /// LBT score bands whose people do not start early (Z-route candidates).
    public var excludedBands: [String]

    enum CodingKeys: String, CodingKey {
        case share
        case contactDelay = "contact_delay"
        case lbtInAZC = "lbt_in_azc"
        case excludedBands = "excluded_bands"
    }
}

public struct Organisation: Codable, Sendable, Equatable {
    public var pools: [ConsultantPool]
    public var handoffs: Handoffs
}

/// A team of consultants (klantmanagers / regisseurs) who carry cases from the intake on.
public struct ConsultantPool: Codable, Sendable, Equatable {
    public var name: String
    /// Municipalities whose people this pool serves.
    public var municipalities: [String]
    public var consultants: Int
    /// FTE of the whole pool, spread evenly over its consultants.
    public var fte: Double
    /// Open cases per full-time (1.0 FTE) consultant; a part-time consultant's cap is
    /// pro rata (at least 1).
    public var caseloadCap: Int
    /// `pooled`: any consultant takes any case; `per_area`: consultants are assigned to
    /// municipalities round-robin and take only their own area's cases.
    public var assignment: AssignmentPolicy
    public var weeklyHours: Double
    /// Share of paid hours available for casework.
    public var productiveShare: Double
    /// Hours per consultant per week taken by other work (Participatiewet caseloads in an
    /// integrated team), queued in front of inburgering tasks as they come.
    public var otherWorkHoursPerWeek: Distribution?

    enum CodingKeys: String, CodingKey {
        case name, municipalities, consultants, fte, assignment
        case caseloadCap = "caseload_cap"
        case weeklyHours = "weekly_hours"
        case productiveShare = "productive_share"
        case otherWorkHoursPerWeek = "other_work_hours_per_week"
    }
}

public enum AssignmentPolicy: String, Codable, Sendable, Equatable {
    case pooled
    case perArea = "per_area"
}

/// Delays where a case passes from one party or step to the next.
public struct Handoffs: Codable, Sendable, Equatable {
    public var intakeToLBT: Distribution
    public var lbtToPIP: Distribution
    public var pipToSchool: Distribution

    enum CodingKeys: String, CodingKey {
        case intakeToLBT = "intake_to_lbt"
        case lbtToPIP = "lbt_to_pip"
        case pipToSchool = "pip_to_school"
    }
}

public struct Intake: Codable, Sendable, Equatable {
    /// Days from admission to a consultant until the first talk.
    public var firstTalkDelay: Distribution
    public var talks: Int
    public var hoursPerTalk: Distribution
    public var daysBetweenTalks: Distribution
    /// Consultant hours to draft the PIP.
    public var pipHours: Distribution
    /// Consultant hours of financieel ontzorgen per asylum person (first 6 months), spent
    /// right after the intake; 0 when another team does it.
    public var ontzorgenHours: Distribution

    enum CodingKeys: String, CodingKey {
        case talks
        case firstTalkDelay = "first_talk_delay"
        case hoursPerTalk = "hours_per_talk"
        case daysBetweenTalks = "days_between_talks"
        case pipHours = "pip_hours"
        case ontzorgenHours = "ontzorgen_hours"
    }
}

public struct LBT: Codable, Sendable, Equatable {
    public var sessions: Sessions
    /// Days from the test to its result.
    public var resultDays: Double
    /// Score bands: the share of each stream in the band and the routes chosen in it.
    public var bands: [ScoreBand]
    /// Family migrants practically never take the onderwijsroute (EVAL2024): when false,
    /// an O drawn for a family migrant becomes B1.
    public var familyORoute: Bool

    enum CodingKeys: String, CodingKey {
        case sessions, bands
        case resultDays = "result_days"
        case familyORoute = "family_o_route"
    }
}

public struct Sessions: Codable, Sendable, Equatable {
    public var first: String
    public var periodDays: Double
    /// Session days within each period (e.g. [0, 2, 4] for Mon, Wed, Fri).
    public var offsets: [Double]
    public var slots: Int

    enum CodingKeys: String, CodingKey {
        case first, offsets, slots
        case periodDays = "period_days"
    }
}

public struct ScoreBand: Codable, Sendable, Equatable {
    public var name: String
    public var asylum: Double
    public var family: Double
    /// Routes chosen in this band: weights or counts per route (normalised).
    public var routes: [String: Double]
}

public struct SchoolIntake: Codable, Sendable, Equatable {
    /// Share of people who have an intake at the school before the PIP.
    public var share: Double
    public var duration: Distribution
}

public struct PIPPolicy: Codable, Sendable, Equatable {
    public var policy: PIPTiming
    /// The legal term from BRP registration (Wi2021: 10 weeks = 70 days).
    public var legalTermDays: Double
    /// With `wait_for_school`: the PIP is fixed this many days before the start moment.
    public var leadDays: Double?

    enum CodingKeys: String, CodingKey {
        case policy
        case legalTermDays = "legal_term_days"
        case leadDays = "lead_days"
    }
}

public enum PIPTiming: String, Codable, Sendable, Equatable {
    /// Fix the PIP as soon as it is drafted.
    case fixAtOnce = "fix_at_once"
    /// Fix it only when the school's start date is known (protects the 3-year term).
    case waitForSchool = "wait_for_school"
}

public struct School: Codable, Sendable, Equatable {
    public var name: String
    public var routes: [Route]
    /// Municipalities served; all when absent.
    public var municipalities: [String]?
    public var starts: StartMoments
    public var minClass: Int
    public var maxClass: Int
    public var groups: Int

    enum CodingKeys: String, CodingKey {
        case name, routes, municipalities, starts, groups
        case minClass = "min_class"
        case maxClass = "max_class"
    }
}

/// Start moments: fixed dates every year ("02-01", "09-01") or every n days from a date.
public struct StartMoments: Codable, Sendable, Equatable {
    public var yearly: [String]?
    public var everyDays: Double?
    public var first: String?

    enum CodingKeys: String, CodingKey {
        case yearly, first
        case everyDays = "every_days"
    }
}

public struct Progress: Codable, Sendable, Equatable {
    /// Days after the PIP of each voortgangsgesprek.
    public var talksAfterPIPDays: [Double]
    public var hoursPerTalk: Distribution
    /// Days after the PIP when the consultant closes the case (frees the caseload place).
    public var caseClosesAfterPIPDays: Double

    enum CodingKeys: String, CodingKey {
        case talksAfterPIPDays = "talks_after_pip_days"
        case hoursPerTalk = "hours_per_talk"
        case caseClosesAfterPIPDays = "case_closes_after_pip_days"
    }
}

public struct Costs: Codable, Sendable, Equatable {
    /// Employer cost of one consultant FTE per year (euro).
    public var ftePerYear: Double
    /// Price of a route per person (euro), counted at the route start.
    public var routePrice: [String: Double]

    enum CodingKeys: String, CodingKey {
        case ftePerYear = "fte_per_year"
        case routePrice = "route_price"
    }
}
