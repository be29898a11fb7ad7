import Foundation
import RigEngine
import RigInput
import RigRuntime
import Testing
@testable import RigAPI

/// `GET /api/v1/state`: rigtop's own document, schema 1.
@Suite struct StateDocumentTests {
    @Test func schemaEngineAndThreads() throws {
        let document = StateDocument.json(SampleState.state())
        #expect(StateDocument.schema == 1)
        #expect(document["schema"] == 1)
        #expect(document["version"] == .string(RigtopVersion.string))
        #expect(document["worker"] == "rig-7")
        #expect(document["started_at"] == .number(SampleState.now - 120.7))
        let engine = try #require(document["engine"])
        #expect(engine["state"] == "mining")
        #expect(engine["coin"] == "BTC")
        #expect(engine["algorithm"] == "sha256d")
        #expect(engine["kernel"] == "generic")
        #expect(engine["job"] == "job-42")
        #expect(engine["share_difficulty"] == 0.5)
        #expect(engine["uptime_seconds"] == 120.7)
        #expect(engine["hashrate"] == ["10s": 2_000_000, "60s": 1_500_000, "15m": nil])
        #expect(engine["hashes"] == 180_000_000)
        #expect(engine["shares"] == ["found": 10, "accepted": 7, "rejected": 2, "stale": 1, "dropped": 0, "hardware_errors": 0])
        #expect(engine["threads"] == [
            ["index": 0, "core": 0, "pinned": true, "idle": false, "hashes": 100_000_000, "shares": 4,
             "hashrate": ["10s": 1_000_000, "60s": 800_000, "15m": nil]],
            ["index": 1, "core": nil, "pinned": false, "idle": true, "hashes": 80_000_000, "shares": 3,
             "hashrate": ["10s": 1_000_000, "60s": 700_000, "15m": nil]],
        ])
        let pool = try #require(engine["pool"])
        #expect(pool["url"] == .string(SampleState.poolURL))
        #expect(pool["connection"] == "mining")
        #expect(pool["difficulty"] == 0.25)
        #expect(pool["latency_seconds"] == 0.0425)
        #expect(pool["up_seconds"] == 60)
        #expect(pool["failures"] == 3)
        #expect(pool["failover"] == false)
        #expect(document["sensors"] == .null)
        #expect(document["cpu_temperature"] == .null)
        #expect(document["thermal_guard"]?["phase"] == "blind")
        #expect(document["notices"] == [])
        // The document survives a round trip through its own text.
        #expect(try JSONValue.parse(document.serialized) == document)
    }

    @Test func sensorsAndTemperature() throws {
        let tree = try SysfsTree(celsius: 61)
        let document = StateDocument.json(SampleState.state(sensors: tree.sample()))
        #expect(document["cpu_temperature"]?["celsius"] == 61)
        #expect(document["sensors"]?["cpu_model"] == "Test CPU 9000 @ 3.00GHz")
        #expect(document["sensors"]?["chips"]?.arrayValue?.count == 1)
    }

    /// Non-finite figures become null; the document stays valid JSON.
    @Test func nonFiniteFiguresAreNull() throws {
        var state = SampleState.state()
        state.engine.shareDifficulty = .nan
        state.engine.uptime = .infinity
        state.engine.hashrate.tenSeconds = -.infinity
        let document = StateDocument.json(state)
        #expect(document["engine"]?["share_difficulty"] == .null)
        #expect(document["engine"]?["uptime_seconds"] == .null)
        #expect(document["engine"]?["hashrate"]?["10s"] == .null)
        #expect(try JSONValue.parse(document.serialized) == document)
    }
}
