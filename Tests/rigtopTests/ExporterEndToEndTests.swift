import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import RigTestSupport
import Synchronization
import Testing

/// `rigtop exporter` as a subprocess, reading a fake cgminer peer: the miner's hashrate is on
/// its `/metrics`, a miner nobody answers for is `rigtop_miner_up 0`, and a non-loopback bind
/// without a token is refused.
@Suite(.subprocesses, .serialized) struct ExporterEndToEndTests {
    /// Whatsminer M20S's `summary` and `pools` as captured by foreman-apps (delawr0190/foreman-apps,
    /// foreman-whatsminer/src/test/java/mn/foreman/whatsminer/WhatsminerStatsITest.java), cut to
    /// the fields the farm reads; every other command gets the Whatsminer's "invalid cmd" answer.
    static let summary = #"{"STATUS":[{"STATUS":"S","When":1560974720,"Code":11,"Msg":"Summary","Description":"cgminer 4.9.2"}],"SUMMARY":[{"Elapsed":97139,"MHS av":65492089.33,"MHS 5s":65371302.78,"MHS 1m":65463822.08,"MHS 5m":65599323.93,"MHS 15m":65496891.24,"Accepted":33825,"Rejected":185,"Hardware Errors":1601,"Stale":27,"Temperature":75.00,"Fan Speed In":4590,"Fan Speed Out":4560}],"id":1}"#
    static let pools = #"{"STATUS":[{"STATUS":"S","When":1560974720,"Code":7,"Msg":"1 Pool(s)","Description":"cgminer 4.9.2"}],"POOLS":[{"POOL":0,"URL":"stratum+tcp://us-east.stratum.slushpool.com:3333","Status":"Alive","Priority":0,"Accepted":33825,"Rejected":185,"Stale":27,"User":"002m20s","Stratum Active":true}],"id":1}"#
    static let unknown = #"{"STATUS":"E","When":1771351973,"Code":14,"Msg":"invalid cmd","Description":"whatsminer v1.1"}"#

    /// A cgminer API on 127.0.0.1: one request per connection, answered by its command, then
    /// closed. Plain sockets on its own thread: it shares no code with the reader under test.
    final class FakeCgminer: Sendable {
        let port: Int
        private let listener: Int32
        private let requests = Mutex<[String]>([])

        init() throws {
            let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.listener = listener
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let listening = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(listener, $0, length) == 0 && listen(listener, 16) == 0 && getsockname(listener, $0, &length) == 0
                }
            }
            guard listening else { throw ChildProcessError.system("cannot listen", errno) }
            port = Int(UInt16(bigEndian: address.sin_port))
            let thread = Thread { [self] in
                while true {
                    let client = accept(listener, nil, nil)
                    guard client >= 0 else { return }
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    let count = read(client, &buffer, buffer.count)
                    let request = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
                    requests.withLock { $0.append(request) }
                    let answer = request.contains("\"summary\"") ? Self.summaryAnswer
                        : request.contains("\"pools\"") ? Self.poolsAnswer : Self.unknownAnswer
                    _ = answer.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
                    close(client)
                }
            }
            thread.start()
        }

        static let summaryAnswer = Array(ExporterEndToEndTests.summary.utf8) + [0]
        static let poolsAnswer = Array(ExporterEndToEndTests.pools.utf8) + [0]
        static let unknownAnswer = Array(ExporterEndToEndTests.unknown.utf8) + [0]

        var served: Int { requests.withLock { $0.count } }

        /// Stops accepting: the thread's accept fails and it ends.
        func stop() {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    static func metrics(_ port: Int, token: String? = nil) async -> (status: Int, body: String)? {
        guard let url = URL(string: "http://127.0.0.1:\(port)/metrics") else { return nil }
        var request = URLRequest(url: url)
        request.timeoutInterval = 5
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        guard let (data, response) = try? await URLSession.shared.data(for: request),
              let status = (response as? HTTPURLResponse)?.statusCode else { return nil }
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// The value of the sample line that starts with `series`.
    static func value(_ body: String, _ series: String) -> Double? {
        body.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    /// `rigtop exporter` on a free port, reading `peer` every second and a port nobody answers on.
    static func startExporter(_ peer: FakeCgminer) async throws -> (exporter: ChildProcess, port: Int, dead: Int) {
        let dead = try PrometheusEndToEndTests.freePort()
        let port = try PrometheusEndToEndTests.freePort()
        let exporter = try RigtopProcess.start([
            "exporter", "--api", "127.0.0.1:\(port)", "--interval", "1",
            "--miner", "cgminer://127.0.0.1:\(peer.port)", "--miner", "cgminer://127.0.0.1:\(dead)"])
        let listening = await exporter.waitForErrors(seconds: 120) { $0.contains("rigtop exporter on 127.0.0.1:\(port)") }
        #expect(listening, "\(exporter.stdout) \(exporter.stderr)")
        return (exporter, port, dead)
    }

    @Test func exporterServesTheMinersHashrate() async throws {
        let peer = try FakeCgminer()
        defer { peer.stop() }
        let (exporter, port, dead) = try await Self.startExporter(peer)
        defer { exporter.signal(SIGKILL) }
        let body = await Self.metrics(port)?.body ?? ""
        let miner = #"miner="cgminer://127.0.0.1:\#(peer.port)",kind="cgminer""#
        #expect(Self.value(body, #"rigtop_hashrate_hashes_per_second{\#(miner),window="60s"}"#) == 65463822.08e6, "\(body)")
        #expect(Self.value(body, #"rigtop_miner_up{\#(miner)}"#) == 1)
        #expect(Self.value(body, #"rigtop_miner_up{miner="cgminer://127.0.0.1:\#(dead)",kind="cgminer"}"#) == 0)
        // Read again every second, not once.
        let before = peer.served
        try await Task.sleep(for: .seconds(2.5))
        #expect(peer.served > before)
        exporter.signal(SIGTERM)
        let ended = await exporter.wait(seconds: 30)
        #expect(ended == .exited(0), "\(exporter.stderr)")
    }

    /// The whole path an operator sets up: a miner behind `rigtop exporter`, a real Prometheus
    /// scraping the exporter, and `rigtop farm --prometheus` showing each miner as its own row
    /// (the one that answers mining at its own 60 s rate, the dead one down).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: PrometheusEndToEndTests.prometheus),
                   "Prometheus is not installed (apt-get install prometheus); CI installs it"))
    func minersReachTheFarmThroughPrometheus() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-exporter-prom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let peer = try FakeCgminer()
        defer { peer.stop() }
        let (exporter, port, dead) = try await Self.startExporter(peer)
        defer { exporter.signal(SIGKILL) }
        let (server, base) = try PrometheusEndToEndTests.startPrometheus(scraping: port, job: "rigtop-exporter", in: scratch)
        defer { server.signal(SIGKILL) }

        // Rows as `farm --once --json` prints them, by id, once both miners have been scraped.
        var rows: [String: [String: Any]] = [:]
        let deadline = Date().addingTimeInterval(150)
        while Date() < deadline {
            try await Task.sleep(for: .seconds(1))
            let farm = try await RigtopProcess.run(["farm", "--prometheus", base, "--once", "--json"], seconds: 60)
            guard farm.status == 0, let document = try? JSONSerialization.jsonObject(with: Data(farm.stdout.utf8)) as? [String: Any],
                  let list = document["rigs"] as? [[String: Any]] else { continue }
            rows = Dictionary(list.compactMap { row in (row["id"] as? String).map { ($0, row) } }, uniquingKeysWith: { $1 })
            let states = Set(rows.values.compactMap { $0["state"] as? String })
            if rows.count == 2, states == ["mining", "down"] { break }
        }
        var quit = URLRequest(url: try #require(URL(string: "\(base)/-/quit")))
        quit.httpMethod = "POST"
        _ = try? await URLSession.shared.data(for: quit)
        _ = await server.wait(seconds: 30)
        exporter.signal(SIGTERM)
        _ = await exporter.wait(seconds: 30)

        #expect(rows.count == 2, "\(rows)")
        let live = rows.values.first { ($0["id"] as? String)?.hasSuffix("cgminer://127.0.0.1:\(peer.port)") == true }
        let gone = rows.values.first { ($0["id"] as? String)?.hasSuffix("cgminer://127.0.0.1:\(dead)") == true }
        #expect(live?["state"] as? String == "mining", "\(rows)")
        #expect((live?["hashrate"] as? [String: Any])?["60s"] as? Double == 65463822.08e6, "\(rows)")
        #expect(gone?["state"] as? String == "down", "\(rows)")
    }

    @Test func nonLoopbackNeedsATokenAndMetricsThenWantIt() async throws {
        let refused = try await RigtopProcess.run(["exporter", "--api", "0.0.0.0:0", "--miner", "cgminer://127.0.0.1:1"],
                                                  seconds: 60)
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("without an access token"), "\(refused.stderr)")

        let port = try PrometheusEndToEndTests.freePort()
        let exporter = try RigtopProcess.start([
            "exporter", "--api", "127.0.0.1:\(port)", "--api-token", "T", "--miner", "cgminer://127.0.0.1:1"])
        defer { exporter.signal(SIGKILL) }
        _ = await exporter.waitForErrors(seconds: 120) { $0.contains("rigtop exporter on") }
        #expect(await Self.metrics(port)?.status == 401)
        let allowed = await Self.metrics(port, token: "T")
        #expect(allowed?.status == 200)
        #expect(allowed?.body.contains(#"rigtop_miner_up{miner="cgminer://127.0.0.1:1",kind="cgminer"} 0"#) == true, "\(allowed?.body ?? "")")
    }
}
