import RigEngine

/// What the hashrate earns: market data with its source and age, coins and money per day after
/// the pool fee, the electricity bill from the power panel's watts, the net, shares, and the
/// ledger's totals. Rows are in priority order; a short panel shows the first ones.
public struct EarningsPanel: Panel {
    public init() {}

    /// Market data older than this many days is called stale on screen.
    public static let staleAfterDays = 1

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let inner = Box(title: "Earnings", borderRole: .earningsBox).draw(in: rect, on: &canvas, glyphs: model.glyphs)
        guard inner.height > 0 else { return }
        let lines = Self.lines(model, compact: inner.width - Self.labelWidth < 40)
        for (index, line) in lines.enumerated() where index < inner.height {
            let parts = inner.row(index).split(columns: [.fixed(Self.labelWidth), .fill])
            canvas.write(line.label, in: parts[0], style: Style(.dimText))
            canvas.write(model.glyphs.ellipsis.isASCII ? Self.ascii(line.value) : line.value, in: parts[1], style: Style(line.role))
        }
    }

    /// `text` in 7-bit ASCII for terminals without UTF-8: "|" for "·", currency codes for symbols.
    static func ascii(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "·": out += "|"
            case "€": out += "EUR "
            case "£": out += "GBP "
            default: out.append(character)
            }
        }
        return out
    }

    /// Labels are at most six characters, then a space.
    static let labelWidth = 7

    struct Line {
        var label: String
        var value: String
        var role: ColorRole
    }

    /// The rows, most important first; `compact` shortens them for a panel under 40 columns of values.
    static func lines(_ model: DashboardModel, compact: Bool = false) -> [Line] {
        let engine = model.engine
        let settings = model.earnings
        let money = Money(currency: settings.currency)
        var lines: [Line] = []
        guard let coin = engine.coin, coin.hasMarketData else {
            lines.append(Line(label: "market", value: "no market data for \(engine.coin?.symbol ?? "this coin")", role: .dimText))
            lines.append(sharesLine(engine.shares, perShare: nil, money: money))
            lines += ledgerLines(model.ledgerTotals, money: money)
            return lines
        }
        let price = coin.priceUSD * settings.usdRate
        lines.append(Line(
            label: "market",
            value: compact ? "\(money.format(price)) d \(Format.count(coin.networkDifficulty)) \(number(coin.blockReward))/blk"
                : "\(money.format(price)) · diff \(Format.count(coin.networkDifficulty)) · \(number(coin.blockReward))/blk",
            role: .foreground))

        let watts = model.miningPower
        let rate = model.rig.hashrate
        guard let estimate = model.rig.earnings else { return lines }
        if rate != nil {
            lines.append(Line(
                label: "/day",
                value: "\(number(estimate.coinsPerDay)) \(coin.symbol) \(money.format(estimate.moneyPerDay))"
                    + (compact ? " fee \(number(settings.poolFeePercent))%"
                        : " (fee \(number(settings.poolFeePercent))% \(money.format(estimate.feeMoneyPerDay)))"),
                role: .earnings))
        } else {
            lines.append(Line(label: "/day", value: "n/a until the hashrate settles", role: .dimText))
        }
        if let watts {
            let net = estimate.netPerDay
            lines.append(Line(
                label: "power",
                value: compact
                    ? "\(Format.fixed(watts.watts, 0))W \(watts.measured ? "meas." : "est.") \(money.format(estimate.powerCostPerDay))"
                        + " net \(money.format(net))"
                    : "\(Format.fixed(watts.watts, 0)) W \(watts.measured ? "measured" : "estimated")"
                        + " \(money.format(estimate.powerCostPerDay))/d · net \(money.format(net))/d",
                role: rate == nil ? .dimText : net < 0 ? .bad : .good))
        } else {
            lines.append(Line(label: "power", value: compact ? "no reading: net = /day" : "no CPU power · net excludes electricity",
                              role: .dimText))
        }
        lines.append(dataLine(coin, now: model.wallClock, compact: compact))
        lines.append(sharesLine(engine.shares, perShare: estimate.moneyPerShare.map(money.format), money: money))
        lines += ledgerLines(model.ledgerTotals, money: money)
        return lines
    }

    /// Where the market figures came from and how old they are; stale data says so.
    static func dataLine(_ coin: Coin, now: Double?, compact: Bool = false) -> Line {
        guard let now, let taken = CivilDate.unixSeconds(coin.marketDate) else {
            return Line(label: "data", value: compact ? "taken \(coin.marketDate)" : "\(coin.marketSource), taken \(coin.marketDate)",
                        role: .dimText)
        }
        let days = max(0, Int((now - taken) / 86_400))
        if days > staleAfterDays {
            return Line(label: "data", value: compact ? "stale market data: \(days) days old"
                            : "stale market data: \(days) days old (\(coin.marketSource))", role: .warn)
        }
        return Line(label: "data", value: "\(coin.marketSource), \(days == 0 ? "today" : days == 1 ? "1 day old" : "\(days) days old")",
                    role: .dimText)
    }

    static func sharesLine(_ shares: ShareCounts, perShare: String?, money: Money) -> Line {
        var value = "acc \(shares.accepted) rej \(shares.rejected) stale \(shares.stale) found \(shares.found)"
        if let perShare { value += " · \(perShare)/sh" }
        if shares.hardwareErrors > 0 { value += " · hw err \(shares.hardwareErrors)" }
        return Line(label: "shares", value: value, role: shares.hardwareErrors > 0 ? .bad : .foreground)
    }

    static func ledgerLines(_ totals: LedgerTotals?, money: Money) -> [Line] {
        guard let totals else { return [] }
        func period(_ p: LedgerTotals.Period) -> String {
            "\(p.acceptedShares) sh \(money.format(p.value)) · \(Format.fixed(p.kilowattHours, 2)) kWh · net \(money.format(p.net))"
        }
        return [Line(label: "today", value: period(totals.today), role: .foreground),
                Line(label: "total", value: period(totals.lifetime), role: .foreground)]
    }

    /// Four significant digits, exponent form for tiny amounts (1.234e-07).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "n/a" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1000 { return Format.count(magnitude) }
        if magnitude >= 0.001 {
            let decimals = magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : magnitude >= 1 ? 3 : 4
            var text = Format.fixed(value, decimals)
            while text.contains("."), text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
        var exponent = 0
        var mantissa = magnitude
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        return (value < 0 ? "-" : "") + Format.fixed(mantissa, 2) + "e" + String(exponent)
    }
}

/// Money in the user's currency: "$0.37", "€1.20", "CHF 0.0042", tiny amounts in exponent form.
struct Money {
    var currency: String

    func format(_ value: Double) -> String {
        let magnitude = abs(value)
        let digits: String
        if magnitude == 0 { digits = "0" } else if magnitude >= 1000 {
            digits = Format.fixed(magnitude, 0)
        } else if magnitude >= 1 {
            digits = Format.fixed(magnitude, 2)
        } else if magnitude >= 0.0001 {
            digits = Format.fixed(magnitude, 4)
        } else {
            digits = EarningsPanel.number(magnitude)
        }
        let sign = value < 0 ? "-" : ""
        switch currency.uppercased() {
        case "USD": return sign + "$" + digits
        case "EUR": return sign + "€" + digits
        case "GBP": return sign + "£" + digits
        default: return sign + digits + " " + currency
        }
    }
}

/// Days from a civil date, without Foundation (Howard Hinnant's days_from_civil).
enum CivilDate {
    /// Unix seconds at 00:00 UTC of "YYYY-MM-DD"; nil if it is not such a date.
    static func unixSeconds(_ text: String) -> Double? {
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
