import Foundation
import RigInput

/// Finds and loads the theme `--theme NAME|PATH` names, in btop's lookup order, falling back to
/// `Theme.default` (with the error kept for the dashboard to show) when that fails.
///
/// Lookup: a PATH (anything with a `/` or ending in `.theme`) is read as is; a NAME is looked up as
/// `NAME.theme` in `$XDG_CONFIG_HOME/rigtop/themes` (default `~/.config`),
/// `<exe>/../share/rigtop/themes` and `./themes` (for `swift run`), first match wins.
/// The environment, executable path and working directory are passed in, so tests need no globals.
public struct ThemeLoader: Sendable {
    /// The process environment (`ProcessInfo.processInfo.environment` in the executable).
    public var environment: [String: String]
    /// The running executable's path, for `<exe>/../share/rigtop/themes`; `nil` to skip that place.
    public var executablePath: String?
    /// The directory `./themes` is relative to.
    public var currentDirectory: String

    public init(environment: [String: String], executablePath: String?, currentDirectory: String) {
        self.environment = environment
        self.executablePath = executablePath
        self.currentDirectory = currentDirectory
    }

    /// The outcome of `load(_:)`: always a usable theme, plus what went wrong, if anything.
    public struct Loaded: Sendable {
        /// The theme asked for, or `Theme.default` when it could not be loaded.
        public var theme: Theme
        /// The file the theme came from; `nil` for the compiled-in default.
        public var path: String?
        /// Why the requested theme was not used; show it, then carry on with `theme`.
        public var error: ThemeError?
        /// Skipped lines (unknown keys) of a theme that did load.
        public var warnings: [ThemeWarning]
    }

    /// The directories searched for `NAME.theme`, in order.
    public var searchDirectories: [String] {
        var directories: [String] = []
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            directories.append(xdg + "/rigtop/themes")
        } else if let home = environment["HOME"], !home.isEmpty {
            directories.append(home + "/.config/rigtop/themes")
        }
        if let executablePath {
            let binDirectory = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
            directories.append(binDirectory.deletingLastPathComponent().appendingPathComponent("share/rigtop/themes").path)
        }
        directories.append(URL(fileURLWithPath: currentDirectory).appendingPathComponent("themes").path)
        return directories
    }

    /// The file `nameOrPath` refers to, or `nil` when there is none.
    public func locate(_ nameOrPath: String) -> String? {
        if Self.isPath(nameOrPath) {
            let path = nameOrPath.hasPrefix("/") ? nameOrPath : currentDirectory + "/" + nameOrPath
            return FileManager.default.isReadableFile(atPath: path) ? path : nil
        }
        return searchDirectories.lazy
            .map { $0 + "/" + nameOrPath + ".theme" }
            .first { FileManager.default.isReadableFile(atPath: $0) }
    }

    /// Loads the theme `nameOrPath` names; `nil` or `"default"` with no `default.theme` found
    /// gives the compiled-in default without an error.
    public func load(_ nameOrPath: String?) -> Loaded {
        let request = nameOrPath ?? "default"
        guard let path = locate(request) else {
            if request == "default" { return Loaded(theme: .default, path: nil, error: nil, warnings: []) }
            let places = Self.isPath(request) ? "" : " (looked in \(searchDirectories.joined(separator: ", ")))"
            return fallback(ThemeError(file: request, line: 0, message: "theme not found\(places)"))
        }
        let text: String
        do { text = try OutsideFile.text(atPath: path) } catch {
            return fallback(ThemeError(file: path, line: 0, message: "cannot read: \(error)"))
        }
        do {
            let parsed = try ThemeFile.parse(text, file: path, name: Self.themeName(forPath: path))
            return Loaded(theme: parsed.theme, path: path, error: nil, warnings: parsed.warnings)
        } catch {
            return fallback(error)
        }
    }

    /// The names of every theme found in the search directories, sorted, without duplicates;
    /// the `t` key cycles through these.
    public func availableThemeNames() -> [String] {
        var names: Set<String> = ["default"]
        for directory in searchDirectories {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for entry in entries where entry.hasSuffix(".theme") { names.insert(Self.themeName(forPath: entry)) }
        }
        return names.sorted()
    }

    /// `nord` for `/x/themes/nord.theme`.
    public static func themeName(forPath path: String) -> String {
        let file = URL(fileURLWithPath: path).lastPathComponent
        return file.hasSuffix(".theme") ? String(file.dropLast(6)) : file
    }

    private static func isPath(_ request: String) -> Bool {
        request.contains("/") || request.hasSuffix(".theme")
    }

    private func fallback(_ error: ThemeError) -> Loaded {
        Loaded(theme: .default, path: nil, error: error, warnings: [])
    }
}
