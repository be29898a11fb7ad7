import Foundation
@testable import RigFarm
@testable import RigFarmSources
import Testing

/// The farm built from replies a real Prometheus sent to the farm's own queries (Recorded/README.md
/// says how they were made): ten backfilled rigs, one paused, one throttling, one down.
@Suite struct RecordedRepliesTests {
    static let at = 1_796_180_400.0

    static func reply(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Recorded").appendingPathComponent(name + ".json"))
    }

    static func samples(_ name: String) throws -> [PromSample] {
        try PrometheusResponse.queryResult(from: reply(name)).samples
    }

    static func snapshot() throws -> FarmSnapshot {
        let figures = try ["hashrate", "shares", "paused", "throttling", "guard-stopped-empty", "temperature", "power"]
            .flatMap(samples)
        return PrometheusFarmSource.snapshot(
            at: at, source: "recorded", identities: try samples("rigs"), up: PromQLSamples(try samples("up")),
            figures: PromQLSamples(figures), lastSeen: PromQLSamples(try samples("last-seen")),
            history: try PrometheusResponse.queryResult(from: reply("history")).series, accepted: [],
            alerts: try PrometheusResponse.alerts(from: reply("alerts-none")), warnings: [])
    }

    @Test func tenRigsWithTheirStates() throws {
        let snapshot = try Self.snapshot()
        #expect(snapshot.rigs.count == 10)
        let byWorker = Dictionary(uniqueKeysWithValues: snapshot.rigs.map { ($0.worker, $0) })
        #expect(byWorker["rig0003"]?.state == .paused)
        #expect(byWorker["rig0005"]?.state == .throttling)
        #expect(byWorker["rig0007"]?.state == .down)
        #expect(byWorker["rig0007"]?.downForSeconds == 600)
        #expect(byWorker["rig0007"]?.coin == "LTC", "a down rig keeps its last coin")
        #expect(snapshot.rigs.filter { $0.state == .mining }.count == 7)
        let btc = try #require(byWorker["rig0000"])
        #expect(btc.coin == "BTC" && btc.algorithm == "sha256d" && btc.instance == "rig0000.farm.example:60080")
        for rig in snapshot.rigs where rig.state != .down {
            #expect((rig.hashrate.sixtySeconds ?? 0) > 0, "\(rig.worker)")
            #expect(rig.temperature?.celsius != nil && rig.power?.measured == true, "\(rig.worker)")
            #expect(rig.shares.accepted != nil, "\(rig.worker)")
            #expect(rig.history.count == 31 && rig.history.allSatisfy { $0 != nil }, "\(rig.worker)")
        }
        #expect(snapshot.totals.map(\.coin) == ["BTC", "LTC"])
        #expect(snapshot.totals.map(\.rigs) == [1, 9])
        #expect(snapshot.totals.last?.rigsDown == 1)
        #expect(snapshot.alerts.isEmpty)
    }

    @Test func emptyResultIsNoSamples() throws {
        #expect(try Self.samples("guard-stopped-empty").isEmpty)
    }

    @Test func badQueryIsTheAPIError() {
        #expect(throws: PrometheusError.api(type: "bad_data",
                                            message: #"invalid parameter "query": 1:13: parse error: unexpected end of input inside braces"#)) {
            try Self.samples("error-bad-query")
        }
    }

    @Test func infinityScalar() throws {
        let result = try PrometheusResponse.queryResult(from: Self.reply("scalar-inf"))
        #expect(result == .scalar(PromPoint(time: Self.at, value: .infinity)))
    }
}
