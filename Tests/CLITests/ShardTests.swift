import Foundation
import ResultFiles
import Testing

extension CLITests {
    /// The files a run or comparison writes that must not depend on how it was run (the
    /// manifest says when, where and how long, so it differs).
    func resultFiles(_ dir: String) throws -> [String: Data] {
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".csv") || ($0.hasSuffix(".json") && $0 != "manifest.json") }
        return Dictionary(uniqueKeysWithValues: try names.map { ($0, try Data(contentsOf: URL(fileURLWithPath: dir + "/" + $0))) })
    }

    @Test func shardsMergedAreTheWholeRunByteForByte() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scenario = "Scenarios/cases/tholen.yaml", common = ["-r", "7", "--seed", "11", "--keep-persons", "3", "--quiet"]
        #expect(try run(["run", scenario] + common + ["--out", dir + "/whole"]).status == 0)
        let whole = try resultFiles(dir + "/whole")
        #expect(whole.keys.sorted() == ["leadtimes.csv", "metrics.csv", "summary.json", "timeseries.csv"])
        for n in [1, 2, 3, 7] {
            var folders: [String] = []
            // Shards in reverse order, to show the order of running does not matter.
            for i in (1...n).reversed() {
                let r = try run(["run", scenario] + common + ["--shard", "\(i)/\(n)", "--out", dir + "/\(n)/s\(i)"])
                #expect(r.status == 0, "\(r.stderr)")
                folders.append(dir + "/\(n)/s\(i)")
            }
            let m = try run(["merge"] + folders + ["--out", dir + "/\(n)/merged"])
            #expect(m.status == 0, "\(m.stderr)")
            #expect(try resultFiles(dir + "/\(n)/merged") == whole, "n = \(n)")
            let manifest = try read(ManifestFile.self, dir + "/\(n)/merged/manifest.json")
            #expect(manifest.experiment.shards == n && manifest.experiment.replications == 7)
        }
        // A rerun of a complete shard is skipped: nothing is run and no second folder made.
        let before = try FileManager.default.attributesOfItem(atPath: dir + "/2/s1/shard.json")[.modificationDate] as? Date
        let again = try run(["run", scenario] + common + ["--shard", "1/2", "--out", dir + "/2/s1"])
        #expect(again.status == 0 && again.stdout.contains("shard 1/2: already complete"))
        #expect(try FileManager.default.attributesOfItem(atPath: dir + "/2/s1/shard.json")[.modificationDate] as? Date == before)
        #expect(!FileManager.default.fileExists(atPath: dir + "/2/s1-2"))
        // What does not make the whole run is refused, naming what is wrong.
        let missing = try run(["merge", dir + "/3/s1", dir + "/3/s3", "--out", dir + "/bad"])
        #expect(missing.status == 1 && missing.stderr.contains("shard 2/3 missing"))
        let twice = try run(["merge", dir + "/2/s1", dir + "/2/s1", dir + "/2/s2", "--out", dir + "/bad"])
        #expect(twice.status == 1 && twice.stderr.contains("shard 1/2 given twice"))
        #expect(try run(["run", scenario, "-r", "7", "--seed", "12", "--keep-persons", "3", "--quiet", "--shard", "2/2", "--out", dir + "/other"]).status == 0)
        let other = try run(["merge", dir + "/2/s1", dir + "/other", "--out", dir + "/bad"])
        #expect(other.status == 1 && other.stderr.contains("a shard of another run"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad"))
        // A damaged shard file is refused, naming it and what does not fit, never a trap.
        for (from, to, message) in [("\"municipality\":0,", "\"municipality\":99,", "replication 0 has a person of municipality 99 of 1"),
                                    ("\"legalTermDays\":70", "\"legalTermDays\":71", "scenario 1 is not the one of"),
                                    ("\"replications\":7", "\"replications\":8", "a shard of another run")] {
            try? FileManager.default.removeItem(atPath: dir + "/damaged")
            try FileManager.default.copyItem(atPath: dir + "/2/s1", toPath: dir + "/damaged")
            let text = try String(contentsOfFile: dir + "/damaged/shard.json", encoding: .utf8)
            #expect(text.contains(from), "\(from)")
            try text.replacingOccurrences(of: from, with: to).write(toFile: dir + "/damaged/shard.json", atomically: true, encoding: .utf8)
            let r = try run(["merge", dir + "/damaged", dir + "/2/s2", "--out", dir + "/bad"])
            #expect(r.status == 1 && r.stderr.contains(message), "\(r.stderr)")
        }
        let tooMany = try run(["run", scenario, "-r", "3", "--quiet", "--shard", "1/4", "--out", dir + "/bad"])
        #expect(tooMany.status == 1 && tooMany.stderr.contains("3 replications cannot make 4 shards"))
        for bad in ["0/3", "4/3", "1/0", "a/b", "2"] {
            let r = try run(["run", scenario, "--shard", bad])
            #expect(r.status != 0 && r.stderr.contains("--shard must be i/n"), "\(bad)")
        }
    }

    /// Synthese takes integratie's replications (the same chain), in the shards as in the whole.
    @Test func comparisonShardsMergeToTheWholeComparison() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["compare", "Scenarios/westfriesland/opplus.yaml", "Scenarios/westfriesland/uitbesteding.yaml",
                    "Scenarios/westfriesland/integratie.yaml", "Scenarios/westfriesland/synthese.yaml",
                    "--baseline", "Westfriesland uitbesteding", "-r", "5", "--keep-persons", "2", "--quiet"]
        #expect(try run(args + ["--out", dir + "/whole"]).status == 0)
        for i in 1...2 { #expect(try run(args + ["--shard", "\(i)/2", "--out", dir + "/s\(i)"]).status == 0) }
        let m = try run(["merge", dir + "/s2", dir + "/s1", "--out", dir + "/merged"])
        #expect(m.status == 0 && m.stdout.contains("(baseline)"), "\(m.stderr)")
        let whole = try resultFiles(dir + "/whole")
        #expect(whole.count == 18 && whole.keys.contains("comparison.json"))
        #expect(whole["westfriesland-synthese-metrics.csv"] == whole["westfriesland-integratie-metrics.csv"])
        #expect(try resultFiles(dir + "/merged") == whole)
    }

    @Test func robustComparisonShardsMergeToTheWholeComparison() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let args = ["compare", "Scenarios/westfriesland/opplus.yaml", "Scenarios/westfriesland/uitbesteding.yaml", "-r", "7", "--keep-persons", "1",
                    "--robust", "3", "--robust-replications", "2", "--robust-assumptions", "0", "--quiet"]
        #expect(try run(args + ["--out", dir + "/whole"]).status == 0)
        let whole = try resultFiles(dir + "/whole")
        #expect(whole.count == 12 && whole.keys.contains("robustness.json") && whole.keys.contains("robustness.csv"))
        #expect(try read(RobustnessFile.self, dir + "/whole/robustness.json").samples == 3)
        // n = 7: four of the shards hold no draw.
        for n in [1, 2, 3, 7] {
            let folders = (1...n).map { dir + "/\(n)/s\($0)" }
            for (i, f) in folders.enumerated() { #expect(try run(args + ["--shard", "\(i + 1)/\(n)", "--out", f]).status == 0) }
            let m = try run(["merge"] + folders.reversed() + ["--out", dir + "/\(n)/merged"])
            #expect(m.status == 0 && m.stdout.contains("How sure the ranking is: 3 draws"), "\(m.stderr)")
            #expect(try resultFiles(dir + "/\(n)/merged") == whole, "n = \(n)")
        }
        // A shard without the draws, or with other draws, is of another run.
        #expect(try run(args.dropLast(7) + ["--quiet", "--shard", "2/2", "--out", dir + "/plain"]).status == 0)
        let plain = try run(["merge", dir + "/2/s1", dir + "/plain", "--out", dir + "/bad"])
        #expect(plain.status == 1 && plain.stderr.contains("a shard of another run"), "\(plain.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad"))
    }

    @Test func sizingShardsMergeToTheWholeSizing() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let wf = FileManager.default.currentDirectoryPath + "/Scenarios/westfriesland/"
        let spec = dir + "/spec.yaml"
        try """
            scenarios: [\(wf)opplus.yaml, \(wf)integratie.yaml, \(wf)uitbesteding.yaml]
            replications: { initial: 4, batch: 4, max: 8 }
            variables: [{ fte: each, min: 6, max: 16, step: 2, price_per_year: 80000 }]
            service_levels: [{ metric: housing_to_intake_days, group: "stream:asylum", statistic: p90, at_most: 70, confidence: 0.9 }]
            """.write(toFile: spec, atomically: true, encoding: .utf8)
        let w = try run(["size", spec, "--quiet", "--out", dir + "/whole"])
        #expect(w.status == 0, "\(w.stderr)")
        /// sizing.json without the wall time each scenario took (which no two runs share).
        func sizing(_ folder: String) throws -> SizingFile {
            var file = try read(SizingFile.self, folder + "/sizing.json")
            for i in file.scenarios.indices { file.scenarios[i].wallSeconds = 0 }
            return file
        }
        let whole = try sizing(dir + "/whole"), csv = try Data(contentsOf: URL(fileURLWithPath: dir + "/whole/sizing.csv"))
        #expect(whole.scenarios.count == 3)
        for n in [1, 2, 3] {
            let folders = (1...n).map { dir + "/\(n)/s\($0)" }
            for (i, f) in folders.enumerated().reversed() { #expect(try run(["size", spec, "--quiet", "--shard", "\(i + 1)/\(n)", "--out", f]).status == 0) }
            let m = try run(["merge"] + folders + ["--out", dir + "/\(n)/merged"])
            #expect(m.status == 0 && m.stdout.contains("\(n) shards of a sizing merged") && m.stdout.contains("Westfriesland uitbesteding"), "\(m.stderr)")
            #expect(try sizing(dir + "/\(n)/merged") == whole, "n = \(n)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/\(n)/merged/sizing.csv")) == csv, "n = \(n)")
        }
        #expect(try run(["size", spec, "--quiet", "--shard", "1/2", "--out", dir + "/2/s1"]).stdout.contains("shard 1/2: already complete"))
        let tooMany = try run(["size", spec, "--quiet", "--shard", "1/4", "--out", dir + "/bad"])
        #expect(tooMany.status == 1 && tooMany.stderr.contains("3 scenario(s) cannot make 4 shards"))
        let missing = try run(["merge", dir + "/3/s1", dir + "/3/s3", "--out", dir + "/bad"])
        #expect(missing.status == 1 && missing.stderr.contains("shard 2/3 missing"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad"))
    }

    @Test func sensitivityShardsMergeToTheWholeRun() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // 16 inputs: a tornado of 33 scenarios × 5 replications, and 4 × 18 Sobol points.
        let args = ["sensitivity", "Scenarios/cases/tholen.yaml", "-r", "5", "--sobol", "4", "--sobol-replications", "1", "--seed", "3", "--quiet"]
        let w = try run(args + ["--out", dir + "/whole"])
        #expect(w.status == 0, "\(w.stderr)")
        let whole = try resultFiles(dir + "/whole")
        #expect(whole.keys.sorted() == ["sensitivity.csv", "sensitivity.json"])
        let file = try read(SensitivityFile.self, dir + "/whole/sensitivity.json")
        #expect(file.modelRuns == 33 * 5 && file.sobolPoints == 72 && file.sobol?.count == 16 * 4)
        // n = 7 > 5 replications: the first shard holds Sobol points only.
        for n in [1, 2, 3, 7] {
            var folders: [String] = []
            for i in (1...n).reversed() {
                let r = try run(args + ["--shard", "\(i)/\(n)", "--out", dir + "/\(n)/s\(i)"])
                #expect(r.status == 0, "\(r.stderr)")
                folders.append(dir + "/\(n)/s\(i)")
            }
            let m = try run(["merge"] + folders + ["--out", dir + "/\(n)/merged"])
            #expect(m.status == 0 && m.stdout.contains("\(n) shards of a sensitivity run merged"), "\(m.stderr)")
            #expect(try resultFiles(dir + "/\(n)/merged") == whole, "n = \(n)")
            #expect(try read(ManifestFile.self, dir + "/\(n)/merged/manifest.json").experiment.shards == n)
        }
        let again = try run(args + ["--shard", "2/3", "--out", dir + "/3/s2"])
        #expect(again.status == 0 && again.stdout.contains("shard 2/3: already complete"))
        // Shards of another run, of another command, or damaged, are refused by name.
        #expect(try run(args.map { $0 == "3" ? "4" : $0 } + ["--shard", "2/2", "--out", dir + "/seed4"]).status == 0)
        let other = try run(["merge", dir + "/2/s1", dir + "/seed4", "--out", dir + "/bad"])
        #expect(other.status == 1 && other.stderr.contains("a shard of another sensitivity run"), "\(other.stderr)")
        #expect(try run(["run", "Scenarios/cases/tholen.yaml", "-r", "2", "--quiet", "--shard", "2/2", "--out", dir + "/runshard"]).status == 0)
        let mixed = try run(["merge", dir + "/2/s1", dir + "/runshard", "--out", dir + "/bad"])
        #expect(mixed.status == 1 && mixed.stderr.contains("a shard of another command"), "\(mixed.stderr)")
        try FileManager.default.copyItem(atPath: dir + "/2/s1", toPath: dir + "/damaged")
        let text = try String(contentsOfFile: dir + "/damaged/shard.json", encoding: .utf8)
        try text.replacingOccurrences(of: "\"sobol\":[[", with: "\"sobol\":[[1],[").write(toFile: dir + "/damaged/shard.json", atomically: true, encoding: .utf8)
        let damaged = try run(["merge", dir + "/damaged", dir + "/2/s2", "--out", dir + "/bad"])
        #expect(damaged.status == 1 && damaged.stderr.contains("damaged/shard.json: expected 2 replications of 33 tornado scenarios and 36 Sobol points"),
                "\(damaged.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/bad"))
    }

    @Test func slurmWritesAnArrayAndADependentMerge() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try run(["slurm", "--shards", "4", "--partition", "short", "--time", "00:30:00", "--mem", "2G", "--out", dir,
                         "--", "compare", "Scenarios/westfriesland/opplus.yaml", "my scenario's.yaml", "-r", "100"])
        #expect(r.status == 0, "\(r.stderr)")
        let array = try String(contentsOfFile: dir + "/array.sbatch", encoding: .utf8)
        #expect(array.contains("#SBATCH --array=1-4\n") && array.contains("#SBATCH --partition=short\n") && array.contains("#SBATCH --time=00:30:00\n")
                && array.contains("#SBATCH --mem=2G\n"))
        // Each task is shard $SLURM_ARRAY_TASK_ID of 4 into its own folder; odd names are quoted.
        #expect(array.contains(" compare Scenarios/westfriesland/opplus.yaml 'my scenario'\\''s.yaml' -r 100 --shard \"$SLURM_ARRAY_TASK_ID/4\" --out \(dir)/shard-\"$SLURM_ARRAY_TASK_ID\""))
        let merge = try String(contentsOfFile: dir + "/merge.sbatch", encoding: .utf8)
        #expect(merge.contains("$(seq 1 4)") && merge.contains(" merge \"${shards[@]}\" --out \(dir)/merged"))
        let submit = try String(contentsOfFile: dir + "/submit.sh", encoding: .utf8)
        #expect(submit.contains("--dependency=afterok:") && submit.contains("/array.sbatch") && submit.contains("/merge.sbatch"))
        for (args, message) in [(["--", "run", "x.yaml", "--shard", "1/2"], "the job scripts set --shard"), (["--", "mca", "x.yaml"], "run, compare, sensitivity, size or calibrate"),
                                (["--", "run", "x.yaml", "--out", "y"], "the job scripts set --shard, --out")] {
            let bad = try run(["slurm", "--shards", "2", "--out", dir + "/bad"] + args)
            #expect(bad.status != 0 && bad.stderr.contains(message), "\(args)")
        }
    }

    @Test func calibrationRoundsInShardsGiveTheWholeCalibration() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = "Tests/Browser/calibration-small.yaml"  // 8 points a round, 2 rounds
        // Round by round, each of 3 shards evaluates its share into the cache beside --out.
        for round in 1...2 {
            for i in 1...3 {
                let r = try run(["calibrate", spec, "--quiet", "--shard", "\(i)/3", "--out", dir + "/shards/s\(i)"])
                #expect(r.status == 0 && r.stdout.contains("shard \(i)/3: round \(round) of 2"), "\(r.stdout)\(r.stderr)")
            }
        }
        let done = try run(["calibrate", spec, "--quiet", "--shard", "1/3", "--out", dir + "/shards/s1"])
        #expect(done.stdout.contains("shard 1/3: every round is done"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/shards/s1"))
        // The final run finds every point in the shards' caches and writes what a whole run writes.
        let merged = try run(["calibrate", spec, "--quiet", "--out", dir + "/shards/merged", "--overlays", dir + "/ov"])
        #expect(merged.status == 0 && merged.stdout.contains("(0 evaluated now, 16 from the cache)"), "\(merged.stdout)")
        let whole = try run(["calibrate", spec, "--quiet", "--out", dir + "/whole/w", "--overlays", dir + "/ov"])
        #expect(whole.status == 0 && whole.stdout.contains("(16 evaluated now, 0 from the cache)"))
        for f in ["accepted.csv", "points.csv", "posterior.csv", "posterior-points.csv", "fit.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/shards/merged/" + f)) == Data(contentsOf: URL(fileURLWithPath: dir + "/whole/w/" + f)), "\(f)")
        }
        let refused = try run(["calibrate", spec, "--shard", "1/2"])
        #expect(refused.status != 0 && refused.stderr.contains("--shard needs --out"))
    }
}
