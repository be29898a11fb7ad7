import Foundation
@testable import RigFarm
@testable import RigFarmSources
import Testing

/// The fast scanner gives what `JSONDecoder` gives, or nil so that `JSONDecoder` decides.
@Suite struct PromQLResultScannerTests {
    static func decoded(_ body: Data) -> PromQLResult? {
        try? PrometheusResponse.payload(PrometheusResponse.Envelope<PromQLResult>.self, from: body, what: "data")
    }

    @Test(arguments: ["rigs", "up", "hashrate", "shares", "paused", "throttling", "guard-stopped-empty", "temperature",
                      "power", "last-seen", "history"])
    func recordedRepliesScanAsDecoded(name: String) throws {
        let body = try RecordedRepliesTests.reply(name)
        let scanned = try #require(PromQLResultScanner.scan(body), "the fast path takes Prometheus' own replies")
        #expect(scanned == Self.decoded(body))
    }

    @Test(arguments: [
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"x\"y\\z\u00e9\n"},"value":[1.5,"NaN"]}]}}"#,
        #"{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[]},{"metric":{"b":"c"},"values":[[1,"+Inf"],[2,"-1e-3"]]}]}}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[]}}"#,
    ])
    func escapesAndSpecialValuesScanAsDecoded(text: String) throws {
        let body = Data(text.utf8)
        let scanned = try #require(PromQLResultScanner.scan(body))
        #expect(scanned == Self.decoded(body))
    }

    @Test(arguments: [
        #"{"data":{"resultType":"vector","result":[]},"status":"success"}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[]},"warnings":["w"]}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"value":[1,"2"],"metric":{}}]}}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"\ud83d\ude00"},"value":[1,"2"]}]}}"#,
        #"{"status":"success","data":{"resultType":"scalar","result":[1,"2"]}}"#,
        #"{"status":"error","errorType":"bad_data","error":"x"}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b"},"value":[1e999,"2"]}]}}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b"},"value":[1,"two"]}]}}"#,
        #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"b"},"value":[1,"2"]}"#,
        "",
    ])
    func anythingElseIsLeftToTheDecoder(text: String) {
        #expect(PromQLResultScanner.scan(Data(text.utf8)) == nil)
    }

    @Test func truncatedRepliesNeverTrap() throws {
        let body = try RecordedRepliesTests.reply("history")
        for length in stride(from: 0, to: body.count, by: 7) {
            #expect(PromQLResultScanner.scan(body.prefix(length)) == nil)
        }
    }
}
