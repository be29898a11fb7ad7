/// A power model for when nothing measures power: linear from idle to full load.
///
/// `P = P_idle + u · (P_max − P_idle)` with `P_idle = idleFraction · P_max`, where `u` is CPU
/// utilisation (or GPU busy fraction) and `P_max` the configured CPU TDP or GPU board power. Good
/// to perhaps ±30 %: the result is always marked `estimated`.
public struct PowerEstimate: Sendable, Hashable {
    /// CPU package power at full load, e.g. 65 W; nil leaves the CPU unestimated.
    public var cpuTDP: Power?
    /// Board power per GPU id (PCI slot), or for every GPU under the key `"*"`.
    public var gpuBoardPower: [String: Power]
    /// Fraction of full-load power drawn when idle (default 0.1).
    public var idleFraction: Double

    public init(cpuTDP: Power? = nil, gpuBoardPower: [String: Power] = [:], idleFraction: Double = 0.1) {
        self.cpuTDP = cpuTDP
        self.gpuBoardPower = gpuBoardPower
        self.idleFraction = idleFraction
    }

    /// The model at utilisation `u` (0...1) for a device whose full-load power is `maximum`.
    public func estimate(utilisation u: Double, maximum: Power) -> Power {
        let idle = idleFraction * maximum.watts
        return Power(watts: idle + min(max(u, 0), 1) * (maximum.watts - idle))
    }

    /// The board power configured for GPU `id`.
    public func boardPower(forGPU id: String) -> Power? {
        gpuBoardPower[id] ?? gpuBoardPower["*"]
    }
}
