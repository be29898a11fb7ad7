/// A horizontal bar showing a fraction of a maximum, coloured by which level the fraction reached.
///
///     ████████▌       72%        (unicode; eighth blocks give 8 steps per cell)
///     ########.......  72%       (ascii)
public struct Meter: Sendable {
    /// How full the bar is, 0...1 (values outside are clamped).
    public var fraction: Double
    /// Which role colours the bar at which fraction.
    public var levels: MeterLevels
    /// Shown right of the bar, e.g. `"72%"` or `"81°C"`; `nil` for none.
    public var text: String?

    public init(fraction: Double, levels: MeterLevels = .load, text: String? = nil) {
        self.fraction = fraction
        self.levels = levels
        self.text = text
    }

    /// The role the bar is drawn in at its current fraction.
    public var role: ColorRole { levels.role(for: fraction) }

    /// Draws the bar (and its text) on the first row of `rect`.
    public func draw(in rect: Rect, on canvas: inout Canvas, glyphs: GlyphSet) {
        guard !rect.isEmpty else { return }
        var bar = rect.row(0)
        if let text, !text.isEmpty {
            let textWidth = min(TextWidth.width(of: text), bar.width)
            let parts = bar.split(columns: [.fill, .fixed(textWidth == bar.width ? 0 : 1), .fixed(textWidth)])
            canvas.write(text, in: parts[2], alignment: .right, style: Style(role), ellipsis: glyphs.ellipsis)
            bar = parts[0]
        }
        guard !bar.isEmpty else { return }
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let steps = glyphs.meterPartials.count + 1  // sub-steps per cell
        let filledSteps = Int((clamped * Double(bar.width * steps)).rounded())
        let fullCells = filledSteps / steps, partial = filledSteps % steps
        let filled = Style(role, background: .meterBackground)
        let empty = Style(.meterBackground, background: .meterBackground)
        for offset in 0..<bar.width {
            let x = bar.x + offset
            if offset < fullCells {
                canvas.put(glyphs.meterFull, x: x, y: bar.y, style: filled)
            } else if offset == fullCells, partial > 0 {
                canvas.put(glyphs.meterPartials[partial - 1], x: x, y: bar.y, style: filled)
            } else {
                canvas.put(glyphs.meterEmpty, x: x, y: bar.y, style: empty)
            }
        }
    }
}

/// Thresholds that pick a meter's colour role: the role of the highest level at or below the fraction.
public struct MeterLevels: Hashable, Sendable {
    /// One threshold: from `fraction` upwards the bar is drawn in `role`.
    public struct Level: Hashable, Sendable {
        public var fraction: Double
        public var role: ColorRole
        public init(from fraction: Double, _ role: ColorRole) {
            self.fraction = fraction
            self.role = role
        }
    }

    /// Levels in ascending order of `fraction`.
    public var levels: [Level]

    public init(_ levels: [Level]) {
        self.levels = levels.sorted { $0.fraction < $1.fraction }
    }

    /// The role for `fraction`; the lowest level's role below every threshold.
    public func role(for fraction: Double) -> ColorRole {
        levels.last { fraction >= $0.fraction }?.role ?? levels.first?.role ?? .meterLow
    }

    /// Load-style meters: low below 60 %, mid to 85 %, high above (htop's CPU meter bands).
    public static let load = MeterLevels([.init(from: 0, .meterLow), .init(from: 0.6, .meterMid), .init(from: 0.85, .meterHigh)])

    /// Temperature bars: the fractions of the bar's scale where the chip's warm, hot and critical
    /// thresholds fall (e.g. `max - 10 °C`, `max`, `crit` divided by the scale's top).
    public static func temperature(warm: Double, hot: Double, critical: Double) -> MeterLevels {
        MeterLevels([.init(from: 0, .tempNormal), .init(from: warm, .tempWarm), .init(from: hot, .tempHot), .init(from: critical, .tempCritical)])
    }
}
