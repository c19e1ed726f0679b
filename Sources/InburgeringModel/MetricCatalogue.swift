/// Every metric's base name: a metric is named in code only through this type, so renaming
/// one is a compile error wherever it is written or read. The name in the result files is
/// the raw value; `on(_:)` and `censoredShare` add the suffixes.
public enum Metric: String, CaseIterable, Sendable {
    case koppelingToHousingDays = "koppeling_to_housing_days"
    case intakeWaitDays = "intake_wait_days"
    case housingToIntakeDays = "housing_to_intake_days"
    case housingToLbtDays = "housing_to_lbt_days"
    case housingToPipDays = "housing_to_pip_days"
    case koppelingToPipDays = "koppeling_to_pip_days"
    case pipToRouteStartDays = "pip_to_route_start_days"
    case obligationToPipDays = "obligation_to_pip_days"
    case admissionToCaseCloseDays = "admission_to_case_close_days"
    case admissionToStepDays = "admission_to_step_days"
    case pipWithinTermShare = "pip_within_term_share"
    case pipsPerYear = "pips_per_year"
    case routeStartsPerYear = "route_starts_per_year"
    case registrationsPerYear = "registrations_per_year"
    case vroegeStartShare = "vroege_start_share"
    case pipRouteAsAdvisedShare = "pip_route_as_advised_share"
    case obligated = "obligated"
    case withPip = "with_pip"
    case pipCoverage = "pip_coverage"
    case azcShare = "azc_share"
    case housedWithinTermNoPipShare = "housed_within_term_no_pip_share"
    case pastTermNoPipShare = "past_term_no_pip_share"
    case pipRouteB1Share = "pip_route_B1_share"
    case pipRouteOShare = "pip_route_O_share"
    case pipRouteZShare = "pip_route_Z_share"
    case consultantUtilisation = "consultant_utilisation"
    case meanCaseload = "mean_caseload"
    case meanCaseloadPerFte = "mean_caseload_per_fte"
    case hoursPerCaseYear = "hours_per_case_year"
    case caseloadAtFullUtilisation = "caseload_at_full_utilisation"
    case lbtSlotUse = "lbt_slot_use"
    case classFillRate = "class_fill_rate"
    case cancelledStarts = "cancelled_starts"
    case extraGroupsOpened = "extra_groups_opened"
    case fteCostPerYear = "fte_cost_per_year"
    case routeCostPerYear = "route_cost_per_year"
    case costPerPip = "cost_per_pip"
    case caseloadPerFte = "caseload_per_fte"
    case waitingForConsultant = "waiting_for_consultant"
    case admissionsRequested = "admissions_requested"
    case hoursAskedPerHoursAvailable = "hours_asked_per_hours_available"
    case hoursDonePerHoursAvailable = "hours_done_per_hours_available"
    case fteOfWorkAsked = "fte_of_work_asked"
    case lbtBookedPerPlaces = "lbt_booked_per_places"
    case registrationsPerPlaces = "registrations_per_places"

    /// The name with a date or half-year suffix (`pip_coverage@2023-12-08`, `…@2023-I`).
    public func on(_ label: String) -> String { "\(rawValue)@\(label)" }
    /// A lead time's share still waiting at the horizon (`…_censored_share`).
    public var censoredShare: String { rawValue + "_censored_share" }
    /// A share between 0 and 1 (not a count, days or money).
    public var isShare: Bool {
        switch self {
        case .pipWithinTermShare, .vroegeStartShare, .pipRouteAsAdvisedShare, .pipCoverage, .azcShare, .housedWithinTermNoPipShare,
             .pastTermNoPipShare, .pipRouteB1Share, .pipRouteOShare, .pipRouteZShare, .consultantUtilisation, .lbtSlotUse, .classFillRate:
            true
        default: false
        }
    }
    /// The name of a figure per chain step (`admission_to_step_days:lbt`).
    public func of(step: String) -> String { "\(rawValue):\(step)" }
}

/// Every figure a replication reports, by name, with what it means: the one place where
/// metric names live. `ReplicationResult.metrics()` emits only names listed here (a test
/// checks it); the runner's headline, the comparison table and the README read them from
/// here. A name may carry a suffix: `_censored_share` (lead times), `@YYYY-MM-DD` (coverage
/// and pool snapshots on a date) or `@YYYY-I` (demand per half-year).
public enum MetricCatalogue {
    public struct Entry: Sendable {
        public let metric: Metric
        public let meaning: String
        public var name: String { metric.rawValue }
        init(_ metric: Metric, meaning: String) { self.metric = metric; self.meaning = meaning }
    }

    /// Lead times (days between two milestones; mean over those who reached both; P10/P50/P90
    /// of the Kaplan–Meier estimate with persons still waiting at the horizon censored).
    public static var leadTimes: [Entry] {
        ReplicationResult.leadTimes.map { Entry($0.metric, meaning: leadMeaning[$0.metric] ?? "") }
    }

    static let leadMeaning: [Metric: String] = [
        .koppelingToHousingDays: "koppeling → key of the house (BRP): the wait in the AZC",
        .intakeWaitDays: "referral → a consultant with a free caseload place (the intake waiting list)",
        .housingToIntakeDays: "BRP registration → first intake talk",
        .housingToLbtDays: "BRP registration → LBT result",
        .housingToPipDays: "BRP registration → PIP fixed (the legal term is 70 days)",
        .koppelingToPipDays: "koppeling → PIP fixed",
        .pipToRouteStartDays: "PIP → start of the route (Ketenplan indicator 5 for stream:asylum, 002 L569-581)",
        .obligationToPipDays: "start of the obligation (DUO) → PIP (Ketenplan indicator 3, 002 L531-543)",
        .admissionToCaseCloseDays: "admission to a caseload → the case closes (route ended or 3-year term out)",
    ]

    /// Admission → each step of the scenario's chain (`admission_to_step_days:<step>`, one
    /// figure per step; a step that does not apply to a person is not waited for).
    public static let stepLeadTime = Entry(.admissionToStepDays, meaning: "admission to a caseload → the chain step named after the colon is done (one figure per step of the scenario's chain)")

    /// Figures per group (all, municipality, stream).
    public static let perGroup: [Entry] = [
        Entry(.pipWithinTermShare, meaning: "share of PIPs fixed within the legal term, of those whose term ended in the horizon"),
        Entry(.pipsPerYear, meaning: "PIPs fixed per year"),
        Entry(.routeStartsPerYear, meaning: "routes started per year"),
        Entry(.registrationsPerYear, meaning: "BRP registrations (housing, arrival) per year"),
        Entry(.vroegeStartShare, meaning: "koppeled statushouders whose intake started in the AZC (Ketenplan indicator 2, 002 L516-529)"),
        Entry(.pipRouteAsAdvisedShare, meaning: "PIPs whose leerroute is one the LBT advises in the person's score band (Ketenplan indicator 4, 002 L545-554), of the PIPs fixed in the horizon whose band gives an advice"),
    ]

    /// Coverage on a date, counted the way DUO counts (`name@YYYY-MM-DD`, per group).
    public static let coverage: [Entry] = [
        Entry(.obligated, meaning: "persons whose obligation had started (DUO's 'totaal inburgeringsplichtig')"),
        Entry(.withPip, meaning: "of them, persons with a PIP ('waarvan met PIP')"),
        Entry(.pipCoverage, meaning: "with_pip / obligated"),
        Entry(.azcShare, meaning: "share of the obligated without a PIP and not yet housed"),
        Entry(.housedWithinTermNoPipShare, meaning: "share housed, within the 10-week term, no PIP yet"),
        Entry(.pastTermNoPipShare, meaning: "share past the 10-week term without a PIP"),
        Entry(.pipRouteB1Share, meaning: "B1-route share among those with a PIP"),
        Entry(.pipRouteOShare, meaning: "onderwijsroute share among those with a PIP"),
        Entry(.pipRouteZShare, meaning: "Z-route share among those with a PIP"),
    ]

    /// Resources and cost (group "all", and per pool where marked).
    public static let resources: [Entry] = [
        Entry(.consultantUtilisation, meaning: "share of the consultants' time on tasks (also per pool)"),
        Entry(.meanCaseload, meaning: "time-average open cases per consultant (also per pool)"),
        Entry(.meanCaseloadPerFte, meaning: "time-average open cases per FTE, old-law and Participatiewet included (per pool)"),
        Entry(.hoursPerCaseYear, meaning: "consultant hours a Wi2021 case asks per year on the caseload: its chain's tasks, progress talks, casework and MB over the time-average open Wi2021 cases (per pool)"),
        Entry(.caseloadAtFullUtilisation, meaning: "Wi2021 cases one FTE could carry at full utilisation: productive hours per FTE-year / hours_per_case_year (per pool)"),
        Entry(.lbtSlotUse, meaning: "LBT places booked / offered"),
        Entry(.classFillRate, meaning: "mean group size / maximum class size"),
        Entry(.cancelledStarts, meaning: "start moments that did not run although people waited (below min_class)"),
        Entry(.extraGroupsOpened, meaning: "extra groups opened by the schools' extra_groups rule"),
        Entry(.fteCostPerYear, meaning: "consultant FTE × cost per FTE"),
        Entry(.routeCostPerYear, meaning: "route prices of municipal routes started, per year"),
        Entry(.costPerPip, meaning: "consultant cost over the horizon / PIPs fixed"),
    ]

    /// Pool snapshots on a coverage date (`name@YYYY-MM-DD`, group `pool:NAME`).
    public static let poolSnapshots: [Entry] = [
        Entry(.caseloadPerFte, meaning: "open cases per FTE on the date"),
        Entry(.waitingForConsultant, meaning: "cases waiting for a caseload place on the date"),
    ]

    /// Demand against capacity per half-year (`name@YYYY-I`; groups `pool:`, `lbt`, `school:`, and `all` for the FTE of work).
    public static let demand: [Entry] = [
        Entry(.admissionsRequested, meaning: "cases asking for a consultant"),
        Entry(.hoursAskedPerHoursAvailable, meaning: "work submitted to a pool / its productive hours"),
        Entry(.hoursDonePerHoursAvailable, meaning: "work done by a pool / its productive hours (utilisation per half-year)"),
        Entry(.fteOfWorkAsked, meaning: "work submitted to a pool in the half-year / one FTE's productive hours in it: the FTE the work would fill at full utilisation (per pool, and summed over pools as group all): the path a planner hires along"),
        Entry(.lbtBookedPerPlaces, meaning: "LBT places booked / offered"),
        Entry(.registrationsPerPlaces, meaning: "school registrations / places at the start moments held"),
    ]

    /// All entries.
    public static var all: [Entry] { leadTimes + [stepLeadTime] + perGroup + coverage + resources + poolSnapshots + demand }

    /// The catalogued name of a result name: without its date or half-year (`@…`) and chain
    /// step (`:…`) suffixes.
    static func base(_ name: String) -> String {
        let undated = name.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first ?? Substring(name)
        return String(undated.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? undated)
    }

    /// Whether `name` (with its suffix) is a catalogued metric.
    public static func knows(_ name: String) -> Bool {
        var base = base(name)
        if base.hasSuffix("_censored_share") { base.removeLast("_censored_share".count) }
        return all.contains { $0.name == base }
    }

    /// The name of the share of a lead time still waiting at the horizon: `…_censored_share`,
    /// before a chain step's `:<step>`.
    public static func censoredShare(of name: String) -> String {
        guard let colon = name.firstIndex(of: ":") else { return name + "_censored_share" }
        return name[..<colon] + "_censored_share" + name[colon...]
    }

    /// Whether `name` is a lead time (fixed, or per chain step): a distribution over persons,
    /// with P10/P50/P90 from its pooled Kaplan–Meier histogram.
    public static func isLeadTime(_ name: String) -> Bool {
        guard let metric = Metric(rawValue: base(name)) else { return false }
        return metric == .admissionToStepDays ? name.contains(":") : ReplicationResult.leadTimes.contains { $0.metric == metric }
    }

    /// The figures `run --precision` watches and `compare` puts in its table.
    public static let headline = [Metric.housingToPipDays, Metric.koppelingToPipDays, Metric.pipWithinTermShare, Metric.pipsPerYear, Metric.routeStartsPerYear].map(\.rawValue)
    public static let comparisonTable = [Metric.koppelingToHousingDays, Metric.intakeWaitDays, Metric.housingToIntakeDays, Metric.housingToPipDays, Metric.koppelingToPipDays, Metric.pipToRouteStartDays, Metric.pipWithinTermShare, Metric.pipsPerYear, Metric.routeStartsPerYear, Metric.consultantUtilisation, Metric.meanCaseload, Metric.lbtSlotUse, Metric.classFillRate, Metric.fteCostPerYear, Metric.costPerPip].map(\.rawValue)
}

/// Which way a figure is better, for ranking scenarios.
public enum Better: String, Sendable, Codable { case higher, lower }

extension Metric {
    /// Which way this figure is better; nil where neither way is (utilisation, caseloads,
    /// counts of people and demand ratios: a busy team is not better or worse in itself).
    public var better: Better? {
        switch self {
        case .pipWithinTermShare, .pipsPerYear, .routeStartsPerYear, .vroegeStartShare, .withPip, .pipCoverage, .pipRouteAsAdvisedShare: return .higher
        case .koppelingToHousingDays, .intakeWaitDays, .housingToIntakeDays, .admissionToStepDays, .housingToLbtDays, .housingToPipDays, .koppelingToPipDays,
             .pipToRouteStartDays, .obligationToPipDays, .pastTermNoPipShare, .cancelledStarts, .fteCostPerYear, .routeCostPerYear,
             .costPerPip, .waitingForConsultant: return .lower
        default: return nil
        }
    }

    /// The metric a result name (`pip_coverage@2023-12-08`) is a figure of; nil for an unknown
    /// name or a lead time's censored share.
    public init?(resultName name: String) {
        self.init(rawValue: MetricCatalogue.base(name))
    }
}
