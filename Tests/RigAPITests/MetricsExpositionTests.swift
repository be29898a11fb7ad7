import Foundation
import RigEngine
import RigRuntime
import RigSensors
import Testing
@testable import RigAPI

/// `/metrics`: Prometheus' text exposition format 0.0.4, from a hand-made state.
@Suite struct MetricsExpositionTests {
    /// The sample lines of an exposition by series (`name{labels}`), and every line checked for shape.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") { continue }
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                Issue.record("not a sample line: \(line.debugDescription)")
                continue
            }
            let series = String(line[..<space])
            #expect(samples[series] == nil, "a series twice: \(series)")
            samples[series] = value
        }
        return samples
    }

    /// A sample of the tree with labels no sysfs should have, and a sensor reading NaN.
    static func hostileSensors() throws -> SensorSample {
        let tree = try SysfsTree()
        var sample = tree.sample()
        try #require(sample.chips.count == 1 && sample.chips[0].channels.count == 1)
        sample.chips[0].channels[0].label = "Tctl \"die\"\nnext\u{1B}[31m\\x"
        sample.chips[0].channels.append(HwmonChannel(kind: .temp, index: 2, label: "Broken", value: .nan))
        return sample
    }

    @Test func hashrateSharesAndEngineFigures() throws {
        let text = MetricsExposition.text(SampleState.state())
        let samples = Self.samples(text)
        #expect(text.contains("rigtop_hashrate_hashes_per_second{window=\"10s\"} "))
        #expect(samples[#"rigtop_hashrate_hashes_per_second{window="10s"}"#] == 2_000_000)
        #expect(samples[#"rigtop_hashrate_hashes_per_second{window="60s"}"#] == 1_500_000)
        // The 15 min window has no data: absent, not 0.
        #expect(samples[#"rigtop_hashrate_hashes_per_second{window="15m"}"#] == nil)
        #expect(!text.contains(#"window="15m""#))
        #expect(samples[#"rigtop_thread_hashrate_hashes_per_second{thread="1",window="60s"}"#] == 700_000)
        #expect(samples[#"rigtop_thread_hashes_total{thread="0"}"#] == 100_000_000)
        #expect(samples["rigtop_hashes_total"] == 180_000_000)
        #expect(text.contains("# TYPE rigtop_shares_total counter\n"))
        #expect(text.contains("# TYPE rigtop_hashrate_hashes_per_second gauge\n"))
        #expect(samples[#"rigtop_shares_total{result="accepted"}"#] == 7)
        #expect(samples[#"rigtop_shares_total{result="rejected"}"#] == 2)
        #expect(samples[#"rigtop_shares_total{result="stale"}"#] == 1)
        #expect(samples[#"rigtop_shares_total{result="hardware_error"}"#] == 0)
        #expect(samples["rigtop_shares_found_total"] == 10)
        #expect(samples["rigtop_threads"] == 2)
        #expect(samples["rigtop_paused"] == 0)
        #expect(samples["rigtop_share_difficulty"] == 0.5)
        #expect(samples["rigtop_up_seconds"] == 120.7)
        #expect(samples[#"rigtop_pool_up{pool="stratum+tcp://pool.example:3333"}"#] == 1)
        #expect(samples[#"rigtop_pool_ping_seconds{pool="stratum+tcp://pool.example:3333"}"#] == 0.0425)
        #expect(samples[#"rigtop_pool_failures_total{pool="stratum+tcp://pool.example:3333"}"#] == 3)
        #expect(samples[#"rigtop_info{coin="BTC",algorithm="sha256d",kernel="generic",version="\#(RigtopVersion.string)",worker="rig-7"}"#] == 1)
        // Without sensors there is no CPU temperature: absent, and the guard is blind.
        #expect(samples["rigtop_cpu_temperature_celsius"] == nil)
        #expect(samples["rigtop_thermal_guard_active"] == 0)
        #expect(MetricsExposition.contentType.hasPrefix("text/plain; version=0.0.4"))
    }

    @Test func pausedIsOne() {
        var state = SampleState.state()
        state.engine.state = .tooHot
        #expect(Self.samples(MetricsExposition.text(state))["rigtop_paused"] == 1)
    }

    /// A NaN figure leaves its series out (Prometheus would store NaN as a value, and a gauge
    /// that reads NaN is a broken reading, not a measurement).
    @Test func nanValuesAreOmitted() throws {
        var state = SampleState.state(sensors: try Self.hostileSensors())
        state.engine.shareDifficulty = .nan
        state.engine.hashrate.tenSeconds = .infinity
        state.engine.uptime = .nan
        let text = MetricsExposition.text(state)
        let samples = Self.samples(text)
        #expect(!text.contains("rigtop_share_difficulty"))
        #expect(samples["rigtop_up_seconds"] == nil)
        #expect(samples[#"rigtop_hashrate_hashes_per_second{window="10s"}"#] == nil)
        #expect(samples[#"rigtop_hashrate_hashes_per_second{window="60s"}"#] == 1_500_000)
        #expect(!text.contains("Broken"))
        #expect(!text.lowercased().contains("nan"))
        #expect(!text.contains("Inf"))
    }

    /// A label with a quote, a newline, an escape and a backslash stays on one line, escaped as
    /// the format says; control characters are dropped.
    @Test func hostileLabelsStayOnOneLine() throws {
        let state = SampleState.state(sensors: try Self.hostileSensors())
        let text = MetricsExposition.text(state)
        let samples = Self.samples(text)
        #expect(samples[#"rigtop_temperature_celsius{chip="k10temp",sensor="Tctl \"die\"next[31m\\x"}"#] == 50)
        #expect(!text.contains("\u{1B}"))
        let temperatureLines = text.split(separator: "\n").filter { $0.hasPrefix("rigtop_temperature_celsius{") }
        #expect(temperatureLines.count == 1, "\(temperatureLines)")
        #expect(samples["rigtop_cpu_temperature_celsius"] == 50)
    }

    @Test func escapedDropsControlCharacters() {
        #expect(MetricsExposition.escaped("a\nb\rc\u{1B}[0m\u{7F}d\te") == "abc[0mde")
        #expect(MetricsExposition.escaped(#"quote " and \ stay for the encoder"#) == #"quote " and \ stay for the encoder"#)
        #expect(MetricsExposition.escaped("Tdie °C") == "Tdie °C")
    }

    /// A pool URL with quotes and a newline (pools are user input) is one label value too.
    @Test func hostilePoolURL() {
        var state = SampleState.state()
        state.engine.pool?.url = "stratum+tcp://evil\"\n} 1\nrigtop_fake 1"
        let text = MetricsExposition.text(state)
        #expect(!text.contains("\nrigtop_fake"))
        #expect(Self.samples(text)[#"rigtop_pool_up{pool="stratum+tcp://evil\"} 1rigtop_fake 1"}"#] == 1)
    }

    static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `promtool check metrics` reads the exposition from stdin: exit 0 and no output means it
    /// parses and has no lint problems.
    static func promtoolCheck(_ text: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(promtool))
        process.arguments = ["check", "metrics"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: promtool != nil, "promtool is not installed (/usr/bin/promtool): lint skipped"))
    func promtoolFindsNoProblems() throws {
        var paused = SampleState.state(sensors: try Self.hostileSensors())
        paused.engine.state = .paused
        for state in [SampleState.state(), paused, RigState()] {
            let (status, output) = try Self.promtoolCheck(MetricsExposition.text(state))
            #expect(status == 0 && output.isEmpty, "promtool check metrics (exit \(status)):\n\(output)")
        }
    }
}
