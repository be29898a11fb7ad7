import Foundation
@testable import RigFarm
@testable import RigFarmSources
import RigFigures
import RigSchema
import Testing

/// Direct mode's reading of a rig's `/api/v1/state` (the example in docs/api.md, plus hostile
/// variants).
@Suite struct RigStateDocumentTests {
    static let example = """
        {"schema": 1, "version": "0.5.0", "worker": "rig1", "started_at": 1764633600.5,
         "engine": {"state": "mining", "coin": "BTC", "algorithm": "sha256d", "kernel": "avx512", "work_source": "benchmark",
          "hashrate": {"10s": 19550835.9, "60s": 19480000.1, "15m": null}, "hashes": 1213385216,
          "shares": {"found": 12, "accepted": 10, "rejected": 1, "stale": 2, "hardware_errors": 0},
          "threads": [{"index": 0, "core": 0, "pinned": true, "idle": false, "hashes": 1213385216, "shares": 12,
                       "hashrate": {"10s": 19550835.9, "60s": 19480000.1, "15m": null}}],
          "pool": {"url": "stratum+tcp://pool:3333", "connection": "mining", "latency_seconds": 0.05}},
         "cpu_temperature": {"celsius": 61.0, "source": "k10temp Tctl", "max": null, "crit": null},
         "throttling": false,
         "thermal_guard": {"phase": "normal", "statement": null, "limit_celsius": 85, "critical_celsius": 95, "shed_threads": 0},
         "power": {"mining": {"watts": 65.2, "measured": true}, "gpus": null, "energy_joules": 3977.2, "hashes_per_watt": 298772.3},
         "earnings": {"currency": "USD", "net_per_day": -0.23},
         "sensors": {"chips": [{"id": "k10temp", "name": "k10temp", "sensors": [
            {"kind": "temp", "index": 1, "label": "Tctl", "value": 61.0, "unit": "celsius"},
            {"kind": "fan", "index": 1, "label": "fan", "value": 1200}]}]}}
        """

    static func document(_ text: String) throws -> RigStateDocument<SensorChips> {
        try RigStateDocument(reading: Data(text.utf8))
    }

    @Test func exampleDocumentMakesARow() throws {
        let rig = try Self.document(Self.example).rig(id: "http://r:1", instance: "http://r:1")
        #expect(rig.worker == "rig1" && rig.coin == "BTC" && rig.algorithm == "sha256d" && rig.state == .mining)
        #expect(rig.hashrate == WindowedRate(tenSeconds: 19550835.9, sixtySeconds: 19480000.1, fifteenMinutes: nil))
        #expect(rig.shares == FarmShares(accepted: 10, rejected: 1, stale: 2))
        #expect(rig.temperature == FarmTemperature(celsius: 61, limitCelsius: 85, criticalCelsius: 95))
        #expect(rig.power == FarmPower(watts: 65.2, measured: true))
        #expect(rig.earnings == FarmEarnings(netPerDay: -0.23, currency: "USD"))
        #expect(rig.threads == 1)
    }

    @Test func exampleDocumentMakesADetail() throws {
        let detail = try Self.document(Self.example).detail
        #expect(detail.threads == [FarmRigDetail.Thread(index: 0, tenSeconds: 19550835.9, sixtySeconds: 19480000.1)])
        #expect(detail.temperatures == [FarmRigDetail.Reading(name: "k10temp Tctl", value: 61)])
        #expect(detail.power == [FarmRigDetail.Reading(name: "mining (measured)", value: 65.2)])
        #expect(detail.pools == [FarmRigDetail.Pool(url: "stratum+tcp://pool:3333", up: true, pingSeconds: 0.05)])
        #expect(detail.guardStopped == false && detail.guardActive == true && detail.guardShedThreads == 0)
    }

    @Test(arguments: [
        (#""state": "mining""#, #""state": "stopped: too hot""#, FarmRigState.tooHot),
        (#""state": "mining""#, #""state": "paused""#, .paused),
        (#""connection": "mining""#, #""connection": "disconnected""#, .poolDown),
        (#""throttling": false"#, #""throttling": true"#, .throttling),
    ])
    func statesFromTheDocument(from: String, to: String, expected: FarmRigState) throws {
        let rig = try Self.document(Self.example.replacingOccurrences(of: from, with: to)).rig(id: "x", instance: "x")
        #expect(rig.state == expected)
    }

    @Test func hostileValuesBecomeBlanks() throws {
        let hostile = Self.example
            .replacingOccurrences(of: #""accepted": 10"#, with: #""accepted": -5"#)
            .replacingOccurrences(of: #""celsius": 61.0"#, with: #""celsius": 1e300"#)
            .replacingOccurrences(of: #""watts": 65.2"#, with: #""watts": "lots""#)
            .replacingOccurrences(of: #""worker": "rig1""#, with: #""worker": "rig\u001b]0;pwned\u0007""#)
            .replacingOccurrences(of: #""index": 0"#, with: #""index": 1e20"#)
        let document = try Self.document(hostile)
        let rig = document.rig(id: "x", instance: "x")
        #expect(rig.shares.accepted == nil)
        #expect(rig.temperature == nil)
        #expect(rig.power == nil)
        #expect(rig.worker == "rig\\u{1B}]0;pwned\\u{7}")
        #expect(document.detail.threads.isEmpty)
    }

    @Test(arguments: ["[]", #"{"schema": 2}"#, #"{"worker": "x"}"#, "3"])
    func otherDocumentsAreRefused(text: String) {
        #expect(throws: RigStateDocumentError.self) { try Self.document(text) }
    }

    @Test func directSourceRemembersHistoryAndDownTime() {
        var memory = RigStateFarmSource.Memory()
        var rig = FarmRig(id: "u", instance: "u", worker: "w", state: .mining)
        rig.coin = "LTC"
        rig.hashrate.sixtySeconds = 10
        rig.shares.accepted = 1
        _ = RigStateFarmSource.remembering(rig, at: 100, in: &memory)
        let second = RigStateFarmSource.remembering(rig, at: 110, in: &memory)
        #expect(second.history == [10, 10])
        #expect(second.lastShareAgeSeconds == 10)
        let down = RigStateFarmSource.down("u", at: 120, in: &memory)
        let later = RigStateFarmSource.down("u", at: 150, in: &memory)
        #expect(down.state == .down && down.worker == "w" && down.coin == "LTC")
        #expect(later.downForSeconds == 30)
    }
}
