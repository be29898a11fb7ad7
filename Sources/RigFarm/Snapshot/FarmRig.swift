public import RigFigures

/// One rig's row in the farm: who it is, what it does and its figures, as one value the view
/// and `--once --json` read. Every figure is optional: a rig reports what its sensors and pool
/// give, and a down rig reports nothing but who it was.
public struct FarmRig: Sendable, Equatable, Identifiable {
    /// Unique in a snapshot: Prometheus' `job/instance` (`job/instance/miner` for an exporter's miner), or the rig's URL in direct mode.
    public var id: String
    /// Prometheus' target address (host:port), or the URL in direct mode.
    public var instance: String
    public var job: String?
    /// The `miner` label of a miner that `rigtop exporter` serves (one target, many miners); nil
    /// for a rigtop rig, which is its own target.
    public var miner: String?
    /// The worker name the rig mines as.
    public var worker: String
    public var state: FarmRigState
    /// For a down rig: seconds since its last good scrape, when known.
    public var downForSeconds: Double?
    public var coin: String?
    public var algorithm: String?
    public var version: String?
    /// xmrig's 10 s, 60 s and 15 min windows, H/s (the type the engine reports its own rates in).
    public var hashrate = WindowedRate()
    /// The 60 s hashrate over the last 15 minutes, oldest first, H/s (nil where there was no data).
    public var history: [Double?] = []
    public var shares = FarmShares()
    /// The hottest CPU sensor, °C, and the thermal guard's limit and critical temperature.
    public var temperature: FarmTemperature?
    public var power: FarmPower?
    /// Net money per day (after pool fee and electricity) and its currency.
    public var earnings: FarmEarnings?
    /// Seconds since the rig's accepted share count last grew, when seen in the history window.
    public var lastShareAgeSeconds: Double?
    public var threads: Int?

    public init(id: String, instance: String, job: String? = nil, worker: String, state: FarmRigState) {
        self.id = id
        self.instance = instance
        self.job = job
        self.worker = worker
        self.state = state
    }

    /// Hashes per joule (H/s per W), by the rule the rig itself reports it with; nil without both
    /// figures.
    public var hashesPerWatt: Double? { hashrate.hashesPerWatt(watts: power?.watts) }
}

/// Share counts since the rig started.
public struct FarmShares: Sendable, Equatable {
    public var accepted: UInt64?
    public var rejected: UInt64?
    public var stale: UInt64?

    public init(accepted: UInt64? = nil, rejected: UInt64? = nil, stale: UInt64? = nil) {
        self.accepted = accepted
        self.rejected = rejected
        self.stale = stale
    }
}

/// The hottest CPU temperature and the limits it is judged against, °C.
public struct FarmTemperature: Sendable, Equatable {
    public var celsius: Double
    public var limitCelsius: Double?
    public var criticalCelsius: Double?

    public init(celsius: Double, limitCelsius: Double? = nil, criticalCelsius: Double? = nil) {
        self.celsius = celsius
        self.limitCelsius = limitCelsius
        self.criticalCelsius = criticalCelsius
    }
}

/// The miner's power, W, and whether a sensor measured it or rigtop estimated it.
public struct FarmPower: Sendable, Equatable {
    public var watts: Double
    public var measured: Bool

    public init(watts: Double, measured: Bool) {
        self.watts = watts
        self.measured = measured
    }
}

/// Net earnings per day in a currency.
public struct FarmEarnings: Sendable, Equatable {
    public var netPerDay: Double
    public var currency: String

    public init(netPerDay: Double, currency: String) {
        self.netPerDay = netPerDay
        self.currency = currency
    }
}
