/// Money in the user's currency, as people write it: `$0.37`, `€1.20`, `$91,500`, `1.50 CHF`,
/// and tiny amounts in plain decimals (`$0.0000011`), never in exponent form.
///
/// Whole amounts get cents (`$3.22`); under one unit two significant digits are kept, so a CPU
/// miner's `$0.00000032 /day` still says how far from a cent it is. ``format(_:cents:)`` with
/// `cents` writes anything under half a cent as `< $0.01`, for narrow rows.
struct Money {
    var currency: String

    /// `value` in this currency; `cents` rounds to the cent and says `< $0.01` for less.
    func format(_ value: Double, cents: Bool = false) -> String {
        guard value.isFinite else { return "n/a" }
        let magnitude = abs(value)
        if cents, magnitude > 0, magnitude < 0.005 {
            return (value < 0 ? "> " : "< ") + symbolised(value < 0 ? "-" : "", "0.01")
        }
        let digits: String
        if magnitude == 0 {
            digits = "0"
        } else if magnitude >= 1000 {
            digits = Format.grouped(Format.fixed(magnitude, 0))
        } else if magnitude >= 1 || cents {
            digits = Format.fixed(magnitude, 2)
        } else {
            digits = Format.plain(magnitude, significant: 2, minimumDecimals: 2)
        }
        return symbolised(value < 0 && digits.contains { $0 != "0" && $0 != "." } ? "-" : "", digits)
    }

    private func symbolised(_ sign: String, _ digits: String) -> String {
        switch currency.uppercased() {
        case "USD": return sign + "$" + digits
        case "EUR": return sign + "€" + digits
        case "GBP": return sign + "£" + digits
        default: return sign + digits + " " + currency
        }
    }
}
