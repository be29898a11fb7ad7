/// What ``TerminalLoop`` runs: a full-screen view that draws its state and turns keys into changes.
///
/// Implementation requirements:
/// - `isOutOfDate()` is called once a turn, before any `draw()`, so a view may read its clock there
///   and draw with that reading.
/// - Neither method awaits or does I/O besides the screen: the loop's thread owns the terminal.
protocol TerminalLoopView {
    associatedtype Screen: TerminalScreen
    var screen: Screen { get set }
    /// Whether what is on screen is older than the view's state (newer board generation, a tick).
    mutating func isOutOfDate() -> Bool
    mutating func draw()
    mutating func handle(_ key: Key) -> TerminalReaction
}

/// Why a ``TerminalLoop`` ended.
public enum TerminalExit: Equatable, Sendable {
    case quit
    case signal(Int32)
}

/// What a key asks of a ``TerminalLoop``.
public enum TerminalReaction: Equatable { case none, redraw, quit }

/// The loop of a full-screen view (the dashboard, the farm view): one terminal thread owns the
/// screen, waits for a key with a short timeout (htop's halfdelay), and redraws on a key, a resize,
/// or when the view says it is out of date. It never awaits.
struct TerminalLoop<View: TerminalLoopView> {
    let keyTimeout: Duration

    /// Runs `view` until quit or a termination signal; `maxIterations` bounds it in tests.
    func run(_ view: inout View, maxIterations: Int, pendingSignal: () -> Int32) -> TerminalExit {
        var needsDraw = true
        for _ in 0..<maxIterations {
            let signal = pendingSignal()
            if signal != 0 { return .signal(signal) }
            let outOfDate = view.isOutOfDate()
            if needsDraw || outOfDate {
                view.draw()
                needsDraw = false
            }
            guard let key = view.screen.readKey(timeout: keyTimeout) else { continue }
            if key == .resize { needsDraw = true; continue }
            switch view.handle(key) {
            case .quit: return .quit
            case .redraw: needsDraw = true
            case .none: break
            }
        }
        return .quit
    }
}
