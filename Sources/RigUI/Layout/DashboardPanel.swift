/// The dashboard's boxed panels by name: what a click on a title focuses and what ↑/↓ scroll.
public enum DashboardPanel: String, Hashable, Sendable, CaseIterable {
    case hashrate, threads, thermals, power, earnings

    /// Whether the panel has rows to scroll (↑/↓, PgUp/PgDn, the mouse wheel).
    public var scrolls: Bool { self == .threads || self == .thermals }
}
