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

    /// `text` escaped as ``escaped(_:limit:)`` does, but at most `maximumLength` characters long
    /// in all, the "… (N bytes)" note included, so that escaping the result again gives the
    /// result: for text that is stored escaped and read back (a pool's error message that
    /// rigtop re-serialises), where escaping the escapes must not cut or change it.
    public static func escaped(_ text: some StringProtocol, maximumLength: Int) -> String {
        let pieces = text.unicodeScalars.lazy.map { scalar in
            isPrintable(scalar) ? String(scalar) : "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
        var total = 0
        for piece in pieces { total += piece.unicodeScalars.count }
        guard total > maximumLength else { return pieces.joined() }
        let note = "… (\(text.utf8.count) bytes)"
        let budget = maximumLength - note.unicodeScalars.count
        var out = ""
        var length = 0
        for piece in pieces {
            let count = piece.unicodeScalars.count
            if length + count > budget { break }
            out += piece
            length += count
        }
        return out + note
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
