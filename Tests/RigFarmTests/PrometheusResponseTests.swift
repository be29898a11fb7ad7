import Foundation
@testable import RigFarm
@testable import RigFarmSources
import Testing

/// Replies recorded from Prometheus 2.x (Debian's) and hostile variants of them.
@Suite struct PrometheusResponseTests {
    static func result(_ json: String) throws(PrometheusError) -> PromQLResult {
        try PrometheusResponse.queryResult(from: Data(json.utf8))
    }

    @Test func vectorWithLabelsAndSpecialValues() throws {
        let result = try Self.result("""
            {"status":"success","data":{"resultType":"vector","result":[\
            {"metric":{"__name__":"rigtop_info","coin":"LTC","instance":"127.0.0.1:9100","job":"rigtop"},"value":[1764653467.123,"1"]},\
            {"metric":{"instance":"b"},"value":[1764653467.123,"NaN"]},\
            {"metric":{"instance":"c"},"value":[1764653467.123,"+Inf"]},\
            {"metric":{"instance":"d"},"value":[1764653467.123,"-Inf"]},\
            {"metric":{"instance":"e"},"value":[1764653467.123,"1.5e+06"]}]}}
            """)
        let samples = result.samples
        #expect(samples.count == 5)
        #expect(samples[0].labels["coin"] == "LTC")
        #expect(samples[0].value == 1)
        #expect(samples[0].point.time == 1764653467.123)
        #expect(samples[1].value.isNaN && samples[1].point.finiteValue == nil)
        #expect(samples[2].value == .infinity && samples[2].point.finiteValue == nil)
        #expect(samples[3].value == -.infinity)
        #expect(samples[4].value == 1.5e6)
    }

    @Test func emptyVectorIsNoSamples() throws {
        let result = try Self.result(#"{"status":"success","data":{"resultType":"vector","result":[]}}"#)
        #expect(result == .vector([]))
        #expect(result.samples.isEmpty)
    }

    @Test func matrixKeepsPointsInOrder() throws {
        let result = try Self.result("""
            {"status":"success","data":{"resultType":"matrix","result":[\
            {"metric":{"instance":"a","window":"60s"},"values":[[1000,"10"],[1015,"12.5"],[1030,"NaN"]]},\
            {"metric":{"instance":"b"},"values":[]}]}}
            """)
        let series = result.series
        #expect(series.count == 2)
        #expect(series[0].points.map(\.time) == [1000, 1015, 1030])
        #expect(series[0].points[1].value == 12.5)
        #expect(series[1].points.isEmpty)
        #expect(result.samples.count == 1, "a matrix's samples are the series' last points")
    }

    @Test func scalarAndString() throws {
        #expect(try Self.result(#"{"status":"success","data":{"resultType":"scalar","result":[1000,"3"]}}"#)
            == .scalar(PromPoint(time: 1000, value: 3)))
        #expect(try Self.result(#"{"status":"success","data":{"resultType":"string","result":[1000,"hi"]}}"#) == .string("hi"))
    }

    @Test func apiErrorCarriesTypeAndMessage() {
        #expect(throws: PrometheusError.api(type: "bad_data",
                                            message: "invalid parameter \"query\": 1:5: parse error: unexpected \"}\"")) {
            try Self.result(#"{"status":"error","errorType":"bad_data","error":"invalid parameter \"query\": 1:5: parse error: unexpected \"}\""}"#)
        }
    }

    @Test func errorTextIsEscapedForTheTerminal() {
        #expect(throws: PrometheusError.api(type: "x\\u{1B}[2J", message: "a\\u{7}b")) {
            try Self.result(#"{"status":"error","errorType":"x\u001b[2J","error":"a\u0007b"}"#)
        }
    }

    @Test(arguments: [
        ("", "an empty reply"),
        ("<html>502 Bad Gateway</html>", "not JSON"),
        (#"{"status":"success"}"#, "without data"),
        (#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,2]}]}}"#, "data.result"),
        (#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"many"]}]}}"#, "not a number"),
        (#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1]}]}}"#, "data.result"),
        (#"{"status":"success","data":{"resultType":"histogram","result":[]}}"#, "unknown result type"),
        (#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":1},"value":[1,"1"]}]}}"#, "metric"),
        (#"{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1e999,"1"]}]}}"#, "JSON"),
    ])
    func malformedRepliesAreErrorsNamingTheProblem(body: String, mention: String) {
        do {
            _ = try Self.result(body)
            Issue.record("accepted \(body)")
        } catch {
            guard case .malformed(let reason) = error else { Issue.record("\(error)"); return }
            #expect(reason.contains(mention), "\(reason)")
        }
    }

    @Test func alertsNewestKeptWithTimes() throws {
        let alerts = try PrometheusResponse.alerts(from: Data("""
            {"status":"success","data":{"alerts":[{"labels":{"alertname":"RigtopRigDown","instance":"127.0.0.1:9","job":"rigtop","severity":"critical"},\
            "annotations":{"summary":"Rig 127.0.0.1:9 cannot be scraped"},"state":"firing","activeAt":"2025-12-02T05:31:07.123456789Z","value":"0e+00"},\
            {"labels":{"alertname":"X"},"annotations":{},"state":"pending","activeAt":"2025-12-02T06:31:07+01:00","value":"1e+00"}]}}
            """.utf8))
        #expect(alerts.count == 2)
        #expect(alerts[0].labels["alertname"] == "RigtopRigDown")
        #expect(alerts[0].state == "firing")
        #expect(abs((alerts[0].activeAt ?? 0) - 1_764_653_467.123456789) < 1e-3)
        #expect(alerts[1].activeAt == 1_764_653_467)
        #expect(alerts[0].value == 0)
    }

    @Test func alertsWithoutAlertsAreMalformed() {
        #expect(throws: PrometheusError.self) { try PrometheusResponse.alerts(from: Data(#"{"status":"success","data":{}}"#.utf8)) }
        #expect(throws: PrometheusError.malformed("a successful reply without data.alerts")) {
            try PrometheusResponse.alerts(from: Data(#"{"status":"success"}"#.utf8))
        }
    }

    @Test(arguments: ["", "2026-12-02", "2026-13-02T00:00:00Z", "2026-12-02T00:00:00", "99999-12-02T00:00:00Z",
                      "2026-12-02T25:00:00Z", "2026-12-02T00:00:00+1:00", "2026-12-02T00:00:00Zjunk"])
    func unreadableTimesAreNil(text: String) {
        #expect(RFC3339Time.seconds(text) == nil)
    }

    @Test func epochAndLeapDay() {
        #expect(RFC3339Time.seconds("1970-01-01T00:00:00Z") == 0)
        #expect(RFC3339Time.seconds("2024-02-29T12:00:00Z") == 1_709_208_000)
    }
}
