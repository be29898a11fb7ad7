/// A power figure for a group of devices: watts, and whether every part of it was measured.
public struct PowerFigure: Sendable, Hashable, Codable {
    public var watts: Double
    /// false when any part of ``watts`` is an estimate.
    public var measured: Bool

    public init(watts: Double, measured: Bool) {
        self.watts = watts
        self.measured = measured
    }
}

extension SensorSample {
    /// The miner's power: the CPU packages rigtop mines on, measured when any package is (RAPL,
    /// a CPU driver's hwmon power), else the configured-TDP estimate; nil when neither. It is
    /// the basis of H/s per W, the earnings' power cost and the ledger's kWh. A GPU's watts are
    /// not in it (rigtop does not mine on GPUs), nor parts inside a package (RAPL core, dram).
    public var miningPower: PowerFigure? {
        let cpu = power.filter { $0.domain == .cpu && $0.watts != nil }
        let measured = cpu.filter(\.measured)
        if !measured.isEmpty { return PowerFigure(watts: measured.compactMap(\.watts).reduce(0, +), measured: true) }
        return cpu.isEmpty ? nil : PowerFigure(watts: cpu.compactMap(\.watts).reduce(0, +), measured: false)
    }

    /// The GPUs' power: each GPU's board power (measured), else its estimate; nil without GPU
    /// power. Shown beside the mining power, never added to it.
    public var gpuPower: PowerFigure? {
        var total = 0.0
        var measured = true
        var any = false
        for gpu in gpus {
            if let watts = gpu.power?.watts {
                total += watts
            } else if let estimate = power.first(where: { $0.source == .estimate && $0.device == gpu.id })?.watts {
                total += estimate
                measured = false
            } else {
                continue
            }
            any = true
        }
        return any ? PowerFigure(watts: total, measured: measured) : nil
    }
}
