import ArgumentParser

/// rigtop: a live dashboard for mining rigs, with its own miner inside.
@main
struct RigtopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rigtop",
        abstract: "A live dashboard for mining rigs, with its own miner inside.",
        subcommands: [DashboardCommand.self, BenchCommand.self, MineCommand.self, HashCommand.self, SensorsCommand.self,
                      CoinsCommand.self, ConfigCommand.self, LedgerCommand.self],
        defaultSubcommand: DashboardCommand.self)
}
