import RigEngine
import RigFarm
import RigFigures
import RigInput

/// The cgminer family through cgminer's JSON API (its API-README): `summary`, then `devs`,
/// `pools`, `stats`, `version` and `coin`, one connection each, as cgminer serves one request per
/// connection. Braiins OS (BOSminer) answers `temps` and `fans` too, and is asked for them.
///
/// Dialects, from public captures (foreman-apps' recorded Antminer, Whatsminer and Braiins
/// answers, pyasic's readers):
/// - cgminer, bfgminer, sgminer, TeamRedMiner: rates as `MHS 5s` / `KHS 30s`…, devices in `DEVS`.
/// - stock Antminer (bmminer, cgminer 4.x): `stats` carries the hash boards as numbered keys,
///   `chain_rate1`, `chain_acn1` (chips), `temp_chip1` / `temp_pcb1` ("48-80-49-70": the sensors
///   of one board) or older `temp2_1` / `temp1`, and `fan1`…`fan16` (0 for an empty slot).
/// - Whatsminer (btminer): `summary` adds `Power`, `Fan Speed In` / `Fan Speed Out` and
///   `Temperature`; `devs` lists boards by `Slot` or `ASC` with `Chip Temp Max` and
///   `Effective Chips`; unknown commands get a bare error object.
/// - Braiins OS: `summary` has `MHS 1m` / `5m` / `15m`; boards' temperatures in `TEMPS`
///   (`Board`, `Chip`), fans in `FANS` (`RPM`).
struct CgminerReader: MinerReader {
    let endpoint: MinerEndpoint
    let limits: MinerReadLimits

    func read() async throws(MinerReadError) -> MinerSnapshot {
        let started = ContinuousClock.now
        func ask(_ command: String) async throws(MinerReadError) -> JSONValue {
            guard let socket = limits.socket(to: endpoint, since: started) else { throw MinerReadError("no time left for \(command)") }
            return try CgminerReply.parse(try await socket.exchange("{\"command\":\"\(command)\"}"))
        }
        var replies: [String: JSONValue] = [:]
        do throws(MinerReadError) {
            replies["summary"] = try await ask("summary")
        } catch {
            throw MinerReadError("summary: \(error.reason)")
        }
        for command in ["devs", "pools", "stats", "version", "coin"] {
            replies[command] = try? await ask(command)
        }
        if Self.software(replies["version"])?.lowercased() == "bosminer" {
            for command in ["temps", "fans"] { replies[command] = try? await ask(command) }
        }
        return Self.snapshot(replies)
    }

    /// The snapshot from the answers that came, keyed by command; any may be missing.
    static func snapshot(_ replies: [String: JSONValue]) -> MinerSnapshot {
        var snapshot = MinerSnapshot()
        let versionRecord = CgminerReply.records(replies["version"], "VERSION").first
        let statsRecords = CgminerReply.records(replies["stats"], "STATS")
        snapshot.software = software(replies["version"])
        if let software = snapshot.software {
            snapshot.version = MinerField.text(versionRecord?[software])
        }
        snapshot.model = MinerField.text(versionRecord?["Type"]) ?? statsRecords.lazy.compactMap { MinerField.text($0["Type"]) }.first
        if snapshot.software == nil, let first = statsRecords.first {
            for key in ["BMMiner", "CGMiner"] where first[key] != nil {
                snapshot.software = key
                snapshot.version = MinerField.text(first[key])
                break
            }
        }
        snapshot.algorithm = CgminerReply.records(replies["coin"], "COIN").first.flatMap { MinerField.text($0["Hash Method"], limit: 24) }
        let ghs = gigaUnit(model: snapshot.model)

        if let summary = CgminerReply.records(replies["summary"], "SUMMARY").first {
            snapshot.hashrate = windowedRate(summary, ghs: ghs)
            snapshot.readShares(summary, accepted: "Accepted", rejected: "Rejected", stale: "Stale", errors: "Hardware Errors")
            snapshot.uptimeSeconds = MinerField.seconds(summary["Elapsed"])
            snapshot.watts = MinerField.watts(summary["Power"])
            if let celsius = MinerField.celsius(summary["Temperature"]) {
                snapshot.temperatures.append(.init(name: "miner", value: celsius))
            }
            snapshot.fansRPM += ["Fan Speed In", "Fan Speed Out"].compactMap { MinerField.rpm(summary[$0]) }
        }

        for (position, record) in CgminerReply.records(replies["devs"], "DEVS").enumerated() {
            snapshot.devices.append(device(record, position: position, ghs: ghs))
        }

        if let boards = statsRecords.first(where: { record in record.objectValue?.keys.contains { $0.hasPrefix("chain_rate") } ?? false }) {
            let antminer = antminerStats(boards, ghs: ghs)
            // DEVS on an Antminer is one summed device; its boards are the better detail.
            if !antminer.boards.isEmpty { snapshot.devices = antminer.boards }
            snapshot.fansRPM += antminer.fans
            if snapshot.hashrate == WindowedRate() { snapshot.hashrate = windowedRate(boards, ghs: ghs) }
        }

        for record in CgminerReply.records(replies["temps"], "TEMPS") {
            let id = MinerField.whole(record["ID"], in: 0...10_000) ?? 0
            if let chip = MinerField.celsius(record["Chip"]) { snapshot.temperatures.append(.init(name: "board \(id) chip", value: chip)) }
            if let board = MinerField.celsius(record["Board"]) { snapshot.temperatures.append(.init(name: "board \(id)", value: board)) }
        }
        // Braiins lists every fan slot; a stopped fan and an empty slot both say 0 RPM.
        snapshot.fansRPM += CgminerReply.records(replies["fans"], "FANS").compactMap { MinerField.rpm($0["RPM"]) }

        snapshot.pools = CgminerReply.records(replies["pools"], "POOLS").compactMap { record in
            guard let url = MinerField.text(record["URL"], limit: 120) else { return nil }
            return MinerSnapshot.Pool(url: url, up: MinerField.text(record["Status"]).map { $0 == "Alive" },
                                      active: MinerField.flag(record["Stratum Active"]))
        }
        let poolRecords = CgminerReply.records(replies["pools"], "POOLS")
        let activeRecord = poolRecords.first { MinerField.flag($0["Stratum Active"]) == true } ?? poolRecords.first
        snapshot.worker = activeRecord.flatMap { MinerField.text($0["User"], limit: 64) }
        return snapshot
    }

    /// The name of the software that answered `version`, the key its version is under.
    static func software(_ version: JSONValue?) -> String? {
        guard let record = CgminerReply.records(version, "VERSION").first?.objectValue else { return nil }
        let known = ["BOSminer", "BOSer", "LUXminer", "BMMiner", "CGMiner", "BFGMiner", "bfgminer", "sgminer", "TeamRedMiner", "cgminer"]
        return known.first { record[$0] != nil }
    }

    /// What one "GHS" is, H/s. Antminers for scrypt, X11 and Ethash (L3, D3, E3, …) label their
    /// MH/s figures GHS: foreman-apps reads those models' GHS with a 0.001 multiplier.
    static func gigaUnit(model: String?) -> Double {
        guard let model, model.hasPrefix("Antminer "), let series = model.dropFirst("Antminer ".count).first else { return 1e9 }
        return "LDE".contains(series) ? 1e6 : 1e9
    }

    /// cgminer's rate keys, `<unit>HS <window>`, into rigtop's windows.
    static func windowedRate(_ record: JSONValue, ghs: Double) -> WindowedRate {
        var windows: [String: Double] = [:]
        for (key, value) in record.objectValue ?? [:] {
            let parts = key.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, let unit = unitScale(parts[0], ghs: ghs), let rate = MinerField.rate(value, unit: unit) else { continue }
            windows[String(parts[1])] = rate
        }
        let shortest = windows["5s"] ?? windows["10s"] ?? windows["15s"] ?? windows["20s"] ?? windows["30s"]
        return WindowedRate(tenSeconds: shortest,
                            sixtySeconds: windows["1m"] ?? shortest ?? windows["5m"] ?? windows["av"],
                            fifteenMinutes: windows["15m"] ?? windows["30m"])
    }

    static func unitScale(_ prefix: Substring, ghs: Double) -> Double? {
        switch prefix {
        case "HS": 1
        case "KHS": 1e3
        case "MHS": 1e6
        case "GHS": ghs
        case "THS": 1e12
        default: nil
        }
    }

    static func device(_ record: JSONValue, position: Int, ghs: Double) -> MinerSnapshot.Device {
        let labels = ["GPU", "ASC", "PGA", "Slot", "CPU"]
        let label = labels.first { record[$0] != nil }
        let index = label.flatMap { MinerField.whole(record[$0], in: 0...100_000) } ?? position
        var device = MinerSnapshot.Device(index: index, name: "\(label == "Slot" ? "board" : label ?? "dev") \(index)")
        device.hashrate = windowedRate(record, ghs: ghs)
        device.celsius = MinerField.celsius(record["Temperature"])
        device.chipCelsius = MinerField.celsius(record["Chip Temp Max"]) ?? MinerField.celsius(record["Chip Temp Avg"])
        device.fanRPM = MinerField.rpm(record["Fan Speed"])
        device.fanPercent = MinerField.number(record["Fan Percent"], in: 0...100)
        device.chips = MinerField.whole(record["Effective Chips"], in: 0...100_000)
        device.watts = MinerField.watts(record["GPU Power"])
        return device
    }

    /// Stock Antminer boards and fans from the `stats` record that carries `chain_rate*`.
    static func antminerStats(_ record: JSONValue, ghs: Double) -> (boards: [MinerSnapshot.Device], fans: [Int]) {
        let unit: Double = switch MinerField.text(record["rate_unit"]) {
        case "MH": 1e6
        case "TH": 1e12
        case "GH": 1e9
        default: ghs
        }
        var boards: [MinerSnapshot.Device] = []
        for n in 1...16 {
            let chips = MinerField.whole(record["chain_acn\(n)"], in: 0...100_000)
            let rate = MinerField.rate(record["chain_rate\(n)"], unit: unit)
            guard (chips ?? 0) > 0 || rate != nil else { continue }
            var board = MinerSnapshot.Device(index: n, name: "board \(n)")
            board.hashrate = WindowedRate(tenSeconds: rate, sixtySeconds: rate)
            board.chips = chips
            board.chipCelsius = MinerField.hottest(dashed: record["temp_chip\(n)"]) ?? MinerField.celsius(record["temp2_\(n)"])
            board.celsius = MinerField.hottest(dashed: record["temp_pcb\(n)"]) ?? MinerField.celsius(record["temp\(n)"])
            boards.append(board)
        }
        let fans = (1...16).compactMap { MinerField.rpm(record["fan\($0)"]) }.filter { $0 > 0 }
        return (boards, fans)
    }
}
