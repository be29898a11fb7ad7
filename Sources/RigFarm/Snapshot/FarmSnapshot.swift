/// The whole farm at one moment: what a front end draws and `--once --json` prints.
public struct FarmSnapshot: Sendable, Equatable {
    /// The time the figures are for, Unix seconds (the query time in Prometheus mode).
    public var time: Double
    /// Where the figures came from: the Prometheus URL, or "direct".
    public var source: String
    public var rigs: [FarmRig]
    public var totals: [CoinTotals]
    /// Firing alerts, newest first.
    public var alerts: [FarmAlert]
    /// Parts that could not be read (the history, the alerts) while the rows could: said on
    /// screen, the rows still shown.
    public var warnings: [String]

    public init(time: Double, source: String, rigs: [FarmRig], alerts: [FarmAlert] = [], warnings: [String] = []) {
        self.time = time
        self.source = source
        self.rigs = rigs
        self.totals = CoinTotals.of(rigs)
        self.alerts = alerts
        self.warnings = warnings
    }
}
