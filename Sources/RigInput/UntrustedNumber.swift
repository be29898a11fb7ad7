/// Numbers from outside rigtop (pool and node messages, API requests, sysfs files, config and
/// theme files, market feeds, flags) turned into the values rigtop computes with, or a typed
/// error: never a trap.
///
/// Swift traps on `Int(1e300)`, `Int(Double.nan)` and integer overflow; every parser goes through
/// here instead, so a value of 1e300, -1e30, NaN, "inf" or Int64.max becomes an
/// ``UntrustedNumberError`` that names the field and the range it must be in.
///
/// ```swift
/// let port: Int = try UntrustedNumber.whole(params[1].numberValue, "client.reconnect port", in: 1...65_535)
/// let difficulty = try UntrustedNumber.finite(value, "difficulty", in: 1e-12...1e18)
/// ```
public enum UntrustedNumber {
    /// A whole number within `range`, from a JSON number (a `Double`).
    public static func whole<T: FixedWidthInteger>(_ value: Double?, _ field: String,
                                                    in range: ClosedRange<T>) throws(UntrustedNumberError) -> T {
        guard let value else { throw UntrustedNumberError(field: field, value: "nothing", expected: describe(range)) }
        guard value.isFinite, value.rounded(.towardZero) == value else {
            throw UntrustedNumberError(field: field, value: "\(value)", expected: "a whole number " + describe(range))
        }
        // Compare as Doubles first: converting an out-of-range Double to T would trap.
        guard value >= Double(range.lowerBound), value <= Double(range.upperBound),
              let exact = T(exactly: value), range.contains(exact) else {
            throw UntrustedNumberError(field: field, value: "\(value)", expected: describe(range))
        }
        return exact
    }

    /// A whole number within `range`, from text (a sysfs file, a flag, a string in JSON);
    /// surrounding whitespace is allowed, nothing else.
    public static func whole<T: FixedWidthInteger>(text: some StringProtocol, _ field: String,
                                                    in range: ClosedRange<T>) throws(UntrustedNumberError) -> T {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty, trimmed.utf8.count <= 40, let value = T(trimmed, radix: 10), range.contains(value) else {
            throw UntrustedNumberError(field: field, value: shown(trimmed), expected: "a whole number " + describe(range))
        }
        return value
    }

    /// A finite number within `range`.
    public static func finite(_ value: Double?, _ field: String,
                              in range: ClosedRange<Double>) throws(UntrustedNumberError) -> Double {
        guard let value else { throw UntrustedNumberError(field: field, value: "nothing", expected: describe(range)) }
        guard value.isFinite, range.contains(value) else {
            throw UntrustedNumberError(field: field, value: "\(value)", expected: describe(range))
        }
        return value
    }

    /// A finite number within `range`, from text.
    public static func finite(text: some StringProtocol, _ field: String,
                              in range: ClosedRange<Double>) throws(UntrustedNumberError) -> Double {
        let trimmed = text.trimmingASCIIWhitespace()
        guard trimmed.utf8.count <= 64, let value = Double(trimmed) else {
            throw UntrustedNumberError(field: field, value: shown(trimmed), expected: "a number " + describe(range))
        }
        return try finite(value, field, in: range)
    }

    /// A finite number within `range`, from text in plain decimal notation only: an optional
    /// sign, digits with at most one decimal point, an optional exponent (`12`, `-0.5`, `2.5e3`).
    /// For flags, where `0x10`, `1_000`, `inf` and `nan` (which `Double("…")` would take) are
    /// refused: a person reading a command line does not read them as numbers.
    public static func finite(decimalText text: some StringProtocol, _ field: String,
                              in range: ClosedRange<Double>) throws(UntrustedNumberError) -> Double {
        let trimmed = text.trimmingASCIIWhitespace()
        guard trimmed.utf8.count <= 64, isPlainDecimal(trimmed.utf8) else {
            throw UntrustedNumberError(field: field, value: shown(trimmed), expected: "a decimal number " + describe(range))
        }
        return try finite(text: trimmed, field, in: range)
    }

    /// `[+-]digits[.digits][(e|E)[+-]digits]`, with a digit somewhere before the exponent.
    static func isPlainDecimal(_ bytes: Substring.UTF8View) -> Bool {
        var index = bytes.startIndex
        func skip(_ accepted: (UInt8) -> Bool) -> Int {
            var count = 0
            while index < bytes.endIndex, accepted(bytes[index]) {
                index = bytes.index(after: index)
                count += 1
            }
            return count
        }
        let isDigit: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        let isSign: (UInt8) -> Bool = { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        if index < bytes.endIndex, isSign(bytes[index]) { index = bytes.index(after: index) }
        var digits = skip(isDigit)
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index = bytes.index(after: index)
            digits += skip(isDigit)
        }
        guard digits > 0 else { return false }
        if index < bytes.endIndex, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index = bytes.index(after: index)
            if index < bytes.endIndex, isSign(bytes[index]) { index = bytes.index(after: index) }
            guard skip(isDigit) > 0 else { return false }
        }
        return index == bytes.endIndex
    }

    /// `value` converted to an integer for display or arithmetic that tolerates limits: rounded,
    /// and pinned to `range` (NaN gives the lower bound). For figures rigtop already trusts in
    /// range but that must never trap if they are not (a counter from a sysfs file shown as text).
    public static func clamped<T: FixedWidthInteger>(_ value: Double, to range: ClosedRange<T>) -> T {
        guard !value.isNaN else { return range.lowerBound }
        let rounded = value.rounded()
        if rounded <= Double(range.lowerBound) { return range.lowerBound }
        if rounded >= Double(range.upperBound) { return range.upperBound }
        return T(rounded)
    }

    static func describe<T: Comparable>(_ range: ClosedRange<T>) -> String {
        "from \(range.lowerBound) to \(range.upperBound)"
    }

    static func shown(_ text: Substring) -> String {
        OutsideText.escaped(text.count > 24 ? text.prefix(24) + "…" : text)
    }
}

/// An outside number that cannot be used: which field, what came, what was expected.
public struct UntrustedNumberError: Error, Equatable, CustomStringConvertible {
    public var field: String
    public var value: String
    public var expected: String

    public init(field: String, value: String, expected: String) {
        self.field = field
        self.value = value
        self.expected = expected
    }

    public var description: String { "\(field): \(value) is not usable (expected \(expected))" }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> Substring {
        let view = Substring(self)
        guard let first = view.firstIndex(where: { !" \t\n\r".contains($0) }) else { return "" }
        let last = view.lastIndex(where: { !" \t\n\r".contains($0) }) ?? first
        return view[first...last]
    }
}
