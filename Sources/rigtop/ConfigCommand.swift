import ArgumentParser
import RigInput
import Foundation
import RigConfig

/// `rigtop config`: where the config file is, whether it reads cleanly, and an example.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Check the config file, or print a commented example (--example).",
        discussion: """
            Without options, reads the config file and says what it set, or exits 1 with \
            file:line: key: reason. Start a config with:
              mkdir -p ~/.config/rigtop && rigtop config --example > ~/.config/rigtop/config.toml
            """)

    @Flag(name: .long, help: "Print a commented example config and exit.")
    var example = false

    @OptionGroup var options: ConfigOptions

    func run() throws {
        if example {
            print(ConfigFile.example, terminator: "")
            return
        }
        let config = try options.load()
        guard let file = config.file else {
            print("no config file at \(ConfigFile.defaultPath(environment: ProcessInfo.processInfo.environment)); using defaults")
            return
        }
        // Every line quotes the config's own text (coin names, currency, table keys): escaped.
        func say(_ line: String) { print(OutsideText.escaped(line, limit: 2_000)) }
        say("\(file): ok")
        say("  coin \(config.defaultCoin ?? "(default)"), threads \(config.threads.map(String.init) ?? "(default)")")
        say("  electricity \(config.electricityPrice) \(config.currency)/kWh, pool fee \(config.poolFeePercent) %")
        for (symbol, pools) in config.pools.sorted(by: { $0.key < $1.key }) { say("  pools \(symbol): \(pools)") }
        say("  coins: \(config.coins.map(\.symbol).joined(separator: ", "))")
    }
}
