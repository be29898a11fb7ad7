public import RigEngine
public import RigPools
public import RigLedger
public import RigSensors

/// What one rig runs with, resolved from options and config by the executable before anything
/// starts.
public struct RigSetup: Sendable {
    /// The coin mined first.
    public var coin: Coin
    /// Every coin the rig can switch to, in key order.
    public var coins: [Coin]
    /// The pools for a coin; nil means benchmark work.
    public var pools: @Sendable (Coin) -> PoolSettings?
    /// Solo work for a coin (a node in place of its pools); nil for the coins mined through pools.
    public var soloWork: @Sendable (Coin) -> (any WorkSource)? = { _ in nil }
    /// The user's thread count: the ceiling the thermal guard restores up to.
    public var threads: Int
    public var kernels: KernelChoice
    public var thermalGuard: ThermalGuard
    /// Makes the sensor sampler, on the sensor thread.
    public var makeSampler: @Sendable () -> SensorSampler
    /// Seconds between sensor samples.
    public var sensorInterval: Double = 1
    /// The ledger file (nil: the store's default, the XDG data path for the SQLite ledger) unless
    /// ``ledgerDisabled``.
    public var ledgerPath: String?
    public var ledgerDisabled: Bool
    /// Opens the ledger at ``ledgerPath`` (nil: the store's default path): the executable passes
    /// the SQLite ledger's, so that the runtime, and every front end over it, links no database.
    /// nil: no ledger, as with ``ledgerDisabled``.
    public var openLedger: (@Sendable (_ path: String?) throws -> any LedgerStore)?
    public var earnings: EarningsSettings
    /// A CoinGecko-compatible API base to refresh prices from; nil: off.
    public var marketURL: String?
    /// The worker name the APIs report.
    public var worker: String
    /// Where the rig's own log lines go (guard steps, pool events, ledger trouble).
    public var log: @Sendable (String) -> Void

    public init(coin: Coin, coins: [Coin], pools: @escaping @Sendable (Coin) -> PoolSettings?, threads: Int,
                kernels: KernelChoice, thermalGuard: ThermalGuard,
                makeSampler: @escaping @Sendable () -> SensorSampler, sensorInterval: Double = 1,
                ledgerPath: String? = nil, ledgerDisabled: Bool = true,
                openLedger: (@Sendable (_ path: String?) throws -> any LedgerStore)? = nil, earnings: EarningsSettings = EarningsSettings(),
                marketURL: String? = nil, worker: String = "rigtop", log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.coin = coin
        self.coins = coins
        self.pools = pools
        self.threads = threads
        self.kernels = kernels
        self.thermalGuard = thermalGuard
        self.makeSampler = makeSampler
        self.sensorInterval = sensorInterval
        self.ledgerPath = ledgerPath
        self.ledgerDisabled = ledgerDisabled
        self.openLedger = openLedger
        self.earnings = earnings
        self.marketURL = marketURL
        self.worker = worker
        self.log = log
    }
}
