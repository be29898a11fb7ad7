import ArgumentParser
import Foundation
import RigAPI
import RigConfig
import RigInput
import RigMiners

/// `rigtop exporter`: miners rigtop does not run, read through their own APIs and served on
/// `/metrics` for Prometheus. Wiring only: reading is RigMiners', serving RigAPI's.
struct ExporterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exporter",
        abstract: "Serve miners rigtop does not run (cgminer, xmrig, cpuminer, lolMiner, T-Rex, GMiner APIs) on /metrics for Prometheus.",
        discussion: """
            Reads each --miner (and [[farm.miners]] in the config) every --interval seconds, all \
            together, each within a 3 s deadline, and serves the last reads on /metrics with \
            rigtop's metric names plus miner and kind labels, for a Prometheus to scrape as job \
            rigtop-exporter (deploy/prometheus/, with alerts for a miner down, a hash board lost \
            and a fan stopped). SIGINT or SIGTERM stops it.

            Examples:
              rigtop exporter --api 127.0.0.1:9465 --miner cgminer://10.0.0.7:4028
              rigtop exporter --api 0.0.0.0:9465 --api-token-file /etc/rigtop/token --miner xmrig://T@10.0.0.8:8080
            """)

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .customLong("api"), help: ArgumentHelp(
        "Serve /metrics on [HOST:]PORT; host 127.0.0.1 unless given.", valueName: "[host:]port"))
    var api: String

    @OptionGroup var access: APITokenOptions

    @Option(name: .customLong("miner"), help: ArgumentHelp(
        "A miner read through its own API: \(MinerEndpoint.urlForms) (repeat for each).",
        valueName: "url"),
            transform: FarmCommand.parseMiner)
    var miners: [MinerEndpoint] = []

    @Option(name: .long, help: "Seconds between reads of the miners, 1 to 3600.", transform: NumericOption.number(in: 1...3600))
    var interval: Double = 5

    func validate() throws {
        do { _ = try APIEndpoint(parsing: api) } catch { throw ValidationError("\(error)") }
    }

    func run() async throws {
        let config = try configOptions.load()
        let all = FarmCommand.merged(miners, config.farmMiners)
        guard !all.isEmpty else { throw ValidationError("no miners: give --miner URL or [[farm.miners]] in the config") }
        let endpoint: APIEndpoint
        do { endpoint = try APIEndpoint(parsing: api) } catch { throw ValidationError("\(error)") }
        let tokenText = try access.text()
        let log = MineLog(toStandardError: true)
        let stop = StopSignal()
        let signals = stop.install()
        let exporter: MinerExporter
        do {
            exporter = try MinerExporter(endpoint: endpoint, token: tokenText.flatMap(AccessToken.init),
                                         readers: all.map { $0.reader() }, interval: interval)
        } catch { throw ValidationError(error.description) }
        try await exporter.start()
        log.write("rigtop exporter on \(endpoint.host):\(exporter.port)/metrics, \(all.count) miners every \(interval) s: "
                  + all.map(\.id).joined(separator: ", "))
        while stop.received == nil { try? await Task.sleep(for: .milliseconds(100)) }
        log.write("\(stop.received ?? "signal"): stopping")
        await exporter.stop()
        for source in signals { source.cancel() }
    }
}
