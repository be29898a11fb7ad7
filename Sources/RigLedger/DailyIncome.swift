public import Foundation

/// One day's income from one coin: the record a miner hands to an accountant.
public struct DailyIncome: Sendable, Equatable {
    /// Local date, "2026-11-25".
    public var date: String
    public var coin: String
    public var currency: String
    public var acceptedShares = 0
    /// Coins the accepted shares are worth after the pool fee.
    public var expectedCoins = 0.0
    /// ``expectedCoins`` at the prices recorded with each share.
    public var value = 0.0
    public var kilowattHours = 0.0
    /// Energy at the electricity price recorded each minute.
    public var electricityCost = 0.0
    public var net: Double { value - electricityCost }

    public init(date: String, coin: String, currency: String) {
        self.date = date
        self.coin = coin
        self.currency = currency
    }

    /// The CSV header ``csvLine`` matches.
    public static let csvHeader = "date,coin,accepted_shares,expected_coins,value,currency,kwh,electricity_cost,net"

    /// Full precision (`%.10g`), so the columns add up to the run's totals.
    public var csvLine: String {
        [date, coin, "\(acceptedShares)", Self.number(expectedCoins), Self.number(value), currency,
         Self.number(kilowattHours), Self.number(electricityCost), Self.number(net)].joined(separator: ",")
    }

    static func number(_ value: Double) -> String { String(format: "%.10g", value) }

    /// `date` as the ledger's days are written (local time).
    public static func localDate(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
    }
}
