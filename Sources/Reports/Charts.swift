import Foundation

/// Plain SVG charts for the report (issue 12): scales with readable ticks, axes, a legend in
/// a colour-blind-safe palette (Okabe–Ito), a text alternative (`<title>`, `<desc>`), and the
/// data beside each chart as an HTML table. No scripts, no fonts from the network.
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
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = (a / step).rounded(.down) * step, last = (b / step).rounded(.up) * step
        let n = Int(((last - first) / step).rounded())
        // Twelve significant digits: 3 × 0.2 is 0.6, not 0.6000000000000001.
        return (0...n).map { i in
            let v = first + Double(i) * step
            let scale = pow(10, 11 - (log10(Swift.max(abs(v), step))).rounded(.down))
            return (v * scale).rounded() / scale
        }
    }

    /// A tick label: no more decimals than the step needs.
    public static func label(_ x: Double, step: Double) -> String {
        let decimals = step >= 1 || step <= 0 ? 0 : Int((-log10(step)).rounded(.up))
        return String(format: "%.\(decimals)f", x == 0 ? 0 : x)
    }

    public struct Series {
        public let name: String
        public let points: [(x: Double, y: Double)]
        public init(name: String, points: [(x: Double, y: Double)]) { self.name = name; self.points = points }
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A line chart (for an ECDF: steps; for a time series: lines). NaN or infinite points
    /// break a line; an empty chart says so. `marker` draws a vertical reference line (the
    /// 70-day term) with its label.
    public static func lines(title: String, description: String, xLabel: String, yLabel: String, series: [Series],
                             marker: (x: Double, label: String)? = nil, steps: Bool = false,
                             width: Double = 640, height: Double = 320) -> String {
        let finite = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        let (left, right, top, bottom) = (56.0, width - 16, 28.0, height - 44)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"t d\">"
        svg += "<title id=\"t\">\(escape(title))</title><desc id=\"d\">\(escape(description))</desc>"
        svg += "<text x=\"\(left)\" y=\"16\" font-size=\"13\" font-weight=\"bold\">\(escape(title))</text>"
        guard !finite.isEmpty else {
            return svg + "<text x=\"\(width / 2)\" y=\"\(height / 2)\" text-anchor=\"middle\" font-size=\"12\">no data</text></svg>"
        }
        let xs = finite.map(\.x) + (marker.map { [$0.x] } ?? []), ys = finite.map(\.y)
        let xt = ticks(xs.min() ?? 0, xs.max() ?? 1), yt = ticks(min(ys.min() ?? 0, 0), ys.max() ?? 1)
        let x = Scale(domain: (xt.first ?? 0)...(xt.last ?? 1), from: left, to: right)
        let y = Scale(domain: (yt.first ?? 0)...(yt.last ?? 1), from: bottom, to: top)
        let xStep = xt.count > 1 ? xt[1] - xt[0] : 1, yStep = yt.count > 1 ? yt[1] - yt[0] : 1
        svg += "<g font-size=\"11\" fill=\"#333\">"
        for v in yt {
            svg += "<line x1=\"\(left)\" x2=\"\(right)\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(label(v, step: yStep))</text>"
        }
        for v in xt { svg += "<text x=\"\(f(x(v)))\" y=\"\(f(bottom + 16))\" text-anchor=\"middle\">\(label(v, step: xStep))</text>" }
        svg += "<line x1=\"\(left)\" x2=\"\(right)\" y1=\"\(bottom)\" y2=\"\(bottom)\" stroke=\"#333\"/>"
        svg += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">\(escape(xLabel))</text>"
        svg += "<text transform=\"translate(14 \(f((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">\(escape(yLabel))</text></g>"
        if let m = marker {
            svg += "<line x1=\"\(f(x(m.x)))\" x2=\"\(f(x(m.x)))\" y1=\"\(top)\" y2=\"\(bottom)\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
            svg += "<text x=\"\(f(x(m.x) + 4))\" y=\"\(f(top + 10))\" font-size=\"11\">\(escape(m.label))</text>"
        }
        for (i, s) in series.enumerated() {
            let colour = palette[i % palette.count]
            var path = "", pen = false, last: (Double, Double)?
            for p in s.points {
                guard p.x.isFinite && p.y.isFinite else { pen = false; continue }
                if pen, steps, let l = last { path += "L\(f(x(p.x))) \(f(y(l.1))) " }
                path += (pen ? "L" : "M") + "\(f(x(p.x))) \(f(y(p.y))) "
                pen = true
                last = (p.x, p.y)
            }
            if !path.isEmpty { svg += "<path d=\"\(path.trimmingCharacters(in: .whitespaces))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"/>" }
            let ly = top + 14 * Double(i)
            svg += "<rect x=\"\(f(right - 150))\" y=\"\(f(ly + 2))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(f(right - 136))\" y=\"\(f(ly + 11))\" font-size=\"11\">\(escape(s.name))</text>"
        }
        return svg + "</svg>"
    }

    /// The data of a chart as an HTML table (the chart's accessible twin).
    public static func table(headers: [String], rows: [[String]]) -> String {
        "<table><thead><tr>" + headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead><tbody>"
            + rows.map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined() + "</tbody></table>"
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
