import Foundation
import Reports
import Testing

@Suite struct ChartsTests {
    @Test func scalesMapLinearlyAndSurviveAZeroWidthDomain() {
        let s = Charts.Scale(domain: 0...100, from: 50, to: 250)
        #expect(s(0) == 50 && s(50) == 150 && s(100) == 250)
        let inverted = Charts.Scale(domain: 0...1, from: 300, to: 20) // y axis: up is smaller
        #expect(inverted(1) == 20 && inverted(0.5) == 160)
        let flat = Charts.Scale(domain: 3...3, from: 0, to: 100)
        #expect(flat(3) == 50)
    }

    @Test func ticksAreRoundAndCoverTheData() {
        #expect(Charts.ticks(0, 97) == [0, 20, 40, 60, 80, 100])
        #expect(Charts.ticks(0.13, 0.88) == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(Charts.ticks(12, 12) == [12])
        #expect(Charts.ticks(.nan, 3).isEmpty)
        #expect(Charts.ticks(-35, 140) == [-50, 0, 50, 100, 150]) // steps of 1, 2 or 5 × 10ⁿ only
        #expect(Charts.label(0.4, step: 0.2) == "0.4" && Charts.label(60, step: 20) == "60" && Charts.label(0.05, step: 0.05) == "0.05")
    }

    @Test func anEmptySeriesSaysSoAndNaNBreaksTheLine() {
        let empty = Charts.lines(title: "t", description: "d", xLabel: "x", yLabel: "y", series: [.init(name: "a", points: [])])
        #expect(empty.contains("no data") && empty.hasPrefix("<svg") && empty.hasSuffix("</svg>"))
        let broken = Charts.lines(title: "t", description: "d", xLabel: "x", yLabel: "y",
                                  series: [.init(name: "a", points: [(0, 0), (1, 1), (2, .nan), (3, 3), (4, 4)])])
        let path = broken.components(separatedBy: "<path d=\"").dropFirst().first?.components(separatedBy: "\"").first ?? ""
        #expect(path.filter { $0 == "M" }.count == 2) // two pieces around the NaN
        #expect(!broken.contains("nan"))
    }

    @Test func chartsCarryATextAlternativeAndEscapeText() {
        let svg = Charts.lines(title: "PIP < 10 weeks & more", description: "ECDF of housing → PIP", xLabel: "days", yLabel: "share",
                               series: [.init(name: "opplus", points: [(0, 0), (70, 0.5), (140, 1)])], references: [.init(x: 70, label: "10-week term")], steps: true)
        #expect(svg.contains("<title id=\"chart-t\">PIP &lt; 10 weeks &amp; more</title>"))
        #expect(svg.contains("<desc id=\"chart-d\">ECDF of housing → PIP</desc>"))
        #expect(svg.contains("stroke-dasharray") && svg.contains("10-week term"))
        #expect(svg.contains(Charts.palette[0]))
        let table = Charts.table(headers: ["days", "share"], rows: [["70", "0.5"]])
        #expect(table == "<table><thead><tr><th>days</th><th>share</th></tr></thead><tbody><tr><td>70</td><td>0.5</td></tr></tbody></table>")
    }
}
