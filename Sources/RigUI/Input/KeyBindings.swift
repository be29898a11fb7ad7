/// The table from keys and mouse gestures to dashboard actions; the help overlay is generated
/// from it, so the keys and clicks it lists can never drift from the ones that work.
///
/// A mouse event goes through the same table as a key: the dashboard finds the ``MouseTarget``
/// under it, and a ``MouseBinding`` for that gesture and kind of place lets the target's action
/// through. Without mouse bindings (`--no-mouse`) clicks do nothing and help lists none.
public struct KeyBindings: Hashable, Sendable {
    /// One key and what it does.
    public struct Binding: Hashable, Sendable {
        public var key: Key
        public var action: DashboardAction
        public init(_ key: Key, _ action: DashboardAction) {
            self.key = key
            self.action = action
        }
    }

    /// One help line: the keys (`Tab / →`) and what they do.
    public struct HelpEntry: Hashable, Sendable {
        public var keys: String
        public var text: String
        public var action: DashboardAction
    }

    /// A mouse gesture on a kind of place; what it does comes from the target under the mouse
    /// (``MouseTarget/action(for:)``): the coin clicked, the panel scrolled.
    public struct MouseBinding: Hashable, Sendable {
        public var gesture: MouseGesture
        public var place: MouseTarget.Place
        public init(_ gesture: MouseGesture, on place: MouseTarget.Place) {
            self.gesture = gesture
            self.place = place
        }

        /// How help writes the gesture and the place: `click a coin (footer)`, `wheel`.
        var helpKeys: String {
            switch (gesture, place) {
            case (.click, .footerCoin): return "click a coin (footer)"
            case (.click, .panelTitle): return "click a panel title"
            case (.click, .threadRow): return "click a thread row"
            case (.click, .panel): return "click a panel"
            case (.wheelUp, _), (.wheelDown, _): return "wheel"
            }
        }

        /// What help says it does.
        var helpText: String {
            switch (gesture, place) {
            case (.click, .footerCoin): return "mine that coin"
            case (.wheelUp, _), (.wheelDown, _): return "scroll the panel under the mouse"
            default: return example.flatMap { $0.action(for: gesture) }?.helpText ?? ""
            }
        }

        /// A target of this place, for help.
        fileprivate var example: MouseTarget? {
            switch place {
            case .footerCoin: return .coin(index: 0)
            case .panelTitle: return .panelTitle(.threads)
            case .threadRow: return .threadRow(index: 0)
            case .panel: return .panel(.threads)
            }
        }
    }

    /// Bindings in help order; when a key appears twice the first binding wins.
    public var bindings: [Binding]
    /// Mouse gestures that act, in help order; empty when the mouse is off.
    public var mouse: [MouseBinding]

    public init(_ bindings: [Binding], mouse: [MouseBinding] = []) {
        self.bindings = bindings
        self.mouse = mouse
    }

    /// The same keys with the mouse off (`--no-mouse`).
    public var withoutMouse: KeyBindings { KeyBindings(bindings) }

    /// The action for `event` on `target`, if a mouse binding lets it through.
    public func action(for event: MouseEvent, on target: MouseTarget?) -> DashboardAction? {
        guard let gesture = event.gesture, let target,
              mouse.contains(MouseBinding(gesture, on: target.place)) else { return nil }
        return target.action(for: gesture)
    }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> DashboardAction? {
        bindings.first { $0.key == key }?.action
    }

    /// The dashboard's keys, as README's key table lists them: `1`–`9` coin, Tab/→ and
    /// Shift-Tab/← cycle, `+`/`-` threads, `p` pause, `t` theme, `h`/`?`/F1 help (Esc or the same
    /// key closes it), `q`/Ctrl-C quit, and ↑/↓/PgUp/PgDn to scroll the focused panel.
    public static let `default` = KeyBindings(
        (1...9).map { Binding(.character(Character(String($0))), .selectCoin(index: $0 - 1)) } + [
            Binding(.tab, .nextCoin), Binding(.right, .nextCoin),
            Binding(.backTab, .previousCoin), Binding(.left, .previousCoin),
            Binding(.character("+"), .addThread), Binding(.character("="), .addThread),
            Binding(.character("-"), .removeThread),
            Binding(.character("p"), .togglePause),
            Binding(.character("t"), .nextTheme),
            Binding(.character("h"), .toggleHelp), Binding(.character("?"), .toggleHelp), Binding(.function(1), .toggleHelp),
            Binding(.escape, .closeOverlay),
            Binding(.up, .scrollUp), Binding(.pageUp, .scrollUp),
            Binding(.down, .scrollDown), Binding(.pageDown, .scrollDown),
            Binding(.character("q"), .quit), Binding(.ctrlC, .quit),
        ], mouse: [
            MouseBinding(.click, on: .footerCoin), MouseBinding(.click, on: .panelTitle), MouseBinding(.click, on: .threadRow),
            MouseBinding(.wheelUp, on: .panel), MouseBinding(.wheelDown, on: .panel),
            MouseBinding(.wheelUp, on: .threadRow), MouseBinding(.wheelDown, on: .threadRow),
            MouseBinding(.wheelUp, on: .panelTitle), MouseBinding(.wheelDown, on: .panelTitle),
        ])

    /// One entry per action (per group: all `selectCoin`s share one), keys joined with ` / `,
    /// in the table's order. A run of digit keys is written as a range: `1-9`.
    public func helpEntries(ascii: Bool = false) -> [HelpEntry] {
        var order: [String] = []
        var grouped: [String: [Binding]] = [:]
        for binding in bindings where action(for: binding.key) == binding.action {  // skip shadowed keys
            let group = binding.action.helpGroup
            if grouped[group] == nil { order.append(group) }
            grouped[group, default: []].append(binding)
        }
        let keys = order.map { group in
            let members = grouped[group]!
            let names = members.map { ascii ? $0.key.asciiDescription : $0.key.description }
            return HelpEntry(keys: Self.joinKeys(names), text: members[0].action.helpText, action: members[0].action)
        }
        // One line per way of writing a gesture: the wheel's six bindings are one "wheel" line.
        var mouseEntries: [HelpEntry] = []
        for binding in mouse where !mouseEntries.contains(where: { $0.keys == binding.helpKeys }) {
            guard let action = binding.example.flatMap({ $0.action(for: binding.gesture) }) else { continue }
            mouseEntries.append(HelpEntry(keys: binding.helpKeys, text: binding.helpText, action: action))
        }
        return keys + mouseEntries
    }

    /// The help overlay's lines: keys padded to a common width, then the description.
    public func helpLines(ascii: Bool = false) -> [String] {
        let entries = helpEntries(ascii: ascii)
        let keyWidth = entries.map { TextWidth.width(of: $0.keys) }.max() ?? 0
        return entries.map { TextWidth.fit($0.keys, toWidth: keyWidth) + "  " + $0.text }
    }

    /// `["1", "2", "3"]` → `1-3`; anything else joined with ` / `.
    private static func joinKeys(_ names: [String]) -> String {
        let digits = names.compactMap { Int($0) }
        if names.count > 2, digits.count == names.count, digits == Array(digits[0]...digits[0] + digits.count - 1) {
            return "\(digits.first!)-\(digits.last!)"
        }
        return names.joined(separator: " / ")
    }
}
