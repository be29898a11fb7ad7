/// The user's money settings that turn an ``EarningsEstimate`` into their own figures.
public struct EarningsSettings: Sendable, Equatable, Codable {
    /// The pool's fee, percent (0…100).
    public var poolFeePercent: Double
    /// Money per kWh, in ``currency``.
    public var electricityPrice: Double
    /// The currency of every money figure ("USD").
    public var currency: String
    /// ``currency`` units per US dollar (coin prices are in USD).
    public var usdRate: Double

    public init(poolFeePercent: Double = 0, electricityPrice: Double = 0, currency: String = "USD", usdRate: Double = 1) {
        self.poolFeePercent = poolFeePercent
        self.electricityPrice = electricityPrice
        self.currency = currency
        self.usdRate = usdRate
    }

    /// The estimate for `hashrate` on `coin` at `watts`.
    public func estimate(hashrate: Double, coin: Coin, watts: Double, shareDifficulty: Double? = nil) -> EarningsEstimate {
        EarningsEstimate(hashrate: hashrate, coin: coin, poolFeePercent: poolFeePercent, watts: watts,
                         electricityPrice: electricityPrice, usdRate: usdRate, shareDifficulty: shareDifficulty)
    }
}
