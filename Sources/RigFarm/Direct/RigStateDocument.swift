import RigEngine
import RigInput

/// A rig's `/api/v1/state` document (schema 1, docs/api.md) read into a farm row and a detail.
/// The document comes from the network: every number passes `UntrustedNumber`, every string
/// `OutsideText`, and a missing part leaves a blank, never a trap.
public struct RigStateDocument: Sendable {
    public let json: JSONValue

    public init(json: JSONValue) throws(RigStateDocumentError) {
        guard json.objectValue != nil else { throw RigStateDocumentError(reason: "the state document is not a JSON object") }
        guard let schema = json["schema"]?.numberValue, schema == 1 else {
            throw RigStateDocumentError(reason: "not a rigtop state document of schema 1")
        }
        self.json = json
    }

    static func text(_ value: JSONValue?, limit: Int = 64) -> String? {
        value?.stringValue.flatMap { $0.isEmpty ? nil : OutsideText.escaped($0, limit: limit) }
    }

    static func number(_ value: JSONValue?, in range: ClosedRange<Double>) -> Double? {
        try? UntrustedNumber.finite(value?.numberValue, "number", in: range)
    }

    static func count(_ value: JSONValue?) -> UInt64? {
        try? UntrustedNumber.whole(value?.numberValue, "count", in: 0...(UInt64(1) << 53))
    }

    static func rates(_ value: JSONValue?) -> WindowedRate {
        let range = 0.0...1e21
        return WindowedRate(tenSeconds: number(value?["10s"], in: range), sixtySeconds: number(value?["60s"], in: range),
                            fifteenMinutes: number(value?["15m"], in: range))
    }

    /// The row for the rig at `url`.
    public func rig(id: String, instance: String) -> FarmRig {
        let engine = json["engine"]
        let guardStatus = json["thermal_guard"]
        let engineState = engine?["state"]?.stringValue
        let connection = engine?["pool"]?["connection"]?.stringValue
        let signals = FarmRigSignals(
            reachable: true,
            guardStopped: guardStatus?["phase"]?.stringValue == "stopped" || engineState == "stopped: too hot",
            paused: engineState.map { $0 == "paused" || $0 == "stopped" },
            poolUp: connection.map { $0 == "mining" },
            throttling: json["throttling"]?.boolValue)
        var rig = FarmRig(id: id, instance: instance, job: nil,
                          worker: Self.text(json["worker"]) ?? instance, state: FarmRigState.classify(signals))
        rig.coin = Self.text(engine?["coin"])
        rig.algorithm = Self.text(engine?["algorithm"])
        rig.version = Self.text(json["version"])
        rig.hashrate = Self.rates(engine?["hashrate"])
        let shares = engine?["shares"]
        rig.shares = FarmShares(accepted: Self.count(shares?["accepted"]), rejected: Self.count(shares?["rejected"]),
                                stale: Self.count(shares?["stale"]))
        let temperatures = -100.0...1000.0
        if let celsius = Self.number(json["cpu_temperature"]?["celsius"], in: temperatures) {
            rig.temperature = FarmTemperature(celsius: celsius,
                                              limitCelsius: Self.number(guardStatus?["limit_celsius"], in: temperatures),
                                              criticalCelsius: Self.number(guardStatus?["critical_celsius"], in: temperatures))
        }
        let mining = json["power"]?["mining"]
        if let watts = Self.number(mining?["watts"], in: 0...1e7) {
            rig.power = FarmPower(watts: watts, measured: mining?["measured"]?.boolValue ?? false)
        }
        let earnings = json["earnings"]
        if let net = Self.number(earnings?["net_per_day"], in: -1e12...1e12) {
            rig.earnings = FarmEarnings(netPerDay: net, currency: Self.text(earnings?["currency"], limit: 8) ?? "")
        }
        rig.threads = engine?["threads"]?.arrayValue.map(\.count)
        return rig
    }

    /// The detail screen's figures.
    public var detail: FarmRigDetail {
        var detail = FarmRigDetail()
        let engine = json["engine"]
        detail.threads = (engine?["threads"]?.arrayValue ?? []).compactMap { thread in
            guard let index = try? UntrustedNumber.whole(thread["index"]?.numberValue, "thread", in: 0...100_000) else { return nil }
            let rates = Self.rates(thread["hashrate"])
            return FarmRigDetail.Thread(index: index, tenSeconds: rates.tenSeconds, sixtySeconds: rates.sixtySeconds)
        }
        // SensorSample's encoding: chips[].sensors[] with a converted `value` (°C for temp).
        for chip in json["sensors"]?["chips"]?.arrayValue ?? [] {
            let chipName = Self.text(chip["id"]) ?? Self.text(chip["name"]) ?? "?"
            for channel in chip["sensors"]?.arrayValue ?? [] where channel["kind"]?.stringValue == "temp" {
                let label = Self.text(channel["label"]) ?? "temp"
                if let celsius = Self.number(channel["value"], in: -100...1000) {
                    detail.temperatures.append(.init(name: "\(chipName) \(label)", value: celsius))
                }
            }
        }
        if let mining = json["power"]?["mining"], let watts = Self.number(mining["watts"], in: 0...1e7) {
            let measured = mining["measured"]?.boolValue == true ? "measured" : "estimated"
            detail.power.append(.init(name: "mining (\(measured))", value: watts))
        }
        if let gpus = json["power"]?["gpus"], let watts = Self.number(gpus["watts"], in: 0...1e7) {
            detail.power.append(.init(name: "GPUs", value: watts))
        }
        if let pool = engine?["pool"], let url = Self.text(pool["url"], limit: 80) {
            detail.pools = [FarmRigDetail.Pool(url: url, up: pool["connection"]?.stringValue.map { $0 == "mining" },
                                               pingSeconds: Self.number(pool["latency_seconds"], in: 0...3600))]
        }
        let guardStatus = json["thermal_guard"]
        detail.guardShedThreads = try? UntrustedNumber.whole(guardStatus?["shed_threads"]?.numberValue, "shed", in: 0...100_000)
        detail.guardStopped = guardStatus?["phase"]?.stringValue.map { $0 == "stopped" }
        detail.guardActive = guardStatus?["phase"]?.stringValue.map { $0 != "blind" }
        return detail
    }
}

/// A reply that is not a rigtop state document.
public struct RigStateDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
