import RigEngine

/// Number formatting shared by the panels: fixed decimals without Foundation, durations, units.
///
/// Nothing here ever writes an exponent: a figure on screen is read by people, who read
/// `0.0000011`, not `1.1e-6`.
enum Format {
    /// `value` with `decimals` digits after the point; "n/a" for NaN and infinity.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "n/a" }
        let decimals = max(0, decimals)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        // Past 2^53 a Double has no fraction left; its whole part is written digit by digit
        // rather than through `Int`, which would trap past 2^63.
        guard scaled < 9e15 else {
            return (value < 0 ? "-" : "") + wholeDigits(abs(value).rounded()) + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : "")
        }
        let whole = Int(scaled / scale)
        var text = String(whole)
        if decimals > 0 {
            var fraction = String(Int(scaled.truncatingRemainder(dividingBy: scale)))
            while fraction.count < decimals { fraction = "0" + fraction }
            text += "." + fraction
        }
        return (value < 0 && scaled != 0 ? "-" : "") + text
    }

    /// The decimal digits of a whole, non-negative Double of any size (no exponent).
    private static func wholeDigits(_ value: Double) -> String {
        guard value >= 1e15 else { return String(Int(value)) }
        var digits: [Character] = []
        var rest = value
        while rest >= 1 {
            let digit = Int(rest.truncatingRemainder(dividingBy: 10))
            digits.append(Character(String(digit)))
            rest = (rest / 10).rounded(.down)
        }
        return String(digits.reversed())
    }

    /// `value` in plain decimal notation with `digits` significant digits, never an exponent:
    /// `plain(0.0000011234, significant: 2)` is `0.0000011`, `plain(12345.6, significant: 3)`
    /// is `12,346` (whole digits are never dropped; thousands are grouped from 10 000 up).
    ///
    /// Trailing zeros after the point are trimmed down to `minimumDecimals`; at most
    /// `maximumDecimals` are written (a coin's own decimals), so a value under that resolution
    /// is written as `0`.
    static func plain(_ value: Double, significant digits: Int, minimumDecimals: Int = 0, maximumDecimals: Int = 24) -> String {
        guard value.isFinite else { return "n/a" }
        let magnitude = abs(value)
        var decimals = minimumDecimals
        if magnitude > 0 {
            var leading = 0  // the power of ten of the first significant digit
            var probe = magnitude
            while probe >= 10 { probe /= 10; leading += 1 }
            while probe < 1 { probe *= 10; leading -= 1 }
            decimals = max(minimumDecimals, digits - 1 - leading)
            // Rounding may carry into a new leading digit (0.0995 → 0.10): one decimal fewer then.
            if decimals > minimumDecimals, (magnitude * pow10(decimals)).rounded() >= pow10(digits) { decimals -= 1 }
        }
        decimals = min(decimals, max(minimumDecimals, maximumDecimals))
        var text = fixed(magnitude, decimals)
        if let point = text.firstIndex(of: ".") {
            var kept = text.distance(from: point, to: text.endIndex) - 1
            while kept > minimumDecimals, text.hasSuffix("0") { text.removeLast(); kept -= 1 }
            if text.hasSuffix(".") { text.removeLast() }
        }
        let negative = value < 0 && text.contains { $0 != "0" && $0 != "." && $0 != "," }
        return (negative ? "-" : "") + grouped(text)
    }

    /// Groups the whole part of a plain number with commas from 10 000 up: `91500` → `91,500`.
    static func grouped(_ text: String) -> String {
        let whole = text.prefix { $0 != "." }
        guard whole.count > 4, whole.allSatisfy(\.isNumber) else { return text }
        var out = ""
        for (offset, digit) in whole.enumerated() {
            if offset > 0, (whole.count - offset) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out + text.dropFirst(whole.count)
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }

    static func hashrate(_ rate: Double?) -> String { HashrateFormat.string(rate) }

    /// 1h02m, 3m05s, 42s, 2d03h.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "n/a" }
        let total = Int(min(max(0, seconds), 1e15))
        let days = total / 86_400, hours = total / 3600 % 24, minutes = total / 60 % 60, secs = total % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if days > 0 { return "\(days)d\(two(hours))h" }
        if hours > 0 { return "\(hours)h\(two(minutes))m" }
        if minutes > 0 { return "\(minutes)m\(two(secs))s" }
        return "\(secs)s"
    }

    /// Energy in Wh or kWh.
    static func energy(joules: Double) -> String {
        let wattHours = joules / 3600
        return wattHours >= 1000 ? fixed(wattHours / 1000, 2) + " kWh" : fixed(wattHours, wattHours < 10 ? 2 : 1) + " Wh"
    }

    /// A count with k/M/G suffixes: 1234567 → 1.23M.
    static func count(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        let units = ["", "k", "M", "G", "T", "P", "E"]
        var v = value
        var unit = 0
        while abs(v) >= 1000 && unit < units.count - 1 { v /= 1000; unit += 1 }
        if unit == 0 { return fixed(v.rounded(.towardZero), 0) }
        return fixed(v, abs(v) >= 100 ? 0 : abs(v) >= 10 ? 1 : 2) + units[unit]
    }
}
