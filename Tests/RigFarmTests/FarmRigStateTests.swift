@testable import RigFarm
import Testing

@Suite struct FarmRigStateTests {
    @Test(arguments: [
        (FarmRigSignals(reachable: false, guardStopped: true, paused: true), FarmRigState.down),
        (FarmRigSignals(reachable: true, guardStopped: true, paused: true, poolUp: false), .tooHot),
        (FarmRigSignals(reachable: true, guardStopped: false, paused: true, poolUp: false), .paused),
        (FarmRigSignals(reachable: true, paused: false, poolUp: false, throttling: true), .poolDown),
        (FarmRigSignals(reachable: true, poolUp: true, throttling: true), .throttling),
        (FarmRigSignals(reachable: true, poolUp: true, throttling: false), .mining),
        (FarmRigSignals(), .mining),
    ])
    func mostSeriousSignalWins(signals: FarmRigSignals, expected: FarmRigState) {
        #expect(FarmRigState.classify(signals) == expected)
    }

    @Test func namesAreTheDocumentedOnes() {
        #expect(FarmRigState.allCases.map(\.rawValue) == ["mining", "paused", "too hot", "throttling", "pool down", "down"])
    }

    @Test func downSortsFirst() {
        #expect(FarmRigState.allCases.sorted().first == .down)
        #expect(FarmRigState.allCases.sorted().last == .mining)
    }

    @Test func readingKeepsLastGoodDataOnFailure() {
        struct Boom: Error, CustomStringConvertible { var description: String { "Prometheus unreachable: refused" } }
        let good = FarmSnapshot(time: 1, source: "s", rigs: [])
        let first = FarmReading().after(.success(good), at: 100)
        let failed = first.after(.failure(Boom()), at: 130)
        #expect(failed.snapshot == good)
        #expect(failed.error == "Prometheus unreachable: refused")
        #expect(failed.ageSeconds(now: 131) == 31)
        let recovered = failed.after(.success(good), at: 140)
        #expect(recovered.error == nil && recovered.ageSeconds(now: 140) == 0)
    }
}
