import Foundation
import RigTestSupport
import Testing

/// `rigtop farm` against a real Prometheus on loopback scraping three real `rigtop mine --api`
/// rigs every second (file service discovery, as deploy/prometheus/ ships it): the farm lists the
/// three rigs with hashrates; a rig that dies turns down and the shipped rig-down alert (its
/// `for:` shortened to 2 s) fires. Direct mode (`--rig`) reads the same rigs without Prometheus.
/// Skipped, with a message, where Prometheus is not installed (CI installs it).
@Suite(.subprocesses, .serialized) struct FarmEndToEndTests {
    /// Three mining rigs with their API ports, stopped at the end.
    final class Rigs {
        var processes: [ChildProcess] = []
        var ports: [Int] = []
        deinit { for process in processes { process.signal(SIGKILL) } }
    }

    static func startRigs(count: Int, scratch: URL) async throws -> Rigs {
        let rigs = Rigs()
        for _ in 0..<count {
            let (process, port) = try await RigtopProcess.startWithAPI([
                "mine", "--api", "127.0.0.1:0", "--threads", "1", "--duration", "600", "--no-ledger", "--coin", "LTC",
                "--root", scratch.appendingPathComponent("sys").path])
            rigs.processes.append(process)
            rigs.ports.append(try #require(port, "a rig did not say where its API listens: \(process.stdout) \(process.stderr)"))
        }
        return rigs
    }

    /// One `rigtop farm … --once --json`, parsed; nil (with the reason recorded) when it failed.
    static func farm(_ arguments: [String]) async throws -> [String: Any]? {
        let result = try await RigtopProcess.run(["farm"] + arguments + ["--once", "--json"], seconds: 120)
        guard result.status == 0 else { return nil }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    }

    static func rigs(_ farm: [String: Any]?) -> [[String: Any]] { farm?["rigs"] as? [[String: Any]] ?? [] }

    static func hashrate(_ rig: [String: Any], _ window: String) -> Double {
        ((rig["hashrate"] as? [String: Any])?[window] as? Double) ?? 0
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: PrometheusEndToEndTests.prometheus),
                   "Prometheus is not installed (apt-get install prometheus); CI installs it"))
    func threeRigsThenOneDiesAndTheAlertFires() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-farm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let chip = scratch.appendingPathComponent("sys/sys/class/hwmon/hwmon0")
        try FileManager.default.createDirectory(at: chip, withIntermediateDirectories: true)
        try "k10temp\n".write(to: chip.appendingPathComponent("name"), atomically: true, encoding: .utf8)
        try "Tctl\n".write(to: chip.appendingPathComponent("temp1_label"), atomically: true, encoding: .utf8)
        try "57000\n".write(to: chip.appendingPathComponent("temp1_input"), atomically: true, encoding: .utf8)

        let rigs = try await Self.startRigs(count: 3, scratch: scratch)
        let instances = rigs.ports.map { "127.0.0.1:\($0)" }

        // The shipped alert rules, with the rig-down rule's `for: 2m` cut to 2 s.
        let shipped = try String(contentsOf: PrometheusEndToEndTests.packageRoot
            .appendingPathComponent("deploy/prometheus/rigtop-alerts.rules.yml"), encoding: .utf8)
        let rigDown = try #require(shipped.range(of: "alert: RigtopRigDown"))
        let forLine = try #require(shipped.range(of: "for: 2m", range: rigDown.upperBound..<shipped.endIndex))
        let rules = shipped.replacingCharacters(in: forLine, with: "for: 2s")
        try rules.write(to: scratch.appendingPathComponent("alerts.rules.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: scratch.appendingPathComponent("rigs"), withIntermediateDirectories: true)
        try "- targets: [\(instances.map { "'\($0)'" }.joined(separator: ", "))]\n"
            .write(to: scratch.appendingPathComponent("rigs/farm.yml"), atomically: true, encoding: .utf8)
        try """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: ['alerts.rules.yml']
            scrape_configs:
              - job_name: rigtop
                scrape_timeout: 1s
                file_sd_configs:
                  - files: ['rigs/*.yml']
                    refresh_interval: 1s
            """.write(to: scratch.appendingPathComponent("prometheus.yml"), atomically: true, encoding: .utf8)
        let promPort = try PrometheusEndToEndTests.freePort()
        let server = try ChildProcess(PrometheusEndToEndTests.prometheus, [
            "--config.file=\(scratch.appendingPathComponent("prometheus.yml").path)",
            "--storage.tsdb.path=\(scratch.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(promPort)", "--log.level=warn"])
        defer { server.signal(SIGKILL) }
        let base = "http://127.0.0.1:\(promPort)"

        // Three rigs, mining, each with a 10 s hashrate and the fixture's temperature.
        var farm: [String: Any]?
        var deadline = Date().addingTimeInterval(240)
        while Date() < deadline {
            farm = try await Self.farm(["--prometheus", base])
            let listed = Self.rigs(farm)
            if listed.count == 3, listed.allSatisfy({ $0["state"] as? String == "mining" && Self.hashrate($0, "10s") > 0 }) { break }
            try await Task.sleep(for: .seconds(1))
        }
        let listed = Self.rigs(farm)
        #expect(Set(listed.compactMap { $0["instance"] as? String }) == Set(instances), "\(String(describing: farm))")
        for rig in listed {
            #expect(rig["state"] as? String == "mining", "\(rig)")
            #expect(Self.hashrate(rig, "10s") > 0, "\(rig)")
            #expect(rig["coin"] as? String == "LTC" && rig["algorithm"] as? String == "scrypt", "\(rig)")
            #expect((rig["temperature"] as? [String: Any])?["celsius"] as? Double == 57, "\(rig)")
        }
        let totals = farm?["totals"] as? [[String: Any]] ?? []
        #expect(totals.count == 1 && totals.first?["coin"] as? String == "LTC" && totals.first?["rigs"] as? Double == 3,
                "\(totals)")

        // Direct mode reads the same rigs, and a port nobody listens on is a down rig.
        let nobody = try PrometheusEndToEndTests.freePort()
        let direct = try await Self.farm(rigs.ports.map { ["--rig", "http://127.0.0.1:\($0)"] }.flatMap { $0 }
                                         + ["--rig", "http://127.0.0.1:\(nobody)"])
        let directRigs = Self.rigs(direct)
        #expect(directRigs.count == 4, "\(String(describing: direct))")
        #expect(directRigs.prefix(3).allSatisfy { $0["state"] as? String == "mining" && Self.hashrate($0, "10s") > 0 },
                "\(directRigs)")
        #expect(directRigs.last?["state"] as? String == "down", "\(directRigs)")

        // One rig dies: down in the farm, and the rig-down alert fires for it.
        rigs.processes[1].signal(SIGKILL)
        _ = await rigs.processes[1].wait(seconds: 30)
        var victim: [String: Any]?
        var alert: [String: Any]?
        deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            farm = try await Self.farm(["--prometheus", base])
            victim = Self.rigs(farm).first { $0["instance"] as? String == instances[1] }
            alert = (farm?["alerts"] as? [[String: Any]] ?? []).first {
                $0["name"] as? String == "RigtopRigDown" && $0["instance"] as? String == instances[1]
            }
            // The down time comes from a query of its own, whose failure (on a loaded machine) is
            // a warning of that refresh, not an error: wait for it as well as for the state.
            if victim?["state"] as? String == "down", victim?["down_seconds"] is Double, alert != nil { break }
            try await Task.sleep(for: .seconds(1))
        }
        #expect(victim?["state"] as? String == "down", "\(String(describing: farm))")
        #expect(victim?["down_seconds"] is Double, "\(String(describing: victim))")
        #expect(alert?["severity"] as? String == "critical", "\(String(describing: farm?["alerts"]))")
        #expect((alert?["summary"] as? String)?.contains(instances[1]) == true, "\(String(describing: alert))")
        let others = Self.rigs(farm).filter { $0["instance"] as? String != instances[1] }
        #expect(others.count == 2 && others.allSatisfy { $0["state"] as? String == "mining" }, "\(others)")
    }

    @Test func unreachablePrometheusIsAnErrorNotACrash() async throws {
        let port = try PrometheusEndToEndTests.freePort()
        let result = try await RigtopProcess.run(["farm", "--prometheus", "http://127.0.0.1:\(port)", "--once", "--json"], seconds: 60)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Prometheus unreachable"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func prometheusComesFromTheConfigOrIsAskedFor() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-farmcfg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let port = try PrometheusEndToEndTests.freePort()
        let config = scratch.appendingPathComponent("config.toml")
        try "[farm]\nprometheus = \"http://127.0.0.1:\(port)\"\n".write(to: config, atomically: true, encoding: .utf8)
        let configured = try await RigtopProcess.run(["farm", "--config", config.path, "--once", "--json"], seconds: 60)
        #expect(configured.status == 1 && configured.stderr.contains("Prometheus unreachable"), "\(configured.stderr)")

        let empty = scratch.appendingPathComponent("empty.toml")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        let none = try await RigtopProcess.run(["farm", "--config", empty.path, "--once", "--json"], seconds: 60)
        #expect(none.status != 0 && none.stderr.contains("no Prometheus: give --prometheus URL"), "\(none.stderr)")
    }
}
