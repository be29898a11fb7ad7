/// A filled history graph with a labelled y scale: braille dots (2 samples × 4 levels per cell)
/// in UTF-8 terminals, `.` `:` `|` (1 sample × 3 levels per cell) otherwise. Newest at the right.
///
///     12k ⢀⣀⣠⣴⣾⣿
///         ⣿⣿⣿⣿⣿⣿
///       0 ⣿⣿⣿⣿⣿⣿
///
/// The scale runs from 0 to `maximum` (or the data's maximum rounded up to 1, 2, 2.5 or 5 × 10ⁿ);
/// the top row is labelled with the maximum, the bottom with 0, and the middle row with half the
/// maximum when the height is odd and at least 5 (the only case where a row's centre is exactly ½).
public struct BrailleGraph: Sendable {
    /// Samples, oldest first.
    public var values: [Double]
    /// The value at the top of the graph; `nil` for `BrailleGraph.niceCeiling(values.max())`.
    public var maximum: Double?
    /// The colour role of the dots.
    public var role: ColorRole
    /// The colour role of the scale labels.
    public var labelRole: ColorRole
    /// Formats a scale value, e.g. `{ Hashrate($0).compact }`; must be pure.
    public var formatLabel: @Sendable (Double) -> String

    public init(
        values: [Double], maximum: Double? = nil, role: ColorRole = .hashrateGraph, labelRole: ColorRole = .graphText,
        formatLabel: @escaping @Sendable (Double) -> String = BrailleGraph.defaultLabel
    ) {
        self.values = values
        self.maximum = maximum
        self.role = role
        self.labelRole = labelRole
        self.formatLabel = formatLabel
    }

    /// The top of the scale actually used.
    public var scaleTop: Double {
        let top = maximum ?? Self.niceCeiling(values.filter(\.isFinite).max() ?? 0)
        return top > 0 ? top : 1
    }

    /// Draws labels on the left and the graph to their right, filling `rect`.
    public func draw(in rect: Rect, on canvas: inout Canvas, glyphs: GlyphSet) {
        guard !rect.isEmpty else { return }
        let top = scaleTop
        var labels: [(row: Int, text: String)] = [(0, formatLabel(top))]
        if rect.height >= 2 { labels.append((rect.height - 1, formatLabel(0))) }
        if rect.height >= 5, rect.height % 2 == 1 { labels.append((rect.height / 2, formatLabel(top / 2))) }
        let labelWidth = labels.map { TextWidth.width(of: $0.text) }.max() ?? 0
        let plot: Rect
        if labelWidth + 2 <= rect.width {
            let parts = rect.split(columns: [.fixed(labelWidth), .fixed(1), .fill])
            for label in labels {
                canvas.write(label.text, in: parts[0].row(label.row), alignment: .right, style: Style(labelRole))
            }
            plot = parts[2]
        } else {
            plot = rect  // too narrow for a scale: graph only
        }
        if glyphs.usesBraille {
            drawBraille(in: plot, top: top, on: &canvas)
        } else {
            drawASCII(in: plot, top: top, on: &canvas)
        }
    }

    /// Braille dot bits by column (left, right) and dot row from the bottom (Unicode's U+2800 block:
    /// dots 7, 3, 2, 1 on the left and 8, 6, 5, 4 on the right).
    private static let dotBits: [[UInt32]] = [[0x40, 0x04, 0x02, 0x01], [0x80, 0x20, 0x10, 0x08]]

    private func drawBraille(in plot: Rect, top: Double, on canvas: inout Canvas) {
        let samples = Array(values.suffix(plot.width * 2))
        let levels = samples.map { Self.level($0, top: top, steps: plot.height * 4) }
        let firstSlot = plot.width * 2 - levels.count  // dot columns left empty for missing history
        for row in 0..<plot.height {
            let floor = (plot.height - 1 - row) * 4  // dot levels below this row
            for cell in 0..<plot.width {
                var bits: UInt32 = 0
                for side in 0..<2 {
                    let slot = cell * 2 + side - firstSlot
                    guard slot >= 0 else { continue }
                    let dots = min(max(levels[slot] - floor, 0), 4)
                    for dot in 0..<dots { bits |= Self.dotBits[side][dot] }
                }
                let glyph: Character = bits == 0 ? " " : Character(Unicode.Scalar(0x2800 + bits)!)
                canvas.put(glyph, x: plot.x + cell, y: plot.y + row, style: Style(role), clip: plot)
            }
        }
    }

    private func drawASCII(in plot: Rect, top: Double, on canvas: inout Canvas) {
        let marks: [Character] = [" ", ".", ":", "|"]
        let samples = Array(values.suffix(plot.width))
        let levels = samples.map { Self.level($0, top: top, steps: plot.height * 3) }
        let firstCell = plot.width - levels.count
        for row in 0..<plot.height {
            let floor = (plot.height - 1 - row) * 3
            for cell in 0..<plot.width {
                let index = cell - firstCell
                let filled = index >= 0 ? min(max(levels[index] - floor, 0), 3) : 0
                canvas.put(marks[filled], x: plot.x + cell, y: plot.y + row, style: Style(role), clip: plot)
            }
        }
    }

    /// How many of `steps` levels `value` fills; any positive value shows at least one.
    static func level(_ value: Double, top: Double, steps: Int) -> Int {
        guard value.isFinite, value > 0, top > 0 else { return 0 }
        return max(1, min(steps, Int((value / top * Double(steps)).rounded())))
    }

    /// The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value` (0 for values ≤ 0).
    public static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 0 }
        var decade = 1.0
        while decade * 10 <= value { decade *= 10 }
        while decade > value { decade /= 10 }
        for multiple in [1.0, 2.0, 2.5, 5.0, 10.0] where multiple * decade >= value {
            return multiple * decade
        }
        return 10 * decade
    }

    /// `12`, `1.5k`, `12k`, `3.4M`: short SI labels.
    public static let defaultLabel: @Sendable (Double) -> String = { value in
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, suffix) in units where abs(value) >= scale {
            return compact(value / scale) + suffix
        }
        return compact(value)
    }

    /// One decimal below 10, none above: `1.5`, `12`, `250`.
    private static func compact(_ value: Double) -> String {
        if abs(value) < 10, value != value.rounded() {
            let tenths = Int((value * 10).rounded())
            return "\(tenths / 10).\(abs(tenths % 10))"
        }
        return String(Int(value.rounded()))
    }
}
