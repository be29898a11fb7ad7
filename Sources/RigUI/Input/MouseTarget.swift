/// What is under the mouse: the other half of a mouse binding. ``DashboardLayout`` finds it for a
/// cell from the same placements it draws with, so a click lands on what the user sees there.
public enum MouseTarget: Hashable, Sendable {
    /// A coin in the footer, by its position in the coin list.
    case coin(index: Int)
    /// A panel's top border, where its title is.
    case panelTitle(DashboardPanel)
    /// A thread's row in the threads panel, by the thread's index in the engine's list.
    case threadRow(index: Int)
    /// Anywhere else inside a panel.
    case panel(DashboardPanel)

    /// The kind of place, without its argument: what a ``KeyBindings/MouseBinding`` names.
    public enum Place: Hashable, Sendable, CaseIterable {
        case footerCoin, panelTitle, threadRow, panel
    }

    public var place: Place {
        switch self {
        case .coin: return .footerCoin
        case .panelTitle: return .panelTitle
        case .threadRow: return .threadRow
        case .panel: return .panel
        }
    }

    /// The panel the target is in, if any.
    public var panel: DashboardPanel? {
        switch self {
        case .coin: return nil
        case .panelTitle(let panel), .panel(let panel): return panel
        case .threadRow: return .threads
        }
    }

    /// The lines a wheel step scrolls (htop and btop scroll a few at a time).
    static let wheelLines = 3

    /// What `gesture` on this target asks for: a click mines the coin, focuses the panel or
    /// highlights the thread; the wheel scrolls the panel under it.
    public func action(for gesture: MouseGesture) -> DashboardAction? {
        switch (gesture, self) {
        case (.click, .coin(let index)): return .selectCoin(index: index)
        case (.click, .panelTitle(let panel)): return .focusPanel(panel)
        case (.click, .threadRow(let index)): return .highlightThread(index: index)
        case (.click, .panel): return nil
        case (.wheelUp, _), (.wheelDown, _):
            guard let panel, panel.scrolls else { return nil }
            return .scroll(panel, by: gesture == .wheelUp ? -Self.wheelLines : Self.wheelLines)
        }
    }
}
