import RigEngine
import Testing

/// Checks ``EarningsEstimate`` against figures worked out by hand (docs/EARNINGS.md shows the
/// Monero one step by step), to 6 significant digits, for both difficulty conventions.
@Suite struct EarningsEstimateTests {
    /// Equal to 6 significant digits: the expected value is the hand figure rounded to 7.
    static func close(_ actual: Double?, _ expected: Double) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= abs(expected) * 5e-7
    }

    @Test func moneroConventionWorkedExample() {
        // 10 kH/s on XMR: difficulty 548e9 hashes per block, reward 0.6, $395, 1 % fee, 100 W at $0.15/kWh.
        let coin = Coin(symbol: "XMR", name: "Monero", algorithm: .randomx, blockReward: 0.6, blockTimeSeconds: 120,
                        networkDifficulty: 548e9, priceUSD: 395)
        #expect(coin.convention == .monero)
        let e = EarningsEstimate(hashrate: 10_000, coin: coin, poolFeePercent: 1, watts: 100,
                                 electricityPrice: 0.15, shareDifficulty: 0.001)
        // 10 000 × 86 400 ÷ 548e9 = 1.576642e-3 blocks/day.
        #expect(Self.close(e.blocksPerDay, 1.576642e-3))
        #expect(Self.close(e.networkHashrate, 548e9 / 120))
        #expect(Self.close(e.grossCoinsPerDay, 9.459854e-4))
        #expect(Self.close(e.feeCoinsPerDay, 9.459854e-6))
        #expect(Self.close(e.coinsPerDay, 9.365255e-4))
        #expect(Self.close(e.moneyPerDay, 0.3699276))
        #expect(Self.close(e.feeMoneyPerDay, 3.736642e-3))
        #expect(Self.close(e.kilowattHoursPerDay, 2.4))
        #expect(Self.close(e.powerCostPerDay, 0.36))
        #expect(Self.close(e.netPerDay, 9.927591e-3))
        // A share at Bitcoin-convention difficulty 0.001 is 0.001 × 2^32 = 4 294 967.296 hashes.
        #expect(Self.close(e.coinsPerShare, 4.655494e-6))
        #expect(Self.close(e.moneyPerShare, 1.838920e-3))
        #expect(Self.close(e.sharesPerDay, 201.1657))
    }

    @Test func bitcoinConventionSHA256d() {
        // 10 MH/s on BTC: difficulty 152.27e12 × 2^32 hashes per block, reward 3.125, $91 500, 2 %, 65 W.
        let coin = Coin(symbol: "BTC", name: "Bitcoin", algorithm: .sha256d, blockReward: 3.125,
                        blockTimeSeconds: 600, networkDifficulty: 152.27e12, priceUSD: 91_500)
        #expect(coin.convention == .bitcoin)
        let e = EarningsEstimate(hashrate: 1e7, coin: coin, poolFeePercent: 2, watts: 65,
                                 electricityPrice: 0.15, shareDifficulty: 0.5)
        #expect(Self.close(e.blocksPerDay, 1.321112e-12))
        #expect(Self.close(e.grossCoinsPerDay, 4.128474e-12))
        #expect(Self.close(e.feeCoinsPerDay, 8.256948e-14))
        #expect(Self.close(e.coinsPerDay, 4.045905e-12))
        #expect(Self.close(e.moneyPerDay, 3.702003e-7))
        #expect(Self.close(e.feeMoneyPerDay, 7.555107e-9))
        #expect(Self.close(e.kilowattHoursPerDay, 1.56))
        #expect(Self.close(e.powerCostPerDay, 0.234))
        #expect(Self.close(e.netPerDay, -0.2339996))
        #expect(Self.close(e.coinsPerShare, 1.005615e-14))
        #expect(Self.close(e.moneyPerShare, 9.201377e-10))
        #expect(Self.close(e.sharesPerDay, 402.3314))
    }

    @Test func bitcoinConventionScryptInAnotherCurrency() {
        // 250 kH/s on LTC, prices converted at 0.92 EUR per USD, electricity €0.30/kWh, 1.5 % fee, 80 W.
        let coin = Coin(symbol: "LTC", name: "Litecoin", algorithm: .scrypt, blockReward: 6.25,
                        blockTimeSeconds: 150, networkDifficulty: 95.6e6, priceUSD: 88.5)
        let e = EarningsEstimate(hashrate: 250_000, coin: coin, poolFeePercent: 1.5, watts: 80,
                                 electricityPrice: 0.30, usdRate: 0.92, shareDifficulty: 0.01)
        #expect(Self.close(e.blocksPerDay, 5.260609e-8))
        #expect(Self.close(e.grossCoinsPerDay, 3.287880e-7))
        #expect(Self.close(e.feeCoinsPerDay, 4.931821e-9))
        #expect(Self.close(e.coinsPerDay, 3.238562e-7))
        #expect(Self.close(e.moneyPerDay, 2.636837e-5))
        #expect(Self.close(e.feeMoneyPerDay, 4.015488e-7))
        #expect(Self.close(e.powerCostPerDay, 0.576))
        #expect(Self.close(e.netPerDay, -0.5759736))
        #expect(Self.close(e.coinsPerShare, 6.439592e-10))
        #expect(Self.close(e.moneyPerShare, 5.243116e-8))
        #expect(Self.close(e.sharesPerDay, 502.9142))
    }

    @Test func unknownShareDifficultyAndMissingDataGiveNoShareFigures() {
        let coin = Coin(symbol: "ZZZ", name: "None", algorithm: .scrypt)
        let e = EarningsEstimate(hashrate: 1000, coin: coin)
        #expect(e.coinsPerDay == 0)
        #expect(e.coinsPerShare == nil)
        #expect(!coin.hasMarketData)
    }

    @Test(arguments: Coin.builtIn) func builtInCoinsHaveMarketData(coin: Coin) {
        #expect(coin.hasMarketData)
        #expect(coin.marketDate == Coin.snapshotDate)
        #expect(coin.convention == (coin.algorithm == .randomx ? .monero : .bitcoin))
    }
}
