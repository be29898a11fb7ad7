public import RigEngine
public import RigLedger
public import RigSensors

/// Everything one running rig knows at one moment: what every front end (the dashboard, `rigtop
/// mine`'s log and summary, the API servers) reads, and the only place they read it.
///
/// A value: readers copy it out of the ``RigStateBoard`` and never hold a lock while they format
/// it. The domain figures (mining power, CPU temperature, earnings) are computed here from the
/// engine snapshot and the sensor sample by the rules of their own layers, so two front ends can
/// never show two answers.
public struct RigState: Sendable {
    /// The engine's latest snapshot.
    public var engine: EngineSnapshot
    /// The latest sensor sample; nil until the first one arrives.
    public var sensors: SensorSample?
    /// Joules the mining power used since the rig started.
    public var energyJoules: Double = 0
    /// What the thermal guard is doing.
    public var thermalGuard = ThermalGuardStatus()
    /// Things to tell the user (a broken theme file, a guard step), newest last.
    public var notices: [Notice] = []
    /// Today's and lifetime totals from the ledger; nil without a ledger.
    public var ledgerTotals: LedgerTotals? = nil
    /// How the ledger's writes are going; nil without a ledger.
    public var ledger: LedgerHealth? = nil
    /// Pool fee, electricity price and currency.
    public var earningsSettings = EarningsSettings()
    /// The coins in key order (1–9), with any market quotes laid over them.
    public var coins: [Coin]
    /// Unix seconds when the rig started; nil in tests that build a state by hand.
    public var startedAt: Double? = nil
    /// The worker name the rig reports (the pool user's worker part, else the host name).
    public var worker: String = ""
    /// Monotonic seconds (the engine's clock) since the pool connection has been mining; nil
    /// while it is not.
    public var poolUpSince: Double? = nil
    /// How many times a mining pool connection dropped.
    public var poolFailures: Int = 0
    /// The miner rigtop watches instead of running its own engine (`rigtop --miner URL`); nil
    /// while the engine part is rigtop's own. While set, ``engine`` is built from the miner's API.
    public var miner: WatchedMinerStatus? = nil
    /// Bumped on every change, so a reader can skip an unchanged state.
    public var generation: UInt64 = 0

    /// Why `command` cannot be carried out on this rig, as a status line; nil when it can. Only a
    /// watched miner refuses commands: rigtop cannot switch another miner's coin or threads.
    public func refusal(of command: EngineCommand) -> String? {
        miner?.refusal(of: command)
    }

    /// What the user must hear about the ledger while its writes fail, or after records were
    /// lost; nil while all is well.
    public var ledgerAlert: String? {
        guard let ledger, ledger.failing || ledger.lost > 0 else { return nil }
        let error = ledger.lastError.map { ": " + $0 } ?? ""
        if ledger.failing {
            return "ledger writes failing\(error) — \(ledger.unwritten) records kept, retrying"
                + (ledger.lost > 0 ? "; \(ledger.lost) lost" : "")
        }
        return "ledger lost \(ledger.lost) records\(error)"
    }

    public init(engine: EngineSnapshot = EngineSnapshot(), sensors: SensorSample? = nil,
                coins: [Coin] = Coin.builtIn) {
        self.engine = engine
        self.sensors = sensors
        self.coins = coins
    }

    /// Unix seconds now, from ``startedAt`` and the engine's uptime.
    public var wallClock: Double? { startedAt.map { $0 + engine.uptime } }

    /// The miner's power (CPU packages, measured or estimated); see ``SensorSample/miningPower``.
    public var miningPower: PowerFigure? { sensors?.miningPower }

    /// The GPUs' power, shown beside the mining power and never added to it.
    public var gpuPower: PowerFigure? { sensors?.gpuPower }

    /// The CPU temperature the thermal guard judges, with its thresholds.
    public var cpuTemperature: CPUThermalReading? { sensors?.cpuThermalReading }

    /// The rate earnings and efficiency are computed from: the 60 s window, else the 10 s one
    /// (``WindowedRate/current``).
    public var hashrate: Double? { engine.hashrate.current }

    /// Hashes per second per watt of mining power; nil without both.
    public var hashesPerWatt: Double? { engine.hashrate.hashesPerWatt(watts: miningPower?.watts) }

    /// Whether any CPU is throttling now (a GPU at its power cap is not the miner's business).
    public var cpuThrottling: Bool { sensors?.cpus.contains { $0.verdict.isThrottling } ?? false }

    /// Solo work: the seconds a block takes on average at ``hashrate`` and the network difficulty
    /// the node gave; nil for pool work (its difficulty is a share's) or before the rate settles.
    public var expectedSecondsToBlock: Double? {
        guard let pool = engine.pool, pool.height != nil, let difficulty = pool.difficulty,
              let convention = engine.coin?.convention else { return nil }
        return convention.expectedSecondsToBlock(difficulty: difficulty, hashrate: hashrate)
    }

    /// How old the mined coin's market figures are; nil without a coin, a clock (``startedAt``) or
    /// a readable market date.
    public var marketDataAge: MarketDataAge? {
        guard let coin = engine.coin, let now = wallClock, let taken = CivilDate.unixSeconds(coin.marketDate) else { return nil }
        return MarketDataAge(seconds: now - taken)
    }

    /// Coins and money per day at ``hashrate``, net of the pool fee and the mining power's
    /// electricity; nil without a coin with market data. Before the hashrate settles (``hashrate``
    /// nil) it is the estimate at 0 H/s: the power cost alone.
    public var earnings: EarningsEstimate? {
        guard let coin = engine.coin, coin.hasMarketData else { return nil }
        return earningsSettings.estimate(hashrate: hashrate ?? 0, coin: coin, watts: miningPower?.watts ?? 0,
                                         shareDifficulty: engine.shareDifficulty)
    }
}

/// The thermal guard as readers see it.
public struct ThermalGuardStatus: Sendable, Equatable {
    /// Where the guard stands.
    public enum Phase: String, Sendable, Codable {
        case normal, shedding, recovering, stopped
        /// No CPU temperature can be read: the guard cannot act.
        case blind
    }

    public var phase: Phase = .blind
    /// One line for a person, nil when all is well.
    public var statement: String? = nil
    /// The limits in force for the last reading (°C): shedding starts at `limit`, hashing stops at
    /// `critical`.
    public var limitCelsius: Double? = nil
    public var criticalCelsius: Double? = nil
    /// Threads the guard has taken away from the user's count.
    public var shedThreads: Int = 0

    public init() {}
}

/// A message for the user, with when it was posted (monotonic seconds).
public struct Notice: Sendable, Equatable {
    public var text: String
    public var time: Double

    public init(text: String, time: Double) {
        self.text = text
        self.time = time
    }
}
