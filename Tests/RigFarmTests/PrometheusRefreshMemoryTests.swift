import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import RigFarm
@testable import RigFarmSources
import RigTestSupport
import Testing

/// A farm source that refreshes again and again, asking only for what changed, shows what a
/// fresh source shows at the same moment: against a real Prometheus holding backfilled rigs
/// (`promtool tsdb create-blocks-from openmetrics`) in which, while the view watches, one rig
/// stops being scraped and another starts. Skipped, with a message, where Prometheus is not
/// installed (CI installs it).
@Suite(.subprocesses, .serialized) struct PrometheusRefreshMemoryTests {
    static let prometheus = "/usr/bin/prometheus"
    static let promtool = "/usr/bin/promtool"
    static let installed = [prometheus, promtool].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    /// The data's last moment: an hour ago on a minute, clear of Prometheus' head block.
    static let end: Int = {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return (now.tv_sec - 3600) / 60 * 60
    }()

    /// Seven rigs over 40 minutes, a sample every 15 s: rig 2 has been down for 10 minutes, rig 3
    /// stops being scraped 100 s before the end, rig 4 starts 70 s before it, rig 5 is paused,
    /// rig 6 starts 40 s before the end in a job of its own.
    static func openMetrics() -> String {
        let times = Array(stride(from: end - 2400, through: end, by: 15))
        func alive(_ rig: Int, _ time: Int) -> Bool {
            switch rig {
            case 2: time <= end - 600
            case 3: time <= end - 100
            case 4: time >= end - 70
            case 6: time >= end - 40
            default: true
            }
        }
        func target(_ rig: Int) -> String { #"instance="rig\#(rig):60080",job="\#(rig == 6 ? "other" : "rigtop")""# }
        var out = ""
        func family(_ name: String, _ type: String, _ series: [(labels: String, value: (Int, Int) -> Double)]) {
            out += "# TYPE \(name) \(type)\n"
            let sample = name + (type == "counter" ? "_total" : "")
            for rig in 0..<7 {
                for (labels, value) in series {
                    for time in times where alive(rig, time) {
                        out += "\(sample){\(target(rig))\(labels.isEmpty ? "" : ",")\(labels)} \(value(rig, time)) \(time)\n"
                    }
                }
            }
        }
        out += "# TYPE up gauge\n"
        for rig in 0..<7 {
            for time in times where alive(rig, time) || [2, 3].contains(rig) {
                out += "up{\(target(rig))} \(alive(rig, time) ? 1 : 0) \(time)\n"
            }
        }
        out += "# TYPE rigtop_info gauge\n"
        for rig in 0..<7 {
            for time in times where alive(rig, time) {
                out += #"rigtop_info{\#(target(rig)),coin="LTC",algorithm="scrypt",version="0.9",worker="w\#(rig)"} 1 \#(time)"# + "\n"
            }
        }
        family("rigtop_hashrate_hashes_per_second", "gauge", ["10s", "60s", "15m"].map { window in
            (#"window="\#(window)""#, { rig, time in Double(1000 * (rig + 1) + time % 97) })
        })
        family("rigtop_shares", "counter", [
            (#"result="accepted""#, { rig, time in Double((time - end) / 45 + 100 + rig) }),
            (#"result="rejected""#, { _, _ in 1 }),
            (#"result="stale""#, { _, _ in 0 }),
        ])
        family("rigtop_paused", "gauge", [("", { rig, _ in rig == 5 ? 1 : 0 })])
        family("rigtop_cpu_temperature_celsius", "gauge", [("", { rig, _ in 60 + Double(rig) })])
        return out + "# EOF\n"
    }

    static func ready(_ base: String) async -> Bool {
        guard let url = URL(string: "\(base)/-/ready") else { return false }
        for _ in 0..<240 {
            if let (_, reply) = try? await URLSession.shared.data(from: url), (reply as? HTTPURLResponse)?.statusCode == 200 {
                return true
            }
            try? await Task.sleep(for: .milliseconds(250))
        }
        return false
    }

    @Test(.enabled(if: installed, "Prometheus is not installed (apt-get install prometheus); CI installs it"))
    func refreshesThatReadOnlyTheNewPartShowWhatAFullReadShows() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-refresh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("farm.om")
        try Self.openMetrics().write(to: input, atomically: true, encoding: .utf8)
        let data = scratch.appendingPathComponent("data").path
        let blocks = try await ChildProcess.run(Self.promtool, ["tsdb", "create-blocks-from", "openmetrics", input.path, data])
        try #require(blocks.termination == .exited(0), "promtool: \(blocks.stdout) \(blocks.stderr)")
        let config = scratch.appendingPathComponent("prometheus.yml")
        try "global:\n  evaluation_interval: 1m\n".write(to: config, atomically: true, encoding: .utf8)
        let base = "http://127.0.0.1:\(LoopbackPort.free())"
        let server = try ChildProcess(Self.prometheus, [
            "--config.file=\(config.path)", "--storage.tsdb.path=\(data)",
            "--web.listen-address=\(base.dropFirst("http://".count))", "--log.level=warn"])
        defer { server.signal(SIGKILL) }
        try #require(await Self.ready(base), "Prometheus did not start: \(server.stderr)")

        let client = PrometheusClient(baseURL: base)
        var watching = PrometheusFarmSource(client: client, now: { 0 })
        // Every 7 s over the last 2.5 minutes: across grid steps, rig 3 going down and rig 4 appearing.
        for time in stride(from: Double(Self.end - 150), through: Double(Self.end), by: 7.0) {
            watching.time = time
            let seen = try await watching.snapshot()
            let fresh = try await PrometheusFarmSource(client: client, time: time, now: { 0 }).snapshot()
            #expect(seen.warnings.isEmpty && fresh.warnings.isEmpty, "\(seen.warnings) \(fresh.warnings)")
            let seenRigs = seen.rigs.sorted { $0.id < $1.id }
            let freshRigs = fresh.rigs.sorted { $0.id < $1.id }
            #expect(seenRigs == freshRigs, "at end - \(Double(Self.end) - time) s")
        }
        watching.time = Double(Self.end)
        let last = try await watching.snapshot()
        let states = Dictionary(uniqueKeysWithValues: last.rigs.map { ($0.worker, $0.state) })
        #expect(states == ["w0": .mining, "w1": .mining, "w2": .down, "w3": .down, "w4": .mining, "w5": .paused, "w6": .mining])
        let rig3 = try #require(last.rigs.first { $0.worker == "w3" })
        #expect(rig3.downForSeconds == 105, "rig 3's last sample is at end - 105 s")
        let rig0 = try #require(last.rigs.first { $0.worker == "w0" })
        #expect(rig0.history.count == 31 && rig0.history.allSatisfy { $0 != nil }, "\(rig0.history)")
        #expect(rig0.lastShareAgeSeconds != nil)
        let rig4 = try #require(last.rigs.first { $0.worker == "w4" })
        #expect(rig4.history.compactMap { $0 }.count == 3, "rig 4's 70 s: three 30 s steps, \(rig4.history)")
        server.signal(SIGTERM)
        _ = await server.wait(seconds: 30)
    }
}
