import Foundation

/// Plain SVG charts for the report (issue 12): scales with readable ticks, axes, a legend in
/// a colour-blind-safe palette (Okabe–Ito), a text alternative (`<title>`, `<desc>`, with ids
/// unique in the page); the report sets each chart's data table beside it. No scripts, no fonts
/// from the network.
public enum Charts {
    /// Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
    public static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    /// A linear map from `domain` to the pixels from `start` to `end` (which may run
    /// downwards, as a y axis does).
    public struct Scale: Equatable {
        public let domain: ClosedRange<Double>
        public let start: Double, end: Double
        public init(domain: ClosedRange<Double>, from start: Double, to end: Double) {
            // A zero-width domain (one value) is widened so it maps to the middle.
            self.domain = domain.lowerBound < domain.upperBound ? domain : (domain.lowerBound - 1)...(domain.upperBound + 1)
            self.start = start
            self.end = end
        }
        public func callAsFunction(_ x: Double) -> Double {
            start + (x - domain.lowerBound) / (domain.upperBound - domain.lowerBound) * (end - start)
        }
    }

    /// About `count` round tick values (steps of 1, 2 or 5 × 10ⁿ) covering [low, high]; the
    /// domain to draw is from the first to the last tick.
    public static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite else { return [] }
        if low == high { return [low] }
        let (a, b) = (min(low, high), max(low, high))
        let raw = (b - a) / Double(max(count, 1))
        // A range too wide or too narrow for round steps (±1e308, or 5e-324 apart): its ends.
        guard raw.isFinite, raw >= 1e-200, raw <= 1e200 else { return [a, b] }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-9) } ?? 10 * magnitude
        // Ends within rounding of a step stay on it: shares that sum to 1 + 4e-16 end at 1.
        let first = (a / step + 1e-9).rounded(.down) * step, last = (b / step - 1e-9).rounded(.up) * step
        let steps = ((last - first) / step).rounded()
        guard steps.isFinite, steps <= Double(100 * max(count, 1)) else { return [a, b] }
        let n = Int(steps)
        // Twelve significant digits: 3 × 0.2 is 0.6, not 0.6000000000000001.
        return (0...n).map { i in
            let v = first + Double(i) * step
            let scale = pow(10, 11 - (log10(Swift.max(abs(v), step))).rounded(.down))
            let rounded = (v * scale).rounded() / scale
            return rounded.isFinite ? rounded : v
        }
    }

    /// A tick label: no more decimals than the step needs.
    public static func label(_ x: Double, step: Double) -> String {
        let decimals = step >= 1 || step <= 0 ? 0 : Int((-log10(step)).rounded(.up))
        return Format.decimal(String(format: "%.\(decimals)f", x == 0 ? 0 : x))
    }

    /// One line of a line chart; `band` (optional, same length as `points`) is a shaded
    /// interval around it (P10–P90 over replications).
    public struct Series {
        public let name: String
        public let points: [(x: Double, y: Double)]
        public let band: [(low: Double, high: Double)]?
        public init(name: String, points: [(x: Double, y: Double)], band: [(low: Double, high: Double)]? = nil) {
            self.name = name
            self.points = points
            self.band = band
        }
    }

    /// A reference line across the plot: vertical at an x (the 70-day term) or horizontal at
    /// a y (demand = capacity).
    public struct Reference {
        public enum Axis { case x, y }
        public let axis: Axis
        public let value: Double
        public let label: String
        public init(x: Double, label: String) { axis = .x; value = x; self.label = label }
        public init(y: Double, label: String) { axis = .y; value = y; self.label = label }
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// The opening of every chart: its frame, text alternative and title. `id` must be unique
    /// in the page: the `<title>` and `<desc>` are referred to by `id-t` and `id-d`.
    static func open(id: String, title: String, description: String, width: Double, height: Double) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(escape(id))\" class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" "
            + "role=\"img\" aria-labelledby=\"\(escape(id))-t \(escape(id))-d\">"
            + "<title id=\"\(escape(id))-t\">\(escape(title))</title><desc id=\"\(escape(id))-d\">\(escape(description))</desc>"
            + "<text x=\"8\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(escape(title))</text>"
    }

    static func noData(width: Double, height: Double) -> String {
        "<text x=\"\(f(width / 2))\" y=\"\(f(height / 2))\" text-anchor=\"middle\" font-size=\"12\">\(escape(tr("no data")))</text></svg>"
    }

    /// A legend: one swatch and name a line, colours from the palette's `first` on.
    static func legend(_ names: [String], x: Double, y: Double, first: Int = 0) -> String {
        names.enumerated().map { i, name in
            let ly = y + 14 * Double(i)
            return "<rect x=\"\(f(x))\" y=\"\(f(ly + 2))\" width=\"10\" height=\"10\" fill=\"\(palette[(first + i) % palette.count])\"/>"
                + "<text x=\"\(f(x + 14))\" y=\"\(f(ly + 11))\" font-size=\"11\">\(escape(name))</text>"
        }.joined()
    }

    /// A line chart (for an ECDF: steps; for a time series: lines, optionally with a band).
    /// NaN or infinite points break a line and its band; an empty chart says so.
    /// `xLabels` turns an x tick into its label (e.g. a decimal year into "2023").
    public static func lines(id: String = "chart", title: String, description: String, xLabel: String, yLabel: String,
                             series: [Series], references: [Reference] = [], steps: Bool = false,
                             xLabels: ((Double) -> String)? = nil, legendWidth: Double = 150,
                             width: Double = 640, height: Double = 320) -> String {
        let finite = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let bandValues = series.flatMap { $0.band ?? [] }.flatMap { [$0.low, $0.high] }.filter(\.isFinite)
        let (left, right, top, bottom) = (56.0, width - 16 - (series.count > 1 ? legendWidth : 0), 28.0, height - 44)
        var svg = open(id: id, title: title, description: description, width: width, height: height)
        guard !finite.isEmpty else { return svg + noData(width: width, height: height) }
        let xs = finite.map(\.x) + references.filter { $0.axis == .x }.map(\.value)
        let ys = finite.map(\.y) + bandValues + references.filter { $0.axis == .y }.map(\.value)
        let xt = ticks(xs.min() ?? 0, xs.max() ?? 1), yt = ticks(min(ys.min() ?? 0, 0), ys.max() ?? 1)
        let x = Scale(domain: (xt.first ?? 0)...(xt.last ?? 1), from: left, to: right)
        let y = Scale(domain: (yt.first ?? 0)...(yt.last ?? 1), from: bottom, to: top)
        let xStep = xt.count > 1 ? xt[1] - xt[0] : 1, yStep = yt.count > 1 ? yt[1] - yt[0] : 1
        svg += "<g font-size=\"11\" fill=\"#333\">"
        for v in yt {
            svg += "<line x1=\"\(left)\" x2=\"\(f(right))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(label(v, step: yStep))</text>"
        }
        for v in xt {
            let text = xLabels?(v) ?? label(v, step: xStep)
            svg += "<text x=\"\(f(x(v)))\" y=\"\(f(bottom + 16))\" text-anchor=\"middle\">\(escape(text))</text>"
        }
        svg += "<line x1=\"\(left)\" x2=\"\(f(right))\" y1=\"\(bottom)\" y2=\"\(bottom)\" stroke=\"#333\"/>"
        svg += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">\(escape(xLabel))</text>"
        svg += "<text transform=\"translate(14 \(f((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text></g>"
        for (i, s) in series.enumerated() {
            guard let band = s.band else { continue }
            for piece in segments(s.points.indices.filter { i in
                i < band.count && s.points[i].x.isFinite && band[i].low.isFinite && band[i].high.isFinite
            }) where piece.count > 1 {
                let upper = piece.map { "\(f(x(s.points[$0].x))) \(f(y(band[$0].high)))" }
                let lower = piece.reversed().map { "\(f(x(s.points[$0].x))) \(f(y(band[$0].low)))" }
                svg += "<path d=\"M" + (upper + lower).joined(separator: " L") + " Z\" fill=\"\(palette[i % palette.count])\" "
                    + "fill-opacity=\"0.18\" stroke=\"none\"/>"
            }
        }
        for (i, s) in series.enumerated() {
            var path = "", pen = false, last: Double?
            for p in s.points {
                guard p.x.isFinite && p.y.isFinite else { pen = false; continue }
                if pen, steps, let l = last { path += "L\(f(x(p.x))) \(f(y(l))) " }
                path += (pen ? "L" : "M") + "\(f(x(p.x))) \(f(y(p.y))) "
                pen = true
                last = p.y
            }
            if !path.isEmpty {
                svg += "<path d=\"\(path.trimmingCharacters(in: .whitespaces))\" fill=\"none\" stroke=\"\(palette[i % palette.count])\" stroke-width=\"2\"/>"
            }
        }
        for r in references {
            switch r.axis {
            case .x:
                svg += "<line x1=\"\(f(x(r.value)))\" x2=\"\(f(x(r.value)))\" y1=\"\(top)\" y2=\"\(bottom)\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
                svg += "<text x=\"\(f(x(r.value) + 4))\" y=\"\(f(top + 10))\" font-size=\"11\">\(escape(r.label))</text>"
            case .y:
                svg += "<line x1=\"\(left)\" x2=\"\(f(right))\" y1=\"\(f(y(r.value)))\" y2=\"\(f(y(r.value)))\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
                svg += "<text x=\"\(f(left + 4))\" y=\"\(f(y(r.value) - 4))\" font-size=\"11\">\(escape(r.label))</text>"
            }
        }
        if series.count > 1 { svg += legend(series.map(\.name), x: right + 12, y: top) }
        return svg + "</svg>"
    }

    /// Runs of consecutive indices (a band breaks where a value is missing).
    static func segments(_ indices: [Int]) -> [[Int]] {
        var out: [[Int]] = []
        for i in indices {
            if let last = out.last?.last, last == i - 1 { out[out.count - 1].append(i) } else { out.append([i]) }
        }
        return out
    }

    /// The frame shared by the horizontal charts: one row per category (label on the left),
    /// a value axis along the bottom from the data and zero, and the legend below it.
    struct Rows {
        let left: Double, right: Double, top = 28.0, rowHeight: Double, height: Double
        let x: Scale, ticks: [Double]
        var bottom: Double { top + rowHeight * Double(count) }
        let count: Int

        init?(categories: [String], series: Int, rowHeight: Double, values: [Double], width: Double) {
            let finite = values.filter(\.isFinite)
            guard !finite.isEmpty, !categories.isEmpty else { return nil }
            left = min(320, 8 + 6.2 * Double(categories.map(\.count).max() ?? 0))
            right = width - 16
            self.rowHeight = rowHeight
            count = categories.count
            ticks = Charts.ticks(min(finite.min() ?? 0, 0), max(finite.max() ?? 1, 0))
            x = Scale(domain: (ticks.first ?? 0)...(ticks.last ?? 1), from: left, to: right)
            height = 28 + rowHeight * Double(categories.count) + 40 + (series > 1 ? 14 * Double((series + 1) / 2) : 0)
        }

        func axes(categories: [String], series: [String], xLabel: String) -> String {
            let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
            var svg = "<g font-size=\"11\" fill=\"#333\">"
            for v in ticks {
                svg += "<line x1=\"\(f(x(v)))\" x2=\"\(f(x(v)))\" y1=\"\(top)\" y2=\"\(f(bottom))\" stroke=\"\(v == 0 ? "#333" : "#ddd")\"/>"
                svg += "<text x=\"\(f(x(v)))\" y=\"\(f(bottom + 14))\" text-anchor=\"middle\">\(label(v, step: step))</text>"
            }
            svg += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(bottom + 30))\" text-anchor=\"middle\">\(escape(xLabel))</text>"
            // A label longer than the margin is shortened with "…" (the data table has it whole).
            let room = Int((left - 8) / 6.2)
            for (c, name) in categories.enumerated() {
                let shown = name.count > room ? String(name.prefix(max(room - 1, 1))) + "…" : name
                svg += "<text x=\"\(f(left - 6))\" y=\"\(f(top + rowHeight * (Double(c) + 0.5) + 4))\" text-anchor=\"end\">\(escape(shown))</text>"
            }
            svg += "</g>"
            if series.count > 1 {
                // The legend in two columns below the axis title.
                let half = (series.count + 1) / 2
                svg += legend(Array(series.prefix(half)), x: left, y: bottom + 36)
                svg += legend(Array(series.dropFirst(half)), x: (left + right) / 2, y: bottom + 36, first: half)
            }
            return svg
        }

        /// Vertical reference lines (drawn last, over the data).
        func marks(_ references: [Reference]) -> String {
            references.filter { $0.axis == .x }.map { r in
                "<line x1=\"\(f(x(r.value)))\" x2=\"\(f(x(r.value)))\" y1=\"\(top)\" y2=\"\(f(bottom))\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
                    + "<text x=\"\(f(x(r.value) + 4))\" y=\"\(f(top - 2))\" font-size=\"11\">\(escape(r.label))</text>"
            }.joined()
        }
    }

    /// Horizontal bars: one row per category, one bar per series (grouped), drawn from zero
    /// (negative values go left), with an optional interval per bar; `stacked` puts the
    /// series end to end instead (shares that add up to 1). NaN bars are left out.
    public static func bars(id: String, title: String, description: String, xLabel: String, categories: [String],
                            series: [String], values: [[Double]], intervals: [[(low: Double, high: Double)]]? = nil,
                            stacked: Bool = false, references: [Reference] = [], width: Double = 640) -> String {
        let ends: [Double] = stacked
            ? values.map { $0.filter(\.isFinite).reduce(0, +) }
            : values.flatMap { $0 } + (intervals ?? []).flatMap { $0.flatMap { [$0.low, $0.high] } }
        let rowHeight = stacked ? 20.0 : max(14, 8 * Double(series.count) + 6)
        guard let frame = Rows(categories: categories, series: series.count, rowHeight: rowHeight,
                               values: ends + references.map(\.value), width: width) else {
            return open(id: id, title: title, description: description, width: width, height: 120) + noData(width: width, height: 120)
        }
        let x = frame.x
        var svg = open(id: id, title: title, description: description, width: width, height: frame.height)
        svg += frame.axes(categories: categories, series: series, xLabel: xLabel)
        let barHeight = stacked ? rowHeight - 6 : 7.0
        for (c, row) in values.enumerated() where c < categories.count {
            var offset = 0.0
            for (s, v) in row.enumerated() where v.isFinite {
                let y0 = frame.top + rowHeight * Double(c) + 3 + (stacked ? 0 : 8 * Double(s))
                let (a, b) = stacked ? (offset, offset + v) : (min(0, v), max(0, v))
                svg += "<rect x=\"\(f(x(a)))\" y=\"\(f(y0))\" width=\"\(f(max(x(b) - x(a), 0.5)))\" height=\"\(f(barHeight))\" "
                    + "fill=\"\(palette[s % palette.count])\"/>"
                offset += v
                if let iv = intervals?[safe: c]?[safe: s], iv.low.isFinite, iv.high.isFinite {
                    let ym = y0 + barHeight / 2
                    svg += "<line x1=\"\(f(x(iv.low)))\" x2=\"\(f(x(iv.high)))\" y1=\"\(f(ym))\" y2=\"\(f(ym))\" stroke=\"#000\" stroke-width=\"1.2\"/>"
                }
            }
        }
        return svg + frame.marks(references) + "</svg>"
    }

    /// Intervals per category and series: a line from `low` to `high` (P10–P90) with a mark
    /// at `mid` (P50) — lead times per chain step side by side. NaN intervals are left out.
    public static func ranges(id: String, title: String, description: String, xLabel: String, categories: [String],
                              series: [String], low: [[Double]], mid: [[Double]], high: [[Double]],
                              references: [Reference] = [], width: Double = 640) -> String {
        let rowHeight = max(14, 8 * Double(series.count) + 6)
        guard let frame = Rows(categories: categories, series: series.count, rowHeight: rowHeight,
                               values: (low + high).flatMap { $0 } + references.map(\.value), width: width) else {
            return open(id: id, title: title, description: description, width: width, height: 120) + noData(width: width, height: 120)
        }
        let x = frame.x
        var svg = open(id: id, title: title, description: description, width: width, height: frame.height)
        svg += frame.axes(categories: categories, series: series, xLabel: xLabel)
        for c in categories.indices {
            for s in series.indices {
                guard let l = low[safe: c]?[safe: s], let h = high[safe: c]?[safe: s], l.isFinite, h.isFinite else { continue }
                let colour = palette[s % palette.count]
                let ym = frame.top + rowHeight * Double(c) + 6.5 + 8 * Double(s)
                svg += "<line x1=\"\(f(x(l)))\" x2=\"\(f(x(h)))\" y1=\"\(f(ym))\" y2=\"\(f(ym))\" stroke=\"\(colour)\" stroke-width=\"4\"/>"
                if let m = mid[safe: c]?[safe: s], m.isFinite {
                    svg += "<circle cx=\"\(f(x(m)))\" cy=\"\(f(ym))\" r=\"3.5\" fill=\"#fff\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
                }
            }
        }
        return svg + frame.marks(references) + "</svg>"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
