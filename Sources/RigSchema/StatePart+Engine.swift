extension StatePart {
    /// The miner: what it mines, how fast, its shares, threads and pool.
    public struct Engine: Codable, Sendable, Equatable {
        public var state: EngineState?
        /// The coin's symbol, e.g. `BTC`.
        public var coin: String?
        public var algorithm: String?
        public var kernel: String?
        public var workSource: String?
        public var job: String?
        public var shareDifficulty: Double?
        public var notice: String?
        public var randomXMode: String?
        public var hashingStalledSeconds: Double?
        public var uptimeSeconds: Double?
        public var hashrate: Rates?
        public var hashes: UInt64?
        public var shares: Shares?
        public var threads: [Thread]?
        public var pool: Pool?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case state, coin, algorithm, kernel, workSource = "work_source", job, shareDifficulty = "share_difficulty"
            case notice, randomXMode = "randomx_mode", hashingStalledSeconds = "hashing_stalled_seconds"
            case uptimeSeconds = "uptime_seconds", hashrate, hashes, shares, threads, pool
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            state = container.part(.state)
            coin = container.text(.coin)
            algorithm = container.text(.algorithm)
            kernel = container.text(.kernel)
            workSource = container.text(.workSource)
            job = container.text(.job)
            shareDifficulty = container.figure(.shareDifficulty, in: FigureRange.difficulty)
            notice = container.text(.notice)
            randomXMode = container.text(.randomXMode)
            hashingStalledSeconds = container.figure(.hashingStalledSeconds, in: FigureRange.seconds)
            uptimeSeconds = container.figure(.uptimeSeconds, in: FigureRange.seconds)
            hashrate = container.part(.hashrate)
            hashes = container.whole(.hashes, in: FigureRange.count)
            shares = container.part(.shares)
            threads = container.list(.threads)
            pool = container.part(.pool)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(state, forKey: .state)
            try container.encode(coin, forKey: .coin)
            try container.encode(algorithm, forKey: .algorithm)
            try container.encode(kernel, forKey: .kernel)
            try container.encode(workSource, forKey: .workSource)
            try container.encode(job, forKey: .job)
            try container.encodeFigure(shareDifficulty, forKey: .shareDifficulty)
            try container.encode(notice, forKey: .notice)
            try container.encode(randomXMode, forKey: .randomXMode)
            try container.encodeFigure(hashingStalledSeconds, forKey: .hashingStalledSeconds)
            try container.encodeFigure(uptimeSeconds, forKey: .uptimeSeconds)
            try container.encode(hashrate, forKey: .hashrate)
            try container.encode(hashes, forKey: .hashes)
            try container.encode(shares, forKey: .shares)
            try container.encode(threads, forKey: .threads)
            try container.encode(pool, forKey: .pool)
        }
    }

    /// Where the engine stands; the raw values are what the document carries.
    public enum EngineState: String, Codable, Sendable, CaseIterable {
        case starting, mining, paused, waitingForWork = "waiting for work", stopped
        /// Stopped by the thermal guard at the critical temperature.
        case tooHot = "stopped: too hot"
    }

    /// A hashrate over each ``RateWindow``, hashes per second; a window without data has none.
    public struct Rates: Codable, Sendable, Equatable {
        public var byWindow: [RateWindow: Double] = [:]

        public init() {}

        public subscript(window: RateWindow) -> Double? {
            get { byWindow[window] }
            set { byWindow[window] = newValue }
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: RateWindow.self)
            for window in RateWindow.allCases {
                byWindow[window] = container.figure(window, in: FigureRange.hashrate)
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: RateWindow.self)
            for window in RateWindow.allCases {
                try container.encodeFigure(byWindow[window], forKey: window)
            }
        }
    }

    /// Share counts since the engine started.
    public struct Shares: Codable, Sendable, Equatable {
        /// Found by the threads and verified locally.
        public var found: UInt64?
        public var accepted: UInt64?
        public var rejected: UInt64?
        public var stale: UInt64?
        public var dropped: UInt64?
        public var hardwareErrors: UInt64?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case found, accepted, rejected, stale, dropped, hardwareErrors = "hardware_errors"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            found = container.whole(.found, in: FigureRange.count)
            accepted = container.whole(.accepted, in: FigureRange.count)
            rejected = container.whole(.rejected, in: FigureRange.count)
            stale = container.whole(.stale, in: FigureRange.count)
            dropped = container.whole(.dropped, in: FigureRange.count)
            hardwareErrors = container.whole(.hardwareErrors, in: FigureRange.count)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(found, forKey: .found)
            try container.encode(accepted, forKey: .accepted)
            try container.encode(rejected, forKey: .rejected)
            try container.encode(stale, forKey: .stale)
            try container.encode(dropped, forKey: .dropped)
            try container.encode(hardwareErrors, forKey: .hardwareErrors)
        }
    }

    /// One mining thread.
    public struct Thread: Codable, Sendable, Equatable {
        public var index: Int?
        /// The core it is pinned to, nil when not pinned.
        public var core: Int?
        public var pinned: Bool?
        public var idle: Bool?
        public var hashes: UInt64?
        public var shares: UInt64?
        public var hashrate: Rates?

        public init() {}

        enum CodingKeys: String, CodingKey { case index, core, pinned, idle, hashes, shares, hashrate }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            index = container.whole(.index, in: FigureRange.index)
            core = container.whole(.core, in: FigureRange.index)
            pinned = container.flag(.pinned)
            idle = container.flag(.idle)
            hashes = container.whole(.hashes, in: FigureRange.count)
            shares = container.whole(.shares, in: FigureRange.count)
            hashrate = container.part(.hashrate)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(index, forKey: .index)
            try container.encode(core, forKey: .core)
            try container.encode(pinned, forKey: .pinned)
            try container.encode(idle, forKey: .idle)
            try container.encode(hashes, forKey: .hashes)
            try container.encode(shares, forKey: .shares)
            try container.encode(hashrate, forKey: .hashrate)
        }
    }

    /// The pool (or node) connection; absent on benchmark work.
    public struct Pool: Codable, Sendable, Equatable {
        public var url: String?
        public var connection: PoolConnection?
        public var difficulty: Double?
        public var latencySeconds: Double?
        public var lastRejectReason: String?
        public var message: String?
        /// Whether a failover pool is in use.
        public var failover: Bool?
        public var upSeconds: Double?
        /// Times the connection dropped.
        public var failures: UInt64?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case url, connection, difficulty, latencySeconds = "latency_seconds", lastRejectReason = "last_reject_reason"
            case message, failover, upSeconds = "up_seconds", failures
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            url = container.text(.url)
            connection = container.part(.connection)
            difficulty = container.figure(.difficulty, in: FigureRange.difficulty)
            latencySeconds = container.figure(.latencySeconds, in: FigureRange.latency)
            lastRejectReason = container.text(.lastRejectReason)
            message = container.text(.message)
            failover = container.flag(.failover)
            upSeconds = container.figure(.upSeconds, in: FigureRange.seconds)
            failures = container.whole(.failures, in: FigureRange.count)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(url, forKey: .url)
            try container.encode(connection, forKey: .connection)
            try container.encodeFigure(difficulty, forKey: .difficulty)
            try container.encodeFigure(latencySeconds, forKey: .latencySeconds)
            try container.encode(lastRejectReason, forKey: .lastRejectReason)
            try container.encode(message, forKey: .message)
            try container.encode(failover, forKey: .failover)
            try container.encodeFigure(upSeconds, forKey: .upSeconds)
            try container.encode(failures, forKey: .failures)
        }
    }

    /// Where the pool connection stands; `mining` is the only state in which it is up.
    public enum PoolConnection: String, Codable, Sendable, CaseIterable {
        case connecting, connected, mining, disconnected
    }
}
