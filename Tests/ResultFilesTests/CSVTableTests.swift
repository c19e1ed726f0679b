import Foundation
import Reports
import ResultFiles
import Testing

@Suite struct CSVTableTests {
    @Test func fieldsWrittenByCsvFieldReadBackWhole() throws {
        // A group name with a comma and one with quotes stay one field each.
        let names = ["municipality:Súdwest-Fryslân, Noord|stream:family", "say \"hi\"", "plain", ""]
        let line = names.map(csvField).joined(separator: ",")
        #expect(CSVTable.fields(Substring(line)).map(String.init) == names)
    }

    @Test func columnsAreFoundByNameWhereverTheyStand() throws {
        let text = "value,group,metric,replication\n0.5,\"a,b\",pip_within_term_share,0\n\n,all,pip_within_term_share,1\n"
        let t = try CSVTable(text, file: "m.csv")
        #expect(try t.column("metric") == 2 && t.column("replication") == 3)
        #expect(t.rows.count == 2 && t.rows[0][1] == "a,b" && t.rows[1][0].isEmpty)
        // Line numbers are the file's, empty lines included.
        #expect(t.lines == [2, 4])
        #expect(throws: CSVTable.Problem.self) { try t.column("p10") }
        do { _ = try t.column("p10") } catch { #expect("\(error)" == "m.csv: no column 'p10'") }
        #expect(throws: CSVTable.Problem.self) { try CSVTable("", file: "e.csv") }
    }
}
