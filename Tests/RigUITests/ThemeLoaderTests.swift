import Foundation
import Testing
@testable import RigUI

@Suite struct ThemeLoaderTests {
    /// A fresh temporary tree: `config/rigtop/themes`, `prefix/bin`, `prefix/share/rigtop/themes`, `work/themes`.
    struct Tree {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-themes-\(UUID().uuidString)")
            for directory in ["config/rigtop/themes", "prefix/bin", "prefix/share/rigtop/themes", "work/themes"] {
                try FileManager.default.createDirectory(at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
            }
        }
        func write(_ relativePath: String, _ text: String) throws {
            try text.write(to: root.appendingPathComponent(relativePath), atomically: true, encoding: .utf8)
        }
        var loader: ThemeLoader {
            ThemeLoader(
                environment: ["XDG_CONFIG_HOME": root.appendingPathComponent("config").path, "HOME": "/nonexistent"],
                executablePath: root.appendingPathComponent("prefix/bin/rigtop").path,
                currentDirectory: root.appendingPathComponent("work").path)
        }
        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    @Test func searchOrderIsXdgThenShareThenWorkingDirectory() throws {
        let tree = try Tree()
        defer { tree.remove() }
        #expect(tree.loader.searchDirectories == [
            tree.root.appendingPathComponent("config/rigtop/themes").path,
            tree.root.appendingPathComponent("prefix/share/rigtop/themes").path,
            tree.root.appendingPathComponent("work/themes").path,
        ])
        try tree.write("work/themes/nord.theme", "theme[title]=\"#000003\"\n")
        #expect(tree.loader.load("nord").theme[.title] == .hex(0x000003))
        try tree.write("prefix/share/rigtop/themes/nord.theme", "theme[title]=\"#000002\"\n")
        #expect(tree.loader.load("nord").theme[.title] == .hex(0x000002))
        try tree.write("config/rigtop/themes/nord.theme", "theme[title]=\"#000001\"\n")
        let loaded = tree.loader.load("nord")
        #expect(loaded.theme[.title] == .hex(0x000001))
        #expect(loaded.theme.name == "nord")
        #expect(loaded.error == nil)
        #expect(loaded.path == tree.root.appendingPathComponent("config/rigtop/themes/nord.theme").path)
    }

    @Test func homeConfigWhenXdgIsUnset() {
        let loader = ThemeLoader(environment: ["HOME": "/home/miner"], executablePath: nil, currentDirectory: "/w")
        #expect(loader.searchDirectories == ["/home/miner/.config/rigtop/themes", "/w/themes"])
    }

    @Test func aPathIsReadAsIsRelativeToTheWorkingDirectory() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write("work/mine.theme", "theme[main_bg]=\"#101010\"\n")
        let loaded = tree.loader.load("mine.theme")
        #expect(loaded.error == nil)
        #expect(loaded.theme[.background] == .hex(0x101010))
        #expect(tree.loader.load(tree.root.appendingPathComponent("work/mine.theme").path).theme.name == "mine")
    }

    @Test func aBrokenThemeFallsBackToTheDefaultKeepingTheError() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write("work/themes/broken.theme", "# fine\ntheme[main_bg]=\"#zzzzzz\"\n")
        let loaded = tree.loader.load("broken")
        #expect(loaded.theme == .default)
        #expect(loaded.path == nil)
        let error = try #require(loaded.error)
        #expect(error.file.hasSuffix("work/themes/broken.theme"))
        #expect(error.line == 2)
    }

    @Test func aMissingThemeFallsBackButDefaultNeedsNoFile() throws {
        let tree = try Tree()
        defer { tree.remove() }
        let missing = tree.loader.load("nope")
        #expect(missing.theme == .default)
        #expect(missing.error?.message.hasPrefix("theme not found") == true)
        #expect(tree.loader.load(nil).error == nil)
        #expect(tree.loader.load("default").theme == .default)
    }

    @Test func availableNamesFromEveryDirectory() throws {
        let tree = try Tree()
        defer { tree.remove() }
        try tree.write("work/themes/nord.theme", "")
        try tree.write("config/rigtop/themes/mine.theme", "")
        try tree.write("config/rigtop/themes/notes.txt", "")
        #expect(tree.loader.availableThemeNames() == ["default", "mine", "nord"])
    }
}
