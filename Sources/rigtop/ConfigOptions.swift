import ArgumentParser
import Foundation
import RigConfig

/// `--config FILE`, shared by every command that reads the config file.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Config file (default: $XDG_CONFIG_HOME/rigtop/config.toml, else ~/.config/rigtop/config.toml).",
        valueName: "file"))
    var config: String?

    /// The whole file, checked, or the defaults when the default file is absent. Throws a
    /// `ConfigError` (file:line: key: reason) on any problem, before anything starts.
    func load() throws -> RigtopConfig {
        try ConfigFile.load(path: config, environment: ProcessInfo.processInfo.environment)
    }
}
