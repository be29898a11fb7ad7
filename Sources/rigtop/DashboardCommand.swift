import ArgumentParser
import Foundation
import RigConfig
import RigEngine
import RigMiners
import RigRuntime
import RigSensors
import RigUI

/// `rigtop` (no subcommand): the live dashboard over the embedded miner and the sensors.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard (the default command).",
        discussion: """
            Mines on benchmark work (no pool needed) and shows hashrate, threads, temperatures, \
            frequency, throttling and power, updated every second. Press h in the dashboard for \
            the keys. The dashboard stops shedding threads and then mining when the CPU gets too \
            hot (--temp-limit), and resumes by itself when it has cooled.

            With --miner URL it opens on a miner rigtop does not run instead, read through that \
            miner's API (xmrig://[token@]host:port, cgminer://host:4028, cpuminer://host:4048): \
            its rates per thread or device, this machine's sensors and power, and earnings at the \
            miner's rate. p pauses and resumes xmrig (its API needs a token and \
            --http-no-restricted); the other keys say why they cannot act on such a miner.
            """)

    @OptionGroup var mining: MiningOptions

    @Option(name: .long, help: ArgumentHelp(
        "Watch a miner rigtop does not run, through its API, instead of mining: xmrig://[token@]host:port, cgminer://host:4028, cpuminer://host:4048.",
        valueName: "url"),
            transform: FarmCommand.parseMiner)
    var miner: MinerEndpoint?

    @OptionGroup var api: APIOptions

    @Option(name: .long, help: "Theme name (from themes/) or path to a .theme file (btop themes work too).")
    var theme: String?

    @Option(name: .long, help: "Seconds between sensor samples, 0.1 to 3600.",
            transform: NumericOption.number(in: 0.1...3600))
    var sensorInterval: Double = 1

    @Option(name: .long, help: "Write log lines to this file (nothing is printed while the dashboard is up).")
    var log: String?

    @Flag(name: .long, help: "Leave the mouse to the terminal (to select text) instead of clicking coins, panels and threads.")
    var noMouse = false

    func validate() throws {
        if miner != nil {
            // What only the embedded miner uses is refused, not ignored: the user meant something by it.
            let given: [(String, Bool)] = [
                ("--threads", mining.threads != nil), ("--pool", !mining.pools.isEmpty),
                ("--payout", mining.payout != nil || mining.payoutScript != nil), ("--randomx-light", mining.randomXLight),
                ("--ledger", mining.ledger != nil), ("--market-url", mining.marketUrl != nil),
                ("--api", api.http != nil), ("--cgminer-api", api.cgminer != nil), ("--cpuminer-api", api.cpuminer != nil),
            ]
            if let refused = given.first(where: { $0.1 }) {
                throw ValidationError("\(refused.0) is for the miner rigtop runs; with --miner rigtop only watches (use `rigtop exporter` to serve a miner's figures)")
            }
        }
        guard isatty(0) == 1 && isatty(1) == 1 else {
            throw ValidationError("the dashboard needs a terminal; for scripts and services use `rigtop bench` or `rigtop mine`")
        }
        if let problem = NcursesScreen.drawingProblem(environment: ProcessInfo.processInfo.environment) {
            throw ValidationError(problem)
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // The whole config is read and checked before anything starts; options override it.
        let config = try mining.configOptions.load()
        let logFile = try log.map { try LogFile(path: $0) }
        if let miner {
            try await watch(miner, config: config, environment: environment, log: { line in logFile?.write(line) })
            return
        }
        let rig = try Rig(setup: mining.rigSetup(config, sensorInterval: sensorInterval,
                                                 log: { line in logFile?.write(line) }))
        let (loader, initialTheme) = loadTheme(config: config, environment: environment, board: rig.board)

        let apis = try await api.start(rig: rig, config: config, log: { line in logFile?.write(line) })
        await rig.start()
        let exit = await Self.runOnTerminalThread(model: model(rig.board.current, environment: environment), board: rig.board,
                                                  themes: ThemeCycle(loader: loader, initial: initialTheme),
                                                  environment: environment, mouse: !noMouse) { rig.send($0) }
        await apis.stop()
        await rig.stop()
        if case .signal(let number) = exit {
            throw ExitCode(128 + number)
        }
    }

    /// The dashboard over a miner rigtop does not run: the runtime's watched miner in place of a
    /// rig, with this machine's sensors.
    func watch(_ endpoint: MinerEndpoint, config: RigtopConfig, environment: [String: String],
               log: @escaping @Sendable (String) -> Void) async throws {
        let coin = try mining.coin.map { symbol in
            guard let coin = config.coin(named: symbol) else {
                throw ValidationError("unknown coin \(symbol); known: \(config.coins.map(\.symbol).joined(separator: ", "))")
            }
            return coin
        }
        let watched = WatchedMiner(endpoint: endpoint, coins: config.coins, coin: coin, earnings: config.earnings,
                                   makeSampler: mining.samplerFactory(config), sensorInterval: sensorInterval,
                                   thermalGuard: mining.thermalGuard(config), log: log)
        let (loader, initialTheme) = loadTheme(config: config, environment: environment, board: watched.board)
        await watched.start()
        let exit = await Self.runOnTerminalThread(model: model(watched.board.current, environment: environment),
                                                  board: watched.board,
                                                  themes: ThemeCycle(loader: loader, initial: initialTheme),
                                                  environment: environment, mouse: !noMouse) { watched.send($0) }
        await watched.stop()
        if case .signal(let number) = exit {
            throw ExitCode(128 + number)
        }
    }

    /// The theme from `--theme`, else the config's; a broken one is a notice on `board`.
    func loadTheme(config: RigtopConfig, environment: [String: String], board: RigStateBoard) -> (ThemeLoader, ThemeLoader.Loaded) {
        let loader = ThemeLoader(
            environment: environment, executablePath: Bundle.main.executablePath,
            currentDirectory: FileManager.default.currentDirectoryPath)
        let initialTheme = loader.load(self.theme ?? config.theme)
        if let error = initialTheme.error { board.post(notice: "\(error) — using the default theme") }
        return (loader, initialTheme)
    }

    /// The first frame's model over `state`, with the locale's glyphs and the mouse setting.
    func model(_ state: RigState, environment: [String: String]) -> DashboardModel {
        var model = DashboardModel(rig: state)
        model.glyphs = GlyphSet.forLocale(environment: environment)
        if noMouse { model.bindings = model.bindings.withoutMouse }
        return model
    }

    /// Runs the dashboard loop on a thread of its own: curses blocks in `wget_wch`, which must
    /// not tie up one of Swift's few cooperative threads.
    static func runOnTerminalThread(model: DashboardModel, board: RigStateBoard, themes: ThemeCycle,
                                    environment: [String: String], mouse: Bool,
                                    send: @escaping @Sendable (EngineCommand) -> Void) async -> Dashboard<NcursesScreen>.Exit {
        await TerminalThread.run(environment: environment, mouse: mouse) { screen, pendingSignal in
            var dashboard = Dashboard(screen: screen, model: model, board: board, themes: themes, send: send)
            return dashboard.run(pendingSignal: pendingSignal)
        }
    }
}
