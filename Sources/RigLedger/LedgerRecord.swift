import RigEngine

/// One row for the ledger, as the writer queues it.
public enum LedgerRecord: Sendable, Equatable {
    case share(ShareRecord)
    case blockCandidate(BlockCandidateRecord)
    case block(BlockRecord)
    case minute(MinuteRecord)
    case coinSwitch(CoinSwitchRecord)
}

/// A verified share and what became of it.
public struct ShareRecord: Sendable, Equatable {
    /// Unix seconds.
    public var time: Double
    public var coin: String
    /// The work source: a pool URL or "benchmark".
    public var pool: String
    public var job: String
    /// The share target's difficulty (Bitcoin convention, ``ShareTarget/difficulty``).
    public var difficulty: Double
    /// "accepted", "rejected", "stale", or "found" where nobody judges shares (benchmark work).
    public var result: String
    /// What the share is worth in coins after the pool fee, from the coin data at that time.
    public var expectedCoins: Double
    /// The coin's price then, in ``currency``.
    public var price: Double
    public var currency: String

    public init(time: Double, coin: String, pool: String, job: String, difficulty: Double, result: String,
                expectedCoins: Double, price: Double, currency: String) {
        self.time = time
        self.coin = coin
        self.pool = pool
        self.job = job
        self.difficulty = difficulty
        self.result = result
        self.expectedCoins = expectedCoins
        self.price = price
        self.currency = currency
    }
}

/// A share whose hash also met the network difficulty: a block, if the pool's job was current.
public struct BlockCandidateRecord: Sendable, Equatable {
    public var time: Double
    public var coin: String
    public var pool: String
    public var job: String
    /// The hash's own difficulty (Bitcoin convention).
    public var hashDifficulty: Double
    /// The network difficulty then, in the coin's convention.
    public var networkDifficulty: Double

    public init(time: Double, coin: String, pool: String, job: String, hashDifficulty: Double, networkDifficulty: Double) {
        self.time = time
        self.coin = coin
        self.pool = pool
        self.job = job
        self.hashDifficulty = hashDifficulty
        self.networkDifficulty = networkDifficulty
    }
}

/// A block submitted to a node (solo mining): which one, what it pays, and the node's verdict.
public struct BlockRecord: Sendable, Equatable {
    public var time: Double
    public var coin: String
    /// The work source: "solo http://host:port".
    public var node: String
    public var height: Int
    /// The block hash as the node writes it.
    public var hash: String
    /// What the block pays the payout, in whole coins.
    public var reward: Double
    /// "accepted", "rejected" or "undecided".
    public var result: String
    /// Why it was refused or not counted; nil when accepted.
    public var reason: String?

    public init(time: Double, coin: String, node: String, height: Int, hash: String, reward: Double, result: String,
                reason: String?) {
        self.time = time
        self.coin = coin
        self.node = node
        self.height = height
        self.hash = hash
        self.reward = reward
        self.result = result
        self.reason = reason
    }

    public init(_ block: SoloBlock, time: Double, coin: String, node: String) {
        let (result, reason): (String, String?) = switch block.outcome {
        case .accepted: ("accepted", nil)
        case .rejected(let reason): ("rejected", reason)
        case .undecided(let reason): ("undecided", reason)
        }
        self.init(time: time, coin: coin, node: node, height: block.height, hash: block.hash, reward: block.reward,
                  result: result, reason: reason)
    }
}

/// One minute of mining: the rate, the power and the hottest temperature.
public struct MinuteRecord: Sendable, Equatable {
    /// Unix seconds at the start of the minute (a multiple of 60).
    public var minute: Double
    public var coin: String
    /// Mean H/s over the minute.
    public var hashrate: Double
    /// Mean watts over the minute; nil when nothing measured or estimated power.
    public var watts: Double?
    /// Whether ``watts`` was measured (RAPL, hwmon) rather than estimated.
    public var wattsMeasured: Bool
    /// Seconds of the minute that were observed (the first and last minutes of a run are partial).
    public var seconds: Double
    /// The hottest CPU temperature seen in the minute, °C.
    public var temperaturePeak: Double?
    /// Electricity price per kWh then, in ``currency``.
    public var electricityPrice: Double
    public var currency: String

    public init(minute: Double, coin: String, hashrate: Double, watts: Double?, wattsMeasured: Bool, seconds: Double,
                temperaturePeak: Double?, electricityPrice: Double, currency: String) {
        self.minute = minute
        self.coin = coin
        self.hashrate = hashrate
        self.watts = watts
        self.wattsMeasured = wattsMeasured
        self.seconds = seconds
        self.temperaturePeak = temperaturePeak
        self.electricityPrice = electricityPrice
        self.currency = currency
    }

    /// Energy used in the minute.
    public var kilowattHours: Double { (watts ?? 0) * seconds / 3_600_000 }
}

/// The engine moved from one coin to another.
public struct CoinSwitchRecord: Sendable, Equatable {
    public var time: Double
    public var from: String?
    public var to: String

    public init(time: Double, from: String?, to: String) {
        self.time = time
        self.from = from
        self.to = to
    }
}

/// A solo block as `rigtop ledger` lists it: the record and its time as the report's days are
/// written (local time).
public struct LedgerBlock: Sendable, Equatable {
    /// Local date and time, "2026-11-25 14:03:07".
    public var localTime: String
    public var record: BlockRecord

    public init(localTime: String, record: BlockRecord) { (self.localTime, self.record) = (localTime, record) }
}
