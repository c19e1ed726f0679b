import ArgumentParser
import Experiments
import Foundation
import InburgeringModel

extension Bench {
    struct Chain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chain",
            abstract: "Speed of the chain model: person-steps per second, parallel speed-up, growth with R and inflow."
        )

        @Argument(help: "Scenario file.") var file = "Scenarios/westfriesland/integratie.yaml"
        @Option(help: "Replications per measurement.") var replications = 200
        @Option(help: "Worker threads for the parallel measurement.") var jobs = ProcessInfo.processInfo.activeProcessorCount
        @Option(help: "Seed.") var seed: UInt64 = 2022
        @Option(parsing: .upToNextOption, help: "Inflow factors for the growth measurement.") var inflowFactors: [Double] = [1, 10, 100, 1000]

        /// Milestones reached by persons: the steps of the chain that were simulated.
        static func personSteps(_ r: ReplicationResult) -> Int {
            r.persons.reduce(0) { n, p in
                n + [p.koppeling, p.registration, p.referral, p.admitted, p.intakeStart, p.intakeDone, p.lbt, p.pip,
                     p.schoolRegistration, p.routeStart].filter { !$0.isNaN }.count
            }
        }

        func run() throws {
            let scenario = try loadScenarios([file])[0].scenario
            let one = ChainModel.replicate(scenario, seed: seed, replication: 0)
            let steps = Self.personSteps(one)
            func time(_ s: Scenario, _ r: Int, _ j: Int) -> Double {
                measure { _ = MonteCarlo.run(s, replications: r, seed: seed, jobs: j) }
            }
            let serial = time(scenario, replications, 1)
            let parallel = time(scenario, replications, jobs)
            print("\(scenario.name): \(one.persons.count) persons, \(steps) person-steps, \(one.events) events per replication")
            print(String(format: "1 job:   %.3f s for %d replications, %.2f ms per replication, %.2f M person-steps/s, %.2f M events/s",
                         serial, replications, serial / Double(replications) * 1e3,
                         Double(steps * replications) / serial / 1e6, Double(one.events * replications) / serial / 1e6))
            print(String(format: "%d jobs:  %.3f s, speed-up %.2f×", jobs, parallel, serial / parallel))
            // Memory: the model of one replication at its peak (a run holds one per job), and what a
            // run keeps of each replication once it is done (its summary, for the result files).
            // The latter is the slope between a run of R/2 and one of R (a run also holds a fixed part: the pooled histograms).
            func runPeak(_ r: Int) -> Int? { peakMemory { withExtendedLifetime(MonteCarlo.run(scenario, replications: r, seed: seed, jobs: 1)) {} } }
            if let model = peakMemory({ _ = ChainModel.replicate(scenario, seed: seed, replication: 0) }),
               let half = runPeak(replications / 2), let whole = runPeak(replications) {
                print(String(format: "memory:  %.1f MB for one replication's model at its peak; a run on 1 job peaks at %.1f MB for %d replications, "
                             + "%.1f MB for %d: %.1f KB kept per replication", Double(model) / 1e6, Double(half) / 1e6, replications / 2,
                             Double(whole) / 1e6, replications, Double(whole - half) / Double(replications - replications / 2) / 1e3))
            }
            print("growth with R (\(jobs) jobs):")
            for r in [replications / 2, replications, replications * 2] {
                let t = time(scenario, r, jobs)
                print(String(format: "  R = %5d   %.3f s   %.3f ms per replication", r, t, t / Double(r) * 1e3))
            }
            // Issue 9: work must stay linear in the inflow (events per second flat from 1× to 1,000×).
            print("growth with inflow (\(jobs) jobs; taakstelling, family migrants, FTE, consultants, LBT places and class groups × k; R = max(2, \(replications) / k)):")
            for k in inflowFactors {
                var s = ChainSizing.scalingCapacity(scenario, by: k)
                s.inflow.taakstelling.regionShare = s.inflow.taakstelling.regionShare.map { min($0 * k, 1) }
                s.inflow.taakstelling.region = s.inflow.taakstelling.region?.map { PeriodFigure(period: $0.period, persons: $0.persons * k) }
                if let share = scenario.inflow.taakstelling.regionShare, share * k > 1 {
                    s.inflow.taakstelling.national = s.inflow.taakstelling.national?.map { PeriodFigure(period: $0.period, persons: $0.persons * share * k) }
                    s.inflow.taakstelling.regionShare = 1
                }
                s.inflow.familyMigrants?.perYear *= k
                let r = max(2, Int(Double(replications) / k))
                var probe: ReplicationResult?
                let peak = peakMemory { probe = ChainModel.replicate(s, seed: seed, replication: 0) }
                let t = time(s, r, jobs), p = probe!
                print(String(format: "  k = %5.0f   %8d persons   %9d events   R = %4d   %7.3f s   %.2f µs per person   %.2f M events/s",
                             k, p.persons.count, p.events, r, t, t / Double(r * p.persons.count) * 1e6, Double(p.events * r) / t / 1e6)
                      + (peak.map { String(format: "   %.1f MB per replication in flight", Double($0) / 1e6) } ?? ""))
            }
        }
    }
}
