import RigEngine
import RigFigures
import RigInput

/// lolMiner through its HTTP API (`--apiport`; `GET /summary`), in both shapes it has served:
///
/// - lolMiner 1.2x and later: `Workers` (one per GPU: `Power` W, `Core_Temp` and `Juc_Temp` °C,
///   `Fan_Speed` percent) and `Algorithms` (two when dual mining), each with
///   `Total_Performance` and `Worker_Performance` in `Performance_Unit`, which
///   `Performance_Factor` turns into H/s (`"Mh/s"`, 1000000), and the share counts
///   `Total_Accepted`, `Total_Rejected`, `Total_Stales`, `Total_Errors`;
/// - lolMiner up to 1.1: `Mining`, `Stratum`, `Session` (`Performance_Summary`, `Accepted`,
///   `Submitted`) and `GPUs` (`Performance`, `Consumption (W)`, `Fan Speed (%)`, `Temps (deg C)`).
///
/// lolMiner's API smooths its rates over about a minute (its 0.7 changelog), so they fill the
/// 60 s slot. When dual mining, the first algorithm's figures are the miner's. Memory
/// temperatures (`Mem_Temp`) are not read: they run far hotter than the core by design.
struct LolminerReader: MinerDocumentReader {
    let endpoint: MinerEndpoint
    let limits: MinerReadLimits
    static let path = "/summary"

    static func snapshot(_ json: JSONValue) throws(MinerReadError) -> MinerSnapshot {
        let summary = try MinerField.document(json, withAnyOf: ["Software", "Algorithms", "GPUs"], "a lolMiner summary")
        var snapshot = MinerSnapshot(naming: summary["Software"], otherwise: "lolMiner")
        snapshot.uptimeSeconds = MinerField.seconds(summary["Session"]?["Uptime"])
        if let algorithms = summary["Algorithms"]?.arrayValue {
            current(summary, algorithm: algorithms.first, into: &snapshot)
        } else {
            early(summary, into: &snapshot)
        }
        snapshot.watts = snapshot.watts ?? snapshot.devicesWatts
        return snapshot
    }

    /// lolMiner 1.2x and later: `Workers` and `Algorithms`.
    static func current(_ summary: JSONValue, algorithm: JSONValue?, into snapshot: inout MinerSnapshot) {
        let factor = MinerField.number(algorithm?["Performance_Factor"], in: 1e-3...1e18)
            ?? MinerField.unitScale(algorithm?["Performance_Unit"])
        let rates = algorithm?["Worker_Performance"]?.arrayValue ?? []
        let names = GPUFieldNames(index: ["Index"], celsius: "Core_Temp", chipCelsius: "Juc_Temp", fanPercent: "Fan_Speed", watts: "Power")
        snapshot.devices = names.devices(summary["Workers"]) { _, position in
            factor.flatMap { position < rates.count ? MinerField.rate(rates[position], unit: $0) : nil }
        }
        guard let algorithm else { return }
        snapshot.algorithm = MinerField.text(algorithm["Algorithm"], limit: 32)
        if let factor {
            snapshot.hashrate = WindowedRate(sixtySeconds: MinerField.rate(algorithm["Total_Performance"], unit: factor))
        }
        snapshot.readShares(algorithm, accepted: "Total_Accepted", rejected: "Total_Rejected", stale: "Total_Stales", errors: "Total_Errors")
        snapshot.worker = MinerField.text(algorithm["Worker"]) ?? MinerField.text(algorithm["User"])
        if let pool = MinerField.text(algorithm["Pool"], limit: 120) { snapshot.pools = [MinerSnapshot.Pool(url: pool)] }
    }

    /// lolMiner up to 1.1: `Mining`, `Stratum`, `Session` and `GPUs`; rejected is what was
    /// submitted and not accepted.
    static func early(_ summary: JSONValue, into snapshot: inout MinerSnapshot) {
        let session = summary["Session"]
        let unit = MinerField.unitScale(session?["Performance_Unit"])
        snapshot.algorithm = MinerField.text(summary["Mining"]?["Algorithm"], limit: 32)
        if let unit { snapshot.hashrate = WindowedRate(sixtySeconds: MinerField.rate(session?["Performance_Summary"], unit: unit)) }
        snapshot.accepted = MinerField.count(session?["Accepted"])
        if let accepted = snapshot.accepted, let submitted = MinerField.count(session?["Submitted"]), submitted >= accepted {
            snapshot.rejected = submitted - accepted
        }
        snapshot.watts = MinerField.reportedWatts(session?["TotalPower"])
        snapshot.worker = MinerField.text(summary["Stratum"]?["Current_User"])
        if let pool = MinerField.text(summary["Stratum"]?["Current_Pool"], limit: 120) { snapshot.pools = [MinerSnapshot.Pool(url: pool)] }
        let names = GPUFieldNames(index: ["Index"], celsius: "Temps (deg C)", fanPercent: "Fan Speed (%)", watts: "Consumption (W)")
        snapshot.devices = names.devices(summary["GPUs"]) { gpu, _ in unit.flatMap { MinerField.rate(gpu["Performance"], unit: $0) } }
    }
}
