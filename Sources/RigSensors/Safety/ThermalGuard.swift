/// The hardware-safety policy: from the hottest CPU temperature, decides once per sample whether
/// the miner sheds a thread, stops, resumes or gets a thread back.
///
/// A value type with no I/O: the caller feeds it one reading per sensor sample and carries out
/// the returned `Action` (`.shedThread` → remove a thread, `.stop` → pause hashing, ...). Let L be
/// the limit and C the critical temperature (`Limits`); L is capped at C.
///
/// * **Stop**: at T ≥ C hashing stops on that sample, whatever the state.
/// * **Shed**: at T ≥ L one thread is shed per sample, and shedding goes on while T > L − 5 °C
///   (never below one thread; past that only C can act).
/// * **Hold**: between L − 10 and L − 5 °C after shedding, and between L − 10 °C and C while
///   stopped, nothing changes: the 5 °C and 10 °C bands keep the guard from flapping.
/// * **Resume**: after a stop, hashing resumes on the first sample at T ≤ L − 10 °C (an idle CPU
///   cools within seconds), with the thread count it had.
/// * **Restore**: shed threads come back one at a time, each after `settleSamples` consecutive
///   samples at T ≤ L − 10 °C, so that the heat of each returned thread shows before the next;
///   a sample above L − 10 °C restarts the count. Only up to `configuredThreads`: threads the
///   user removed are not the guard's to add back.
/// * **No reading** (the sensor vanished or the machine has none): nothing changes, and a stop
///   stays a stop — a guard that cannot see does not restart a hot CPU.
///
/// ```swift
/// var thermal = ThermalGuard(limit: options.tempLimit.map { Temperature(celsius: $0) })
/// switch thermal.evaluate(CPUThermalReading.hottest(in: sample), threads: n, configuredThreads: wanted) {
/// case .none: break
/// case .shedThread: engine.send(.removeThread)
/// case .stop: engine.send(.pause)
/// case .resume: engine.send(.resume)
/// case .restoreThread: engine.send(.addThread)
/// }
/// header.status = thermal.status   // "stopped: CPU 96.0 °C ≥ critical 95 °C"
/// ```
public struct ThermalGuard: Sendable, Hashable {
    /// What the miner should do after this sample.
    public enum Action: Sendable, Hashable {
        case none
        /// Run one thread fewer.
        case shedThread
        /// Stop hashing now; `reason` is the header text.
        case stop(reason: String)
        /// Start hashing again after a stop, with the same threads.
        case resume
        /// Run one thread more (one that the guard shed).
        case restoreThread
    }

    /// Where the guard is between samples.
    public enum State: Sendable, Hashable {
        /// No heat event: the guard leaves the thread count alone.
        case normal
        /// At or over the limit: one thread fewer per sample until T ≤ L − 5 °C.
        case shedding
        /// Below L − 5 °C after shedding; `coolSamples` consecutive samples at T ≤ L − 10 °C so far.
        case recovering(coolSamples: Int)
        /// Hashing stopped at critical; resumes at T ≤ L − 10 °C.
        case stopped
    }

    /// The temperatures the guard acts on, in °C.
    public struct Limits: Sendable, Hashable {
        /// Shedding starts here (L).
        public var limit: Temperature
        /// Hashing stops here (C).
        public var critical: Temperature

        /// 85 °C: below Intel's usual `_max` (Tjmax − 15) and AMD's 90–95 °C Tjmax, for chips
        /// that state no `_max` (k10temp never does).
        public static let defaultLimit = Temperature(celsius: 85)
        /// 95 °C: AMD's Tjmax for Ryzen 7000, at or under Intel's 100 °C `_crit`.
        public static let defaultCritical = Temperature(celsius: 95)

        public init(limit: Temperature = defaultLimit, critical: Temperature = defaultCritical) {
            self.limit = limit
            self.critical = critical
        }

        /// Limits for one reading: the configured value (`--temp-limit`, config) wins, then the
        /// sensor's `_max`/`_crit`, then the defaults.
        public init(configuredLimit: Temperature?, configuredCritical: Temperature?, reading: CPUThermalReading?) {
            self.limit = configuredLimit ?? reading?.maximum ?? Self.defaultLimit
            self.critical = configuredCritical ?? reading?.critical ?? Self.defaultCritical
        }

        /// L capped at C: a limit at or over critical would never shed before stopping, and
        /// resuming 10 °C below it could restart a CPU that is still over critical.
        var effectiveLimit: Double { min(limit.celsius, critical.celsius) }
    }

    /// Shedding continues while T is above L minus this: shedding only down to L itself would
    /// leave the CPU at the limit, ready to shed again at the next reading.
    public static let shedUntilBelow = 5.0
    /// Resuming and restoring need T at or under L minus this: twice the shedding margin, so a
    /// thread given back does not heat the CPU straight over L again (hysteresis, not a toggle).
    public static let recoverBelow = 10.0

    /// `--temp-limit` or the config's; nil uses the sensor's `_max`, else 85 °C.
    public var configuredLimit: Temperature?
    /// The config's critical temperature; nil uses the sensor's `_crit`, else 95 °C.
    public var configuredCritical: Temperature?
    /// Consecutive cool samples (T ≤ L − 10 °C) before each restored thread; 3 ≈ 3 s at 1 Hz.
    public var settleSamples: Int
    public var state: State
    /// One line for the dashboard header, nil when all is well: `"stopped: CPU 96.0 °C ≥ critical
    /// 95 °C"`, `"hot: CPU 86.0 °C ≥ limit 85 °C, shedding threads (6 of 8)"`.
    public private(set) var status: String?

    public init(limit: Temperature? = nil, critical: Temperature? = nil, settleSamples: Int = 3,
                state: State = .normal) {
        self.configuredLimit = limit
        self.configuredCritical = critical
        self.settleSamples = max(1, settleSamples)
        self.state = state
    }

    /// Judges one sample's reading against the configured limits or the reading's own thresholds.
    public mutating func evaluate(_ reading: CPUThermalReading?, threads: Int, configuredThreads: Int) -> Action {
        let limits = Limits(configuredLimit: configuredLimit, configuredCritical: configuredCritical, reading: reading)
        return evaluate(temperature: reading?.temperature, limits: limits, threads: threads,
                        configuredThreads: configuredThreads)
    }

    /// Judges one sample: `temperature` is the hottest CPU temperature (nil when unknown),
    /// `threads` the mining threads running now, `configuredThreads` the count the user asked for.
    public mutating func evaluate(temperature: Temperature?, limits: Limits, threads: Int,
                                  configuredThreads: Int) -> Action {
        let limit = limits.effectiveLimit
        guard let celsius = temperature?.celsius else {
            if state == .stopped {
                status = "stopped: CPU temperature unavailable, staying stopped"
            } else if state != .normal {
                status = "hot: CPU temperature unavailable, holding \(threads) of \(configuredThreads) threads"
            }
            return .none
        }
        let now = "CPU " + Self.format(celsius, decimals: 1)

        if celsius >= limits.critical.celsius {
            let reason = "stopped: \(now) ≥ critical \(Self.format(limits.critical.celsius))"
            if state == .stopped {
                status = reason
                return .none
            }
            state = .stopped
            status = reason
            return .stop(reason: reason)
        }

        if state == .stopped {
            let resumeAt = limit - Self.recoverBelow
            guard celsius <= resumeAt else {
                status = "stopped: \(now), resumes at ≤ \(Self.format(resumeAt))"
                return .none
            }
            state = threads < configuredThreads ? .recovering(coolSamples: 0) : .normal
            status = state == .normal ? nil : recoveringStatus(now, threads, configuredThreads)
            return .resume
        }

        if celsius >= limit || (state == .shedding && celsius > limit - Self.shedUntilBelow) {
            state = .shedding
            let shed = threads > 1
            let remaining = shed ? threads - 1 : threads
            status = "hot: " + (celsius >= limit ? "\(now) ≥ limit \(Self.format(limit))"
                                                 : "\(now), cooling to \(Self.format(limit - Self.shedUntilBelow))")
                + (shed ? ", shedding threads (\(remaining) of \(configuredThreads))"
                        : ", at one thread (stops at \(Self.format(limits.critical.celsius)))")
            return shed ? .shedThread : .none
        }

        switch state {
        case .normal, .stopped:
            status = nil
            return .none
        case .shedding, .recovering:
            guard threads < configuredThreads else {
                state = .normal
                status = nil
                return .none
            }
            var cool = 0
            if case .recovering(let count) = state { cool = count }
            cool = celsius <= limit - Self.recoverBelow ? cool + 1 : 0
            if cool >= settleSamples {
                state = threads + 1 < configuredThreads ? .recovering(coolSamples: 0) : .normal
                status = state == .normal ? nil : recoveringStatus(now, threads + 1, configuredThreads)
                return .restoreThread
            }
            state = .recovering(coolSamples: cool)
            status = recoveringStatus(now, threads, configuredThreads)
            return .none
        }
    }

    private func recoveringStatus(_ now: String, _ threads: Int, _ configured: Int) -> String {
        "cooling: \(now), \(threads) of \(configured) threads"
    }

    /// `96.0`-style text with a degree sign: `decimals` digits, or none for whole thresholds.
    public static func format(_ celsius: Double, decimals: Int = 0) -> String {
        // A reading outside any physical range is shown as is, never converted to an integer.
        guard celsius.isFinite, abs(celsius) < 1e6 else { return "\(celsius) °C" }
        let whole = celsius.rounded() == celsius
        let digits = decimals > 0 ? decimals : (whole ? 0 : 1)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(celsius) * scale).rounded())
        var text = String(scaled / Int(scale))
        if digits > 0 {
            let fraction = String(scaled % Int(scale))
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return (celsius < 0 && scaled != 0 ? "-" : "") + text + " °C"
    }
}
