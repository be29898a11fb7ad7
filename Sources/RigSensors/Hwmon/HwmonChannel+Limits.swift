extension HwmonChannel {
    /// The temperatures this channel is judged against: its own `_max`, and its `_crit` (else
    /// `_emergency`); where the chip states none (k10temp on Zen), the thermal guard's defaults,
    /// so a bar turns red where the guard would act.
    public var temperatureLimits: ThermalGuard.Limits {
        let limit = thresholds["max"].map { Temperature(celsius: $0) }
        let critical = (thresholds["crit"] ?? thresholds["emergency"]).map { Temperature(celsius: $0) }
        return ThermalGuard.Limits(limit: limit ?? ThermalGuard.Limits.defaultLimit,
                                   critical: critical ?? ThermalGuard.Limits.defaultCritical)
    }
}
