/// One coin's sum over the farm's rigs: the totals row.
public struct CoinTotals: Sendable, Equatable {
    /// The coin's symbol; "" for rigs that report none (down since before the window, benchmark).
    public var coin: String
    public var rigs: Int
    public var rigsDown: Int
    /// Sum of the 60 s hashrates, H/s.
    public var hashrate: Double
    /// Sum of the mining power, W.
    public var watts: Double
    /// Net earnings per day, per currency (rigs may report different ones).
    public var netPerDay: [String: Double]

    public init(coin: String, rigs: Int = 0, rigsDown: Int = 0, hashrate: Double = 0, watts: Double = 0,
                netPerDay: [String: Double] = [:]) {
        self.coin = coin
        self.rigs = rigs
        self.rigsDown = rigsDown
        self.hashrate = hashrate
        self.watts = watts
        self.netPerDay = netPerDay
    }

    /// Totals per coin, sorted by coin symbol. Hashrates of different algorithms are never added:
    /// one coin has one algorithm.
    public static func of(_ rigs: [FarmRig]) -> [CoinTotals] {
        var byCoin: [String: CoinTotals] = [:]
        for rig in rigs {
            let coin = rig.coin ?? ""
            var totals = byCoin[coin] ?? CoinTotals(coin: coin)
            totals.rigs += 1
            if rig.state == .down { totals.rigsDown += 1 }
            totals.hashrate += rig.hashrate.sixtySeconds ?? 0
            totals.watts += rig.power?.watts ?? 0
            if let earnings = rig.earnings {
                totals.netPerDay[earnings.currency, default: 0] += earnings.netPerDay
            }
            byCoin[coin] = totals
        }
        return byCoin.values.sorted { $0.coin < $1.coin }
    }
}
