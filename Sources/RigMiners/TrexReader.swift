import RigEngine
import RigFigures
import RigInput

/// T-Rex through its HTTP API (`--api-bind-http`, port 4067 by default; `GET /summary`). An API
/// that answers 401 or 403 (T-Rex's `--api-key`) reads as "the API refuses to be read".
///
/// Rates are H/s. `hashrate_minute` is the one-minute average and fills the 60 s slot
/// (`hashrate`, averaged over `--hashrate-avr` seconds, 60 unless set, where it is missing);
/// T-Rex's hour and day averages have no slot. Per GPU: `temperature` °C, `fan_speed` percent,
/// `power` W. Shares: `accepted_count`, `rejected_count`, and `invalid_count` (shares T-Rex's
/// own check found wrong, which cgminer would call hardware errors). The pool is `active_pool`,
/// whose `ping` is in ms; the API has no word for a lost pool, so its state is left unknown.
struct TrexReader: MinerDocumentReader {
    let endpoint: MinerEndpoint
    let limits: MinerReadLimits
    static let path = "/summary"

    static func snapshot(_ json: JSONValue) throws(MinerReadError) -> MinerSnapshot {
        let summary = try MinerField.document(json, withAnyOf: ["gpus", "hashrate", "accepted_count"], "a T-Rex summary")
        var snapshot = MinerSnapshot()
        snapshot.software = "T-Rex"
        snapshot.version = MinerField.text(summary["version"], limit: 32)
        snapshot.algorithm = MinerField.text(summary["algorithm"], limit: 32)
        snapshot.hashrate = WindowedRate(sixtySeconds: rate(summary))
        snapshot.readShares(summary, accepted: "accepted_count", rejected: "rejected_count", errors: "invalid_count")
        snapshot.uptimeSeconds = MinerField.seconds(summary["uptime"])
        snapshot.paused = MinerField.flag(summary["paused"])
        let pool = summary["active_pool"]
        snapshot.worker = MinerField.text(pool?["worker"]) ?? MinerField.text(pool?["user"])
        if let url = MinerField.text(pool?["url"], limit: 120) {
            snapshot.pools = [MinerSnapshot.Pool(url: url, pingSeconds: MinerField.number(pool?["ping"], in: 0...3_600_000).map { $0 / 1000 })]
        }
        let names = GPUFieldNames(index: ["gpu_id", "device_id"], celsius: "temperature", fanPercent: "fan_speed", watts: "power")
        snapshot.devices = names.devices(summary["gpus"]) { gpu, _ in rate(gpu) }
        snapshot.watts = snapshot.devicesWatts
        return snapshot
    }

    /// A record's one-minute rate (the whole miner's, or one GPU's), H/s.
    static func rate(_ record: JSONValue) -> Double? {
        MinerField.rate(record["hashrate_minute"], unit: 1) ?? MinerField.rate(record["hashrate"], unit: 1)
    }
}
