/// What a key does in the farm view.
public enum FarmAction: Hashable, Sendable {
    case quit
    case up, down, pageUp, pageDown, top, bottom
    case openDetail, back
    case nextSort, previousSort, reverseSort
    case startFilter
    case nextTheme
    case toggleHelp

    /// What help says it does.
    var helpText: String {
        switch self {
        case .quit: "quit"
        case .up: "select the rig above"
        case .down: "select the rig below"
        case .pageUp: "a page up"
        case .pageDown: "a page down"
        case .top: "the first rig"
        case .bottom: "the last rig"
        case .openDetail: "open the rig's detail"
        case .back: "back to the list / clear the filter"
        case .nextSort: "sort by the next column"
        case .previousSort: "sort by the previous column"
        case .reverseSort: "reverse the order"
        case .startFilter: "filter rigs by text (worker, instance, coin, state)"
        case .nextTheme: "next theme"
        case .toggleHelp: "this help"
        }
    }
}

/// The farm view's keys; the help screen and the status line are generated from this table.
public struct FarmKeyBindings: Sendable {
    public var bindings: [(key: Key, action: FarmAction)]

    public static let standard = FarmKeyBindings(bindings: [
        (.character("q"), .quit), (.ctrlC, .quit),
        (.up, .up), (.character("k"), .up), (.down, .down), (.character("j"), .down),
        (.pageUp, .pageUp), (.pageDown, .pageDown), (.home, .top), (.end, .bottom),
        (.enter, .openDetail), (.escape, .back),
        (.character("s"), .nextSort), (.character("S"), .previousSort), (.character("r"), .reverseSort),
        (.character("/"), .startFilter), (.character("t"), .nextTheme),
        (.character("h"), .toggleHelp), (.character("?"), .toggleHelp), (.function(1), .toggleHelp),
    ])

    public func action(for key: Key) -> FarmAction? {
        bindings.first { $0.key == key }?.action
    }

    /// One help line per action: its keys joined, and what it does.
    var help: [(keys: String, text: String)] {
        var seen: [FarmAction] = []
        var lines: [(keys: String, text: String)] = []
        for (_, action) in bindings where !seen.contains(action) {
            seen.append(action)
            let keys = bindings.filter { $0.action == action }.map { $0.key.description }.joined(separator: " / ")
            lines.append((keys, action.helpText))
        }
        return lines
    }
}
