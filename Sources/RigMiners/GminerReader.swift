import RigEngine
import RigFigures
import RigInput

/// GMiner through its HTTP API (`--api PORT`; `GET /stat`).
///
/// GMiner reports one rate per GPU (`speed`, in `speed_unit`: `"H/s"`, or solutions per second
/// on Equihash and Cuckoo; early versions send no unit and mean H/s or Sol/s), which fills the
/// 60 s slot; the miner's total is their sum (`pool_speed` is the pool's estimate, not the
/// miner's). Per GPU: `temperature` °C, `fan` percent, `power_usage` W. Shares:
/// `total_accepted_shares`, `total_rejected_shares`, `total_stale_shares`, and
/// `total_invalid_shares` (shares GMiner's own check found wrong, cgminer's hardware errors).
/// The pool is `server`; the API has no word for a lost pool, so its state is left unknown.
/// When dual mining, the second algorithm's figures (`…2`) are not read.
struct GminerReader: MinerDocumentReader {
    let endpoint: MinerEndpoint
    let limits: MinerReadLimits
    static let path = "/stat"

    static func snapshot(_ json: JSONValue) throws(MinerReadError) -> MinerSnapshot {
        let stat = try MinerField.document(json, withAnyOf: ["devices", "miner", "total_accepted_shares"], "a GMiner stat")
        var snapshot = MinerSnapshot(naming: stat["miner"], otherwise: "GMiner")
        snapshot.algorithm = MinerField.text(stat["algorithm"], limit: 32)
        snapshot.uptimeSeconds = MinerField.seconds(stat["uptime"])
        snapshot.readShares(stat, accepted: "total_accepted_shares", rejected: "total_rejected_shares",
                            stale: "total_stale_shares", errors: "total_invalid_shares")
        snapshot.worker = MinerField.text(stat["user"])
        if let url = MinerField.text(stat["server"], limit: 120) { snapshot.pools = [MinerSnapshot.Pool(url: url)] }
        let unit: Double? = stat["speed_unit"] == nil ? 1 : MinerField.unitScale(stat["speed_unit"])
        let names = GPUFieldNames(index: ["gpu_id"], celsius: "temperature", fanPercent: "fan", watts: "power_usage")
        snapshot.devices = names.devices(stat["devices"]) { gpu, _ in unit.flatMap { MinerField.rate(gpu["speed"], unit: $0) } }
        snapshot.hashrate = WindowedRate(sixtySeconds: MinerField.total(snapshot.devices.compactMap(\.hashrate.sixtySeconds), in: MinerField.rates))
        snapshot.watts = snapshot.devicesWatts
        return snapshot
    }
}
