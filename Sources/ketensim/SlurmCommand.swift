import ArgumentParser
import Experiments
import Foundation
import InburgeringModel
import Reports

struct SlurmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write the Slurm job scripts that run a `run`, `compare`, `sensitivity`, `size` or `calibrate` as arrays of shards, then merge them.",
        discussion: """
            Writes, into --out: array.sbatch (one array task per shard: the command with --shard \
            i/n into shard-i), merge.sbatch (`ketensim merge` of every shard into merged/) and \
            submit.sh, which submits the array and the merge with a dependency on it. Give the \
            command and its arguments after `--`, e.g.

              ketensim slurm --shards 8 --out Results/wf-cluster -- compare Scenarios/westfriesland/opplus.yaml \
            Scenarios/westfriesland/uitbesteding.yaml -r 1000

            Paths are taken from the folder you run this in (the jobs cd there). A shard whose folder \
            is complete is skipped when the array runs again, so a resubmission resumes.

            For `calibrate SPEC`, submit.sh chains one array per round of the spec (each shard \
            evaluates its share of the round's points into the cache in --out, after the round \
            before has succeeded), then merge.sbatch runs `calibrate SPEC --out OUT/merged`, which \
            finds every point in the cache and writes the results.
            """
    )

    @Option(help: "Number of shards (array tasks).") var shards: Int
    @Option(help: "Folder for the scripts, the shards and merged/.") var out: String
    @Option(help: "Slurm partition (default: the cluster's default).") var partition: String?
    @Option(help: "Time limit per array task (Slurm's format, e.g. 01:00:00).") var time: String?
    @Option(help: "Memory per array task (Slurm's format, e.g. 4G).") var mem: String?
    @Option(help: "Cores per array task; the shard runs that many worker threads.") var cpusPerTask = 2
    @Option(help: "The ketensim binary the jobs run (default: this one).") var binary: String?
    @Argument(parsing: .captureForPassthrough, help: "`run`, `compare`, `sensitivity`, `size` or `calibrate` and its arguments.") var command: [String] = []

    func validate() throws {
        if !(1...Shard.most).contains(shards) { throw ValidationError("--shards must lie between 1 and \(Shard.most), got \(shards)") }
        if !(1...1024).contains(cpusPerTask) { throw ValidationError("--cpus-per-task must lie between 1 and 1024, got \(cpusPerTask)") }
        let args = command.first == "--" ? Array(command.dropFirst()) : command
        guard let sub = args.first, ["run", "compare", "sensitivity", "size", "calibrate"].contains(sub) else {
            throw ValidationError("give the command to shard after `--`: run, compare, sensitivity, size or calibrate, with its arguments")
        }
        for flag in ["--shard", "--out", "--json", "-j", "--jobs", "--precision", "--predict", "--cross-validate"] where args.contains(where: { $0 == flag || $0.hasPrefix(flag + "=") }) {
            throw ValidationError("\(flag): the job scripts set --shard, --out and --jobs themselves (and a shard has no --json, --precision, "
                                  + "--predict or --cross-validate)")
        }
    }

    /// A word for the shell, quoted when it needs to be.
    static func quoted(_ s: String) -> String {
        s.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=:@%+,".contains($0) }) && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    func run() throws {
        let args = command.first == "--" ? Array(command.dropFirst()) : command
        let fm = FileManager.default
        let folder = URL(fileURLWithPath: out).standardizedFileURL
        let exe = binary.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? URL(fileURLWithPath: CommandLine.arguments[0], relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath)).standardizedFileURL.path
        do {
            try fm.createDirectory(at: folder.appendingPathComponent("logs"), withIntermediateDirectories: true)
        } catch {
            printError("\(out): cannot create the folder (\(error.localizedDescription))")
            throw ExitCode(1)
        }
        let q = Self.quoted, dir = folder.path, work = fm.currentDirectoryPath
        let calibrate = args[0] == "calibrate"
        // A calibration runs as one array per round: the spec says how many.
        var rounds = 1
        if calibrate {
            guard let spec = args.dropFirst().first(where: { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }) else {
                printError("calibrate: name the spec file (.yaml) after `--`")
                throw ExitCode(1)
            }
            do { rounds = try CalibrationSpec.prepare(spec).spec.budget.rounds } catch let e as ScenarioError { printError(e.description); throw ExitCode(1) }
        }
        var header = ["#!/bin/bash"]
        if let partition { header.append("#SBATCH --partition=\(partition)") }
        if let time { header.append("#SBATCH --time=\(time)") }
        if let mem { header.append("#SBATCH --mem=\(mem)") }
        let array = (header + [
            "#SBATCH --job-name=ketensim-\(args[0])",
            "#SBATCH --array=1-\(shards)",
            "#SBATCH --cpus-per-task=\(cpusPerTask)",
            "#SBATCH --output=\(dir)/logs/shard-%A-%a.out",
            "# Written by `ketensim slurm`: shard i of \(shards) of the command below (a complete shard is skipped).",
            "set -euo pipefail",
            "cd \(q(work))",
            "exec \(q(exe)) \((args.map(q)).joined(separator: " ")) --shard \"$SLURM_ARRAY_TASK_ID/\(shards)\" "
                + "--out \(q(dir))/shard-\"$SLURM_ARRAY_TASK_ID\" --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --quiet",
        ]).joined(separator: "\n") + "\n"
        let mergeLines = calibrate
            ? ["#SBATCH --cpus-per-task=\(cpusPerTask)",
               "#SBATCH --output=\(dir)/logs/merge.out",
               "# Written by `ketensim slurm`: every round's points are in the cache in \(dir); this writes the results.",
               "set -euo pipefail",
               "cd \(q(work))",
               "exec \(q(exe)) \((args.map(q)).joined(separator: " ")) --out \(q(dir))/merged --jobs \"${SLURM_CPUS_PER_TASK:-1}\" --quiet"]
            : ["#SBATCH --cpus-per-task=1",
               "#SBATCH --output=\(dir)/logs/merge.out",
               "# Written by `ketensim slurm`: the \(shards) shards into merged/, once the array has succeeded.",
               "set -euo pipefail",
               "cd \(q(work))",
               "shards=(); for i in $(seq 1 \(shards)); do shards+=(\(q(dir))/shard-\"$i\"); done",
               "exec \(q(exe)) merge \"${shards[@]}\" --out \(q(dir))/merged"]
        let merge = (header + ["#SBATCH --job-name=ketensim-merge"] + mergeLines).joined(separator: "\n") + "\n"
        let submit = """
            #!/bin/sh
            # Written by `ketensim slurm`: \(rounds == 1 ? "the array" : "one array per round (\(rounds)), each after the one before,") \
            of \(shards) shards, then the merge when all succeeded.
            set -e
            after=""
            for round in $(seq 1 \(rounds)); do
              array=$(sbatch --parsable ${after:+--dependency=afterok:$after} \(q(dir))/array.sbatch)
              after=${array%%;*}
              echo "round $round: array job $after"
            done
            merge=$(sbatch --parsable --dependency=afterok:"$after" \(q(dir))/merge.sbatch)
            echo "merge job $merge: results in \(dir)/merged"

            """
        for (name, text) in [("array.sbatch", array), ("merge.sbatch", merge), ("submit.sh", submit)] {
            let path = folder.appendingPathComponent(name).path
            do { try writeWhole(text, to: path) } catch let e as OutputError { printError(e.description); throw ExitCode(1) }
            chmod(path, 0o755)
        }
        print("written: \(dir)/array.sbatch, merge.sbatch and submit.sh\nsubmit with: sh \(q(dir))/submit.sh")
    }
}
