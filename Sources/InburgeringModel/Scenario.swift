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
    /// The chain from admission to the fixed PIP as steps (see `Chain`); when absent, the
    /// chain is compiled from `intake`, `school_intake` and `organisation.steps`.
    public var chain: Chain?
    public var pip: PIPPolicy
    public var schools: [School]
    public var progress: Progress
    public var costs: Costs
    /// How DUO starts the obligation (its pause in early 2022, late notices).
    public var duo: DUO?
    /// Dates on which `pip_coverage` is measured the way DUO counts (besides monthly).
    public var snapshotDates: [String]?
    /// Figures observed on a date (DUO snapshots), printed beside the model's.
    public var observed: [Observation]?

    enum CodingKeys: String, CodingKey {
        case name, description, horizon, municipalities, inflow, housing, settling, organisation, intake, lbt
        case pip, schools, progress, costs, duo, observed, chain
        case vroegeStart = "vroege_start", schoolIntake = "school_intake", snapshotDates = "snapshot_dates"
    }
}

/// DUO's side of the obligation (004 L2111-2133).
public struct DUO: Codable, Sendable, Equatable {
    /// DUO paused the process after 1-1-2022 and resumed it on this date for Wi2021
    /// newcomers (March 2022): no obligation starts before it.
    public var resumed: String?
    /// Persons not told of their obligation in time (ruim 3200 between January 2022 and May
    /// 2023), told in a window later: share per stream and the window.
    public var lateNotices: LateNotices?
    /// Days from a statushouder's koppeling (or a nareiziger's arrival) until DUO counts the
    /// obligation (the IND → DUO data exchange); absent: at once.
    public var asylumRegistrationDelay: Distribution?

    enum CodingKeys: String, CodingKey {
        case resumed
        case lateNotices = "late_notices"
        case asylumRegistrationDelay = "asylum_registration_delay"
    }
}

public struct LateNotices: Codable, Sendable, Equatable {
    public var asylum: Double
    public var family: Double
    /// Obligations that would have started from … until … (inclusive) may be late.
    public var affectedFrom: String
    public var affectedUntil: String
    /// The late notices go out uniformly between these dates.
    public var noticeFrom: String
    public var noticeUntil: String

    enum CodingKeys: String, CodingKey {
        case asylum, family
        case affectedFrom = "affected_from", affectedUntil = "affected_until"
        case noticeFrom = "notice_from", noticeUntil = "notice_until"
    }
}

/// A figure observed on `date` (e.g. DUO's 8-12-2023 snapshot): persons whose obligation had
/// started, those with a PIP, and their routes.
public struct Observation: Codable, Sendable, Equatable {
    public var date: String
    /// One municipality, or the whole scenario when absent.
    public var municipality: String?
    public var stream: Stream
    public var total: Double
    public var withPIP: Double
    public var routes: [String: Double]?

    enum CodingKeys: String, CodingKey {
        case date, municipality, stream, total, routes
        case withPIP = "with_pip"
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
    /// Statushouders are housed as households of adults and minors; only adults can be
    /// inburgeringsplichtig.
    public var households: Households
    /// Share of adults who are inburgeringsplichtig (the rest exempt: pension age, diploma).
    public var inburgeringsplichtigShare: Double
    public var nareizigers: Nareizigers?
    public var familyMigrants: FamilyMigrants?
    public var shocks: [Shock]?

    enum CodingKeys: String, CodingKey {
        case taakstelling, shocks, households, nareizigers
        case inburgeringsplichtigShare = "inburgeringsplichtig_share"
        case familyMigrants = "family_migrants"
    }
}

public struct Households: Codable, Sendable, Equatable {
    public var adults: Distribution
    public var minors: Distribution
}

/// Family reunification of statushouders: they come later, skip the AZC and join the
/// household's address (no dwelling of their own); asylum stream for DUO.
public struct Nareizigers: Codable, Sendable, Equatable {
    /// Share of housed households that adults later join.
    public var share: Double
    /// Inburgeringsplichtige adults who join such a household.
    public var adults: Distribution
    /// Days from the household's housing to their arrival at its address.
    public var delay: Distribution
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
    /// The rate from a date on (a year's cohort): before the first entry, `perYear`.
    public var perYearSchedule: [RateChange]?
    /// Days from arrival (BRP registration) to DUO's notice, which starts the obligation.
    public var noticeDelay: Distribution
    /// Days from DUO's notice until referral for the intake.
    public var referralDelay: Distribution
    /// Family migrants choose and pay their own provider (a DUO loan): they take no
    /// municipal class place and no route budget; their route starts this many days after
    /// the PIP. Absent: they use the municipality's schools.
    public var ownProviderStart: Distribution?

    enum CodingKeys: String, CodingKey {
        case perYear = "per_year"
        case perYearSchedule = "per_year_schedule"
        case noticeDelay = "notice_delay"
        case referralDelay = "referral_delay"
        case ownProviderStart = "own_provider_start"
    }
}

/// A rate (per year) from a date on.
public struct RateChange: Codable, Sendable, Equatable {
    public var from: String
    public var perYear: Double

    enum CodingKeys: String, CodingKey {
        case from
        case perYear = "per_year"
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
    /// The batch is housed from the statushouders already linked and waiting in the AZC
    /// for a dwelling (a tussenvoorziening), longest-waiting first: no new persons (asylum only).
    public var fromLinked: Bool?
    /// Days added to `date`: a number, so an uncertain date can carry a `range:`.
    public var shiftDays: Double?

    enum CodingKeys: String, CodingKey {
        case date, municipality, persons, stream
        case fromLinked = "from_linked"
        case shiftDays = "shift_days"
    }
}

/// Housing realisation for one half-year, for every municipality or for one.
public struct RealisationFigure: Codable, Sendable, Equatable {
    public var period: String
    public var municipality: String?
    public var realisation: Double
}

/// A capacity (LBT places per session, parallel class groups) from a date on.
public struct CapacityChange: Codable, Sendable, Equatable {
    public var from: String
    public var value: Int
    /// Days added to `from` (a number, so an uncertain date can carry a `range:`).
    public var shiftDays: Double?

    public init(from: String, value: Int, shiftDays: Double? = nil) {
        self.from = from
        self.value = value
        self.shiftDays = shiftDays
    }

    enum CodingKeys: String, CodingKey {
        case from, value
        case shiftDays = "shift_days"
    }
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
    /// Households koppeled before the horizon (old law, Wi2013) still waiting in the AZC at
    /// its start: they are offered dwellings first and are not Wi2021 persons.
    public var backlogHouseholds: Int?
    /// `realisation` for some half-years (and municipalities) instead of the one figure;
    /// a municipality's own figure goes before the half-year's.
    public var realisationByPeriod: [RealisationFigure]?

    enum CodingKeys: String, CodingKey {
        case realisation
        case realisationByPeriod = "realisation_by_period"
        case backlogHouseholds = "backlog_households"
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
    /// The party that does each step (a municipality's team, WerkSaam, a tester, …).
    public var steps: Steps
    /// Delay where a case passes from one party to another (including to the school);
    /// one distribution for every hand-off, so scenarios differ by structure, not guesses.
    public var handoffDelay: Distribution
    /// Delay between two consecutive steps of the same party (planning the next step).
    public var internalDelay: Distribution

    enum CodingKeys: String, CodingKey {
        case pools, steps
        case handoffDelay = "handoff_delay"
        case internalDelay = "internal_delay"
    }
}

/// Who does the intake, the LBT and the PIP (the route provider is always another party).
public struct Steps: Codable, Sendable, Equatable {
    public var intake: String
    public var lbt: String
    public var pip: String
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
    /// `pooled`: any consultant takes any case; `per_area`: each municipality has its own
    /// consultants (area-based caseloads), as many as its share of the pool's municipalities
    /// gives (largest remainder, at least one each), and they take only their area's cases.
    public var assignment: AssignmentPolicy
    /// With `per_area`: days a case waits for its own area's consultants before it may go to
    /// a free place of another area of the pool (an area preference, "zoveel mogelijk", not a
    /// partition); 0: at once when its own area is full. Absent: never (a hard partition).
    public var overflowDays: Double?
    public var weeklyHours: Double
    /// Share of paid hours available for casework.
    public var productiveShare: Double
    /// Old-law (Wi2013) clients on the caseload at the start of the horizon.
    public var oldLaw: OldLaw?
    /// Participatiewet clients in an integrated team.
    public var participatiewet: Participatiewet?
    /// FTE from a date on (hires, vacancies, sick leave); before the first, `fte`.
    public var fteSchedule: [FTEChange]?

    enum CodingKeys: String, CodingKey {
        case name, municipalities, consultants, fte, assignment, participatiewet
        case caseloadCap = "caseload_cap"
        case overflowDays = "overflow_days"
        case weeklyHours = "weekly_hours"
        case productiveShare = "productive_share"
        case oldLaw = "old_law"
        case fteSchedule = "fte_schedule"
    }
}

/// Wi2013 clients still on the caseload on the first day; their number falls linearly (in
/// expectation) to zero on `until`, as their terms end.
public struct OldLaw: Codable, Sendable, Equatable {
    public var casesPerFTE: Double
    public var until: String
    public var hoursPerCasePerMonth: Double

    enum CodingKeys: String, CodingKey {
        case until
        case casesPerFTE = "cases_per_fte"
        case hoursPerCasePerMonth = "hours_per_case_per_month"
    }
}

/// Participatiewet (benefit) clients carried by the same consultants: they take caseload
/// places all the time, and their weekly work goes before inburgering tasks when
/// `priority` (004 L6604-6607: "gaat bijna altijd voor").
public struct Participatiewet: Codable, Sendable, Equatable {
    public var casesPerFTE: Double
    /// Hours of benefit work per FTE per week.
    public var hoursPerWeek: Distribution
    public var priority: Bool

    enum CodingKeys: String, CodingKey {
        case priority
        case casesPerFTE = "cases_per_fte"
        case hoursPerWeek = "hours_per_week"
    }
}

public struct FTEChange: Codable, Sendable, Equatable {
    public var from: String
    public var fte: Double
    /// Days added to `from` (a number, so an uncertain date can carry a `range:`).
    public var shiftDays: Double?

    public init(from: String, fte: Double) {
        self.from = from
        self.fte = fte
    }

    enum CodingKeys: String, CodingKey {
        case from, fte
        case shiftDays = "shift_days"
    }
}

public enum AssignmentPolicy: String, Codable, Sendable, Equatable {
    case pooled
    case perArea = "per_area"
}

public struct Intake: Codable, Sendable, Equatable {
    /// Days from admission to a consultant until the first talk.
    public var firstTalkDelay: Distribution
    /// Intake talks of the fixed chain (required without `chain:`, refused with it).
    public var talks: Int?
    public var hoursPerTalk: Distribution
    public var daysBetweenTalks: Distribution
    /// Consultant hours to draft the PIP.
    public var pipHours: Distribution
    /// Consultant hours of financieel ontzorgen per asylum person (first 6 months), spent
    /// right after the intake; 0 when another team does it.
    public var ontzorgenHours: Distribution
    /// Maatschappelijke begeleiding on the consultant's time, when the scenario puts it on
    /// the team (statushouders only, from admission): hours per person per week, for weeks.
    public var mb: MB?
    /// Persons who miss a talk with their consultant: the talk is planned again.
    public var noShows: NoShows?

    enum CodingKeys: String, CodingKey {
        case talks, mb
        case noShows = "no_shows"
        case firstTalkDelay = "first_talk_delay"
        case hoursPerTalk = "hours_per_talk"
        case daysBetweenTalks = "days_between_talks"
        case pipHours = "pip_hours"
        case ontzorgenHours = "ontzorgen_hours"
    }
}

/// Missed appointments (004 L2281-2285, L4391-4395): a person misses a talk or group meeting
/// with their consultant with the stream's probability; the consultant loses `hours_lost`
/// of the talk's hours and plans it again after `reschedule_days`.
public struct NoShows: Codable, Sendable, Equatable {
    public var asylum: Double
    public var family: Double
    public var rescheduleDays: Distribution
    /// Share of the talk's hours the consultant spends on a missed talk (waiting, calling).
    public var hoursLost: Double

    enum CodingKeys: String, CodingKey {
        case asylum, family
        case rescheduleDays = "reschedule_days"
        case hoursLost = "hours_lost"
    }
}

public struct MB: Codable, Sendable, Equatable {
    public var hoursPerWeek: Double
    public var weeks: Double

    enum CodingKeys: String, CodingKey {
        case weeks
        case hoursPerWeek = "hours_per_week"
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
    /// The municipality's own routes per band, where its chapter counts them.
    public var localRoutes: LocalRoutes?

    enum CodingKeys: String, CodingKey {
        case sessions, bands
        case resultDays = "result_days"
        case familyORoute = "family_o_route"
        case localRoutes = "local_routes"
    }
}

/// How one municipality decides the route in each LBT band, and how its persons score: the
/// persons per route that its chapter's DUO table counts (EVAL2024 gives one per case:
/// inburgeraars by LBT result and leerroute). A band's route weights are these counts plus
/// `priorPersons` persons spread as the bands' own table spreads them (in the case files EVAL2024's
/// table 1, of the eight case municipalities pooled), so a
/// band of one person in a small municipality does not decide its routes alone (the mean of a
/// Dirichlet posterior). When every band is counted, the bands' stream shares are tilted to
/// the municipality's scores: each band's share of its persons (with `priorPersons` per band
/// spread as the table) over its share of the table multiplies both streams' shares, each then
/// renormalised (an assumption: the municipality's scores differ from the table's alike in
/// both streams).
public struct LocalRoutes: Codable, Sendable, Equatable {
    public var priorPersons: Double
    public var bands: [LocalBand]

    enum CodingKeys: String, CodingKey {
        case bands
        case priorPersons = "prior_persons"
    }
}

public struct LocalBand: Codable, Sendable, Equatable {
    /// A band's name in `lbt.bands`.
    public var band: String
    /// Persons per route (B1, O, Z).
    public var routes: [String: Double]
}

public struct Sessions: Codable, Sendable, Equatable {
    public var first: String
    public var periodDays: Double
    /// Session days within each period (e.g. [0, 2, 4] for Mon, Wed, Fri).
    public var offsets: [Double]
    public var slots: Int
    /// Places per session from a date on (LBT capacity added late in 2023).
    public var slotsSchedule: [CapacityChange]?

    enum CodingKeys: String, CodingKey {
        case first, offsets, slots
        case periodDays = "period_days"
        case slotsSchedule = "slots_schedule"
    }
}

public struct ScoreBand: Codable, Sendable, Equatable {
    public var name: String
    public var asylum: Double
    public var family: Double
    /// Routes chosen in this band: weights or counts per route (normalised).
    public var routes: [String: Double]
    /// The routes the LBT's result advises in this band ("conform uitslag": Z below 28, B1 or
    /// O from 28 on, 004 L4090-4102, L4122); what Ketenplan indicator 4 compares the PIP's route with.
    public var advice: [String]?
}

public struct SchoolIntake: Codable, Sendable, Equatable {
    /// Share of people (of the streams below) who have an intake or start class at the
    /// school before the PIP.
    public var share: Double
    public var duration: Distribution
    /// Streams it applies to (all when absent).
    public var streams: [Stream]?
    /// When set, the LBT is taken inside the school intake, this many days after its start
    /// (Tilburg: week 4-5 of the start class), instead of after the brede intake.
    public var lbtAfterDays: Distribution?

    enum CodingKeys: String, CodingKey {
        case share, duration, streams
        case lbtAfterDays = "lbt_after_days"
    }
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
    /// Parallel groups from a date on.
    public var groupsSchedule: [CapacityChange]?
    /// Extra groups when the queue warrants it.
    public var extraGroups: ExtraGroups?

    enum CodingKeys: String, CodingKey {
        case name, routes, municipalities, starts, groups
        case groupsSchedule = "groups_schedule"
        case minClass = "min_class"
        case maxClass = "max_class"
        case extraGroups = "extra_groups"
    }
}

/// When at least `whenLeftWaiting` people are left waiting after a start moment, the
/// school opens one extra group for them `lagDays` later (teachers and rooms take time).
public struct ExtraGroups: Codable, Sendable, Equatable {
    public var whenLeftWaiting: Int
    public var lagDays: Double

    enum CodingKeys: String, CodingKey {
        case whenLeftWaiting = "when_left_waiting"
        case lagDays = "lag_days"
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

/// The case after the PIP: it stays on the consultant's caseload until the route ends or
/// the inburgeringstermijn runs out, with voortgangsgesprekken along the way.
public struct Progress: Codable, Sendable, Equatable {
    /// Days after the PIP of the first voortgangsgesprekken (001 L2495: two in 10 months).
    public var talksAfterPIPDays: [Double]
    /// Then a talk every this many days until the case closes.
    public var thenEveryDays: Double
    public var hoursPerTalk: Distribution
    /// Days from the route start to its end, per route (B1, O, Z).
    public var routeDurationDays: [String: Distribution]
    /// The inburgeringstermijn from the PIP (3 years): the case closes then at the latest.
    public var termDays: Double
    /// The consultant's work for an open case between its talks (monitoring the route,
    /// handhaving and reports to DUO, administration …), per task: it is done weekly,
    /// for every case on the caseload from admission to close.
    public var casework: [CaseworkTask]?

    enum CodingKeys: String, CodingKey {
        case casework
        case talksAfterPIPDays = "talks_after_pip_days"
        case thenEveryDays = "then_every_days"
        case hoursPerTalk = "hours_per_talk"
        case routeDurationDays = "route_duration_days"
        case termDays = "term_days"
    }
}

/// One kind of work a consultant does for every open case of their caseload, in hours per
/// case per month.
public struct CaseworkTask: Codable, Sendable, Equatable {
    public var task: String
    public var hoursPerMonth: Double

    public init(task: String, hoursPerMonth: Double) {
        self.task = task
        self.hoursPerMonth = hoursPerMonth
    }

    enum CodingKeys: String, CodingKey {
        case task
        case hoursPerMonth = "hours_per_month"
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

extension Scenario {
    /// Whether every replication of this scenario equals that of `other` with the same seed
    /// and index: the two are equal in all but their name and description, which only label
    /// results (a replication's random streams derive from the seed, the index and each
    /// stream's own name). A comparison then simulates the chain once.
    public func simulatesLike(_ other: Scenario) -> Bool {
        var a = self, b = other
        (a.name, b.name, a.description, b.description) = ("", "", nil, nil)
        return a == b
    }
}
