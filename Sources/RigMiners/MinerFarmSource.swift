import Foundation
public import RigFarm
import RigFarmSources
import RigInput
import Synchronization

/// The farm in direct mode with miners beside the rigs: the rigtop rigs' source (if any) and
/// every miner read concurrently, each miner bounded by its reader's deadline, so a dead miner
/// costs its own row and never delays the others.
public final class MinerFarmSource: FarmSource {
    let rigs: (any FarmSource)?
    let readers: [any MinerReader]
    let now: @Sendable () -> Double
    /// Each miner's history and down time, keyed by its id; the mutex keeps it whole
    /// if two refreshes overlap.
    let memory = Mutex<[String: RigStateFarmSource.Memory]>([:])

    public init(rigs: (any FarmSource)?, miners: [any MinerReader], now: @escaping @Sendable () -> Double) {
        self.rigs = rigs
        self.readers = miners
        self.now = now
    }

    public func snapshot() async throws -> FarmSnapshot {
        async let rigSnapshot = rigs?.snapshot()
        let results = await readers.readTogether()
        let base = try await rigSnapshot
        let at = base?.time ?? now()
        var warnings = base?.warnings ?? []
        let rows = memory.withLock { memory in
            zip(readers, results).map { reader, result -> FarmRig in
                let id = reader.endpoint.id
                let read: Result<FarmRig, MinerReadError>? = result.map { snapshot in
                    snapshot.rig(id: id, instance: reader.endpoint.display)
                }
                return RigStateFarmSource.row(id, read: read, at: at, in: &memory[id, default: RigStateFarmSource.Memory()],
                                              warnings: &warnings)
            }
        }
        return FarmSnapshot(time: at, source: "direct", rigs: (base?.rigs ?? []) + rows, alerts: base?.alerts ?? [], warnings: warnings)
    }

    public func detail(of rig: FarmRig) async throws -> FarmRigDetail {
        guard let reader = readers.first(where: { $0.endpoint.id == rig.id }) else {
            guard let rigs else { throw MinerReadError("no such miner") }
            return try await rigs.detail(of: rig)
        }
        return try await reader.read().detail
    }
}
