import Foundation
@testable import RigFarm
@testable import RigFarmSources
import RigFigures
import Testing

/// The farm snapshot assembled from query replies in Prometheus' JSON, as `rigtop farm` gets
/// them: rows from rigtop_info, states from the flags and `up`, figures, history, alerts.
@Suite struct PrometheusFarmSourceTests {
    static let at = 1_764_653_467.0

    static func vector(_ samples: [(labels: [String: String], value: String)]) throws -> [PromSample] {
        let result = samples.map { sample in
            let labels = sample.labels.map { "\"\($0.key)\":\"\($0.value)\"" }.joined(separator: ",")
            return "{\"metric\":{\(labels)},\"value\":[\(at),\"\(sample.value)\"]}"
        }.joined(separator: ",")
        return try PrometheusResponse.queryResult(from: Data(
            "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[\(result)]}}".utf8)).samples
    }

    static func info(_ instance: String, worker: String, coin: String = "LTC") -> [String: String] {
        ["__name__": "rigtop_info", "instance": instance, "job": "rigtop", "worker": worker, "coin": coin,
         "algorithm": "scrypt", "kernel": "avx2", "version": "0.9"]
    }

    static func figure(_ instance: String, _ name: String, _ extra: [String: String] = [:]) -> [String: String] {
        ["__name__": name, "instance": instance, "job": "rigtop"].merging(extra) { $1 }
    }

    static func snapshot(identities: [PromSample], up: [PromSample], figures: [PromSample], lastSeen: [PromSample] = [],
                         history: [PromSeries] = [], accepted: [PromSeries] = [], alerts: [PrometheusAlert] = []) -> FarmSnapshot {
        PrometheusFarmSource.snapshot(at: at, source: "http://prom", identities: identities, up: PromQLSamples(up),
                                      figures: PromQLSamples(figures), lastSeen: PromQLSamples(lastSeen),
                                      history: history, accepted: accepted, alerts: alerts, warnings: [])
    }

    @Test func rowsStatesAndFigures() throws {
        let identities = try Self.vector([
            (Self.info("a:1", worker: "alpha"), "1"), (Self.info("b:1", worker: "bravo"), "1"),
            (Self.info("c:1", worker: "charlie", coin: "BTC"), "1"), (Self.info("d:1", worker: "delta"), "1"),
            (Self.info("e:1", worker: "echo"), "1"),
        ])
        let up = try Self.vector(["a:1", "b:1", "c:1", "d:1"].map { (Self.figure($0, "up"), "1") } + [(Self.figure("e:1", "up"), "0")])
        let figures = try Self.vector([
            (Self.figure("a:1", "rigtop_hashrate_hashes_per_second", ["window": "10s"]), "1000"),
            (Self.figure("a:1", "rigtop_hashrate_hashes_per_second", ["window": "60s"]), "2000"),
            (Self.figure("a:1", "rigtop_hashrate_hashes_per_second", ["window": "15m"]), "NaN"),
            (Self.figure("a:1", "rigtop_shares_total", ["result": "accepted"]), "12"),
            (Self.figure("a:1", "rigtop_shares_total", ["result": "rejected"]), "1e300"),
            (Self.figure("a:1", "rigtop_cpu_temperature_celsius"), "71.5"),
            (Self.figure("a:1", "rigtop_temperature_limit_celsius"), "85"),
            (Self.figure("a:1", "rigtop_temperature_critical_celsius"), "95"),
            (Self.figure("a:1", "rigtop_mining_power_watts", ["measured": "true"]), "50"),
            (Self.figure("a:1", "rigtop_earnings_net_per_day", ["currency": "EUR"]), "-0.25"),
            (Self.figure("a:1", "rigtop_pool_up", ["pool": "stratum+tcp://p"]), "1"),
            (Self.figure("a:1", "rigtop_paused"), "0"),
            (Self.figure("b:1", "rigtop_paused"), "1"),
            (Self.figure("b:1", "rigtop_thermal_guard_stopped"), "1"),
            (Self.figure("c:1", "rigtop_pool_up", ["pool": "x"]), "0"),
            (Self.figure("c:1", "rigtop_hashrate_hashes_per_second", ["window": "60s"]), "+Inf"),
            (Self.figure("d:1", "rigtop_throttling"), "1"),
            (Self.figure("d:1", "rigtop_cpu_temperature_celsius"), "1e30"),
        ])
        let lastSeen = try Self.vector([(["instance": "e:1", "job": "rigtop"], "\(Self.at - 95)")])
        let snapshot = Self.snapshot(identities: identities, up: up, figures: figures, lastSeen: lastSeen)
        let rigs = Dictionary(uniqueKeysWithValues: snapshot.rigs.map { ($0.worker, $0) })
        #expect(snapshot.rigs.map(\.worker) == ["alpha", "bravo", "charlie", "delta", "echo"])

        let alpha = try #require(rigs["alpha"])
        #expect(alpha.state == .mining)
        #expect(alpha.instance == "a:1" && alpha.job == "rigtop" && alpha.coin == "LTC" && alpha.algorithm == "scrypt")
        #expect(alpha.hashrate == WindowedRate(tenSeconds: 1000, sixtySeconds: 2000, fifteenMinutes: nil))
        #expect(alpha.shares.accepted == 12)
        #expect(alpha.shares.rejected == nil, "1e300 shares is no count")
        #expect(alpha.temperature == FarmTemperature(celsius: 71.5, limitCelsius: 85, criticalCelsius: 95))
        #expect(alpha.power == FarmPower(watts: 50, measured: true))
        #expect(alpha.hashesPerWatt == 40)
        #expect(alpha.earnings == FarmEarnings(netPerDay: -0.25, currency: "EUR"))

        #expect(rigs["bravo"]?.state == .tooHot)
        #expect(rigs["charlie"]?.state == .poolDown)
        #expect(rigs["charlie"]?.hashrate.sixtySeconds == nil, "an infinite hashrate is no reading")
        #expect(rigs["delta"]?.state == .throttling)
        #expect(rigs["delta"]?.temperature == nil, "1e30 °C is no reading")
        #expect(rigs["echo"]?.state == .down)
        #expect(rigs["echo"]?.downForSeconds == 95)
        #expect(rigs["echo"]?.coin == "LTC", "a down rig keeps who it was")

        let ltc = try #require(snapshot.totals.first { $0.coin == "LTC" })
        #expect(ltc.rigs == 4 && ltc.rigsDown == 1 && ltc.hashrate == 2000 && ltc.watts == 50)
        #expect(ltc.netPerDay == ["EUR": -0.25])
        #expect(snapshot.totals.map(\.coin) == ["BTC", "LTC"])
    }

    @Test func aRigWithoutUpOrFiguresIsDownAndOneListedTwiceIsOneRow() throws {
        let identities = try Self.vector([(Self.info("a:1", worker: "new"), "1"), (Self.info("a:1", worker: "old"), "1")])
        let snapshot = Self.snapshot(identities: identities, up: [], figures: [])
        #expect(snapshot.rigs.count == 1)
        #expect(snapshot.rigs.first?.state == .down)
    }

    @Test func noRigsIsAnEmptyFarm() {
        let snapshot = Self.snapshot(identities: [], up: [], figures: [])
        #expect(snapshot.rigs.isEmpty && snapshot.totals.isEmpty && snapshot.alerts.isEmpty)
    }

    @Test func labelsFromOutsideAreEscaped() throws {
        let identities = try Self.vector([(Self.info("a:1", worker: "evil\\u001b[2Jrig"), "1")])
        let snapshot = Self.snapshot(identities: identities, up: try Self.vector([(Self.figure("a:1", "up"), "1")]), figures: [])
        #expect(snapshot.rigs.first?.worker == "evil\\u{1B}[2Jrig")
    }

    @Test func historyFillsSlotsAndLastShareAge() {
        let start = Self.at - PrometheusFarmSource.historySeconds
        let series = PromSeries(labels: ["instance": "a:1", "job": "rigtop"],
                                points: [PromPoint(time: start, value: 5), PromPoint(time: start + 60, value: .nan),
                                         PromPoint(time: Self.at, value: 7)])
        let history = PrometheusFarmSource.history(series, end: Self.at)
        #expect(history.count == 31)
        #expect(history[0] == 5 && history[2] == nil && history[30] == 7 && history[15] == nil)
        #expect(PrometheusFarmSource.history(nil, end: Self.at).allSatisfy { $0 == nil })

        let accepted = PromSeries(labels: [:], points: [PromPoint(time: Self.at - 45, value: 1), PromPoint(time: Self.at - 30, value: 2),
                                                        PromPoint(time: Self.at - 15, value: 2), PromPoint(time: Self.at, value: 2)])
        #expect(PrometheusFarmSource.lastShareAge(accepted, at: Self.at) == 30)
        #expect(PrometheusFarmSource.lastShareAge(PromSeries(labels: [:], points: [PromPoint(time: 1, value: 2)]), at: Self.at) == nil)
    }

    @Test func firingAlertsNewestFirst() throws {
        let alerts = [
            PrometheusAlert(labels: ["alertname": "Old", "instance": "a:1"], annotations: ["summary": "old one"], state: "firing",
                            activeAt: 100, value: 1),
            PrometheusAlert(labels: ["alertname": "Pending"], annotations: [:], state: "pending", activeAt: 300, value: 1),
            PrometheusAlert(labels: ["alertname": "New", "severity": "critical"], annotations: ["description": "d"], state: "firing",
                            activeAt: 200, value: 1),
        ]
        let snapshot = Self.snapshot(identities: [], up: [], figures: [], alerts: alerts)
        #expect(snapshot.alerts.map(\.name) == ["New", "Old"])
        #expect(snapshot.alerts[0].summary == "d" && snapshot.alerts[0].severity == "critical")
        #expect(snapshot.alerts[1].instance == "a:1")
    }

    @Test func promQLStringLiteralsAreQuoted() {
        #expect(PrometheusFarmSource.quoted(#"a"b\c"#) == #""a\"b\\c""#)
    }

    @Test func lastSeenAsksOnlyForTheDownInstancesMatchedLiterally() {
        #expect(PrometheusFarmSource.regexEscaped("10.0.0.1:9(0)|x") == #"10\.0\.0\.1:9\(0\)\|x"#)
        #expect(PrometheusFarmSource.Query.lastSeen(instances: ["a.b:1", "c:2"])
            == #"max_over_time(timestamp(rigtop_info{instance=~"a\\.b:1|c:2"})[1h:5s])"#)
        // An exporter's down miners by their own label too, not every miner of the exporter.
        #expect(PrometheusFarmSource.Query.lastSeen(instances: ["c:2"], miners: [("e:9090", "asic-1"), ("e:9090", "asic.2")])
            == #"max_over_time(timestamp(rigtop_info{instance=~"c:2"})[1h:5s]) or "#
            + #"max_over_time(timestamp(rigtop_info{instance=~"e:9090",miner=~"asic-1|asic\\.2"})[1h:5s])"#)
    }

    @Test func jsonHasEveryKeyWithNulls() throws {
        var rig = FarmRig(id: "rigtop/a:1", instance: "a:1", job: "rigtop", worker: "alpha", state: .down)
        rig.downForSeconds = 12
        let snapshot = FarmSnapshot(time: 10, source: "http://prom", rigs: [rig])
        let json = snapshot.json
        let first = try #require(json["rigs"]?.arrayValue?.first)
        #expect(first["state"] == "down")
        #expect(first["down_seconds"] == 12)
        #expect(first["hashrate"]?["60s"] == .null)
        #expect(first["watts"] == .null)
        #expect(json["totals"]?.arrayValue?.first?["rigs_down"] == 1)
        #expect(json.serialized.contains(#""state":"down""#))
    }
}
