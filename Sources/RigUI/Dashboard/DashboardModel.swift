public import RigEngine
public import RigRuntime
public import RigSensors

/// Everything one frame draws: the rig's latest state plus the dashboard's own UI state.
///
/// Panels are pure functions of this value, so every frame is reproducible in a test. Domain
/// figures (mining power, CPU temperature, earnings) come from ``RigState``; the dashboard only
/// lays them out.
public struct DashboardModel: Sendable {
    /// The rig's latest state, as every front end reads it.
    public var rig: RigState
    /// The name of the theme in use.
    public var themeName: String = "default"
    /// Whether the help overlay is open.
    public var showsHelp = false
    /// The first thread row shown in the threads panel.
    public var threadScroll = 0
    /// The first row shown in the thermals panel.
    public var thermalsScroll = 0
    /// The panel ↑/↓ and PgUp/PgDn scroll; a click on a panel's title focuses it.
    public var focusedPanel: DashboardPanel = .threads
    /// The thread row a click highlighted (its index in the engine's thread list); nil for none.
    public var highlightedThread: Int?
    /// Where the key bindings come from, for the footer and help.
    public var bindings: KeyBindings = .default
    /// Unicode or ASCII drawing characters.
    public var glyphs: GlyphSet = .unicode

    public init(engine: EngineSnapshot, sensors: SensorSample? = nil, coins: [Coin] = Coin.builtIn) {
        rig = RigState(engine: engine, sensors: sensors, coins: coins)
    }

    public init(rig: RigState) {
        self.rig = rig
    }

    /// The engine's latest snapshot.
    public var engine: EngineSnapshot {
        get { rig.engine }
        set { rig.engine = newValue }
    }

    /// The latest sensor sample; nil until the first one arrives.
    public var sensors: SensorSample? {
        get { rig.sensors }
        set { rig.sensors = newValue }
    }

    /// Joules the mining power used since the rig started.
    public var energyJoules: Double {
        get { rig.energyJoules }
        set { rig.energyJoules = newValue }
    }

    /// The coins in key order (1–9).
    public var coins: [Coin] {
        get { rig.coins }
        set { rig.coins = newValue }
    }

    /// Things to tell the user, newest last.
    public var notices: [Notice] {
        get { rig.notices }
        set { rig.notices = newValue }
    }

    /// The thermal guard's current statement, if it is acting.
    public var thermalGuard: String? {
        get { rig.thermalGuard.statement }
        set { rig.thermalGuard.statement = newValue }
    }

    /// Pool fee, electricity price and currency for the earnings panel.
    public var earnings: EarningsSettings {
        get { rig.earningsSettings }
        set { rig.earningsSettings = newValue }
    }

    /// Today's and lifetime totals from the ledger; nil without a ledger.
    public var ledgerTotals: LedgerTotals? {
        get { rig.ledgerTotals }
        set { rig.ledgerTotals = newValue }
    }

    /// Unix seconds when the rig started; with ``EngineSnapshot/uptime`` it dates the market
    /// data's age. nil (tests): the panel shows the date the data was taken, not its age.
    public var wallClockAtStart: Double? {
        get { rig.startedAt }
        set { rig.startedAt = newValue }
    }

    /// Monotonic seconds now, for the age of notices (the engine snapshot's clock).
    public var now: Double { engine.time }

    /// Unix seconds now.
    public var wallClock: Double? { rig.wallClock }

    /// The miner's power; see ``RigState/miningPower``.
    public var miningPower: PowerFigure? { rig.miningPower }

    /// The GPUs' power, shown beside the mining power.
    public var gpuPower: PowerFigure? { rig.gpuPower }

    /// The role of `panel`'s title: highlighted while the panel has the focus.
    func titleRole(_ panel: DashboardPanel) -> ColorRole { focusedPanel == panel ? .highlight : .title }
}
