/// How many colours the terminal can show, from 24-bit down to none.
///
/// Ordered: `.none < .eight < .sixteen < .palette256 < .trueColor`, so a backend can take
/// `min(ColorDepth.detect(environment:), ColorDepth(colorCount: COLORS))`.
public enum ColorDepth: Int, Comparable, CaseIterable, Hashable, Sendable {
    case none = 0
    case eight = 8
    case sixteen = 16
    case palette256 = 256
    case trueColor = 16_777_216

    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The depth a terminal reporting `count` colours (curses' `COLORS`) supports.
    public init(colorCount count: Int) {
        switch count {
        case 16_777_216...: self = .trueColor
        case 256...: self = .palette256
        case 16...: self = .sixteen
        case 8...: self = .eight
        default: self = .none
        }
    }

    /// The depth the environment announces.
    ///
    /// `NO_COLOR` (any non-empty value, no-color.org) wins; then `COLORTERM=truecolor|24bit`;
    /// then `TERM`: `*-direct` truecolor, `*256color*` 256, `*16color*`, xterm, rxvt, screen,
    /// tmux 16, `dumb` or unset none, anything else (e.g. `linux`, `vt220`) 8.
    public static func detect(environment: [String: String]) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let colorTerm = environment["COLORTERM"]?.lowercased() ?? ""
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .trueColor }
        let term = environment["TERM"]?.lowercased() ?? ""
        if term.isEmpty || term == "dumb" { return .none }
        if term.hasSuffix("-direct") { return .trueColor }
        if term.contains("256color") { return .palette256 }
        if term.contains("16color") { return .sixteen }
        let sixteenColorFamilies = ["xterm", "rxvt", "screen", "tmux", "alacritty", "foot", "kitty", "wezterm"]
        if sixteenColorFamilies.contains(where: { term.hasPrefix($0) }) { return .sixteen }
        return .eight
    }
}

/// A colour as a backend emits it at a given depth.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's default colour (curses `-1` with `use_default_colors`).
    case terminalDefault
    /// A palette index: 0–7, 0–15 or 0–255 depending on the depth.
    case indexed(Int)
    /// A 24-bit colour, only at `.trueColor`.
    case rgb(RGB)
}

extension Color {
    /// This colour as the terminal at `depth` can show it, mapping RGB to the nearest palette entry.
    public func terminalColor(at depth: ColorDepth) -> TerminalColor {
        switch (self, depth) {
        case (.terminalDefault, _), (_, .none): return .terminalDefault
        case (.ansi(let ansi), .eight): return .indexed(ansi.base.rawValue)
        case (.ansi(let ansi), _): return .indexed(ansi.rawValue)
        case (.rgb(let rgb), .trueColor): return .rgb(rgb)
        case (.rgb(let rgb), .palette256): return .indexed(Palette.nearest256(rgb))
        case (.rgb(let rgb), .sixteen): return .indexed(Palette.nearest16(rgb).rawValue)
        case (.rgb(let rgb), .eight): return .indexed(Palette.nearest8(rgb).rawValue)
        }
    }
}

/// Nearest-colour search over the xterm palettes.
public enum Palette {
    /// The 6 channel levels of xterm's 6×6×6 colour cube (indices 16–231).
    public static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value xterm gives palette index `index` (0–255).
    public static func rgb(ofIndex index: Int) -> RGB {
        switch index {
        case ..<16: return ANSIColor(rawValue: max(0, index))!.xtermRGB
        case 16..<232:
            let n = index - 16
            return RGB(red: UInt8(cubeLevels[n / 36]), green: UInt8(cubeLevels[(n / 6) % 6]), blue: UInt8(cubeLevels[n % 6]))
        default:
            let grey = UInt8(8 + 10 * (min(index, 255) - 232))  // greys 232–255: 8, 18, …, 238
            return RGB(red: grey, green: grey, blue: grey)
        }
    }

    /// The nearest of indices 16–255 (the cube and the grey ramp). Indices 0–15 are skipped
    /// because users recolour them; the cube and ramp are fixed in every xterm-like terminal.
    public static func nearest256(_ colour: RGB) -> Int {
        func nearestLevel(_ channel: UInt8) -> Int {
            cubeLevels.indices.min(by: { abs(cubeLevels[$0] - Int(channel)) < abs(cubeLevels[$1] - Int(channel)) })!
        }
        let cube = 16 + 36 * nearestLevel(colour.red) + 6 * nearestLevel(colour.green) + nearestLevel(colour.blue)
        let average = (Int(colour.red) + Int(colour.green) + Int(colour.blue)) / 3
        let grey = 232 + min(23, max(0, (average - 3) / 10))
        let cubeDistance = colour.distanceSquared(to: rgb(ofIndex: cube))
        let greyDistance = colour.distanceSquared(to: rgb(ofIndex: grey))
        return greyDistance < cubeDistance ? grey : cube
    }

    /// The nearest of the 16 ANSI colours, by xterm's default palette.
    public static func nearest16(_ colour: RGB) -> ANSIColor {
        ANSIColor.allCases.min(by: { colour.distanceSquared(to: $0.xtermRGB) < colour.distanceSquared(to: $1.xtermRGB) })!
    }

    /// The nearest of the first 8 ANSI colours, by xterm's default palette.
    public static func nearest8(_ colour: RGB) -> ANSIColor {
        ANSIColor.allCases.prefix(8).min(by: { colour.distanceSquared(to: $0.xtermRGB) < colour.distanceSquared(to: $1.xtermRGB) })!
    }
}
