import ArgumentParser

@main
struct Ketensim: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "ketensim",
        abstract: "Discrete-event simulation for regional capacity planning of Dutch civic integration (Wi2021).",
        version: version,
        subcommands: [Run.self, Compare.self, Merge.self, Size.self, SensitivityCommand.self, Calibrate.self, Predict.self, MCACommand.self, ReportCommand.self, Validate.self, SlurmCommand.self, Bench.self]
    )
}
