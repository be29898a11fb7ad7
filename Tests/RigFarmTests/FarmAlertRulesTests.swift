import Foundation
import Testing
@testable import RigFarm

/// Direct mode's alert rules: the names, "for" durations and conditions of
/// deploy/prometheus/rigtop-alerts.rules.yml, evaluated over refreshes.
@Suite struct FarmAlertRulesTests {
    static func rig(_ id: String, _ state: FarmRigState, miner: String? = nil, celsius: Double? = nil, limit: Double? = nil) -> FarmRig {
        var rig = FarmRig(id: id, instance: id, worker: "w", state: state)
        rig.miner = miner
        if let celsius { rig.temperature = FarmTemperature(celsius: celsius, limitCelsius: limit, criticalCelsius: nil) }
        return rig
    }

    static func names(_ alerts: [FarmAlert]) -> [String] { alerts.map { "\($0.name) \($0.instance ?? "-")" }.sorted() }

    @Test("each rule fires once its condition has held for the rule's time, and not before")
    func rulesWaitForTheirDuration() {
        var rules = FarmAlertRules()
        let rigs = [
            Self.rig("http://a:60080", .down),
            Self.rig("cgminer://b:4028", .down, miner: "antminer-1"),
            Self.rig("http://c:60080", .poolDown),
            Self.rig("http://d:60080", .tooHot),
            Self.rig("http://e:60080", .throttling, celsius: 86, limit: 85),
            Self.rig("http://f:60080", .mining, celsius: 70, limit: 85),
        ]
        #expect(Self.names(rules.evaluate(FarmSnapshot(time: 1_000, source: "direct", rigs: rigs))) == ["RigtopThermalGuardStopped http://d:60080"])
        #expect(Self.names(rules.evaluate(FarmSnapshot(time: 1_119, source: "direct", rigs: rigs))) == ["RigtopThermalGuardStopped http://d:60080"])
        #expect(Self.names(rules.evaluate(FarmSnapshot(time: 1_120, source: "direct", rigs: rigs))) == [
            "RigtopCPUAtThermalLimit http://e:60080", "RigtopRigDown http://a:60080", "RigtopThermalGuardStopped http://d:60080",
        ])
        let all = rules.evaluate(FarmSnapshot(time: 1_180, source: "direct", rigs: rigs))
        #expect(Self.names(all) == [
            "RigtopCPUAtThermalLimit http://e:60080", "RigtopMinerDown antminer-1", "RigtopPoolDown http://c:60080",
            "RigtopRigDown http://a:60080", "RigtopThermalGuardStopped http://d:60080",
        ])
        #expect(all.allSatisfy { $0.activeAt == 1_000 }, "active since the condition began")
        #expect(all.first { $0.name == "RigtopPoolDown" }?.summary == "Rig http://c:60080 is not mining on any pool")
        #expect(all.first { $0.name == "RigtopCPUAtThermalLimit" }?.severity == "warning")
    }

    @Test("a condition that stops holding resets: it waits its whole time again when it comes back")
    func aClearedConditionStartsOver() {
        var rules = FarmAlertRules()
        let down = [Self.rig("http://a:60080", .down)]
        let up = [Self.rig("http://a:60080", .mining)]
        _ = rules.evaluate(FarmSnapshot(time: 0, source: "direct", rigs: down))
        #expect(rules.evaluate(FarmSnapshot(time: 150, source: "direct", rigs: down)).count == 1)
        #expect(rules.evaluate(FarmSnapshot(time: 160, source: "direct", rigs: up)).isEmpty)
        #expect(rules.evaluate(FarmSnapshot(time: 170, source: "direct", rigs: down)).isEmpty)
        let again = rules.evaluate(FarmSnapshot(time: 290, source: "direct", rigs: down))
        #expect(again.map(\.activeAt) == [170])
    }

    @Test("the rule set is the deployed Prometheus rules' set for what a row can tell")
    func namesMatchTheDeployedRules() throws {
        let deployed = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/RigFarmTests/FarmAlertRulesTests.swift",
                                                                                with: "deploy/prometheus/rigtop-alerts.rules.yml"), encoding: .utf8)
        for rule in FarmAlertRules.rules {
            guard let start = deployed.range(of: "alert: \(rule.name)\n") else {
                Issue.record("\(rule.name) is not in the deployed rules")
                continue
            }
            // The rule's own "for:" line: the first after its name.
            let rest = deployed[start.upperBound...]
            let line = rest.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("for:") }
            let minutes = line.flatMap { Double($0.split(separator: ":").last?.trimmingCharacters(in: .whitespaces).dropLast() ?? "") }
            #expect(minutes.map { $0 * 60 } == rule.forSeconds, "\(rule.name): for \(line ?? "?")")
        }
    }
}
