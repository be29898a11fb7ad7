/// Turns two readings of a cumulative energy counter into average power.
public enum EnergyCounter {
    /// Average power between two readings `seconds` apart.
    ///
    /// A counter that went down has wrapped: with a known `range` (RAPL `max_energy_range_uj`) the
    /// energy used is `range − previous + current`; without one it is a reset (`.counterReset`).
    public static func power(from previous: Energy, to current: Energy, seconds: Double,
                             range: Energy? = nil) -> Result<Power, ReadingError> {
        guard seconds > 0 else { return .failure(.needsTwoSamples) }
        var joules = current.joules - previous.joules
        if joules < 0 {
            guard let range, range.joules > previous.joules else { return .failure(.counterReset) }
            joules = range.joules - previous.joules + current.joules
        }
        return .success(Power(watts: joules / seconds))
    }
}
