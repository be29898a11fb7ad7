/// How old a coin's market figures (price, difficulty, reward) are, in whole days, and whether
/// that is too old to trust an earnings estimate made from them.
public struct MarketDataAge: Sendable, Equatable {
    /// Figures older than this many whole days are stale: a day-old snapshot is as fresh as the
    /// built-in data gets between releases, two days means the feed stopped.
    public static let staleAfterDays = 1

    /// Whole days since the figures were taken; 0 on the day itself (and for a date ahead of the
    /// clock).
    public var days: Int

    /// Whether the figures are older than ``staleAfterDays``.
    public var isStale: Bool { days > Self.staleAfterDays }

    public init(days: Int) {
        self.days = max(0, days)
    }

    /// The age of figures taken `seconds` ago. An age past a million days (≈2700 years) or
    /// not a number (a clock gone wrong) counts as that old: stale, and inside `Int`.
    public init(seconds: Double) {
        let ceiling = 1_000_000
        let wholeDays = (seconds / 86_400).rounded(.down)
        guard !wholeDays.isNaN else {
            self.init(days: ceiling)
            return
        }
        self.init(days: Int(exactly: min(max(wholeDays, 0), Double(ceiling))) ?? ceiling)
    }
}
