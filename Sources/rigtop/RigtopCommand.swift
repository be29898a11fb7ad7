import ArgumentParser
import Glibc
import RigInput
import RigRuntime

/// rigtop: a live dashboard for mining rigs, with its own miner inside.
@main
struct RigtopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rigtop",
        abstract: "A live dashboard for mining rigs, with its own miner inside.",
        subcommands: [DashboardCommand.self, BenchCommand.self, MineCommand.self, HashCommand.self, SensorsCommand.self,
                      CoinsCommand.self, ConfigCommand.self, LedgerCommand.self, FarmCommand.self,
                      ExporterCommand.self],
        defaultSubcommand: DashboardCommand.self)

    /// The exit status of a usage error (a bad flag or value): 2, as getopt-style tools and
    /// xmrig use, rather than ArgumentParser's `EX_USAGE` (64).
    static let usageErrorStatus: Int32 = 2

    /// A closed pipe (`rigtop mine | head -1`) must fail a write, not kill the miner: SIGPIPE is
    /// ignored and failed writes are counted (``OutputChannel``); so is a profiler's SIGPROF
    /// (``StopSignals/ignored``).
    static func main() async {
        for number in StopSignals.ignored { signal(number, SIG_IGN) }
        var chosen: (any ParsableCommand.Type)?
        do {
            var command = try await asyncParseAsRoot(nil)
            chosen = type(of: command)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(reporting: error, from: chosen)
        }
    }

    /// Prints `error` the way ArgumentParser does, except that a usage error thrown while a
    /// subcommand runs shows that subcommand's usage (not the top level's), every usage error
    /// exits with ``usageErrorStatus``, and each line of an error goes through ``OutsideText``:
    /// messages quote flag values and config text, which must not reach the terminal raw.
    static func exit(reporting error: any Error, from command: (any ParsableCommand.Type)?) -> Never {
        let code = exitCode(for: error)
        var text = fullMessage(for: error)
        if code == .validationFailure, let command, command != Self.self, let validation = error as? ValidationError {
            let name = "rigtop " + (command.configuration.commandName ?? "")
            text = "Error: \(validation.message)\n"
                + "Usage: \(usageString(for: command))\n"
                + "  See '\(name) --help' for more information."
        }
        if !text.isEmpty {
            if code == .success {
                print(text)
            } else {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                OutputChannel.standardError.write(lines.map { OutsideText.escaped($0, limit: 2_000) }.joined(separator: "\n") + "\n")
            }
        }
        Glibc.exit(code == .validationFailure ? usageErrorStatus : code.rawValue)
    }
}
