public import RigEngine
public import RigPools
public import RigMiners
public import RigNode

/// Everything the config file sets, already checked: a value of this type is never half-read.
///
/// Command-line options win over these values; unset fields leave the built-in defaults.
public struct RigtopConfig: Sendable {
    /// The file read; nil when there was none (all defaults).
    public var file: String?
    /// The coin to mine first (a symbol of ``coins``).
    public var defaultCoin: String?
    public var threads: Int?
    /// A theme name or path, as `--theme` takes it.
    public var theme: String?
    /// °C at which threads are shed.
    public var temperatureLimit: Double?
    /// °C at which mining stops.
    public var temperatureCritical: Double?
    /// The CPU's thermal design power, watts, for the power estimate where nothing measures power.
    public var cpuTDPWatts: Double?
    /// Money per kWh, in ``currency``.
    public var electricityPrice: Double = 0
    /// The currency of every money figure (ISO code, "USD").
    public var currency: String = "USD"
    /// ``currency`` units per US dollar: coin prices are in USD and are multiplied by this.
    public var usdRate: Double = 1
    /// The pool's fee, percent (0…100).
    public var poolFeePercent: Double = 0
    /// Pools per coin symbol.
    public var pools: [String: PoolSettings] = [:]
    /// Solo mining per coin symbol: a node in the coin's pool list, with its payout.
    public var solo: [String: SoloSettings] = [:]
    /// The built-in coins with the file's overrides applied, then the coins it adds, in key order.
    public var coins: [Coin] = Coin.builtIn
    /// The `[api]` section: which API servers to run, and the control token.
    public var api = APISettings()
    /// `[farm] prometheus`: the Prometheus server `rigtop farm` reads when no `--prometheus` is given.
    public var farmPrometheus: String?
    /// `[[farm.miners]]`: miners `rigtop farm` and `rigtop exporter` read besides their `--miner`s.
    public var farmMiners: [MinerEndpoint] = []

    public init() {}

    /// The pools configured for `coin`, if any.
    public func pools(for coin: Coin) -> PoolSettings? { pools[coin.symbol] }

    /// The node configured for mining `coin` solo, if any.
    public func solo(for coin: Coin) -> SoloSettings? { solo[coin.symbol] }

    /// The coin with this symbol among ``coins``, case-insensitively.
    public func coin(named symbol: String) -> Coin? {
        coins.first { $0.symbol == symbol.uppercased() }
    }

    /// The settings the earnings maths needs.
    public var earnings: EarningsSettings {
        EarningsSettings(poolFeePercent: poolFeePercent, electricityPrice: electricityPrice,
                         currency: currency, usdRate: usdRate)
    }
}

/// The config's `[api]` section; each address is `[HOST:]PORT`, nil: that server is off.
public struct APISettings: Sendable, Equatable {
    public var http: String?
    public var token: String?
    public var tokenFile: String?
    public var cgminer: String?
    public var cpuminer: String?

    public init(http: String? = nil, token: String? = nil, tokenFile: String? = nil, cgminer: String? = nil,
                cpuminer: String? = nil) {
        self.http = http
        self.token = token
        self.tokenFile = tokenFile
        self.cgminer = cgminer
        self.cpuminer = cpuminer
    }
}
