public import RigEngine
import RigFigures
public import RigInput
public import RigRuntime

/// xmrig's HTTP API documents (`/1/summary`, `/2/summary`, `/2/backends`) built from a rig's
/// state: the same field names and types as xmrig 6, so a tool written for xmrig reads rigtop.
///
/// Where rigtop has no such figure the field holds what xmrig itself sends when it has none
/// (`null`, `0`, an empty array), never an invented number.
public enum XmrigDocuments {
    /// xmrig's algorithm names: `rx/0` and `rx/2` for Monero's RandomX revisions.
    public static func algorithmName(_ algorithm: HashAlgorithm) -> String {
        algorithm.randomXVersion?.stratumName ?? algorithm.rawValue
    }

    /// A count of seconds or milliseconds as xmrig's integers: whole, never negative, 0 for a
    /// figure that is not finite.
    static func whole(_ value: Double) -> Double {
        value.isFinite && value > 0 ? value.rounded(.down) : 0
    }

    /// [10 s, 60 s, 15 min] in H/s, `null` where a window has no data yet.
    static func rates(_ rate: WindowedRate) -> JSONValue {
        .array([rate.tenSeconds, rate.sixtySeconds, rate.fifteenMinutes].map { $0.map(JSONValue.number) ?? .null })
    }

    /// The summary; `perThread` adds `hashrate.threads` (xmrig's `/1/summary`).
    public static func summary(_ state: RigState, perThread: Bool = true) -> JSONValue {
        summary(state, host: HostInfo.read(), perThread: perThread, restricted: true)
    }

    static func summary(_ state: RigState, host: HostInfo, perThread: Bool, restricted: Bool) -> JSONValue {
        let engine = state.engine
        let shares = engine.shares
        let algo = algorithmName(engine.algorithm)
        let highest = engine.history.values.max() ?? 0
        let uptime = whole(engine.uptime)
        var hashrate: [String: JSONValue] = ["total": rates(engine.hashrate), "highest": .number(highest)]
        if perThread { hashrate["threads"] = .array(engine.threads.map { rates($0.hashrate) }) }
        let connectionUptime = state.poolUpSince.map { max(0, engine.time - $0) } ?? 0
        let good = Double(shares.accepted)
        var connection: [String: JSONValue] = [
            "pool": .string(engine.pool?.url ?? engine.workSource),
            "ip": .null,
            "uptime": .number(whole(connectionUptime)),
            "uptime_ms": .number(whole(connectionUptime * 1000)),
            "ping": .number(whole((engine.pool?.latencySeconds ?? 0) * 1000)),
            "failures": .number(Double(state.poolFailures)),
            "tls": .null,
            "tls-fingerprint": .null,
            "algo": .string(algo),
            "diff": .number(engine.pool?.difficulty ?? engine.shareDifficulty ?? 0),
            "accepted": .number(good),
            "rejected": .number(Double(shares.rejected)),
            "avg_time": .number(good > 0 ? whole(connectionUptime / good) : 0),
            "avg_time_ms": .number(good > 0 ? whole(connectionUptime * 1000 / good) : 0),
            "hashes_total": .number(Double(engine.totalHashes)),
            "error_log": [],
        ]
        if engine.pool == nil { connection["pool"] = "benchmark" }
        let results: [String: JSONValue] = [
            "diff_current": .number(engine.shareDifficulty ?? 0),
            "shares_good": .number(good),
            "shares_total": .number(Double(shares.accepted + shares.rejected)),
            "avg_time": .number(good > 0 ? whole(engine.uptime / good) : 0),
            "avg_time_ms": .number(good > 0 ? whole(engine.uptime * 1000 / good) : 0),
            "hashes_total": .number(Double(engine.totalHashes)),
            "best": [],
            "error_log": [],
        ]
        var memory: [String: JSONValue] = [:]
        memory["free"] = host.memoryFree.map { .number(Double($0)) } ?? .null
        memory["total"] = host.memoryTotal.map { .number(Double($0)) } ?? .null
        memory["resident_set_memory"] = host.residentBytes.map { .number(Double($0)) } ?? .null
        let largePages = engine.randomXMode?.contains("large pages") ?? false
        return .object([
            "id": .string(state.worker),
            "worker_id": .string(state.worker),
            "uptime": .number(uptime),
            "restricted": .bool(restricted),
            "resources": .object([
                "memory": .object(memory),
                "load_average": .array(host.loadAverage.map(JSONValue.number)),
                "hardware_concurrency": .number(Double(host.logicalCPUs)),
            ]),
            "features": ["api", "http", "tls"],
            "results": .object(results),
            "algo": .string(algo),
            "connection": .object(connection),
            "version": .string(RigtopVersion.string),
            "kind": "miner",
            "ua": .string("rigtop/\(RigtopVersion.string)"),
            "cpu": cpu(state, host: host),
            "donate_level": 0,
            "paused": .bool(engine.state == .paused || engine.state == .tooHot),
            "algorithms": .array(HashAlgorithm.allCases.filter(\.isAvailable).map { .string(algorithmName($0)) }),
            "hashrate": .object(hashrate),
            "hugepages": .bool(largePages),
        ])
    }

    static func cpu(_ state: RigState, host: HostInfo) -> JSONValue {
        .object([
            "brand": .string(state.sensors?.cpuModel ?? ""),
            "aes": .bool(host.cpuFlags.contains("aes")),
            "avx2": .bool(host.cpuFlags.contains("avx2")),
            "x64": .bool(MemoryLayout<Int>.size == 8),
            "64_bit": .bool(MemoryLayout<Int>.size == 8),
            "cores": .number(Double(host.physicalCores ?? host.logicalCPUs)),
            "threads": .number(Double(host.logicalCPUs)),
            "arch": .string(architecture),
            "flags": .array(["aes", "avx", "avx2", "avx512f", "sha_ni", "sse4_1"].filter(host.cpuFlags.contains).map(JSONValue.string)),
        ])
    }

    static var architecture: String {
        #if arch(x86_64)
        "x86_64"
        #elseif arch(arm64)
        "arm64"
        #else
        "unknown"
        #endif
    }

    /// `/2/backends`: one CPU backend with its threads' rates and cores.
    public static func backends(_ state: RigState) -> JSONValue {
        let engine = state.engine
        let threads: [JSONValue] = engine.threads.map { thread in
            .object([
                "intensity": 1,
                "affinity": thread.core.map { .number(Double($0)) } ?? .number(-1),
                "av": 0,
                "hashrate": rates(thread.hashrate),
            ])
        }
        return .array([.object([
            "type": "cpu",
            "enabled": true,
            "algo": .string(algorithmName(engine.algorithm)),
            "profile": .string(engine.kernel?.rawValue ?? "*"),
            "hw-aes": .bool(HostInfo.read().cpuFlags.contains("aes")),
            "priority": -1,
            "msr": false,
            "asm": "none",
            "hugepages": .bool(engine.randomXMode?.contains("large pages") ?? false),
            "hashrate": rates(engine.hashrate),
            "threads": .array(threads),
        ])])
    }
}
