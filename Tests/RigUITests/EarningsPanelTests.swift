import RigEngine
import RigFigures
import RigRuntime
import Testing
@testable import RigUI

/// The earnings panel's figures, age and ledger lines, drawn wide (70 columns) and compact.
@Suite struct EarningsPanelTests {
    static func model(coin: String = "XMR", rate: Double? = 10_000) -> DashboardModel {
        var model = DashboardFixtures.model()
        model.engine.coin = Coin.named(coin)
        model.engine.hashrate = WindowedRate(tenSeconds: rate, sixtySeconds: rate)
        model.engine.shareDifficulty = 0.001
        model.earnings = EarningsSettings(poolFeePercent: 1, electricityPrice: 0.15)
        return model
    }

    static func text(_ model: DashboardModel, width: Int = 72, height: Int = 9) -> [String] {
        var canvas = Canvas(width: width, height: height)
        EarningsPanel().draw(model, in: canvas.bounds, on: &canvas)
        return canvas.lines
    }

    @Test func wideShowsEveryFigureFromTheEstimate() throws {
        let model = Self.model()
        let watts = try #require(model.miningPower)
        let estimate = model.earnings.estimate(hashrate: 10_000, coin: Coin.named("XMR")!, watts: watts.watts,
                                               shareDifficulty: 0.001)
        let lines = Self.text(model)
        #expect(lines[1].contains("market $395.00 · diff 548G · 0.6 XMR/block"))
        #expect(lines[2].contains("/day   \(CoinAmount(symbol: "XMR").format(estimate.coinsPerDay)) \(Money(currency: "USD").format(estimate.moneyPerDay)) (fee 1% "))
        #expect(lines[3].contains("\(Format.fixed(watts.watts, 0)) W \(watts.measured ? "measured" : "estimated")"))
        #expect(lines[3].contains("net \(Money(currency: "USD").format(estimate.netPerDay))/d"))
        #expect(lines[4].contains("data   built-in snapshot, taken 2026-11-20"))
        #expect(lines[5].contains("acc 6 rej 1 stale 0 found 7 · $"))
    }

    @Test func marketDataAgeAndStaleness() {
        var model = Self.model()
        let taken = CivilDate.unixSeconds(Coin.snapshotDate)!
        model.engine.uptime = 0
        model.wallClockAtStart = taken + 3600
        #expect(Self.text(model)[4].contains("built-in snapshot, today"))
        model.wallClockAtStart = taken + 86_400 + 60
        #expect(Self.text(model)[4].contains("built-in snapshot, 1 day old"))
        model.wallClockAtStart = taken + 5 * 86_400 + 60
        #expect(Self.text(model)[4].contains("stale market data: 5 days old (built-in snapshot)"))
        #expect(Self.text(model, width: 40)[4].contains("stale market data: 5 days old"))
        // The engine's uptime moves the clock on.
        model.wallClockAtStart = taken
        model.engine.uptime = 3 * 86_400
        #expect(Self.text(model)[4].contains("stale market data: 3 days old"))
    }

    @Test func ledgerTotalsAndCurrency() {
        var model = Self.model()
        model.earnings = EarningsSettings(poolFeePercent: 0, electricityPrice: 0.3, currency: "EUR", usdRate: 0.5)
        model.ledgerTotals = LedgerTotals(
            today: .init(acceptedShares: 3, value: 0.25, kilowattHours: 1.5, electricityCost: 0.45),
            lifetime: .init(acceptedShares: 40, value: 12.5, kilowattHours: 20, electricityCost: 6),
            currency: "EUR", path: "/tmp/ledger.sqlite")
        let lines = Self.text(model)
        #expect(lines[1].contains("market €197.50"))
        #expect(lines[6].contains("today  3 sh €0.25 · 1.50 kWh · net -€0.20"))
        #expect(lines[7].contains("total  40 sh €12.50 · 20.00 kWh · net €6.50"))
    }

    @Test func missingHashrateAndPowerAreSaid() {
        var model = Self.model(rate: nil)
        model.sensors = nil
        let lines = Self.text(model)
        #expect(lines[2].contains("/day   n/a until the hashrate settles"))
        #expect(lines[3].contains("power  no CPU power · net excludes electricity"))
        model.engine.coin = Coin(symbol: "NEW", name: "New", algorithm: .scrypt)
        #expect(Self.text(model)[1].contains("no market data for NEW"))
    }

    @Test func numbersAndMoney() {
        #expect(EarningsPanel.number(9.365255e-4) == "0.0009365")
        #expect(EarningsPanel.number(0.6) == "0.6")
        #expect(EarningsPanel.number(3.125) == "3.125")
        #expect(EarningsPanel.number(10_000) == "10,000")
        #expect(CivilDate.unixSeconds("1970-01-02") == 86_400)
        #expect(CivilDate.unixSeconds("2026-11-20") == 1_795_132_800)
    }

    /// A narrow panel writes each row a shorter way before it cuts one; tiny money is never an
    /// exponent.
    @Test(arguments: [34, 44, 60, 72])
    func narrowRowsDropDetailsNotFigures(width: Int) {
        var model = Self.model(coin: "BTC", rate: 1_000_000)
        let taken = CivilDate.unixSeconds(Coin.snapshotDate)!
        model.wallClockAtStart = taken + 11 * 86_400 + 60
        model.engine.uptime = 0
        let lines = Self.text(model, width: width + 2)
        for line in lines.dropFirst().dropLast() {
            #expect(!line.contains("…"), "cut at \(width): \(line)")
            #expect(line.range(of: #"\d[eE][+-]?\d"#, options: .regularExpression) == nil, "exponent at \(width): \(line)")
        }
        #expect(lines[4].contains("stale"))
        #expect(lines[2].contains(" sat "))
    }
}
