import Foundation

/// The overview's throughput chart as inline SVG: one line per series (jobs, webhooks, events) over the last hour,
/// dead-letter failures as red ticks along the bottom, a faint grid with the scale, and a tooltip per minute. Drawn
/// here so the page needs no chart library and no script; colours come from the stylesheet's classes. The current
/// minute, still filling, is left out, so the lines do not fall at their end.
struct ThroughputChart {
    static let width = 720.0
    static let height = 168.0
    static let left = 40.0
    static let right = 8.0
    static let top = 10.0
    static let bottom = 22.0

    let minutes: [DashboardOverview.Minute]

    /// A chart of `series` without its last (current) minute.
    init(minutes series: [DashboardOverview.Minute]) {
        minutes = series.count > 2 ? Array(series.dropLast()) : series
    }

    /// The `<svg>` element.
    var svg: String {
        let count = max(minutes.count, 2)
        let plotWidth = Self.width - Self.left - Self.right
        let plotHeight = Self.height - Self.top - Self.bottom
        let peak = minutes.map { max($0.jobs, $0.webhooks, $0.events) }.max() ?? 0
        let scale = Self.niceCeiling(max(peak, 4))
        func x(_ index: Int) -> Double { Self.left + plotWidth * Double(index) / Double(count - 1) }
        func y(_ value: Int) -> Double { Self.top + plotHeight * (1 - Double(value) / Double(scale)) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }

        var parts: [String] = [
            #"<svg class="chart" viewBox="0 0 \#(Int(Self.width)) \#(Int(Self.height))" role="img" aria-label="Jobs, webhooks and events per minute over the last hour" preserveAspectRatio="none">"#
        ]
        for step in 0...2 {
            let value = scale * step / 2
            let lineY = number(y(value))
            parts.append(#"<line class="gridline" x1="\#(Self.left)" x2="\#(Self.width - Self.right)" y1="\#(lineY)" y2="\#(lineY)"/>"#)
            parts.append(#"<text class="axis" x="\#(Self.left - 6)" y="\#(number(y(value) + 4))" text-anchor="end">\#(Readable.count(value))</text>"#)
        }
        for (label, index) in [("−60 min", 0), ("−45", count / 4), ("−30", count / 2), ("−15", 3 * count / 4), ("now", count - 1)] {
            let anchor = index == 0 ? "start" : index == count - 1 ? "end" : "middle"
            parts.append(#"<text class="axis" x="\#(number(x(index)))" y="\#(Self.height - 6)" text-anchor="\#(anchor)">\#(label)</text>"#)
        }
        let series: [(String, KeyPath<DashboardOverview.Minute, Int>)] = [("jobs", \.jobs), ("webhooks", \.webhooks), ("events", \.events)]
        if !minutes.isEmpty {
            let jobs = minutes.enumerated().map { "\(number(x($0.offset))),\(number(y($0.element.jobs)))" }
            let base = number(y(0))
            parts.append(#"<path class="area-jobs" d="M\#(number(x(0))),\#(base) L\#(jobs.joined(separator: " L")) L\#(number(x(minutes.count - 1))),\#(base) Z"/>"#)
            for (name, path) in series {
                let points = minutes.enumerated().map { "\(number(x($0.offset))),\(number(y($0.element[keyPath: path])))" }
                parts.append(#"<polyline class="line-\#(name)" points="\#(points.joined(separator: " "))"/>"#)
            }
            for (index, minute) in minutes.enumerated() where minute.deadLetters > 0 {
                parts.append(#"<rect class="tick-dead" x="\#(number(x(index) - 1.5))" y="\#(number(y(0) - 6))" width="3" height="6"/>"#)
            }
            let slot = plotWidth / Double(count - 1)
            for (index, minute) in minutes.enumerated() {
                let time = Readable.date(minute.at).map(Readable.clock).map { String($0.dropFirst(11).prefix(5)) } ?? minute.at
                let summary = "\(time) UTC: \(minute.jobs) jobs, \(minute.webhooks) webhooks, \(minute.events) events"
                    + (minute.deadLetters > 0 ? ", \(minute.deadLetters) dead letters" : "")
                parts.append(
                    #"<rect class="hover" x="\#(number(x(index) - slot / 2))" y="\#(Self.top)" width="\#(number(slot))" height="\#(number(plotHeight))"><title>\#(summary)</title></rect>"#)
            }
        }
        parts.append("</svg>")
        return parts.joined()
    }

    /// The smallest of 1, 2, 5 × 10ⁿ (and 4, even for halving) at or above `value`, so the grid's labels are round.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for factor in [1, 2, 4, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }
}
