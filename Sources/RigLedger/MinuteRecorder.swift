public import RigEngine

/// Turns ≈1 Hz engine snapshots (plus watts and temperature) into per-minute ledger rows and
/// coin-switch rows.
///
/// Fed by the task that reads the engine's snapshot stream; owns no thread and never blocks.
public struct MinuteRecorder: Sendable {
    public var settings: EarningsSettings
    private var minute: Double?
    private var coin: String?
    private var samples = 0
    private var hashrateSum = 0.0
    /// Seconds observed in the minute and, of them, seconds with a power reading.
    private var seconds = 0.0
    private var wattSeconds = 0.0
    private var joules = 0.0
    private var measured = false
    private var temperaturePeak: Double?
    private var previous: Double?

    public init(settings: EarningsSettings) { self.settings = settings }

    /// Adds one observation at unix time `now`; returns the rows that became complete.
    public mutating func observe(_ snapshot: EngineSnapshot, watts: (watts: Double, measured: Bool)?,
                                 temperature: Double?, now: Double) -> [LedgerRecord] {
        var out: [LedgerRecord] = []
        let symbol = snapshot.coin?.symbol
        let thisMinute = (now / 60).rounded(.down) * 60
        if let symbol, symbol != coin {
            out.append(.coinSwitch(CoinSwitchRecord(time: now, from: coin, to: symbol)))
        }
        if let current = minute, current != thisMinute || (symbol != nil && symbol != coin) {
            _ = current
            if let row = flush() { out.append(.minute(row)) }
        }
        if minute == nil { minute = thisMinute }
        if let symbol { coin = symbol }
        // The time since the previous observation belongs to this one (capped: a stall is not mining).
        let elapsed = previous.map { min(max(now - $0, 0), 5) } ?? 1
        previous = now
        guard snapshot.state == .mining || snapshot.state == .waitingForWork else { return out }
        samples += 1
        seconds += elapsed
        // The last second's rate: each sample covers its own second, so the mean is the minute's rate.
        hashrateSum += snapshot.history.values.last ?? snapshot.hashrate.tenSeconds ?? 0
        if let watts {
            joules += watts.watts * elapsed
            wattSeconds += elapsed
            measured = measured || watts.measured
        }
        if let temperature { temperaturePeak = max(temperaturePeak ?? temperature, temperature) }
        return out
    }

    /// The partial minute so far (at the end of a run), then a fresh start.
    public mutating func flush() -> MinuteRecord? {
        defer {
            minute = nil
            samples = 0
            hashrateSum = 0
            seconds = 0
            wattSeconds = 0
            joules = 0
            measured = false
            temperaturePeak = nil
        }
        guard let minute, let coin, samples > 0 else { return nil }
        return MinuteRecord(
            minute: minute, coin: coin, hashrate: hashrateSum / Double(samples),
            watts: wattSeconds > 0 ? joules / wattSeconds : nil, wattsMeasured: measured,
            seconds: min(60, seconds), temperaturePeak: temperaturePeak, electricityPrice: settings.electricityPrice,
            currency: settings.currency)
    }
}
