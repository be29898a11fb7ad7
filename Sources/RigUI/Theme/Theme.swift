/// A colour for every `ColorRole`, with the name it was loaded under.
///
/// `Theme.default` is compiled in and is the schema: it sets every role, a theme file only
/// overrides roles, and a role the file leaves out keeps the default's colour.
public struct Theme: Hashable, Sendable {
    /// The theme's name (its file name without `.theme`), shown in the header and help.
    public var name: String
    private var colors: [ColorRole: Color]

    /// A theme that starts from `base` (by default `Theme.default`) with `overrides` applied.
    public init(name: String, base: Theme? = nil, overrides: [ColorRole: Color] = [:]) {
        self.name = name
        self.colors = (base ?? .default).colors.merging(overrides) { _, new in new }
    }

    private init(name: String, complete colors: [ColorRole: Color]) {
        self.name = name
        self.colors = colors
    }

    /// The colour of `role`.
    public subscript(role: ColorRole) -> Color {
        get { colors[role] ?? .terminalDefault }
        set { colors[role] = newValue }
    }

    /// A style's concrete colours: roles looked up, `nil` colours taken from `.foreground` and
    /// `.background`.
    public func resolve(_ style: Style) -> ResolvedStyle {
        func colour(_ value: StyleColor?, fallback: ColorRole) -> Color {
            switch value {
            case .role(let role): return self[role]
            case .color(let colour): return colour
            case nil: return self[fallback]
            }
        }
        return ResolvedStyle(
            foreground: colour(style.foreground, fallback: .foreground),
            background: colour(style.background, fallback: .background),
            attributes: style.attributes)
    }

    /// rigtop's own default: a dark theme that also reads well on the terminal's own background,
    /// since `background` is the terminal default.
    public static let `default` = Theme(name: "default", complete: [
        .background: .terminalDefault,
        .foreground: .hex(0xd0d0d0),
        .title: .hex(0xffffff),
        .border: .hex(0x5f6b7a),
        .divider: .hex(0x3a4350),
        .highlight: .hex(0xffb454),
        .dimText: .hex(0x7a828c),
        .selectedBackground: .hex(0x2f4a6d),
        .selectedForeground: .hex(0xffffff),
        .hashrateBox: .hex(0x5f8fbf),
        .threadsBox: .hex(0x8f6fbf),
        .thermalsBox: .hex(0xbf7f5f),
        .powerBox: .hex(0x6fa86f),
        .earningsBox: .hex(0xbfa75f),
        .graphText: .hex(0x9aa5b1),
        .hashrateGraph: .hex(0x4fc1ff),
        .threadSparkline: .hex(0x8fb9ff),
        .tempNormal: .hex(0x5fd75f),
        .tempWarm: .hex(0xd7d75f),
        .tempHot: .hex(0xff8700),
        .tempCritical: .hex(0xff3f3f),
        .meterBackground: .hex(0x303841),
        .meterLow: .hex(0x5fd75f),
        .meterMid: .hex(0xd7d75f),
        .meterHigh: .hex(0xff5f5f),
        .fan: .hex(0x5fd7d7),
        .frequency: .hex(0xaf87ff),
        .power: .hex(0xffd75f),
        .earnings: .hex(0x87d787),
        .good: .hex(0x5fd75f),
        .warn: .hex(0xffaf00),
        .bad: .hex(0xff5f5f),
    ])
}

/// A style with every colour decided: what a backend draws.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: TextAttributes

    public init(foreground: Color, background: Color, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}
