import ArgumentParser
import Glibc

/// rigtop: a live dashboard for mining rigs, with its own miner inside.
@main
struct RigtopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rigtop",
        abstract: "A live dashboard for mining rigs, with its own miner inside.",
        subcommands: [DashboardCommand.self, BenchCommand.self, MineCommand.self, HashCommand.self, SensorsCommand.self,
                      CoinsCommand.self, ConfigCommand.self, LedgerCommand.self, FarmCommand.self],
        defaultSubcommand: DashboardCommand.self)

    /// A closed pipe (`rigtop mine | head -1`) must fail a write, not kill the miner: SIGPIPE is
    /// ignored and failed writes are counted (``OutputChannel``).
    static func main() async {
        signal(SIGPIPE, SIG_IGN)
        await main(nil)
    }
}
