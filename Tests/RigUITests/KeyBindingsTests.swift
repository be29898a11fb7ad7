import Testing
@testable import RigUI

@Suite struct KeyBindingsTests {
    let bindings = KeyBindings.default

    @Test(arguments: [
        (Key.character("1"), DashboardAction.selectCoin(index: 0)), (.character("9"), .selectCoin(index: 8)),
        (.tab, .nextCoin), (.right, .nextCoin), (.backTab, .previousCoin), (.left, .previousCoin),
        (.character("+"), .addThread), (.character("-"), .removeThread), (.character("p"), .togglePause),
        (.character("t"), .nextTheme), (.character("h"), .toggleHelp), (.character("?"), .toggleHelp),
        (.escape, .closeOverlay), (.character("q"), .quit), (.ctrlC, .quit),
        (.up, .scrollUp), (.down, .scrollDown),
    ])
    func issueFourBindings(key: Key, action: DashboardAction) {
        #expect(bindings.action(for: key) == action)
    }

    @Test(arguments: [Key.character("0"), .character("x"), .character("P"), .resize, .function(12), .control("d")])
    func unboundKeysDoNothing(key: Key) {
        #expect(bindings.action(for: key) == nil)
    }

    @Test func helpListsEveryBoundKeyOncePerAction() {
        let entries = bindings.withoutMouse.helpEntries()
        #expect(entries.first == KeyBindings.HelpEntry(keys: "1-9", text: "pick a coin by its position in the coin list", action: .selectCoin(index: 0)))
        #expect(entries.map(\.keys).contains("Tab / →"))
        #expect(entries.map(\.keys).contains("q / Ctrl-C"))
        let listed = entries.map(\.keys).joined(separator: " / ")
        for binding in bindings.bindings where !binding.key.description.allSatisfy(\.isNumber) {
            #expect(listed.contains(binding.key.description), "\(binding.key) missing from help")
        }
        #expect(Set(entries.map { $0.action.helpGroup }).count == entries.count)
    }

    @Test func helpLinesAreAligned() {
        let lines = bindings.withoutMouse.helpLines(ascii: true)
        #expect(lines.first == "1-9               pick a coin by its position in the coin list")
        #expect(lines.contains("Tab / Right       next coin"))
        #expect(lines.contains("Shift-Tab / Left  previous coin"))
        #expect(lines.contains("q / Ctrl-C        quit"))
        #expect(lines.allSatisfy { $0.count > 18 && $0.dropFirst(16).hasPrefix("  ") })
    }

    @Test func aShadowedBindingIsNotAdvertised() {
        let custom = KeyBindings([.init(.character("q"), .quit), .init(.character("q"), .togglePause)])
        #expect(custom.action(for: .character("q")) == .quit)
        #expect(custom.helpEntries().map(\.action) == [.quit])
    }

    @Test func keyNames() {
        #expect([Key.character(" "), .control("c"), .backTab, .function(1), .pageDown].map(\.description) == ["Space", "Ctrl-C", "Shift-Tab", "F1", "PgDn"])
        #expect(Key.ctrlC == .control("c"))
    }
}
