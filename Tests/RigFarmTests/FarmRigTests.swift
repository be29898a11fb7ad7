import RigFigures
import Testing
@testable import RigFarm

/// A farm row's figures go by the rules the rig reports them with.
@Suite struct FarmRigTests {
    @Test("hashes per watt is the 60 s rate, else the 10 s one, over the miner's power")
    func hashesPerWatt() {
        var rig = FarmRig(id: "a", instance: "a:9100", worker: "a", state: .mining)
        #expect(rig.hashesPerWatt == nil)
        rig.hashrate = WindowedRate(tenSeconds: 1_000, sixtySeconds: 2_000)
        #expect(rig.hashesPerWatt == nil)
        rig.power = FarmPower(watts: 50, measured: true)
        #expect(rig.hashesPerWatt == 40)
        rig.hashrate = WindowedRate(tenSeconds: 1_000)
        #expect(rig.hashesPerWatt == 20)
        rig.power = FarmPower(watts: 0, measured: false)
        #expect(rig.hashesPerWatt == nil)
    }
}
