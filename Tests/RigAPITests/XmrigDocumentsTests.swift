import Foundation
import RigEngine
import RigInput
import RigRuntime
import Testing
@testable import RigAPI

/// xmrig's `/1/summary`, `/2/summary` and `/2/backends` documents, built from a hand-made state:
/// xmrig's field names and JSON types, and rigtop's figures in them.
@Suite struct XmrigDocumentsTests {
    static let host = HostInfo(cpuFlags: ["fpu", "aes", "avx2", "sse4_1"], logicalCPUs: 8, physicalCores: 4,
                               memoryTotal: 16_000_000_000, memoryFree: 8_000_000_000, residentBytes: 50_000_000,
                               loadAverage: [0.5, 0.25, 0.125])

    static func summary(perThread: Bool = true, state: RigState = SampleState.state()) -> JSONValue {
        XmrigDocuments.summary(state, host: host, perThread: perThread, restricted: true)
    }

    /// A JSON number that is an integer (what xmrig sends as `uint64_t`), as the serialized text shows it.
    static func isInteger(_ value: JSONValue?) -> Bool {
        guard let number = value?.numberValue else { return false }
        return number.rounded() == number && !value!.serialized.contains(".")
    }

    @Test func identityAndScalarFields() throws {
        let summary = Self.summary()
        #expect(summary["id"] == "rig-7")
        #expect(summary["worker_id"] == "rig-7")
        #expect(summary["uptime"] == 120)
        #expect(Self.isInteger(summary["uptime"]))
        #expect(summary["version"] == .string(RigtopVersion.string))
        #expect(summary["kind"] == "miner")
        #expect(summary["ua"] == .string("rigtop/\(RigtopVersion.string)"))
        #expect(summary["algo"] == "sha256d")
        #expect(summary["paused"] == false)
        #expect(summary["restricted"] == true)
        #expect(summary["donate_level"] == 0)
        #expect(summary["hugepages"] == false)
        #expect(summary["features"] == ["api", "http", "tls"])
        let algorithms = try #require(summary["algorithms"]?.arrayValue)
        #expect(algorithms.contains("sha256d") && algorithms.contains("scrypt"))
    }

    @Test func hashrateWindowsWithNullForAnEmptyWindow() throws {
        let hashrate = try #require(Self.summary(perThread: true)["hashrate"])
        #expect(hashrate["total"] == [2_000_000, 1_500_000, nil])
        #expect(hashrate["highest"] == 2_500_000)
        #expect(hashrate["threads"] == [[1_000_000, 800_000, nil], [1_000_000, 700_000, nil]])
        // The serialized text has the nulls xmrig sends (`[2000000,1500000,null]`).
        #expect(hashrate.serialized.contains(#""total":[2000000,1500000,null]"#))
    }

    /// `/2/summary` (perThread false) leaves `hashrate.threads` out; `/1/summary` has it.
    @Test func perThreadRatesOnlyInTheFirstVersion() throws {
        let second = try #require(Self.summary(perThread: false)["hashrate"]?.objectValue)
        #expect(second["threads"] == nil)
        #expect(Set(second.keys) == ["total", "highest"])
        let first = try #require(Self.summary(perThread: true)["hashrate"]?.objectValue)
        #expect(Set(first.keys) == ["total", "highest", "threads"])
    }

    /// Before any window has data: `[null,null,null]`, highest 0.
    @Test func aFreshEngineHasNullRates() throws {
        var state = RigState(engine: EngineSnapshot())
        state.worker = "w"
        let hashrate = try #require(Self.summary(state: state)["hashrate"])
        #expect(hashrate["total"] == [nil, nil, nil])
        #expect(hashrate["highest"] == 0)
        #expect(hashrate["threads"] == [])
        let summary = Self.summary(state: state)
        #expect(summary["connection"]?["pool"] == "benchmark")
        #expect(summary["results"]?["avg_time"] == 0)
        #expect(summary["uptime"] == 0)
    }

    @Test func results() throws {
        let results = try #require(Self.summary()["results"])
        #expect(results["diff_current"] == 0.5)
        #expect(results["shares_good"] == 7)
        #expect(results["shares_total"] == 9)
        #expect(results["avg_time"] == 17)  // 120.7 s / 7 shares, whole seconds
        #expect(results["avg_time_ms"] == 17_242)
        #expect(results["hashes_total"] == 180_000_000)
        #expect(results["best"] == [])
        #expect(results["error_log"] == [])
        for key in ["shares_good", "shares_total", "avg_time", "avg_time_ms", "hashes_total"] {
            #expect(Self.isInteger(results[key]), "\(key)")
        }
    }

    @Test func connection() throws {
        let connection = try #require(Self.summary()["connection"])
        #expect(connection["pool"] == .string(SampleState.poolURL))
        #expect(connection["uptime"] == 60)  // engine time 1000 − pool up since 940
        #expect(connection["uptime_ms"] == 60_000)
        #expect(connection["ping"] == 42)  // 42.5 ms, whole
        #expect(connection["failures"] == 3)
        #expect(connection["accepted"] == 7)
        #expect(connection["rejected"] == 2)
        #expect(connection["diff"] == 0.25)
        #expect(connection["algo"] == "sha256d")
        #expect(connection["avg_time"] == 8)  // 60 s / 7
        #expect(connection["avg_time_ms"] == 8_571)
        #expect(connection["hashes_total"] == 180_000_000)
        #expect(connection["ip"] == .null)
        #expect(connection["tls"] == .null)
        for key in ["uptime", "ping", "failures", "accepted", "rejected"] {
            #expect(Self.isInteger(connection[key]), "\(key)")
        }
    }

    @Test func cpuAndResources() throws {
        let tree = try SysfsTree()
        let summary = Self.summary(state: SampleState.state(sensors: tree.sample()))
        let cpu = try #require(summary["cpu"])
        #expect(cpu["brand"] == "Test CPU 9000 @ 3.00GHz")
        #expect(cpu["cores"] == 4)
        #expect(cpu["threads"] == 8)
        #expect(cpu["aes"] == true)
        #expect(cpu["avx2"] == true)
        #expect(cpu["x64"] == true)
        #expect(cpu["64_bit"] == true)
        #expect(cpu["flags"] == ["aes", "avx2", "sse4_1"])
        let resources = try #require(summary["resources"])
        #expect(resources["memory"] == ["free": 8_000_000_000, "total": 16_000_000_000, "resident_set_memory": 50_000_000])
        #expect(resources["load_average"] == [0.5, 0.25, 0.125])
        #expect(resources["hardware_concurrency"] == 8)
        // No sensors: an empty brand, as xmrig sends for an unknown CPU.
        #expect(Self.summary()["cpu"]?["brand"] == "")
    }

    /// The public entry point reads the live host; the shape is the same.
    @Test func theLiveHostFillsTheSameFields() throws {
        let summary = XmrigDocuments.summary(SampleState.state(), perThread: false)
        let cpu = try #require(summary["cpu"]?.objectValue)
        #expect(Set(["brand", "cores", "threads", "aes", "avx2", "x64"]).isSubset(of: Set(cpu.keys)))
        #expect((cpu["threads"]?.numberValue ?? 0) >= 1)
        #expect(summary["hashrate"]?["threads"] == nil)
        #expect(summary["resources"]?["memory"]?["total"]?.numberValue ?? 0 > 0)
    }

    @Test func pausedByTheUserOrTheThermalGuard() {
        for (state, paused) in [(EngineSnapshot.State.paused, true), (.tooHot, true), (.mining, false), (.waitingForWork, false)] {
            var rig = SampleState.state()
            rig.engine.state = state
            #expect(Self.summary(state: rig)["paused"] == .bool(paused), "\(state)")
        }
    }

    @Test func randomXIsRx0WithHugePages() {
        var state = SampleState.state()
        state.engine.algorithm = .randomx
        state.engine.randomXMode = "full, large pages"
        let summary = Self.summary(state: state)
        #expect(summary["algo"] == "rx/0")
        #expect(summary["connection"]?["algo"] == "rx/0")
        #expect(summary["hugepages"] == true)
        #expect(XmrigDocuments.algorithmName(.scrypt) == "scrypt")
    }

    @Test func backends() throws {
        let backends = try #require(XmrigDocuments.backends(SampleState.state()).arrayValue)
        #expect(backends.count == 1)
        let cpu = try #require(backends.first)
        #expect(cpu["type"] == "cpu")
        #expect(cpu["enabled"] == true)
        #expect(cpu["algo"] == "sha256d")
        #expect(cpu["profile"] == "generic")
        #expect(cpu["hugepages"] == false)
        #expect(cpu["hashrate"] == [2_000_000, 1_500_000, nil])
        #expect(cpu["threads"] == [
            ["intensity": 1, "affinity": 0, "av": 0, "hashrate": [1_000_000, 800_000, nil]],
            ["intensity": 1, "affinity": -1, "av": 0, "hashrate": [1_000_000, 700_000, nil]],
        ])
        #expect(cpu["hw-aes"]?.boolValue != nil)
    }

    /// The host reader on a tree: cores from distinct (physical id, core id) pairs, memory in bytes.
    @Test func hostInfoFromATree() throws {
        let tree = try SysfsTree()
        let host = HostInfo.read(root: tree.root)
        #expect(host.cpuFlags == ["fpu", "sse4_1", "aes", "avx", "avx2"])
        #expect(host.physicalCores == 2)
        #expect(host.memoryTotal == 16_384 * 1024)
        #expect(host.memoryFree == 8_192 * 1024)
        #expect(host.residentBytes == nil)
        #expect(host.loadAverage == [0.5, 0.25, 0.1])
    }
}
