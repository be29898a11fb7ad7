/// A one-row history chart with one character per sample, newest at the right.
///
///     ▁▂▄▆█▇▅      (unicode)      .:-=@+=  (ascii)
public struct Sparkline: Sendable {
    /// Samples, oldest first; only the last `rect.width` are drawn.
    public var values: [Double]
    /// The value drawn as a full cell; `nil` for the largest value shown.
    public var maximum: Double?
    /// The colour role of the line.
    public var role: ColorRole

    public init(values: [Double], maximum: Double? = nil, role: ColorRole = .threadSparkline) {
        self.values = values
        self.maximum = maximum
        self.role = role
    }

    /// The characters for the last `width` values (spaces for missing history), right-aligned.
    public func glyphs(width: Int, glyphs: GlyphSet) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width)
        let top = maximum ?? shown.max() ?? 0
        let levels = glyphs.sparkLevels
        var text = String(repeating: " ", count: width - shown.count)
        for value in shown {
            guard top > 0, value.isFinite, value > 0 else { text.append(" "); continue }
            let level = Int((min(value / top, 1) * Double(levels.count)).rounded(.up)) - 1
            text.append(levels[max(0, min(levels.count - 1, level))])
        }
        return text
    }

    /// Draws the sparkline on the first row of `rect`.
    public func draw(in rect: Rect, on canvas: inout Canvas, glyphs: GlyphSet) {
        guard !rect.isEmpty else { return }
        canvas.write(self.glyphs(width: rect.width, glyphs: glyphs), x: rect.x, y: rect.y, style: Style(role), clip: rect)
    }
}
