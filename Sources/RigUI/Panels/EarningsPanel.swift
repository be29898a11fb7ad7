import RigEngine
import RigRuntime

/// What the hashrate earns: market data with its source and age, coins and money per day after
/// the pool fee, the electricity bill from the power panel's watts, the net, shares, and the
/// ledger's totals. Rows are in priority order; a short panel shows the first ones.
public struct EarningsPanel: Panel {
    public var kind: DashboardPanel? { .earnings }

    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let inner = Box(title: "Earnings", borderRole: .earningsBox, titleRole: model.titleRole(.earnings))
            .draw(in: rect, on: &canvas, glyphs: model.glyphs)
        guard inner.height > 0 else { return }
        let lines = Self.lines(model)
        let labelWidth = Self.labelWidth(lines, in: inner.width)
        let valueWidth = inner.width - labelWidth
        // Rows the lines leave free let a long value of a wrapping line (the data's source, the
        // value of a share) go on a second row, whole, before a shorter way of writing it is used.
        var spare = inner.height - lines.count
        var row = 0
        for line in lines where row < inner.height {
            let values = model.glyphs.ellipsis.isASCII ? line.values.map(Self.ascii) : line.values
            let parts = inner.row(row).split(columns: [.fixed(labelWidth), .fill])
            canvas.write(line.label, in: parts[0], style: Style(.dimText))
            if line.wraps, spare > 0, row + 1 < inner.height, let (first, rest) = Self.wrap(values[0], width: valueWidth) {
                canvas.write(first, in: parts[1], style: Style(line.role))
                canvas.write(rest, in: inner.row(row + 1).inset(left: labelWidth), style: Style(line.role))
                spare -= 1
                row += 2
                continue
            }
            canvas.write(fullestOf: values, in: parts[1], style: Style(line.role), ellipsis: model.glyphs.ellipsis)
            row += 1
        }
    }

    /// `text` split at a space into two rows of at most `width` columns; nil when it fits one row
    /// or does not fit two.
    static func wrap(_ text: String, width: Int) -> (String, String)? {
        guard TextWidth.width(of: text) > width else { return nil }
        var split: String.Index?
        for index in text.indices where text[index] == " " && TextWidth.width(of: text[..<index]) <= width {
            split = index
        }
        guard let split else { return nil }
        let rest = String(text[text.index(after: split)...])
        guard TextWidth.width(of: rest) <= width else { return nil }
        return (String(text[..<split]), rest)
    }

    /// The label column: the longest label and a space, but never more than a third of the row.
    static func labelWidth(_ lines: [Line], in width: Int) -> Int {
        min((lines.map { TextWidth.width(of: $0.label) }.max() ?? 0) + 1, max(1, width / 3))
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

    /// One row: a label and its value written several ways, fullest first; the panel shows the
    /// fullest that fits, so a narrow panel drops the details, not the figure.
    struct Line {
        var label: String
        var values: [String]
        var role: ColorRole
        /// Whether the fullest value may take a second row when the panel has one free.
        var wraps = false

        init(label: String, value: String, role: ColorRole) {
            self.init(label: label, values: [value], role: role)
        }

        init(label: String, values: [String], role: ColorRole, wraps: Bool = false) {
            self.label = label
            self.values = values
            self.role = role
            self.wraps = wraps
        }

        /// The fullest way of writing the value.
        var value: String { values.first ?? "" }
    }

    /// The rows, most important first.
    static func lines(_ model: DashboardModel) -> [Line] {
        let engine = model.engine
        let settings = model.earnings
        let money = Money(currency: settings.currency)
        var lines: [Line] = []
        guard let coin = engine.coin, coin.hasMarketData else {
            lines.append(Line(label: "market", values: ["no market data for \(engine.coin?.symbol ?? "this coin")", "no market data"],
                              role: .dimText))
            lines.append(sharesLine(engine.shares, perShare: nil, money: money))
            lines += ledgerLines(model.ledgerTotals, money: money)
            return lines
        }
        guard let estimate = model.rig.earnings else { return lines }
        let amount = CoinAmount(symbol: coin.symbol)
        let price = money.format(estimate.price)
        let difficulty = Format.count(coin.networkDifficulty)
        let reward = number(coin.blockReward)
        lines.append(Line(
            label: "market",
            values: ["\(price) · diff \(difficulty) · \(reward) \(coin.symbol)/block", "\(price) · diff \(difficulty) · \(reward)/blk",
                     "\(price) d \(difficulty) \(reward)/blk", "\(price) · diff \(difficulty)", price],
            role: .foreground))

        let watts = model.miningPower
        let rate = model.rig.hashrate
        if rate != nil {
            let coins = amount.format(estimate.coinsPerDay)
            let fee = number(settings.poolFeePercent) + "%"
            let perDay = money.format(estimate.moneyPerDay)
            lines.append(Line(
                label: "/day",
                values: ["\(coins) \(perDay) (fee \(fee) \(money.format(estimate.feeMoneyPerDay)))",
                         "\(coins) \(perDay) fee \(fee)", "\(coins) \(perDay)",
                         "\(coins) \(money.format(estimate.moneyPerDay, cents: true))", coins],
                role: .earnings))
        } else {
            lines.append(Line(label: "/day", values: ["n/a until the hashrate settles", "n/a (settling)", "n/a"], role: .dimText))
        }
        if let watts {
            let net = estimate.netPerDay
            let whole = Format.fixed(watts.watts, 0)
            let cost = money.format(estimate.powerCostPerDay)
            lines.append(Line(
                label: "power",
                values: ["\(whole) W \(watts.measured ? "measured" : "estimated") \(cost)/d · net \(money.format(net))/d",
                         "\(whole) W \(watts.measured ? "meas." : "est.") \(cost)/d net \(money.format(net))/d",
                         "\(whole) W \(money.format(estimate.powerCostPerDay, cents: true))/d net \(money.format(net, cents: true))/d",
                         "\(whole) W net \(money.format(net, cents: true))/d"],
                role: rate == nil ? .dimText : net < 0 ? .bad : .good))
        } else {
            lines.append(Line(label: "power", values: ["no CPU power · net excludes electricity", "no reading: net = /day", "no reading"],
                              role: .dimText))
        }
        lines.append(dataLine(coin, age: model.rig.marketDataAge))
        lines.append(sharesLine(engine.shares, perShare: estimate.moneyPerShare, money: money))
        lines += ledgerLines(model.ledgerTotals, money: money)
        return lines
    }

    /// Where the market figures came from and how old they are; stale data says so.
    static func dataLine(_ coin: Coin, age marketAge: MarketDataAge?) -> Line {
        guard let marketAge else {
            return Line(label: "data", values: ["\(coin.marketSource), taken \(coin.marketDate)", "taken \(coin.marketDate)"],
                        role: .dimText)
        }
        let days = marketAge.days
        let age = days == 0 ? "today" : days == 1 ? "1 day old" : "\(days) days old"
        if marketAge.isStale {
            return Line(label: "data", values: ["stale market data: \(age) (\(coin.marketSource))", "stale market data: \(age)",
                                                "stale: \(age)", "stale: \(days) d"], role: .warn, wraps: true)
        }
        return Line(label: "data", values: ["\(coin.marketSource), \(age)", age], role: .dimText)
    }

    static func sharesLine(_ shares: ShareCounts, perShare: Double?, money: Money) -> Line {
        let counts = "acc \(shares.accepted) rej \(shares.rejected) stale \(shares.stale) found \(shares.found)"
        let hardware = shares.hardwareErrors > 0 ? " · hw err \(shares.hardwareErrors)" : ""
        var values = [counts + hardware]
        if let perShare {
            values = [counts + " · \(money.format(perShare))/sh" + hardware,
                      counts + " · \(money.format(perShare, cents: true))/sh" + hardware] + values
        }
        if shares.hardwareErrors > 0 { values.append("acc \(shares.accepted) rej \(shares.rejected)" + hardware) }
        return Line(label: "shares", values: values, role: shares.hardwareErrors > 0 ? .bad : .foreground, wraps: true)
    }

    static func ledgerLines(_ totals: LedgerTotals?, money: Money) -> [Line] {
        guard let totals else { return [] }
        func period(_ p: LedgerTotals.Period) -> [String] {
            ["\(p.acceptedShares) sh \(money.format(p.value)) · \(Format.fixed(p.kilowattHours, 2)) kWh · net \(money.format(p.net))",
             "\(p.acceptedShares) sh \(money.format(p.value, cents: true)) net \(money.format(p.net, cents: true))"]
        }
        return [Line(label: "today", values: period(totals.today), role: .foreground),
                Line(label: "total", values: period(totals.lifetime), role: .foreground)]
    }

    /// A plain number (block reward, fee percent) with up to four significant digits, never an
    /// exponent: 3.125, 0.6, 10,000.
    static func number(_ value: Double) -> String {
        Format.plain(value, significant: 4)
    }
}
