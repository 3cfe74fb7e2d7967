/// A scatter plot drawn in characters: y ticks every tenth, x ticks at round numbers, one
/// marker character per series. At the default size it fits 80 columns.
struct TerminalPlot {
    struct Series {
        let marker: Character
        let label: String
        let points: [(x: Double, y: Double)]
    }

    var xLabel: String
    var yLabel: String
    /// Columns of the plotting area.
    var width = 64
    /// Rows per tenth of the y axis.
    var rowsPerTenth = 4

    func render(_ series: [Series]) -> String {
        let all = series.flatMap(\.points)
        guard !all.isEmpty else { return "" }
        let yTop = (all.map(\.y).max()! * 10).rounded(.up) / 10
        let yBottom = min((all.map(\.y).min()! * 10).rounded(.down) / 10, yTop - 0.1)
        let tenths = Int(((yTop - yBottom) * 10).rounded())
        let height = tenths * rowsPerTenth + 1
        let xStep = Self.niceStep(for: all.map(\.x).max()!)
        let xTicks = Int((all.map(\.x).max()! / xStep).rounded(.up))
        let xRight = Double(xTicks) * xStep

        var grid = Array(repeating: Array(repeating: Character(" "), count: width), count: height)
        var collided = false
        for line in series {
            for point in line.points {
                let column = Int((point.x / xRight * Double(width - 1)).rounded())
                let row = Int(((yTop - point.y) / (yTop - yBottom) * Double(height - 1)).rounded())
                let cell = grid[row][column]
                collided = collided || (cell != " " && cell != line.marker)
                grid[row][column] = cell == " " || cell == line.marker ? line.marker : "*"
            }
        }

        let margin = 6
        var lines = [yLabel]
        for (row, cells) in grid.enumerated() {
            let isTick = row % rowsPerTenth == 0
            let label = isTick ? Self.fixed(yTop - Double(row / rowsPerTenth) / 10, decimals: 1) : ""
            let prefix = String(repeating: " ", count: margin - 1 - label.count) + label + (isTick ? "┤" : "│")
            lines.append(String((prefix + String(cells)).reversed().drop { $0 == " " }.reversed()))
        }
        var axis = Array(repeating: Character("─"), count: width)
        var labels = Array(repeating: Character(" "), count: width + margin + 4)
        for tick in 0...xTicks {
            let column = Int((Double(tick) / Double(xTicks) * Double(width - 1)).rounded())
            axis[column] = "┬"
            let text = Array(String(Int(Double(tick) * xStep)))
            let start = min(max(margin + column - text.count / 2, 0), labels.count - text.count)
            labels.replaceSubrange(start..<start + text.count, with: text)
        }
        lines.append(String(repeating: " ", count: margin - 1) + "└" + String(axis))
        lines.append(String(String(labels).reversed().drop { $0 == " " }.reversed()))
        let pad = max(0, margin + (width - xLabel.count) / 2)
        lines.append(String(repeating: " ", count: pad) + xLabel)
        var legend = series.map { "\($0.marker) \($0.label)" }
        if collided { legend.append("* several") }
        lines.append(String(repeating: " ", count: margin) + legend.joined(separator: "   "))
        return lines.joined(separator: "\n")
    }

    /// A round tick spacing (1, 2 or 5 times a power of ten) giving four to eight ticks up to `maximum`.
    static func niceStep(for maximum: Double) -> Double {
        guard maximum > 0 else { return 1 }
        var power = 1.0
        while power * 10 <= maximum { power *= 10 }
        for factor in [0.1, 0.2, 0.5, 1.0] where maximum / (power * factor) <= 8 {
            return power * factor
        }
        return power
    }

    /// `value` with exactly `decimals` digits after the point, for non-negative values.
    static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        guard decimals > 0 else { return String(scaled) }
        let fraction = String(scaled % scale)
        return "\(scaled / scale)." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
