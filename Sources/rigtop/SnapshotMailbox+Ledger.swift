import RigEngine
import RigSensors
import RigUI

extension SnapshotMailbox {
    /// The mining (CPU) watts from the newest sensor sample, for the ledger's per-minute rows.
    var latestWatts: (watts: Double, measured: Bool)? {
        var model = DashboardModel(engine: EngineSnapshot())
        fill(&model)
        return model.miningPower
    }

    /// The hottest CPU temperature in the newest sensor sample, °C.
    var latestCPUTemperature: Double? {
        var model = DashboardModel(engine: EngineSnapshot())
        fill(&model)
        return model.sensors.flatMap(CPUThermalReading.hottest(in:))?.temperature.celsius
    }
}
