import Foundation
import RigTestSupport
import Testing
@testable import RigSensors

@Suite("SensorReport", .enabled(if: FixtureTree.available, FixtureTree.missingMessage))
struct SensorReportTests {
    @Test func nodeExporterTextAndJSON() throws {
        let sampler = SensorSampler(root: FixtureTree.root("node_exporter"))
        _ = sampler.sample(monotonicSeconds: 100)
        let report = SensorReport(sampler.sample(monotonicSeconds: 101))
        print(report.text)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        for key in ["chips", "power", "cpus", "gpus", "thermal_zones"] { #expect(object[key] != nil, "\(key)") }
        let chips = try #require(object["chips"] as? [[String: Any]])
        #expect(chips.count == 8)
        let coretemp = try #require(chips.first)
        #expect(coretemp["name"] as? String == "coretemp")
        let sensor = try #require((coretemp["sensors"] as? [[String: Any]])?.first)
        #expect(sensor["kind"] as? String == "temp")
        #expect(sensor["index"] as? Int == 1)
        #expect(sensor["label"] as? String == "Physical id 0")
        #expect(sensor["value"] as? Double == 55)
        #expect(sensor["unit"] as? String == "°C")
        #expect((sensor["thresholds"] as? [String: Double])?["crit"] == 100)
        #expect(report.text.contains("Physical id 0:  +55.0°C  (high = +84.0°C, crit = +100.0°C)"))
    }
}
