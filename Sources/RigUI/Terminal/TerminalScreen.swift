/// A terminal the dashboard draws on and reads keys from: `NcursesScreen` for real, `TextScreen`
/// in tests.
///
/// Implementation requirements:
/// - Every call comes from the one thread that owns the terminal; implementations need not be
///   thread-safe and must not block longer than `readKey`'s timeout.
/// - `size` reflects the latest resize once `readKey` has returned `.resize`.
/// - `draw` shows exactly the canvas: cells outside it (a canvas smaller than the screen) are
///   cleared, styles are resolved with `theme` at the screen's own `ColorDepth`, and continuation
///   cells of wide characters are not written.
/// - `readKey` returns `nil` when `timeout` passes with no key; Ctrl-C arrives as `Key.ctrlC`.
public protocol TerminalScreen {
    /// The terminal's current size.
    var size: TerminalSize { get }
    /// Shows `canvas`, colouring it with `theme`.
    mutating func draw(_ canvas: Canvas, theme: Theme)
    /// Waits up to `timeout` for a key or a resize.
    mutating func readKey(timeout: Duration) -> Key?
}

/// A terminal's size in character cells.
public struct TerminalSize: Hashable, Sendable, CustomStringConvertible {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// The whole screen as a rect at the origin.
    public var bounds: Rect { Rect(x: 0, y: 0, width: columns, height: rows) }

    public var description: String { "\(columns)×\(rows)" }
}
