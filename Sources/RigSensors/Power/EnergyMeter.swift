/// Joules used by the miner since it started, integrated from the mining power of successive
/// samples (rectangle rule over each sample interval).
///
/// A gap longer than a minute (a suspended machine, a stalled reader) is not counted: the power
/// during it is unknown, and guessing would inflate the ledger's kWh.
public struct EnergyMeter: Sendable, Hashable {
    public private(set) var joules: Double = 0
    private var lastSampleTime: Double?

    /// Gaps longer than this between samples are skipped, in seconds.
    public static let longestInterval = 60.0

    public init() {}

    /// Adds the energy since the previous sample at `watts` (the newer sample's mining power).
    public mutating func add(_ sample: SensorSample) {
        defer { lastSampleTime = sample.monotonicSeconds }
        guard let previous = lastSampleTime, let watts = sample.miningPower?.watts, watts.isFinite, watts >= 0 else {
            return
        }
        let elapsed = sample.monotonicSeconds - previous
        if elapsed > 0 && elapsed < Self.longestInterval { joules += watts * elapsed }
    }
}
