import ArgumentParser
import Foundation
import Reports

extension ReportLanguage: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "One self-contained HTML report (inline CSS and SVG, no scripts) from a run or compare folder.",
        discussion: """
            Reads RESULT_DIR (summary.json, timeseries.csv, leadtimes.csv, comparison.json, manifest.json) \
            and, when given or found in it, MCA JSON (`mca --out`; files mca*.json in RESULT_DIR) and \
            `size`, `sensitivity` and `calibrate` folders (subfolders of RESULT_DIR holding sizing.json, \
            sensitivity.json or calibration.json). RESULT_DIR may also be a `size`, `sensitivity` or \
            `calibrate` folder on its own. Writes RESULT_DIR/report.html (report.nl.html with \
            --lang nl) unless --out says otherwise; the file appears whole or not at all.
            """
    )

    @Argument(help: "A `ketensim run`, `compare`, `size`, `sensitivity` or `calibrate` output folder.") var results: String
    @Option(help: "The HTML file to write (default: RESULT_DIR/report.html).") var out: String?
    @Option(help: "An MCA result (`ketensim mca FILE --out X.json`); repeatable.") var mca: [String] = []
    @Option(help: "A `ketensim size` output folder.") var sizing: String?
    @Option(help: "A `ketensim sensitivity` output folder.") var sensitivity: String?
    @Option(help: "A `ketensim calibrate` output folder.") var calibration: String?
    @Option(help: "The report's language: en, or nl (Dutch, for wethouders and project groups).") var lang: ReportLanguage = .en

    func run() throws {
        let dir = URL(fileURLWithPath: results)
        var inputs = ReportInputs.discover(dir)
        if !mca.isEmpty { inputs.mca = mca.map { URL(fileURLWithPath: $0) } }
        if let sizing { inputs.sizing = URL(fileURLWithPath: sizing) }
        if let sensitivity { inputs.sensitivity = URL(fileURLWithPath: sensitivity) }
        if let calibration { inputs.calibration = URL(fileURLWithPath: calibration) }
        let path = out ?? dir.appendingPathComponent(lang == .en ? "report.html" : "report.\(lang.rawValue).html").path
        do {
            let (html, untranslated) = try Report.htmlNotingUntranslated(inputs, language: lang)
            try writeWhole(html, to: path)
            print("report: \(path) (\(html.utf8.count) bytes)")
            if !untranslated.isEmpty {
                printError("report: \(untranslated.count) phrase(s) left in English, no \(lang.rawValue) text yet: " + untranslated.map { "\"\($0)\"" }.joined(separator: "; "))
            }
        } catch let e as ReportError {
            printError(e.description)
            throw ExitCode(1)
        } catch let e as OutputError {
            printError(e.description)
            throw ExitCode(1)
        }
    }
}
