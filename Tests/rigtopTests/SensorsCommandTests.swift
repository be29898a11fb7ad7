import Foundation
import RigTestSupport
import Testing

@Suite("rigtop sensors (subprocess)", .subprocesses, .enabled(if: FixtureTree.available, FixtureTree.missingMessage))
struct SensorsCommandTests {
    /// node_exporter's chip label → how rigtop names that chip: `name` and `device.name`
    /// (nil: no device link). The chips whose values `expected-hwmon.txt` checks.
    static let chips: [String: (name: String, device: String?)] = [
        "platform_coretemp_0": ("coretemp", "coretemp.0"),
        "platform_coretemp_1": ("coretemp", "coretemp.1"),
        "platform_applesmc_768": ("applesmc", "applesmc.768"),
        "nct6779": ("nct6779", nil),
        "hwmon4": ("hwmon4", nil),
    ]

    /// node_exporter metric → (channel kind, the JSON field: `value` or a threshold name).
    static let metrics: [String: (kind: String, field: String)] = [
        "node_hwmon_temp_celsius": ("temp", "value"),
        "node_hwmon_temp_max_celsius": ("temp", "max"),
        "node_hwmon_temp_crit_celsius": ("temp", "crit"),
        "node_hwmon_fan_rpm": ("fan", "value"),
        "node_hwmon_fan_min_rpm": ("fan", "min"),
        "node_hwmon_fan_max_rpm": ("fan", "max"),
        "node_hwmon_in_volts": ("in", "value"),
        "node_hwmon_in_max_volts": ("in", "max"),
        "node_hwmon_freq_freq_mhz": ("freq", "value"),
    ]

    struct Expectation: CustomStringConvertible {
        var chip: String, sensor: String, metric: String, value: Double
        var description: String { "\(metric){chip=\"\(chip)\",sensor=\"\(sensor)\"} \(value)" }
    }

    /// The sample lines of `expected-hwmon.txt` for the chips and metrics above.
    static func expectations() throws -> [Expectation] {
        let text = try String(contentsOfFile: FixtureTree.original("node_exporter/expected-hwmon.txt"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> Expectation? in
            // node_hwmon_fan_rpm{chip="nct6779",sensor="fan2"} 1098
            guard let brace = line.firstIndex(of: "{"), let close = line.firstIndex(of: "}"),
                  metrics[String(line[..<brace])] != nil,
                  let value = Double(line[line.index(after: close)...].trimmingCharacters(in: .whitespaces))
            else { return nil }
            var labels: [String: String] = [:]
            for pair in line[line.index(after: brace)..<close].split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2 { labels[String(parts[0])] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
            guard let chip = labels["chip"], chips[chip] != nil, let sensor = labels["sensor"] else { return nil }
            return Expectation(chip: chip, sensor: sensor, metric: String(line[..<brace]), value: value)
        }
    }

    @Test("--json agrees with node_exporter's expected values for coretemp ×2, applesmc, nct6779, hwmon4")
    func json() async throws {
        let result = try await RigtopProcess.run(["sensors", "--root", FixtureTree.path("node_exporter"), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let chips = try #require(object["chips"] as? [[String: Any]])

        let expectations = try Self.expectations()
        #expect(expectations.count >= 50, "expected-hwmon.txt: too few lines matched; format changed?")
        for expected in expectations {
            let (name, device) = Self.chips[expected.chip]!
            let chip = chips.first { chip in
                chip["name"] as? String == name
                    && (chip["device"] as? [String: Any])?["name"] as? String == device
            }
            guard let chip else {
                Issue.record("no chip \(name) on \(device ?? "no device") for \(expected)")
                continue
            }
            let (kind, field) = Self.metrics[expected.metric]!
            // node_exporter names freq channels by label (sclk), the others by file name (fan2).
            let sensor = (chip["sensors"] as? [[String: Any]] ?? []).first { sensor in
                guard sensor["kind"] as? String == kind else { return false }
                return kind + String(sensor["index"] as? Int ?? -1) == expected.sensor
                    || sensor["label"] as? String == expected.sensor
            }
            guard let sensor else {
                Issue.record("no \(expected.sensor) on \(name) for \(expected)")
                continue
            }
            let actual = field == "value" ? sensor["value"] as? Double
                                          : (sensor["thresholds"] as? [String: Any])?[field] as? Double
            #expect(actual.map { abs($0 - expected.value) < 1e-9 } == true, "\(expected): got \(String(describing: actual))")
        }

        // Units as the kernel ABI converts them, and the other top-level sections.
        let nct = try #require(chips.first { $0["name"] as? String == "nct6779" })
        let units = Set((nct["sensors"] as? [[String: Any]] ?? []).compactMap { $0["unit"] as? String })
        #expect(units.isSuperset(of: ["RPM", "V"]))
        #expect(object["cpu_celsius"] as? Double == 55)
        let cpus = try #require(object["cpus"] as? [[String: Any]])
        #expect(cpus.compactMap { $0["mhz"] as? Double } == [1699.981, 1699.981, 8, 8])
        #expect(cpus.compactMap { $0["throttle_count"] as? Int } == [5, 0, 0, 9])
        let power = try #require(object["power"] as? [[String: Any]])
        #expect(power.contains { $0["source"] as? String == "rapl" && $0["label"] as? String == "package-0" })
        #expect((object["thermal_zones"] as? [[String: Any]])?.first?["celsius"] as? Double == 12.376)
    }

    @Test("text output is grouped by chip, with units and thresholds")
    func text() async throws {
        let result = try await RigtopProcess.run(["sensors", "--root", FixtureTree.path("node_exporter")])
        #expect(result.status == 0, "\(result.stderr)")
        for chip in ["coretemp", "applesmc", "nct6779", "hwmon4"] {
            #expect(result.stdout.contains(chip), "no \(chip) in:\n\(result.stdout)")
        }
        for unit in ["°C", "RPM", " V", "MHz", " W"] {
            #expect(result.stdout.contains(unit), "no \(unit) in:\n\(result.stdout)")
        }
        #expect(result.stdout.contains("Physical id 0"))
        #expect(result.stdout.contains("+55.0°C"))
        #expect(result.stdout.contains("crit = +100.0°C"))
        #expect(!result.stdout.contains("\u{1b}["), "no escape codes when not watching")
    }

    @Test("a k10temp with no thresholds (telegraf-ryzen-nvme)")
    func ryzen() async throws {
        let result = try await RigtopProcess.run(["sensors", "--root", FixtureTree.path("telegraf-ryzen-nvme"), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let chips = try #require(object["chips"] as? [[String: Any]])
        let k10temp = try #require(chips.first { $0["name"] as? String == "k10temp" })
        let sensors = k10temp["sensors"] as? [[String: Any]] ?? []
        #expect(sensors.map { $0["label"] as? String } == ["Tctl", "Tccd1"])
        #expect(sensors.map { $0["value"] as? Double } == [31.875, 30.75])
        #expect(object["cpu_celsius"] as? Double == 31.875)
    }

    @Test("--measure times full samples of a real tree and says what one costs")
    func measure() async throws {
        let result = try await RigtopProcess.run(["sensors", "--root", FixtureTree.path("node_exporter"), "--measure", "0.5", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stdout)")
        #expect((object["samples"] as? Int ?? 0) > 0)
        #expect((object["hwmon_channels"] as? Int ?? 0) > 10, "node_exporter has dozens of channels")
        let wall = try #require(object["wall_ms_per_sample"] as? Double)
        let cpu = try #require(object["cpu_ms_per_sample"] as? Double)
        #expect(wall > 0 && cpu > 0 && cpu <= wall * 1.05)
    }

    @Test("--watch reprints until SIGINT, then exits 0; no screen clearing into a pipe")
    func watch() async throws {
        let child = try RigtopProcess.start(["sensors", "--root", FixtureTree.path("node_exporter"), "--watch", "0.2"])
        // Two frames, then SIGINT (its handler is in place before the first frame).
        #expect(await child.waitForOutput(seconds: 120) { $0.components(separatedBy: "Thermal zones").count - 1 >= 2 })
        child.signal(SIGINT)
        #expect(await child.wait(seconds: 60) == .exited(0))
        let text = child.stdout
        #expect(text.components(separatedBy: "Thermal zones").count - 1 >= 2, "fewer than two frames:\n\(text)")
        #expect(!text.contains("\u{1b}[2J"))
    }
}

@Suite("rigtop sensors errors (subprocess)", .subprocesses)
struct SensorsCommandErrorTests {
    @Test("a --root that does not exist is a clear error with status 1")
    func missingRoot() async throws {
        let result = try await RigtopProcess.run(["sensors", "--root", "/nonexistent/rigtop-root"])
        #expect(result.status == 1)
        #expect(result.stderr == "rigtop sensors: --root /nonexistent/rigtop-root: cannot open: No such file or directory\n")
        #expect(result.stdout.isEmpty)
    }

    @Test("a --root with no sys/ or proc/ (a path one level too high) is refused")
    func emptyRoot() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-empty-root-\(getpid())").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try await RigtopProcess.run(["sensors", "--root", root])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("rigtop sensors: --root \(root): no sys/ or proc/ inside"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("--cpu-tdp estimates CPU power from load where nothing measures it, marked so")
    func cpuTDPEstimate() async throws {
        // A root whose proc/ is the live one (load that moves) and with no RAPL to measure.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-tdp-root-\(getpid())").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createSymbolicLink(atPath: root + "/proc", withDestinationPath: "/proc")
        let result = try await RigtopProcess.run(["sensors", "--root", root, "--cpu-tdp", "100", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let power = try #require(object?["power"] as? [[String: Any]])
        let estimate = try #require(power.first { $0["source"] as? String == "estimate" }, "\(power)")
        #expect(estimate["domain"] as? String == "cpu" && estimate["measured"] as? Bool == false)
        // 10 % of the TDP idle, all of it at full load.
        let watts = try #require(estimate["watts"] as? Double)
        #expect(watts >= 10 && watts <= 100)

        let refused = try await RigtopProcess.run(["sensors", "--cpu-tdp", "0"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("'--cpu-tdp <watts>': expected from 1.0 to 2000.0"), "\(refused.stderr)")
    }

    @Test("--watch must be positive")
    func badWatch() async throws {
        let result = try await RigtopProcess.run(["sensors", "--watch", "0"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'--watch <seconds>': expected from 0.1 to 86400.0"), "\(result.stderr)")
    }
}
