public import RigEngine
public import RigSensors

/// Everything one frame draws: the latest snapshots plus the dashboard's own UI state.
///
/// Panels are pure functions of this value, so every frame is reproducible in a test.
public struct DashboardModel: Sendable {
    /// The engine's latest snapshot.
    public var engine: EngineSnapshot
    /// The latest sensor sample; nil until the first one arrives.
    public var sensors: SensorSample?
    /// Joules consumed since the dashboard started, integrated from the power readings.
    public var energyJoules: Double = 0
    /// The coins in key order (1–9).
    public var coins: [Coin]
    /// The name of the theme in use.
    public var themeName: String = "default"
    /// Things to tell the user (a broken theme file, a theme change), newest last.
    public var notices: [Notice] = []
    /// Monotonic seconds now, for the age of notices (the engine snapshot's clock).
    public var now: Double { engine.time }
    /// The thermal guard's current statement, if it is acting.
    public var thermalGuard: String? = nil
    /// Whether the help overlay is open.
    public var showsHelp = false
    /// The first thread row shown in the threads panel.
    public var threadScroll = 0
    /// Where the key bindings come from, for the footer and help.
    public var bindings: KeyBindings = .default
    /// Unicode or ASCII drawing characters.
    public var glyphs: GlyphSet = .unicode
    /// Pool fee, electricity price and currency for the earnings panel.
    public var earnings = EarningsSettings()
    /// Today's and lifetime totals read from the ledger at start; nil without a ledger.
    public var ledgerTotals: LedgerTotals? = nil
    /// Unix seconds when the engine started; with ``EngineSnapshot/uptime`` it dates the market
    /// data's age. nil (tests): the panel shows the date the data was taken, not its age.
    public var wallClockAtStart: Double? = nil

    /// Unix seconds now, from ``wallClockAtStart`` and the engine's uptime.
    public var wallClock: Double? { wallClockAtStart.map { $0 + engine.uptime } }

    public init(engine: EngineSnapshot, sensors: SensorSample? = nil, coins: [Coin] = Coin.builtIn) {
        self.engine = engine
        self.sensors = sensors
        self.coins = coins
    }

    /// The miner's power: the CPU packages rigtop mines on, measured when any package is (RAPL,
    /// a CPU driver's hwmon power), else the configured-TDP estimate; nil when neither. It is
    /// the basis of H/s per W, the earnings' power cost and the ledger's kWh. A GPU's watts are
    /// not in it (rigtop does not mine on GPUs), nor parts inside a package (RAPL core, dram).
    public var miningPower: (watts: Double, measured: Bool)? {
        guard let readings = sensors?.power else { return nil }
        let cpu = readings.filter { $0.domain == .cpu && $0.watts != nil }
        let measured = cpu.filter(\.measured)
        if !measured.isEmpty { return (measured.compactMap(\.watts).reduce(0, +), true) }
        return cpu.isEmpty ? nil : (cpu.compactMap(\.watts).reduce(0, +), false)
    }

    /// The GPUs' power: each GPU's board power (measured), else its estimate; nil without GPU
    /// power. Shown beside the mining power, never added to it.
    public var gpuPower: (watts: Double, measured: Bool)? {
        guard let sample = sensors else { return nil }
        var total = 0.0
        var measured = true
        var any = false
        for gpu in sample.gpus {
            if let watts = gpu.power?.watts {
                total += watts
            } else if let estimate = sample.power.first(where: { $0.source == .estimate && $0.device == gpu.id })?.watts {
                total += estimate
                measured = false
            } else {
                continue
            }
            any = true
        }
        return any ? (total, measured) : nil
    }
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
