/// A colour as a theme states it: the terminal's default, one of the 16 ANSI colours, or RGB.
public enum Color: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own default foreground or background (an empty value in a theme file).
    case terminalDefault
    /// One of the 16 ANSI colours, whose actual shade the user's terminal palette decides.
    case ansi(ANSIColor)
    /// A 24-bit colour.
    case rgb(RGB)

    /// Shorthand for `.rgb(RGB(hex:))`: `Color.hex(0x88c0d0)`.
    public static func hex(_ value: UInt32) -> Color { .rgb(RGB(hex: value)) }

    public var description: String {
        switch self {
        case .terminalDefault: return "default"
        case .ansi(let colour): return colour.name
        case .rgb(let rgb): return rgb.description
        }
    }
}

/// A 24-bit sRGB colour.
public struct RGB: Hashable, Sendable, CustomStringConvertible {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// From `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(red: UInt8((hex >> 16) & 0xff), green: UInt8((hex >> 8) & 0xff), blue: UInt8(hex & 0xff))
    }

    /// `#rrggbb`, lower case.
    public var description: String {
        let value = UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue)
        let digits = String(value, radix: 16)
        return "#" + String(repeating: "0", count: 6 - digits.count) + digits
    }

    /// Squared Euclidean distance in RGB space; cheap and predictable for nearest-colour search.
    func distanceSquared(to other: RGB) -> Int {
        let dr = Int(red) - Int(other.red), dg = Int(green) - Int(other.green), db = Int(blue) - Int(other.blue)
        return dr * dr + dg * dg + db * db
    }
}

/// The 16 ANSI colours; the raw value is the terminal colour index (0–15).
public enum ANSIColor: Int, CaseIterable, Hashable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

    /// The name used in theme files: `red`, `bright_red`.
    public var name: String {
        let base = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"][rawValue % 8]
        return rawValue < 8 ? base : "bright_" + base
    }

    /// The colour with theme-file name `name` (`red`, `bright_red`, also `brightred`, `grey`→bright black).
    public init?(name: String) {
        let key = String(name.lowercased().filter { $0 != "_" && $0 != "-" })
        if key == "gray" || key == "grey" { self = .brightBlack; return }
        guard let match = ANSIColor.allCases.first(where: { String($0.name.filter { $0 != "_" }) == key })
        else { return nil }
        self = match
    }

    /// xterm's default palette for this index, used to find the nearest ANSI colour to an RGB one.
    public var xtermRGB: RGB {
        let palette: [UInt32] = [
            0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
            0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff,
        ]
        return RGB(hex: palette[rawValue])
    }

    /// The colour's counterpart among the first 8, for 8-colour terminals.
    public var base: ANSIColor { ANSIColor(rawValue: rawValue % 8)! }
}
