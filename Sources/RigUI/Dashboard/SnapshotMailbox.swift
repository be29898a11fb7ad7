public import RigEngine
public import RigSensors
import Synchronization

/// The latest engine snapshot and sensor sample, handed from the collectors to the terminal thread.
///
/// Collectors overwrite; the terminal thread reads the newest whenever ``generation`` moved. Neither
/// side ever waits for the other beyond a short lock: slow drawing never slows collection.
public final class SnapshotMailbox: Sendable {
    private struct Contents {
        var engine = EngineSnapshot()
        var sensors: SensorSample?
        var energyJoules = 0.0
        var thermalGuard: String?
        var notices: [Notice] = []
        var ledgerTotals: LedgerTotals?
        var generation: UInt64 = 0
    }

    private let contents = Mutex(Contents())

    public init() {}

    public func post(engine snapshot: EngineSnapshot) {
        contents.withLock { $0.engine = snapshot; $0.generation &+= 1 }
    }

    /// Stores a sensor sample and integrates the energy used since the previous one.
    public func post(sensors sample: SensorSample, watts: Double?) {
        contents.withLock { contents in
            if let watts, let previous = contents.sensors {
                let elapsed = sample.monotonicSeconds - previous.monotonicSeconds
                if elapsed > 0 && elapsed < 60 { contents.energyJoules += watts * elapsed }
            }
            contents.sensors = sample
            contents.generation &+= 1
        }
    }

    /// Sets (or clears) what the thermal guard is doing, for the header.
    public func post(thermalGuard statement: String?) {
        contents.withLock { $0.thermalGuard = statement; $0.generation &+= 1 }
    }

    /// Adds a line for the user, shown in the footer for a few seconds; the last few are kept.
    public func post(notice: String, at time: Double = MonotonicEngineClock().seconds()) {
        contents.withLock { contents in
            contents.notices.append(Notice(text: notice, time: time))
            if contents.notices.count > 5 { contents.notices.removeFirst() }
            contents.generation &+= 1
        }
    }

    /// Today's and lifetime totals as the ledger now has them (re-read every minute or so, so
    /// that "today" keeps up with a rig that runs all day and rolls over at midnight).
    public func post(ledgerTotals totals: LedgerTotals) {
        contents.withLock { $0.ledgerTotals = totals; $0.generation &+= 1 }
    }

    public var generation: UInt64 { contents.withLock { $0.generation } }

    /// Copies the newest data into `model`.
    public func fill(_ model: inout DashboardModel) {
        contents.withLock { contents in
            model.engine = contents.engine
            model.sensors = contents.sensors
            model.energyJoules = contents.energyJoules
            model.thermalGuard = contents.thermalGuard
            model.notices = contents.notices
            if let totals = contents.ledgerTotals { model.ledgerTotals = totals }
        }
    }
}
