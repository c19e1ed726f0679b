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
        // Shares summed in floating point end on the step they round to, not one step past it.
        #expect(Charts.ticks(0, 1 + 4e-16) == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(Charts.ticks(0, 1 + 1e-6) == [0, 0.5, 1.0, 1.5]) // a real excess takes the next step
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
    }

    /// The numbers of every `name="…"` attribute of the elements `tag` in an SVG.
    func attribute(_ svg: String, _ tag: String, _ name: String) -> [Double] {
        svg.components(separatedBy: "<\(tag) ").dropFirst().compactMap { element in
            element.components(separatedBy: "\(name)=\"").dropFirst().first?.components(separatedBy: "\"").first.flatMap(Double.init)
        }
    }

    @Test func idsAreUniquePerChartAndTheLabelsPointAtThem() {
        let a = Charts.lines(id: "fig1-x", title: "a", description: "da", xLabel: "x", yLabel: "y", series: [.init(name: "s", points: [(0, 1)])])
        let b = Charts.bars(id: "fig2-y", title: "b", description: "db", xLabel: "x", categories: ["c"], series: ["s"], values: [[1]])
        #expect(a.contains("id=\"fig1-x\"") && a.contains("aria-labelledby=\"fig1-x-t fig1-x-d\"") && a.contains("<title id=\"fig1-x-t\">a</title>"))
        #expect(b.contains("aria-labelledby=\"fig2-y-t fig2-y-d\"") && b.contains("<desc id=\"fig2-y-d\">db</desc>"))
    }

    @Test func bandsAreClosedAreasThatBreakAtNaN() {
        let points: [(x: Double, y: Double)] = (0..<6).map { (Double($0), 1) }
        let band: [(low: Double, high: Double)] = [(0, 2), (0, 2), (.nan, 2), (0, 2), (0, 2), (0, 2)]
        let svg = Charts.lines(title: "t", description: "d", xLabel: "x", yLabel: "y", series: [.init(name: "s", points: points, band: band)])
        let areas = svg.components(separatedBy: "fill-opacity=\"0.18\"").count - 1
        #expect(areas == 2) // [0, 1] and [3, 5] around the NaN
        #expect(svg.components(separatedBy: " Z\"").count - 1 == 2)
        // The band's top (2) is inside the y domain: the axis reaches 2.
        #expect(svg.contains(">2.0<") || svg.contains(">2<"))
    }

    @Test func aHorizontalReferenceWidensTheAxisAndIsLabelled() {
        let svg = Charts.lines(title: "t", description: "d", xLabel: "x", yLabel: "y", series: [.init(name: "s", points: [(0, 0.1), (1, 0.4)])],
                               references: [.init(y: 1, label: "capacity")], xLabels: { "year \(Int($0))" })
        #expect(svg.contains(">capacity</text>") && svg.contains(">1.0</text>"))
        #expect(svg.contains(">year 0</text>"))
        // The dashed line is horizontal: y1 == y2, from the left axis to the plot's right end.
        let dashed = svg.components(separatedBy: "stroke-dasharray").first?.components(separatedBy: "<line ").last ?? ""
        #expect(attribute("<line " + dashed, "line", "y1") == attribute("<line " + dashed, "line", "y2"))
    }

    @Test func barsStartAtZeroAndGoLeftWhenNegative() {
        let svg = Charts.bars(id: "b", title: "t", description: "d", xLabel: "x", categories: ["down", "up"], series: ["s"], values: [[-1], [2]])
        let xs = attribute(svg, "rect", "x"), widths = attribute(svg, "rect", "width")
        #expect(xs.count == 2 && widths.count == 2)
        // Ticks −1 … 2 (step 0.5): zero is a third of the way; the negative bar ends there, the positive starts there.
        #expect(abs((xs[0] + widths[0]) - xs[1]) < 0.11)
        #expect(abs(widths[1] - 2 * widths[0]) < 0.11)
    }

    @Test func stackedSharesFillTheRowAndTheLegendContinuesThePalette() {
        let svg = Charts.bars(id: "s", title: "t", description: "d", xLabel: "x", categories: ["a"], series: ["r1", "r2", "r3"],
                              values: [[0.5, 0.3, 0.2]], stacked: true)
        // The legend's three swatches come first (with the axes), then the three segments.
        let xs = Array(attribute(svg, "rect", "x").suffix(3)), widths = Array(attribute(svg, "rect", "width").suffix(3))
        #expect(attribute(svg, "rect", "x").count == 6)
        // Three segments end to end from 0 to 1.
        #expect(abs(xs[1] - (xs[0] + widths[0])) < 0.11 && abs(xs[2] - (xs[1] + widths[1])) < 0.11)
        #expect(abs(widths[0] / (widths[0] + widths[1] + widths[2]) - 0.5) < 0.01)
        for (i, colour) in Charts.palette.prefix(3).enumerated() {
            #expect(svg.components(separatedBy: "fill=\"\(colour)\"").count - 1 == 2, "colour \(i): a segment and its swatch")
        }
    }

    @Test func emptyOrNaNBarsAndRangesSaySoOrLeaveOut() {
        let none = Charts.bars(id: "e", title: "t", description: "d", xLabel: "x", categories: [], series: ["s"], values: [])
        #expect(none.contains("no data") && none.hasSuffix("</svg>"))
        let nan = Charts.bars(id: "n", title: "t", description: "d", xLabel: "x", categories: ["a"], series: ["s"], values: [[.nan]])
        #expect(nan.contains("no data"))
        let ranges = Charts.ranges(id: "r", title: "t", description: "d", xLabel: "days", categories: ["a", "b"], series: ["s"],
                                   low: [[1], [.nan]], mid: [[2], [3]], high: [[4], [5]])
        #expect(ranges.components(separatedBy: "<circle").count - 1 == 1) // b's interval has no low end: left out
        #expect(!ranges.contains("nan"))
    }

    @Test func aLabelLongerThanTheMarginIsShortened() {
        let long = String(repeating: "abcdefghij", count: 10)
        let svg = Charts.bars(id: "l", title: "t", description: "d", xLabel: "x", categories: [long, "short"], series: ["s"], values: [[1], [2]])
        // 50 characters fit the widest margin (320 px at about 6.2 px a character).
        #expect(!svg.contains(long) && svg.contains(">" + long.prefix(49) + "…</text>") && svg.contains(">short</text>"))
    }
}

