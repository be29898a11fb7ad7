import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RigTestSupport
import Testing

/// A real Prometheus scraping `rigtop mine --api` every second: rigtop's hashrate and
/// temperature series arrive through Prometheus' own query API; promtool checks the exposition,
/// the shipped rules pass their unit tests, and HiveOS's stats script reads the running rig.
/// Skipped, with a message, where Prometheus is not installed (CI installs it).
@Suite(.subprocesses, .serialized) struct PrometheusEndToEndTests {
    static let prometheus = "/usr/bin/prometheus"
    static let promtool = "/usr/bin/promtool"
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A port nobody listens on now (bound once with port 0, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ChildProcessError.system("cannot find a free port", errno) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func get(_ url: String) async -> Data? {
        guard let url = URL(string: url) else { return nil }
        var request = URLRequest(url: url)
        request.timeoutInterval = 5
        return try? await URLSession.shared.data(for: request).0
    }

    /// The first sample value of a PromQL instant query, nil while there is none.
    static func query(_ base: String, _ promQL: String) async -> Double? {
        let encoded = promQL.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? promQL
        guard let data = await get("\(base)/api/v1/query?query=\(encoded)"),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let result = (object["data"] as? [String: Any])?["result"] as? [[String: Any]],
              let value = result.first?["value"] as? [Any], value.count == 2, let text = value[1] as? String else { return nil }
        return Double(text)
    }

    /// A Prometheus on a free port scraping `127.0.0.1:port` as `job` every second, its data in
    /// `scratch`; stopped by its own lifecycle API (`POST /-/quit`).
    static func startPrometheus(scraping port: Int, job: String, in scratch: URL) throws -> (server: ChildProcess, base: String) {
        let promPort = try freePort()
        let config = scratch.appendingPathComponent("prometheus.yml")
        try """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: \(job)
                static_configs:
                  - targets: ['127.0.0.1:\(port)']
            """.write(to: config, atomically: true, encoding: .utf8)
        let server = try ChildProcess(prometheus, [
            "--config.file=\(config.path)", "--storage.tsdb.path=\(scratch.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(promPort)", "--web.enable-lifecycle", "--log.level=warn"])
        return (server, "http://127.0.0.1:\(promPort)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: prometheus),
                   "Prometheus is not installed (apt-get install prometheus); CI installs it"))
    func prometheusScrapesRigtopMine() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-prom-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        // A sysfs tree with one CPU temperature, so the temperature series exists.
        let chip = scratch.appendingPathComponent("sys/sys/class/hwmon/hwmon0")
        try FileManager.default.createDirectory(at: chip, withIntermediateDirectories: true)
        try "k10temp\n".write(to: chip.appendingPathComponent("name"), atomically: true, encoding: .utf8)
        try "Tctl\n".write(to: chip.appendingPathComponent("temp1_label"), atomically: true, encoding: .utf8)
        try "57000\n".write(to: chip.appendingPathComponent("temp1_input"), atomically: true, encoding: .utf8)

        let (rig, apiPort) = try await RigtopProcess.startWithAPI([
            "mine", "--api", "127.0.0.1:0", "--threads", "1", "--duration", "400", "--no-ledger",
            "--root", scratch.appendingPathComponent("sys").path, "--coin", "LTC"], seconds: 180)
        defer { rig.signal(SIGKILL) }
        let port = try #require(apiPort, "rigtop did not say where its API listens: \(rig.stdout) \(rig.stderr)")

        // promtool's own check of the exposition.
        let metrics = try #require(await Self.get("http://127.0.0.1:\(port)/metrics"))
        if FileManager.default.isExecutableFile(atPath: Self.promtool) {
            let input = scratch.appendingPathComponent("metrics.txt")
            try metrics.write(to: input)
            let check = try await ChildProcess.run("/bin/sh", ["-c", "\(Self.promtool) check metrics < '\(input.path)'"], seconds: 30)
            #expect(check.termination == .exited(0), "promtool check metrics: \(check.stdout) \(check.stderr)")
            #expect(check.stdout.isEmpty && check.stderr.isEmpty, "promtool check metrics: \(check.stdout) \(check.stderr)")
        }

        let (server, base) = try Self.startPrometheus(scraping: port, job: "rigtop", in: scratch)
        var hashrate: Double?
        var temperature: Double?
        var coin: Double?
        let deadline = Date().addingTimeInterval(150)
        while Date() < deadline, hashrate == nil || temperature == nil || coin == nil {
            try await Task.sleep(for: .milliseconds(500))
            hashrate = await Self.query(base, #"rigtop_hashrate_hashes_per_second{job="rigtop",window="10s"} > 0"#)
            temperature = await Self.query(base, #"rigtop_cpu_temperature_celsius{job="rigtop"}"#)
            coin = await Self.query(base, #"rigtop_info{job="rigtop",coin="LTC",algorithm="scrypt"}"#)
        }
        // HiveOS's agent sources h-stats.sh against the running rig.
        let hiveOS = Self.packageRoot.appendingPathComponent("contrib/hiveos/test-h-stats.sh").path
        let tools = ["/usr/bin/jq", "/usr/bin/curl"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
        if tools {
            let stats = try await ChildProcess.run("/bin/bash", [hiveOS, "http://127.0.0.1:\(port)"], seconds: 60)
            #expect(stats.termination == .exited(0), "h-stats.sh: \(stats.stdout) \(stats.stderr)")
        }
        // Stopped by its own command (the lifecycle API), then reaped.
        var quit = URLRequest(url: try #require(URL(string: "\(base)/-/quit")))
        quit.httpMethod = "POST"
        _ = try? await URLSession.shared.data(for: quit)
        let stopped = await server.wait(seconds: 30)
        if stopped == nil { server.signal(SIGKILL) }
        rig.signal(SIGTERM)
        _ = await rig.wait(seconds: 30)

        #expect((hashrate ?? 0) > 0, "no hashrate series through Prometheus")
        #expect(temperature == 57, "temperature through Prometheus: \(String(describing: temperature))")
        #expect(coin == 1)
        #expect(stopped != nil, "Prometheus did not stop on /-/quit")
    }

    /// deploy/prometheus's rules: `promtool check rules` and `promtool test rules` (their own unit
    /// tests with input series), through the script operators run.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: promtool),
                   "promtool is not installed (apt-get install prometheus); CI installs it"))
    func shippedRulesPassTheirUnitTests() async throws {
        let script = Self.packageRoot.appendingPathComponent("deploy/prometheus/check.sh").path
        let result = try await ChildProcess.run("/bin/bash", [script], seconds: 120)
        #expect(result.termination == .exited(0), "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("SUCCESS"), "\(result.stdout)")
    }
}
