/// Hashrates in the units miners read: H/s, kH/s, MH/s, GH/s, TH/s with three significant digits.
public enum HashrateFormat {
    public static func string(_ rate: Double?) -> String {
        guard let rate, rate.isFinite, rate >= 0 else { return "n/a" }
        let units = ["H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s", "EH/s"]
        var value = rate
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return "\(significant(value)) \(units[unit])"
    }

    /// Three significant digits without Foundation: 1.23, 12.3, 123.
    static func significant(_ value: Double) -> String {
        if value >= 100 { return "\(Int(value.rounded()))" }
        let decimals = value >= 10 ? 1 : 2
        let scale = decimals == 1 ? 10.0 : 100.0
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        var fraction = String(scaled % Int(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        return "\(whole).\(fraction)"
    }
}
