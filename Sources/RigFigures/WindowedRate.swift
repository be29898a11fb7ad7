/// Rates over xmrig's three windows, each nil ("n/a") until it has data.
public struct WindowedRate: Sendable, Equatable, Codable {
    public var tenSeconds: Double?
    public var sixtySeconds: Double?
    public var fifteenMinutes: Double?

    public init(tenSeconds: Double? = nil, sixtySeconds: Double? = nil, fifteenMinutes: Double? = nil) {
        self.tenSeconds = tenSeconds
        self.sixtySeconds = sixtySeconds
        self.fifteenMinutes = fifteenMinutes
    }

    /// The best-informed rate available: the longest filled window up to 60 s, else the 10 s one.
    public var current: Double? { sixtySeconds ?? tenSeconds }

    /// Hashes per second per watt at ``current``: the efficiency every front end shows, from the
    /// rig's own state or from a farm row. nil without a rate or without a positive power.
    public func hashesPerWatt(watts: Double?) -> Double? {
        guard let rate = current, let watts, watts > 0 else { return nil }
        return rate / watts
    }
}
