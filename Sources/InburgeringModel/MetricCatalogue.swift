/// Every figure a replication reports, by name, with what it means: the one place where
/// metric names live. `ReplicationResult.metrics()` emits only names listed here (a test
/// checks it); the runner's headline, the comparison table and the README read them from
/// here. A name may carry a suffix: `_censored_share` (lead times), `@YYYY-MM-DD` (coverage
/// and pool snapshots on a date) or `@YYYY-I` (demand per half-year).
public enum MetricCatalogue {
    public struct Entry: Sendable {
        public let name: String
        public let meaning: String
    }

    /// Lead times (days between two milestones; mean over those who reached both; P10/P50/P90
    /// of the Kaplan–Meier estimate with persons still waiting at the horizon censored).
    public static var leadTimes: [Entry] {
        ReplicationResult.leadTimes.map { Entry(name: $0.name, meaning: leadMeaning[$0.name] ?? "") }
    }

    static let leadMeaning: [String: String] = [
        "koppeling_to_housing_days": "koppeling → key of the house (BRP): the wait in the AZC",
        "intake_wait_days": "referral → a consultant with a free caseload place (the intake waiting list)",
        "housing_to_intake_days": "BRP registration → first intake talk",
        "housing_to_lbt_days": "BRP registration → LBT result",
        "housing_to_pip_days": "BRP registration → PIP fixed (the legal term is 70 days)",
        "koppeling_to_pip_days": "koppeling → PIP fixed",
        "pip_to_route_start_days": "PIP → start of the route (Ketenplan indicator 5 for stream:asylum, 002 L569-581)",
        "obligation_to_pip_days": "start of the obligation (DUO) → PIP (Ketenplan indicator 3, 002 L531-543)",
        "admission_to_case_close_days": "admission to a caseload → the case closes (route ended or 3-year term out)",
    ]

    /// Figures per group (all, municipality, stream).
    public static let perGroup: [Entry] = [
        Entry(name: "pip_within_term_share", meaning: "share of PIPs fixed within the legal term, of those whose term ended in the horizon"),
        Entry(name: "pips_per_year", meaning: "PIPs fixed per year"),
        Entry(name: "route_starts_per_year", meaning: "routes started per year"),
        Entry(name: "registrations_per_year", meaning: "BRP registrations (housing, arrival) per year"),
        Entry(name: "vroege_start_share", meaning: "koppeled statushouders whose intake started in the AZC (Ketenplan indicator 2, 002 L516-529)"),
    ]

    /// Coverage on a date, counted the way DUO counts (`name@YYYY-MM-DD`, per group).
    public static let coverage: [Entry] = [
        Entry(name: "obligated", meaning: "persons whose obligation had started (DUO's 'totaal inburgeringsplichtig')"),
        Entry(name: "with_pip", meaning: "of them, persons with a PIP ('waarvan met PIP')"),
        Entry(name: "pip_coverage", meaning: "with_pip / obligated"),
        Entry(name: "azc_share", meaning: "share of the obligated without a PIP and not yet housed"),
        Entry(name: "housed_within_term_no_pip_share", meaning: "share housed, within the 10-week term, no PIP yet"),
        Entry(name: "past_term_no_pip_share", meaning: "share past the 10-week term without a PIP"),
        Entry(name: "pip_route_B1_share", meaning: "B1-route share among those with a PIP"),
        Entry(name: "pip_route_O_share", meaning: "onderwijsroute share among those with a PIP"),
        Entry(name: "pip_route_Z_share", meaning: "Z-route share among those with a PIP"),
    ]

    /// Resources and cost (group "all", and per pool where marked).
    public static let resources: [Entry] = [
        Entry(name: "consultant_utilisation", meaning: "share of the consultants' time on tasks (also per pool)"),
        Entry(name: "mean_caseload", meaning: "time-average open cases per consultant (also per pool)"),
        Entry(name: "mean_caseload_per_fte", meaning: "time-average open cases per FTE, old-law and Participatiewet included (per pool)"),
        Entry(name: "lbt_slot_use", meaning: "LBT places booked / offered"),
        Entry(name: "class_fill_rate", meaning: "mean group size / maximum class size"),
        Entry(name: "cancelled_starts", meaning: "start moments that did not run although people waited (below min_class)"),
        Entry(name: "extra_groups_opened", meaning: "extra groups opened by the schools' extra_groups rule"),
        Entry(name: "fte_cost_per_year", meaning: "consultant FTE × cost per FTE"),
        Entry(name: "route_cost_per_year", meaning: "route prices of municipal routes started, per year"),
        Entry(name: "cost_per_pip", meaning: "consultant cost over the horizon / PIPs fixed"),
    ]

    /// Pool snapshots on a coverage date (`name@YYYY-MM-DD`, group `pool:NAME`).
    public static let poolSnapshots: [Entry] = [
        Entry(name: "caseload_per_fte", meaning: "open cases per FTE on the date"),
        Entry(name: "waiting_for_consultant", meaning: "cases waiting for a caseload place on the date"),
    ]

    /// Demand against capacity per half-year (`name@YYYY-I`; groups `pool:`, `lbt`, `school:`).
    public static let demand: [Entry] = [
        Entry(name: "admissions_requested", meaning: "cases asking for a consultant"),
        Entry(name: "hours_asked_per_hours_available", meaning: "work submitted to a pool / its productive hours"),
        Entry(name: "hours_done_per_hours_available", meaning: "work done by a pool / its productive hours (utilisation per half-year)"),
        Entry(name: "lbt_booked_per_places", meaning: "LBT places booked / offered"),
        Entry(name: "registrations_per_places", meaning: "school registrations / places at the start moments held"),
    ]

    /// All entries.
    public static var all: [Entry] { leadTimes + perGroup + coverage + resources + poolSnapshots + demand }

    /// Whether `name` (with its suffix) is a catalogued metric.
    public static func knows(_ name: String) -> Bool {
        var base = name.split(separator: "@").first.map(String.init) ?? name
        if base.hasSuffix("_censored_share") { base.removeLast("_censored_share".count) }
        return all.contains { $0.name == base }
    }

    /// The figures `run --precision` watches and `compare` puts in its table.
    public static let headline = ["housing_to_pip_days", "koppeling_to_pip_days", "pip_within_term_share",
                                  "pips_per_year", "route_starts_per_year"]
    public static let comparisonTable = [
        "koppeling_to_housing_days", "intake_wait_days", "housing_to_intake_days", "housing_to_pip_days",
        "koppeling_to_pip_days", "pip_to_route_start_days", "pip_within_term_share", "pips_per_year",
        "route_starts_per_year", "consultant_utilisation", "mean_caseload", "lbt_slot_use", "class_fill_rate",
        "fte_cost_per_year", "cost_per_pip",
    ]
}
