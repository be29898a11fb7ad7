import RigEngine

/// Number formatting shared by the panels: fixed decimals without Foundation, durations, units.
enum Format {
    /// `value` with `decimals` digits after the point.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        var text = String(whole)
        if decimals > 0 {
            var fraction = String(Int(scaled.truncatingRemainder(dividingBy: scale)))
            while fraction.count < decimals { fraction = "0" + fraction }
            text += "." + fraction
        }
        return (value < 0 && scaled != 0 ? "-" : "") + text
    }

    static func hashrate(_ rate: Double?) -> String { HashrateFormat.string(rate) }

    /// 1h02m, 3m05s, 42s, 2d03h.
    static func duration(_ seconds: Double) -> String {
        let total = max(0, Int(seconds))
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
        let units = ["", "k", "M", "G", "T", "P", "E"]
        var v = value
        var unit = 0
        while v >= 1000 && unit < units.count - 1 { v /= 1000; unit += 1 }
        return unit == 0 ? String(Int(v)) : fixed(v, v >= 100 ? 0 : v >= 10 ? 1 : 2) + units[unit]
    }
}
