/// What the user asked the dashboard to do; `KeyBindings` maps keys to these.
public enum DashboardAction: Hashable, Sendable {
    /// Pick the coin at this 0-based position in the coin list (keys `1`–`9`).
    case selectCoin(index: Int)
    case nextCoin
    case previousCoin
    case addThread
    case removeThread
    case togglePause
    case nextTheme
    case toggleHelp
    /// Close the help overlay; nothing when none is open.
    case closeOverlay
    /// Scroll the focused panel one row.
    case scrollUp
    case scrollDown
    /// Scroll `panel` by `lines` rows (negative: up), whichever panel has the focus (the wheel).
    case scroll(DashboardPanel, by: Int)
    /// Give `panel` the focus: ↑/↓ and PgUp/PgDn scroll it.
    case focusPanel(DashboardPanel)
    /// Highlight the thread at this index (again: remove the highlight).
    case highlightThread(index: Int)
    case quit

    /// The line in the help overlay describing this action.
    public var helpText: String {
        switch self {
        case .selectCoin: return "pick a coin by its position in the coin list"
        case .nextCoin: return "next coin"
        case .previousCoin: return "previous coin"
        case .addThread: return "add a mining thread"
        case .removeThread: return "remove a mining thread"
        case .togglePause: return "pause / resume mining"
        case .nextTheme: return "next theme"
        case .toggleHelp: return "show / hide this help"
        case .closeOverlay: return "close this help"
        case .scrollUp: return "scroll the focused panel up"
        case .scrollDown: return "scroll the focused panel down"
        case .scroll(let panel, _): return "scroll the \(panel.rawValue)"
        case .focusPanel: return "focus that panel: the scroll keys scroll it"
        case .highlightThread: return "highlight that thread"
        case .quit: return "quit"
        }
    }

    /// Actions that differ only in their argument share a help line (`1-9` for every `selectCoin`).
    var helpGroup: String {
        switch self {
        case .selectCoin: return "selectCoin"
        default: return String(describing: self)
        }
    }
}
