import ArgumentParser
import Foundation
import RigConfig
import RigFarm
import RigFarmSources
import RigInput
import RigMiners
import RigUI

/// `rigtop farm`: every rig on one screen, through Prometheus or each rig's state document.
/// Wiring only: the data side is RigFarm, the screen RigUI's farm view.
struct FarmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "farm",
        abstract: "Every rig on one screen, through Prometheus (or each rig's /api/v1/state).",
        discussion: """
            Rigs run `rigtop mine --api` (or the dashboard with --api); Prometheus scrapes their \
            /metrics (deploy/prometheus/). `rigtop farm --prometheus URL` shows one row per rig, \
            totals per coin and the firing alerts. Without Prometheus, `--rig URL` (repeated) \
            reads each rig directly. `--once --json` prints one snapshot for scripts.

            Examples:
              rigtop farm --prometheus http://127.0.0.1:9090
              rigtop farm --rig http://10.0.0.5:60080 --rig http://10.0.0.6:60080
              rigtop farm --miner cgminer://10.0.0.7:4028 --miner xmrig://TOKEN@10.0.0.8:8080 --once --json
              rigtop farm --prometheus http://prom:9090 --once --json | jq '.rigs[] | select(.state == "down")'
            """)

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("Prometheus' base URL (default: [farm] prometheus in the config).", valueName: "url"))
    var prometheus: String?

    @Option(name: .customLong("rig"), help: ArgumentHelp("A rig's API base URL, read directly (repeat for each rig).", valueName: "url"))
    var rigs: [String] = []

    @Option(name: .customLong("miner"), help: ArgumentHelp(
        "A miner read through its own API: \(MinerEndpoint.urlForms) (repeat for each; beside --rig).",
        valueName: "url"),
            transform: FarmCommand.parseMiner)
    var miners: [MinerEndpoint] = []

    @Option(name: .long, help: ArgumentHelp("Bearer token sent to the rigs (--rig) or Prometheus. Prefer --token-file.", valueName: "token"))
    var token: String?

    @Option(name: .long, help: ArgumentHelp("Read the bearer token from this file.", valueName: "file"))
    var tokenFile: String?

    @Flag(name: .long, help: "Print one snapshot and exit.")
    var once = false

    @Flag(name: .long, help: "With --once: print JSON (rigs, totals per coin, firing alerts).")
    var json = false

    @Option(name: .long, help: ArgumentHelp(
        "Query Prometheus at this time (Unix seconds, 0 to 1e11, or RFC 3339) instead of now: backfilled data, benchmarks.", valueName: "time"),
            transform: FarmCommand.parseTime)
    var time: Double?

    @Option(name: .long, help: "Seconds between refreshes, 0.2 to 3600.",
            transform: NumericOption.number(in: 0.2...3600))
    var interval: Double = 5

    @Option(name: .long, help: "Theme name (from themes/) or path to a .theme file.")
    var theme: String?

    @Option(name: .long, help: ArgumentHelp(
        "Refresh N times and print what a refresh costs as JSON (queries and parsing, sort, layout and drawing a 200x60 frame, a scroll step, peak memory), for the benchmark.",
        valueName: "N"),
            transform: NumericOption.whole(in: 1...1000))
    var measure: Int?

    func validate() throws {
        if !rigs.isEmpty || !miners.isEmpty, prometheus != nil { throw ValidationError("give --prometheus or --rig/--miner, not both") }
        if !rigs.isEmpty || !miners.isEmpty, time != nil { throw ValidationError("--time needs Prometheus: rigs only know the present") }
        for url in rigs + [prometheus].compactMap({ $0 }) where !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw ValidationError("\(OutsideText.escaped(url)) is not an http:// or https:// URL")
        }
        if json, !once { throw ValidationError("--json goes with --once") }
        if !once, measure == nil, isatty(0) != 1 || isatty(1) != 1 {
            throw ValidationError("the farm view needs a terminal; for scripts use --once --json")
        }
        if !once, measure == nil, let problem = NcursesScreen.drawingProblem(environment: ProcessInfo.processInfo.environment) {
            throw ValidationError(problem)
        }
    }

    func run() async throws {
        let config = try configOptions.load()
        let source = try makeSource(config)
        if let measure {
            let report = try await FarmMeasure.run(source: source, refreshes: measure, size: TerminalSize(columns: 200, rows: 60))
            _ = OutputChannel.standardOutput.write(report.serialized + "\n")
            return
        }
        if once {
            do {
                let snapshot = try await source.snapshot()
                _ = OutputChannel.standardOutput.write((json ? snapshot.json.serialized : FarmLayout.text(snapshot, now: Date().timeIntervalSince1970)) + "\n")
            } catch {
                _ = OutputChannel.standardError.write("rigtop farm: \(error)\n")
                throw ExitCode(1)
            }
            return
        }
        try await FarmScreenCommand.run(source: source, theme: theme ?? config.theme, interval: interval)
    }

    /// Prometheus (flag, else config) or the rigs and miners; none of them is an error that says
    /// how to give one. `[[farm.miners]]` joins `--rig`/`--miner` in direct mode, and is direct
    /// mode on its own when no Prometheus is configured; beside a Prometheus the config's miners
    /// are the exporter's to read, and the farm sees them through Prometheus.
    func makeSource(_ config: RigtopConfig) throws -> any FarmSource {
        let bearer = try readToken()
        let now: @Sendable () -> Double = { Date().timeIntervalSince1970 }
        let prometheusURL = prometheus ?? config.farmPrometheus
        if rigs.isEmpty, miners.isEmpty, let url = prometheusURL {
            return PrometheusFarmSource(client: PrometheusClient(baseURL: url, headers: bearer.map { [("Authorization", "Bearer \($0)")] } ?? []),
                                        time: time, now: now)
        }
        let rigSource = rigs.isEmpty ? nil : RigStateFarmSource(rigs: rigs, token: bearer, now: now)
        let allMiners = Self.merged(miners, config.farmMiners)
        if rigSource != nil || !allMiners.isEmpty, time != nil {
            throw ValidationError("--time needs Prometheus: rigs and miners only know the present")
        }
        // Without Prometheus, rigtop evaluates the alert rules Prometheus would.
        if !allMiners.isEmpty {
            return AlertingFarmSource(MinerFarmSource(rigs: rigSource, miners: allMiners.map { $0.reader() }, now: now))
        }
        guard let rigSource else {
            throw ValidationError("no Prometheus: give --prometheus URL, [farm] prometheus in the config, --rig URL, --miner URL or [[farm.miners]]")
        }
        return AlertingFarmSource(rigSource)
    }

    /// The command line's miners, then the config's that name another miner (by id or URL).
    static func merged(_ given: [MinerEndpoint], _ configured: [MinerEndpoint]) -> [MinerEndpoint] {
        var seen = Set(given.map(\.id) + given.map(\.display))
        return given + configured.filter { seen.insert($0.id).inserted && seen.insert($0.display).inserted }
    }

    @Sendable static func parseMiner(_ text: String) throws -> MinerEndpoint {
        do {
            return try MinerEndpoint.parse(text)
        } catch {
            throw ValidationError(error.reason)
        }
    }

    /// `--time`: decimal Unix seconds (0 to 1e11, about the year 5138), else an RFC 3339 time.
    @Sendable static func parseTime(_ text: String) throws -> Double {
        if let seconds = try? NumericOption.number(in: 0...1e11)(text) { return seconds }
        if let seconds = RFC3339Time.seconds(text), (0...1e11).contains(seconds) { return seconds }
        throw NumericOption.Refusal(expected: "Unix seconds from 0 to 1e11 or an RFC 3339 time")
    }

    func readToken() throws -> String? {
        guard let tokenFile else { return token }
        do {
            return try OutsideFile.text(atPath: tokenFile, limit: 4096).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw ValidationError("cannot read the token file \(tokenFile): \(error)")
        }
    }
}
