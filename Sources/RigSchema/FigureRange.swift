/// The ranges a state document's figures must be in to be read: a figure outside its range is
/// a broken or hostile reading, and reads as nil.
///
/// Wide enough for any real rig, narrow enough that arithmetic on a figure cannot overflow or
/// lose meaning (a count past 2^53 is no longer exact in a JSON number, a Double).
public enum FigureRange {
    /// Hashes per second: 1e21 is a thousand times every Bitcoin miner together.
    public static let hashrate = 0.0...1e21
    /// °C: below -100 or above 1000 no sensor on a running rig reads.
    public static let celsius = -100.0...1000.0
    public static let watts = 0.0...1e7
    /// Money per day or per period, either sign (the power cost can exceed the income).
    public static let money = -1e12...1e12
    /// Joules, kWh: a rig's lifetime energy.
    public static let energy = 0.0...1e18
    /// Durations and Unix times, seconds.
    public static let seconds = 0.0...1e11
    /// A pool's round trip, seconds: over an hour is no answer at all.
    public static let latency = 0.0...3600.0
    /// Share and block difficulty, either convention.
    public static let difficulty = 0.0...1e30
    /// A sensor channel's converted value (°C, RPM, V, A, W, J).
    public static let sensorValue = -1e12...1e12
    /// Counters: shares, hashes, failures (the largest whole number a JSON number holds exactly).
    public static let count: ClosedRange<UInt64> = 0...(UInt64(1) << 53)
    /// Thread and core indices, thread counts.
    public static let index: ClosedRange<Int> = 0...100_000
}
