import Foundation
import Reports
import Testing

@Suite struct ReportsTests {
    func scratch() -> URL { FileManager.default.temporaryDirectory.appendingPathComponent("ketensim-reports-\(UUID().uuidString)") }

    @Test func twoRunsIntoOneFolderBothKeepTheirResults() throws {
        // Both open the same target before either commits (two runs into one --out, or
        // two run ids of the same second): the first to commit takes the name, the second
        // lands in NAME-2; each folder is whole, and no partial folder stays behind.
        let parent = scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let a = try OutputDirectory(parent: parent, name: "run"), b = try OutputDirectory(parent: parent, name: "run")
        try a.write("summary.json", "a")
        try b.write("summary.json", "b")
        try a.commit()
        try b.commit()
        #expect(a.final.lastPathComponent == "run" && b.final.lastPathComponent == "run-2")
        #expect(try String(contentsOf: a.final.appendingPathComponent("summary.json"), encoding: .utf8) == "a")
        #expect(try String(contentsOf: b.final.appendingPathComponent("summary.json"), encoding: .utf8) == "b")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == ["run", "run-2"])
    }

    @Test func aFailedStreamNamesItsFile() throws {
        let parent = scratch()
        defer { try? FileManager.default.removeItem(at: parent) }
        let d = try OutputDirectory(parent: parent, name: "x")
        try FileManager.default.removeItem(at: d.partial) // the folder vanishes under the run
        do {
            try d.stream("metrics.csv") { emit in emit("replication,metric,group,value") }
            Issue.record("a write into a missing folder succeeded")
        } catch {
            #expect("\(error)".hasPrefix("cannot write metrics.csv in \(d.partial.path)"), "\(error)")
        }
        d.abandon()
    }

    @Test func ticksOfExtremeButFiniteRangesNeverTrap() {
        // Round steps for everyday ranges: 0 … 100 in steps of 20.
        #expect(Charts.ticks(0, 100) == [0, 20, 40, 60, 80, 100])
        // Too wide or too narrow for round steps: the ends themselves.
        #expect(Charts.ticks(-1e308, 1e308) == [-1e308, 1e308])
        #expect(Charts.ticks(0, Double.leastNonzeroMagnitude) == [0, Double.leastNonzeroMagnitude])
        #expect(Charts.ticks(.nan, 1).isEmpty && Charts.ticks(3, 3) == [3])
    }
}
