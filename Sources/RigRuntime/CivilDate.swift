/// Days from a civil date, without Foundation (Howard Hinnant's days_from_civil).
public enum CivilDate {
    /// Unix seconds at 00:00 UTC of "YYYY-MM-DD"; nil if it is not such a date.
    /// The date comes from a market feed: reading only its first 10 characters bounds the year to
    /// six digits, so the arithmetic below cannot overflow.
    public static func unixSeconds(_ text: String) -> Double? {
        let parts = text.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let (y0, m, d) = (parts[0], parts[1], parts[2])
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return Double(era * 146_097 + doe - 719_468) * 86_400
    }
}
