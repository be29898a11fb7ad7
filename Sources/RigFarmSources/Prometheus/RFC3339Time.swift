import RigInput

/// RFC 3339 times as Prometheus writes them (`2026-12-02T05:31:07.123456789Z`, or with a
/// `+01:00` offset) read into Unix seconds without Foundation's formatters, which differ between
/// platforms on nine fractional digits.
public enum RFC3339Time {
    /// Unix seconds, or nil for anything that is not such a time (years 1970 to 9999).
    public static func seconds(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.count <= 40, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
        func number(_ range: Range<Int>, _ field: String, _ limits: ClosedRange<Int>) -> Int? {
            guard let text = String(bytes: bytes[range], encoding: .utf8) else { return nil }
            return try? UntrustedNumber.whole(text: text, field, in: limits)
        }
        guard let year = number(0..<4, "year", 1970...9999), let month = number(5..<7, "month", 1...12),
              let day = number(8..<10, "day", 1...31), let hour = number(11..<13, "hour", 0...23),
              let minute = number(14..<16, "minute", 0...59), let second = number(17..<19, "second", 0...60) else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                fraction += Double(bytes[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let hours = number(index + 1..<index + 3, "offset hours", 0...23),
                  let minutes = number(index + 4..<index + 6, "offset minutes", 0...59) else { return nil }
            offset = (hours * 60 + minutes) * 60 * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            return nil
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 + second - offset) + fraction
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
