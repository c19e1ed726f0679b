import InburgeringModel

/// Estimates of a scenario's size before it runs (persons and events per replication,
/// memory), and the budget a run must stay within unless `--force`.
public enum Budget {
    public static let maxReplications = 100_000
    /// Persons per replication above which a run needs --force (memory ~ 200 B per person
    /// and thread, time ~ 3 µs per person and replication).
    public static let persons = 2_000_000.0
    /// Bytes of leadtimes.csv above which a run needs --force.
    public static let leadtimesBytes = 2e9
    /// Bytes of metrics.csv above which a run needs --force, and a row's size.
    public static let metricsBytes = 2e9
    static let metricsRowBytes = 45.0
    /// Person-replications above which a run needs --force (~1 hour on 2 cores).
    public static let work = 2.4e9

    /// nil when within budget, else what exceeds it, in words.
    public static func excess(_ s: Scenario, replications: Int, keepPersons: Int) -> String? {
        let persons = ScenarioLimits.estimatedPersons(s)
        if persons > Self.persons {
            return String(format: "about %.2g persons per replication (budget %.0g)", persons, Self.persons)
        }
        let csv = persons * Double(min(keepPersons, replications)) * 250
        if csv > leadtimesBytes {
            return String(format: "leadtimes.csv of about %.1f GB (budget %.0f GB; lower --keep-persons)", csv / 1e9, leadtimesBytes / 1e9)
        }
        if replications >= 1_000 {
            // metrics.csv has a row per replication × metric × group: count them in one
            // replication (a few milliseconds beside a thousand).
            let rows = Double(ChainModel.replicate(s, seed: 1, replication: 0).metrics().count)
            let bytes = rows * Double(replications) * metricsRowBytes
            if bytes > metricsBytes {
                return String(format: "metrics.csv of about %.1f GB (budget %.0f GB; fewer replications)", bytes / 1e9, metricsBytes / 1e9)
            }
        }
        let work = persons * Double(replications)
        if work > Self.work {
            return String(format: "about %.2g person-replications, roughly %.0f minutes on 2 cores (budget %.2g)", work, work * 3e-6 / 2 / 60, Self.work)
        }
        return nil
    }
}
