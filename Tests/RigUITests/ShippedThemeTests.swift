import Foundation
import Testing
@testable import RigUI

@Suite struct ShippedThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: themesDirectory.path)) ?? [])
            .filter { $0.hasSuffix(".theme") }.sorted()
    }

    @Test func atLeastSixShip() {
        #expect(Set(["default.theme", "mono.theme", "nord.theme", "gruvbox.theme", "dracula.theme", "solarized-light.theme"])
            .isSubset(of: Set(Self.files)))
    }

    @Test(arguments: files)
    func parsesCleanlySettingEveryRoleWithAHeader(file: String) throws {
        let path = Self.themesDirectory.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# "), "a theme starts with a header comment")
        let parsed = try ThemeFile.parse(text, file: path, name: ThemeLoader.themeName(forPath: path))
        #expect(parsed.warnings.isEmpty)
        let keys = Set(text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]") else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 6)..<close])
        })
        #expect(keys == Set(ColorRole.allCases.map(\.rawValue)), "every role is set")
    }

    @Test func defaultThemeFileMatchesTheCompiledInDefault() throws {
        let path = Self.themesDirectory.appendingPathComponent("default.theme").path
        let parsed = try ThemeFile.parse(try String(contentsOfFile: path, encoding: .utf8), file: path, name: "default")
        for role in ColorRole.allCases {
            #expect(parsed.theme[role] == Theme.default[role], "\(role)")
        }
    }

    @Test func monoUsesOnlyTheEightBaseColours() throws {
        let path = Self.themesDirectory.appendingPathComponent("mono.theme").path
        let theme = try ThemeFile.parse(try String(contentsOfFile: path, encoding: .utf8), file: path, name: "mono").theme
        for role in ColorRole.allCases {
            switch theme[role] {
            case .terminalDefault: break
            case .ansi(let colour): #expect(colour.rawValue < 8, "\(role)")
            case .rgb: Issue.record("\(role) is RGB in mono.theme")
            }
        }
    }
}
