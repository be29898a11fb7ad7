import Foundation
import RigSchema
import Testing

/// The state document's own coding: nulls written, hostile figures read as nil, other documents refused.
@Suite struct RigStateDocumentTests {
    typealias Document = RigStateDocument<SensorChips>

    static func decode(_ text: String) throws -> Document {
        try JSONDecoder().decode(Document.self, from: Data(text.utf8))
    }

    static func object(_ document: Document) throws -> [String: Any] {
        let data = try JSONEncoder().encode(document)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func encodingWritesEveryFieldWithNulls() throws {
        var document = Document()
        var engine = StatePart.Engine()
        var rates = StatePart.Rates()
        rates[.tenSeconds] = 5
        rates[.sixtySeconds] = .nan
        engine.hashrate = rates
        engine.shareDifficulty = .infinity
        document.engine = engine
        let object = try Self.object(document)
        #expect(object["schema"] as? Int == Document.currentSchema)
        #expect(object["sensors"] is NSNull && object["worker"] is NSNull && object["earnings"] is NSNull)
        let engineObject = try #require(object["engine"] as? [String: Any])
        #expect(engineObject["share_difficulty"] is NSNull && engineObject["pool"] is NSNull)
        let written = try #require(engineObject["hashrate"] as? [String: Any])
        #expect(written["10s"] as? Double == 5 && written["60s"] is NSNull && written["15m"] is NSNull)
        #expect(Set(written.keys) == Set(RateWindow.allCases.map(\.rawValue)))
    }

    @Test func roundTripIsExact() throws {
        var document = Document()
        document.version = "0.5.0"
        document.worker = "rig \"1\""
        document.startedAt = 1_764_633_600.5
        var engine = StatePart.Engine()
        engine.state = .tooHot
        engine.hashes = 1 << 53
        var thread = StatePart.Thread()
        thread.index = 3
        thread.hashrate = StatePart.Rates()
        thread.hashrate?[.tenSeconds] = 1.5
        engine.threads = [thread]
        var pool = StatePart.Pool()
        pool.connection = .disconnected
        pool.latencySeconds = 0.05
        engine.pool = pool
        document.engine = engine
        var guardStatus = StatePart.ThermalGuard()
        guardStatus.phase = .shedding
        guardStatus.shedThreads = 2
        document.thermalGuard = guardStatus
        document.notices = ["one", "two"]
        document.sensors = SensorChips(chips: [.init(id: "k10temp-pci-00c3", name: "k10temp",
                                                     channels: [.init(kind: "temp", label: "Tctl", value: 61)])])
        let data = try JSONEncoder().encode(document)
        #expect(try JSONDecoder().decode(Document.self, from: data) == document)
    }

    /// A broken figure blanks itself, never its neighbours or the document.
    @Test(arguments: [
        #"{"accepted": -5}"#, #"{"accepted": 1.5}"#, #"{"accepted": 1e300}"#, #"{"accepted": "7"}"#,
        #"{"accepted": 18014398509481984}"#, #"{"accepted": null}"#, #"{"accepted": [1]}"#,
    ])
    func hostileCountsReadAsNil(shares: String) throws {
        let document = try Self.decode(#"{"schema": 1, "worker": "w", "engine": {"shares": \#(shares), "hashes": 12}}"#)
        #expect(document.engine?.shares?.accepted == nil)
        #expect(document.engine?.hashes == 12 && document.worker == "w")
    }

    @Test(arguments: ["1e300", "-1e300", "-273.2", "\"hot\"", "true", "{}"])
    func hostileFiguresReadAsNil(celsius: String) throws {
        let document = try Self.decode(#"{"schema": 1, "cpu_temperature": {"celsius": \#(celsius), "source": "s"}}"#)
        #expect(document.cpuTemperature?.celsius == nil)
        #expect(document.cpuTemperature?.source == "s")
    }

    @Test func badElementsAndPartsCostOnlyThemselves() throws {
        let document = try Self.decode("""
            {"schema": 1, "engine": {"state": "dancing", "threads": [{"index": 1e20}, 5, {"index": 2}],
             "pool": "nope"}, "thermal_guard": {"phase": "stopped"}, "notices": ["a", 3, "b"],
             "sensors": {"chips": [7, {"id": "c", "sensors": [{"kind": "temp", "value": 1e400}, {"kind": "temp", "value": 40}]}]}}
            """)
        #expect(document.engine?.state == nil)
        #expect(document.engine?.threads?.map(\.index) == [nil, 2])
        #expect(document.engine?.pool == nil)
        #expect(document.thermalGuard?.phase == .stopped)
        #expect(document.notices == ["a", "b"])
        #expect(document.sensors?.chips.first?.channels.compactMap(\.celsius) == [40])
    }

    @Test(arguments: ["[]", "3", "null", #""schema""#, "{}", #"{"schema": 2}"#, #"{"schema": "1"}"#,
                      #"{"schema": 1.5}"#, #"{"schema": 1e300}"#])
    func otherDocumentsAreRefused(text: String) {
        #expect(throws: RigStateDocumentError.self) { try Self.decode(text) }
    }
}
