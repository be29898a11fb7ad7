/// The parser for `.theme` files: btop's format plus rigtop's own role keys.
///
/// Each meaningful line is `theme[KEY]="VALUE"`; blank lines and lines starting with `#` are
/// comments. KEY is a rigtop role (`temp_hot`, see `ColorRole`) or a btop key (`main_bg`,
/// mapped by `BtopThemeImport`); rigtop keys win over btop keys whatever their order.
/// VALUE is one of:
/// - `#rrggbb` or `#rgb`;
/// - `#gg`, btop's two-digit grey;
/// - `r g b`, btop's decimal form (0–255 each);
/// - an ANSI colour name (`red`, `bright_blue`), for themes meant for 8/16-colour terminals;
/// - empty (`""`) or `default`: the terminal's default colour.
///
///     theme[main_bg]="#2e3440"
///     theme[temp_critical]="#bf616a"
public enum ThemeFile {
    /// A parsed theme and what was skipped on the way.
    public struct Parsed: Hashable, Sendable {
        public var theme: Theme
        public var warnings: [ThemeWarning]
    }

    /// Parses the text of a theme file. `file` names it in errors and warnings; `name` is the
    /// theme's name. Throws a `ThemeError` at the first malformed line or bad colour.
    public static func parse(_ text: String, file: String, name: String) throws(ThemeError) -> Parsed {
        var own: [ColorRole: Color] = [:]
        var btop: [(key: String, color: Color)] = []
        var warnings: [ThemeWarning] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let (key, value) = splitAssignment(line) else {
                throw ThemeError(file: file, line: lineNumber, message: "expected theme[key]=\"value\", got \(line)")
            }
            let color: Color
            do { color = try parseColor(value) } catch {
                throw ThemeError(file: file, line: lineNumber, message: "\(key): \(error.reason)")
            }
            if let role = ColorRole(rawValue: key) {
                own[role] = color
            } else if BtopThemeImport.isKnown(key) {
                btop.append((key, color))
            } else {
                warnings.append(ThemeWarning(file: file, line: lineNumber, message: "unknown key \(key), skipped"))
            }
        }
        var theme = Theme(name: name)
        BtopThemeImport.apply(btop, to: &theme)
        for (role, color) in own { theme[role] = color }
        return Parsed(theme: theme, warnings: warnings)
    }

    /// Why a value is not a colour.
    public struct BadColor: Error, Hashable, Sendable {
        public var reason: String
    }

    /// Parses one value (without quotes) in any of the accepted forms.
    public static func parseColor(_ value: String) throws(BadColor) -> Color {
        let text = value.trimmingWhitespace()
        if text.isEmpty || text.lowercased() == "default" { return .terminalDefault }
        if text.hasPrefix("#") {
            let digits = text.dropFirst()
            guard digits.allSatisfy(\.isHexDigit), let number = UInt32(digits, radix: 16) else {
                throw BadColor(reason: "\"\(text)\" is not a hex colour")
            }
            switch digits.count {
            case 6: return .hex(number)
            case 3:
                let r = (number >> 8) & 0xf, g = (number >> 4) & 0xf, b = number & 0xf
                return .hex((r * 0x11) << 16 | (g * 0x11) << 8 | b * 0x11)
            case 2: return .hex(number << 16 | number << 8 | number)
            default: throw BadColor(reason: "\"\(text)\" needs 6, 3 or 2 hex digits")
            }
        }
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 3 {
            let channels = parts.compactMap { UInt8($0) }
            guard channels.count == 3 else { throw BadColor(reason: "\"\(text)\" needs three numbers 0-255") }
            return .rgb(RGB(red: channels[0], green: channels[1], blue: channels[2]))
        }
        if let ansi = ANSIColor(name: text) { return .ansi(ansi) }
        throw BadColor(reason: "\"\(text)\" is not a colour (use #rrggbb, #rgb, \"r g b\" or a colour name)")
    }

    /// `theme[key]="value"` (quotes optional, spaces around `=` allowed, a trailing `# comment`
    /// after a quoted value allowed) as `(key, value)`.
    private static func splitAssignment(_ line: String) -> (String, String)? {
        guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]") else { return nil }
        let key = String(line[line.index(line.startIndex, offsetBy: 6)..<close]).trimmingWhitespace()
        var rest = Substring(line[line.index(after: close)...]).trimmingWhitespace()[...]
        guard !key.isEmpty, rest.first == "=" else { return nil }
        rest = Substring(rest.dropFirst().trimmingWhitespace())
        if rest.first == "\"" {
            let body = rest.dropFirst()
            guard let end = body.firstIndex(of: "\"") else { return nil }
            let after = body[body.index(after: end)...].trimmingWhitespace()
            guard after.isEmpty || after.hasPrefix("#") else { return nil }
            return (key, String(body[..<end]))
        }
        return (key, String(rest))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and carriage returns.
    func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
