/// What a hashrate earns per day on a coin, after the pool's fee and the electricity bill.
///
/// A pure function of its inputs, so the dashboard, `rigtop ledger` and the tests agree:
///
/// ```
/// hashesPerBlock = difficulty × 2^32   (Bitcoin convention)   or   difficulty   (Monero convention)
/// blocksPerDay   = hashrate × 86 400 ÷ hashesPerBlock
/// grossCoins/day = blocksPerDay × blockReward
/// fee/day        = grossCoins/day × poolFee% ÷ 100
/// coins/day      = grossCoins/day − fee/day
/// money/day      = coins/day × price
/// kWh/day        = watts × 24 ÷ 1000
/// power cost/day = kWh/day × electricity price
/// net/day        = money/day − power cost/day
/// ```
///
/// The block time does not change the expectation (a share of the network's hashrate earns that
/// share of its blocks); it gives ``networkHashrate``. Money figures are in the electricity
/// currency: `price = priceUSD × usdRate`. docs/EARNINGS.md has a worked example.
public struct EarningsEstimate: Sendable, Equatable {
    /// The rig's hashrate used, H/s (the 60 s window in the dashboard).
    public var hashrate: Double
    /// One coin in money: the coin's USD price × the currency's USD rate.
    public var price: Double
    /// Expected blocks found per day at ``hashrate`` (a fraction, usually a tiny one).
    public var blocksPerDay: Double
    /// The whole network's hashrate implied by difficulty and block time, H/s.
    public var networkHashrate: Double
    /// Coins per day before the pool fee.
    public var grossCoinsPerDay: Double
    /// Coins per day the pool keeps.
    public var feeCoinsPerDay: Double
    /// Coins per day paid to the miner (after the fee).
    public var coinsPerDay: Double
    /// ``coinsPerDay`` in money.
    public var moneyPerDay: Double
    /// ``feeCoinsPerDay`` in money.
    public var feeMoneyPerDay: Double
    /// Energy per day at the given watts.
    public var kilowattHoursPerDay: Double
    /// ``kilowattHoursPerDay`` × electricity price.
    public var powerCostPerDay: Double
    /// ``moneyPerDay`` − ``powerCostPerDay``.
    public var netPerDay: Double
    /// What one share at the pool's difficulty is worth in coins after the fee; nil when the
    /// share difficulty is unknown.
    public var coinsPerShare: Double?
    /// ``coinsPerShare`` in money.
    public var moneyPerShare: Double?
    /// Expected shares per day at ``hashrate``; nil when the share difficulty is unknown.
    public var sharesPerDay: Double?

    /// - Parameters:
    ///   - hashrate: H/s.
    ///   - coin: difficulty, convention, block reward, block time and price come from here.
    ///   - poolFeePercent: 0…100.
    ///   - watts: the rig's power draw; 0 when unknown.
    ///   - electricityPrice: money per kWh, in the display currency.
    ///   - usdRate: display-currency units per US dollar (1 for USD).
    ///   - shareDifficulty: the pool's share difficulty in Bitcoin convention (``ShareTarget/difficulty``:
    ///     `shareDifficulty × 2^32` hashes per share, for every algorithm); nil when unknown.
    public init(hashrate: Double, coin: Coin, poolFeePercent: Double = 0, watts: Double = 0,
                electricityPrice: Double = 0, usdRate: Double = 1, shareDifficulty: Double? = nil) {
        let secondsPerDay = 86_400.0
        let hashesPerBlock = coin.convention.hashes(forDifficulty: coin.networkDifficulty)
        let feeFraction = poolFeePercent / 100
        price = coin.priceUSD * usdRate
        self.hashrate = hashrate
        blocksPerDay = hashesPerBlock > 0 ? hashrate * secondsPerDay / hashesPerBlock : 0
        networkHashrate = coin.blockTimeSeconds > 0 ? hashesPerBlock / coin.blockTimeSeconds : 0
        grossCoinsPerDay = blocksPerDay * coin.blockReward
        feeCoinsPerDay = grossCoinsPerDay * feeFraction
        coinsPerDay = grossCoinsPerDay - feeCoinsPerDay
        moneyPerDay = coinsPerDay * price
        feeMoneyPerDay = feeCoinsPerDay * price
        kilowattHoursPerDay = watts * 24 / 1000
        powerCostPerDay = kilowattHoursPerDay * electricityPrice
        netPerDay = moneyPerDay - powerCostPerDay
        if let shareDifficulty, shareDifficulty > 0, hashesPerBlock > 0 {
            let hashesPerShare = DifficultyConvention.bitcoin.hashes(forDifficulty: shareDifficulty)
            let perShare = coin.blockReward * hashesPerShare / hashesPerBlock * (1 - feeFraction)
            coinsPerShare = perShare
            moneyPerShare = perShare * price
            sharesPerDay = hashrate * secondsPerDay / hashesPerShare
        } else {
            coinsPerShare = nil
            moneyPerShare = nil
            sharesPerDay = nil
        }
    }
}
