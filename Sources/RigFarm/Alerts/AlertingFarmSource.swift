import Synchronization

/// A direct-mode source with the farm's alert rules evaluated by rigtop (``FarmAlertRules``): the
/// alerts panel shows what a Prometheus with rigtop's rules would show.
public final class AlertingFarmSource: FarmSource {
    let source: any FarmSource
    private let rules = Mutex(FarmAlertRules())

    public init(_ source: any FarmSource) {
        self.source = source
    }

    public func snapshot() async throws -> FarmSnapshot {
        var snapshot = try await source.snapshot()
        let alerts = rules.withLock { $0.evaluate(snapshot) }
        snapshot.alerts = alerts + snapshot.alerts
        return snapshot
    }

    public func detail(of rig: FarmRig) async throws -> FarmRigDetail {
        try await source.detail(of: rig)
    }
}
