import Foundation
import RigAPI
import RigEngine
import RigFarm
import RigFigures
import RigInput
import RigTestSupport
import Testing
@testable import RigMiners

/// The exporter's exposition of miners read from captured answers: rigtop's names with the miner
/// and kind labels, figures where the miner gave them, and promtool finds nothing to say.
@Suite struct MinerMetricsExpositionTests {
    static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static func cgminer(_ replies: [String: String]) throws -> MinerSnapshot {
        CgminerReader.snapshot(try replies.mapValues { try CgminerReply.parse(Array($0.utf8) + [0]) })
    }

    /// Every recorded dialect, a miner that failed and one not read yet.
    static func readings() throws -> [MinerMetricsExposition.Reading] {
        let d3 = try cgminer(["version": Captures.antminerD3Version, "stats": Captures.antminerD3Stats, "pools": Captures.antminerD3Pools])
        let s17 = try cgminer(["stats": Captures.antminerS17ProStats])
        let m20s = try cgminer(["summary": Captures.whatsminerM20SSummary, "pools": Captures.whatsminerM20SPools])
        let braiins = try cgminer(["summary": Captures.braiinsS9Summary, "fans": Captures.braiinsS9Fans, "temps": Captures.braiinsS9Temps])
        let xmrig = XmrigReader.snapshot(summary: try JSONValue.parse(Captures.xmrigSummary),
                                         backends: try JSONValue.parse(Captures.xmrigBackends))
        func endpoint(_ text: String, name: String? = nil) throws -> MinerEndpoint {
            var endpoint = try MinerEndpoint.parse(text)
            endpoint.name = name
            return endpoint
        }
        return [
            .init(endpoint: try endpoint("cgminer://d3", name: "d3 \"rack\" 1\n\\"), result: .success(d3)),
            .init(endpoint: try endpoint("cgminer://s17"), result: .success(s17)),
            .init(endpoint: try endpoint("cgminer://m20s"), result: .success(m20s)),
            .init(endpoint: try endpoint("cgminer://s9"), result: .success(braiins)),
            .init(endpoint: try endpoint("xmrig://SECRET@10.0.0.8:8080"), result: .success(xmrig)),
            .init(endpoint: try endpoint("cpuminer://dead"), result: .failure(MinerReadError("connection refused"))),
            .init(endpoint: try endpoint("cpuminer://later"), result: nil),
        ]
    }

    /// `series → value` for each sample line.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    @Test func figuresCarryMinerAndKind() throws {
        let text = MinerMetricsExposition.text(try Self.readings())
        let samples = Self.samples(text)
        let m20s = #"miner="cgminer://m20s:4028",kind="cgminer""#
        #expect(samples[#"rigtop_miner_up{\#(m20s)}"#] == 1)
        #expect(samples[#"rigtop_hashrate_hashes_per_second{\#(m20s),window="60s"}"#] == 65463822.08e6)
        #expect(samples[#"rigtop_shares_total{\#(m20s),result="accepted"}"#] == 33825)
        #expect(samples[#"rigtop_shares_total{\#(m20s),result="hardware_error"}"#] == 1601)
        #expect(samples[#"rigtop_fan_speed_rpm{\#(m20s),fan="1"}"#] == 4560)
        #expect(samples[#"rigtop_pool_up{\#(m20s),pool="stratum+tcp://us-east.stratum.slushpool.com:3333"}"#] == 1)
        let s17 = #"miner="cgminer://s17:4028",kind="cgminer""#
        #expect(samples[#"rigtop_device_hashrate_hashes_per_second{\#(s17),device="1",name="board 1",window="10s"}"#] == 17968.26e9)
        #expect(samples[#"rigtop_temperature_celsius{\#(s17),chip="board 1",sensor="chips"}"#] == 80)
        #expect(samples[#"rigtop_miner_up{miner="cpuminer://dead:4048",kind="cpuminer"}"#] == 0)
        #expect(!text.contains("cpuminer://later"), "a miner not read yet has no series")
        #expect(!text.contains("SECRET"), "the token never reaches a label")
        #expect(text.contains(#"miner="xmrig://10.0.0.8:8080",kind="xmrig""#))
    }

    @Test func deviceIndicesAndChips() throws {
        let text = MinerMetricsExposition.text(try Self.readings())
        let d3 = #"miner="d3 \"rack\" 1\\",kind="cgminer""#
        let samples = Self.samples(text)
        #expect(samples[#"rigtop_device_chips{\#(d3),device="2",name="board 2"}"#] == 60, "\(text)")
    }

    @Test func hostileLabelsStayOnOneLine() throws {
        var snapshot = MinerSnapshot()
        snapshot.algorithm = "sha256d\"} 1\nrigtop_fake 1"
        snapshot.hashrate = WindowedRate(tenSeconds: .nan, sixtySeconds: .infinity, fifteenMinutes: 5)
        var device = MinerSnapshot.Device(index: 0, name: "GPU\u{1B}[2J\r\n0")
        device.celsius = 60
        snapshot.devices = [device]
        let text = MinerMetricsExposition.text([.init(endpoint: MinerEndpoint(kind: .xmrig, host: "h", port: 1), result: .success(snapshot))])
        #expect(!text.contains("rigtop_fake 1\n") && !text.contains("\u{1B}"))
        #expect(!text.contains("NaN") && !text.contains("Inf"))
        #expect(Self.samples(text)[#"rigtop_hashrate_hashes_per_second{miner="xmrig://h:1",kind="xmrig",window="15m"}"#] == 5)
    }

    @Test(.enabled(if: promtool != nil, "promtool is not installed (/usr/bin/promtool): lint skipped"))
    func promtoolFindsNoProblems() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-miners-\(UUID().uuidString).prom")
        defer { try? FileManager.default.removeItem(at: file) }
        try MinerMetricsExposition.text(try Self.readings()).write(to: file, atomically: true, encoding: .utf8)
        let check = try await ChildProcess.run("/bin/sh", ["-c", "'\(try #require(Self.promtool))' check metrics < '\(file.path)'"],
                                               seconds: 30)
        #expect(check.termination == .exited(0), "promtool check metrics: \(check.stdout) \(check.stderr)")
        #expect(check.stdout.isEmpty && check.stderr.isEmpty, "promtool check metrics: \(check.stdout) \(check.stderr)")
    }
}
