/// A coin rigtop can mine, with the facts the earnings panel needs.
///
/// Identity is the symbol: two values with the same symbol are the same coin even when their
/// market figures differ (a config override or a market refresh changes figures, not the coin).
public struct Coin: Sendable, Hashable, Identifiable, Codable {
    /// Ticker symbol, upper case: the coin's identity ("BTC").
    public var symbol: String
    public var name: String
    public var algorithm: HashAlgorithm
    /// Coins paid for a block (subsidy only; fees vary and are left out).
    public var blockReward: Double
    /// The protocol's target seconds between blocks.
    public var blockTimeSeconds: Double
    /// Network difficulty in the coin's own ``convention``.
    public var networkDifficulty: Double
    /// Price of one coin in US dollars.
    public var priceUSD: Double
    /// When ``networkDifficulty`` and ``priceUSD`` were taken, as an ISO date ("2026-11-20").
    public var marketDate: String
    /// Where the market figures came from ("built-in snapshot", "config", a market URL).
    public var marketSource: String
    /// How ``networkDifficulty`` converts to expected hashes per block.
    public var convention: DifficultyConvention

    public var id: String { symbol }

    public init(symbol: String, name: String, algorithm: HashAlgorithm,
                blockReward: Double = 0, blockTimeSeconds: Double = 0, networkDifficulty: Double = 0,
                priceUSD: Double = 0, marketDate: String = "", marketSource: String = "built-in snapshot",
                convention: DifficultyConvention? = nil) {
        self.symbol = symbol.uppercased()
        self.name = name
        self.algorithm = algorithm
        self.blockReward = blockReward
        self.blockTimeSeconds = blockTimeSeconds
        self.networkDifficulty = networkDifficulty
        self.priceUSD = priceUSD
        self.marketDate = marketDate
        self.marketSource = marketSource
        self.convention = convention ?? DifficultyConvention(for: algorithm)
    }

    public static func == (lhs: Coin, rhs: Coin) -> Bool { lhs.symbol == rhs.symbol }
    public func hash(into hasher: inout Hasher) { hasher.combine(symbol) }

    /// Whether the coin has the figures an earnings estimate needs.
    public var hasMarketData: Bool {
        blockReward > 0 && blockTimeSeconds > 0 && networkDifficulty > 0 && priceUSD > 0
    }

    /// The date of the built-in market snapshot below.
    public static let snapshotDate = "2026-11-20"

    /// The built-in coin list, in key order (1–9 in the dashboard).
    ///
    /// Market figures are a snapshot taken on ``snapshotDate`` (rounded public explorer and
    /// exchange figures); they age, and the earnings panel says by how much. Block rewards are the
    /// subsidy after the 2024 halvings (BTC, BCH: 3.125; LTC: 6.25 after August 2023), Dogecoin's
    /// fixed 10 000 and Monero's tail emission of 0.6 XMR.
    public static let builtIn: [Coin] = [
        Coin(symbol: "BTC", name: "Bitcoin", algorithm: .sha256d, blockReward: 3.125, blockTimeSeconds: 600,
             networkDifficulty: 152.27e12, priceUSD: 91_500, marketDate: snapshotDate),
        Coin(symbol: "BCH", name: "Bitcoin Cash", algorithm: .sha256d, blockReward: 3.125, blockTimeSeconds: 600,
             networkDifficulty: 720.5e9, priceUSD: 520, marketDate: snapshotDate),
        Coin(symbol: "LTC", name: "Litecoin", algorithm: .scrypt, blockReward: 6.25, blockTimeSeconds: 150,
             networkDifficulty: 95.6e6, priceUSD: 88.5, marketDate: snapshotDate),
        Coin(symbol: "DOGE", name: "Dogecoin", algorithm: .scrypt, blockReward: 10_000, blockTimeSeconds: 60,
             networkDifficulty: 52.4e6, priceUSD: 0.158, marketDate: snapshotDate),
        Coin(symbol: "XMR", name: "Monero", algorithm: .randomx, blockReward: 0.6, blockTimeSeconds: 120,
             networkDifficulty: 548.0e9, priceUSD: 395, marketDate: snapshotDate),
    ]

    /// The built-in coin with this symbol, case-insensitively.
    public static func named(_ symbol: String) -> Coin? {
        builtIn.first { $0.symbol == symbol.uppercased() }
    }
}

/// How a coin's network difficulty turns into expected hashes per block.
public enum DifficultyConvention: String, Sendable, Codable, CaseIterable {
    /// Bitcoin and its descendants (sha256d, scrypt): `difficulty × 2^32` hashes per block, since
    /// difficulty 1 is the target 0x00000000ffff…, met by about one hash in 2^32.
    case bitcoin
    /// Monero (CryptoNote, RandomX): `difficulty` hashes per block; the target is 2^256 ÷ difficulty.
    case monero

    /// The convention an algorithm's coins use.
    public init(for algorithm: HashAlgorithm) {
        self = algorithm.isRandomX ? .monero : .bitcoin
    }

    /// Expected hashes to find one block (or one share) at `difficulty`.
    public func hashes(forDifficulty difficulty: Double) -> Double {
        switch self {
        case .bitcoin: difficulty * 4_294_967_296  // 2^32
        case .monero: difficulty
        }
    }
}
