/// Text from outside rigtop (a pool's message, a method name, a job id, a host name, a sysfs
/// label) made safe to put on a terminal or in a log: control characters (ESC, BEL, newlines,
/// C1 controls, DEL) are shown as `\u{1B}`-style escapes, so a pool cannot clear the screen, set
/// the window title or forge a whole log line; long text is cut with its length said.
public enum OutsideText {
    /// Characters kept at most; the rest is summarised.
    public static let defaultLimit = 200

    public static func escaped(_ text: some StringProtocol, limit: Int = defaultLimit) -> String {
        var out = ""
        var kept = 0
        for scalar in text.unicodeScalars {
            if kept >= limit {
                out += "… (\(text.utf8.count) bytes)"
                break
            }
            if isPrintable(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            kept += 1
        }
        return out
    }

    /// Whether `text` can go to a terminal as it is.
    public static func isClean(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.allSatisfy(isPrintable)
    }

    /// Printable: not a C0/C1 control or DEL, not a line or paragraph separator, not a
    /// bidirectional override (which can make a line read as something else).
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20..<0x7f: true
        case 0..<0x20, 0x7f..<0xa0, 0x2028, 0x2029, 0x202a...0x202e, 0x2066...0x2069: false
        default: true
        }
    }
}
