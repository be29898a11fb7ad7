/// The table from keys to dashboard actions; the help overlay and footer are generated from it,
/// so the keys they list can never drift from the keys that work.
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

    /// Bindings in help order; when a key appears twice the first binding wins.
    public var bindings: [Binding]

    public init(_ bindings: [Binding]) {
        self.bindings = bindings
    }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> DashboardAction? {
        bindings.first { $0.key == key }?.action
    }

    /// The bindings from issue 4: `1`–`9` coin, Tab/→ and Shift-Tab/← cycle, `+`/`-` threads,
    /// `p` pause, `t` theme, `h`/`?` help (Esc or the same key closes it), `q`/Ctrl-C quit,
    /// and ↑/↓/PgUp/PgDn to scroll the threads table.
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
        return order.map { group in
            let members = grouped[group]!
            let names = members.map { ascii ? $0.key.asciiDescription : $0.key.description }
            return HelpEntry(keys: Self.joinKeys(names), text: members[0].action.helpText, action: members[0].action)
        }
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
