public import RigEngine
public import RigLedger
public import RigSensors
import Synchronization

/// The rig's latest ``RigState``, written by its collectors and read by any number of front ends.
///
/// Writers overwrite; readers copy the newest whenever ``generation`` moved. Neither side waits
/// for the other beyond a short lock: a slow reader (a terminal, an API client) never slows
/// collection, and readers never see a half-updated state.
public final class RigStateBoard: Sendable {
    private let state: Mutex<RigState>
    /// The newest notices kept for the footer.
    static let noticesKept = 5

    public init(_ initial: RigState = RigState()) {
        state = Mutex(initial)
    }

    /// A copy of the newest state.
    public var current: RigState { state.withLock { $0 } }

    public var generation: UInt64 { state.withLock { $0.generation } }

    /// Changes the state in one step.
    public func update(_ change: (inout RigState) -> Void) {
        state.withLock { state in
            change(&state)
            state.generation &+= 1
        }
    }

    /// Stores an engine snapshot, and follows the pool connection: since when it has been up,
    /// and how often it dropped.
    public func post(engine snapshot: EngineSnapshot) {
        update { state in
            let wasUp = state.engine.pool?.connection == .mining
            let isUp = snapshot.pool?.connection == .mining
            if isUp && (!wasUp || state.poolUpSince == nil) { state.poolUpSince = snapshot.time }
            if !isUp { state.poolUpSince = nil }
            if wasUp && snapshot.pool?.connection == .disconnected { state.poolFailures += 1 }
            state.engine = snapshot
        }
    }

    /// Stores a sensor sample and integrates the mining energy since the previous one.
    public func post(sensors sample: SensorSample, meter: EnergyMeter) {
        update { state in
            state.sensors = sample
            state.energyJoules = meter.joules
        }
    }

    public func post(thermalGuard status: ThermalGuardStatus) {
        update { $0.thermalGuard = status }
    }

    /// Adds a line for the user, shown in the footer for a few seconds; the last few are kept.
    public func post(notice: String, at time: Double = MonotonicEngineClock().seconds()) {
        update { state in
            state.notices.append(Notice(text: notice, time: time))
            if state.notices.count > Self.noticesKept { state.notices.removeFirst() }
        }
    }

    /// How the ledger's writes are going.
    public func post(ledger health: LedgerHealth) {
        update { $0.ledger = health }
    }

    /// Today's and lifetime totals as the ledger now has them.
    public func post(ledgerTotals totals: LedgerTotals) {
        update { $0.ledgerTotals = totals }
    }
}
