import ArgumentParser
import Foundation
import RigConfig
import RigEngine
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
            """)

    @OptionGroup var mining: MiningOptions

    @Option(name: .long, help: "Theme name (from themes/) or path to a .theme file (btop themes work too).")
    var theme: String?

    @Option(name: .long, help: "Seconds between sensor samples.")
    var sensorInterval: Double = 1

    @Option(name: .long, help: "Write log lines to this file (nothing is printed while the dashboard is up).")
    var log: String?

    func validate() throws {
        guard sensorInterval >= 0.1 else { throw ValidationError("--sensor-interval must be at least 0.1") }
        guard isatty(0) == 1 && isatty(1) == 1 else {
            throw ValidationError("the dashboard needs a terminal; for scripts and services use `rigtop bench` or `rigtop mine`")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        // The whole config is read and checked before anything starts; options override it.
        let config = try mining.configOptions.load()
        let (startCoin, poolSettings, threads, kernels) = try mining.resolve(config)
        let theme = self.theme ?? config.theme
        let records = try LedgerSession(path: mining.ledger, disabled: mining.noLedger, settings: config.earnings)
        let loader = ThemeLoader(
            environment: environment, executablePath: Bundle.main.executablePath,
            currentDirectory: FileManager.default.currentDirectoryPath)
        let initialTheme = loader.load(theme)
        let mailbox = SnapshotMailbox()
        if let error = initialTheme.error { mailbox.post(notice: "\(error) — using the default theme") }

        let logFile = try log.map { try LogFile(path: $0) }
        let engine = MiningEngine(configuration: .init(
            coin: startCoin, threads: threads, kernels: kernels,
            workSource: records.recording(PoolWorkSource.factory(
                settings: { $0.symbol == startCoin.symbol ? poolSettings : config.pools(for: $0) },
                log: { line in logFile?.write(line) }))))
        let (commands, commandSink) = AsyncStream.makeStream(of: EngineCommand.self)
        // One consumer keeps commands in key order.
        let commandTask = Task { for await command in commands { await engine.send(command) } }
        await engine.start()
        let snapshotTask = Task {
            for await snapshot in await engine.stats.snapshots() { mailbox.post(engine: snapshot) }
        }
        let minutes = records.recordMinutes(of: engine, power: { mailbox.latestWatts },
                                            temperature: { mailbox.latestCPUTemperature })
        let market = records.refreshMarket(url: mining.marketUrl, coins: config.coins, engine: engine,
                                           log: { line in logFile?.write(line) })

        let collector = SensorCollector()
        collector.start(
            interval: sensorInterval, mailbox: mailbox, configuredThreads: threads,
            thermalGuard: mining.thermalGuard(config), makeSampler: mining.samplerFactory(config),
            threads: { engine.pool.threadCount },
            apply: { action in
                switch action {
                case .none: break
                case .shedThread: commandSink.yield(.removeThread)
                case .restoreThread: commandSink.yield(.addThread)
                case .stop(let reason): commandSink.yield(.stopTooHot(reason: reason))
                case .resume: commandSink.yield(.resume)
                }
            })

        var model = DashboardModel(engine: await engine.stats.latest)
        model.glyphs = GlyphSet.forLocale(environment: environment)
        model.coins = config.coins
        model.earnings = config.earnings
        model.ledgerTotals = records.totals()
        // The totals move as shares land and the day turns: re-read them once a minute, here and
        // not on the terminal thread (a database read is I/O).
        let totalsTask = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(60))
                if let totals = records.totals() { mailbox.post(ledgerTotals: totals) }
            }
        }
        model.wallClockAtStart = Date().timeIntervalSince1970 - model.engine.uptime
        let exit = await Self.runOnTerminalThread(model: model, mailbox: mailbox,
                                                  themes: ThemeCycle(loader: loader, initial: initialTheme),
                                                  environment: environment) { commandSink.yield($0) }
        commandSink.finish()
        await collector.stop()
        snapshotTask.cancel()
        totalsTask.cancel()
        market?.cancel()
        await engine.stop()
        await records.finish(minutes)
        commandTask.cancel()
        if case .signal(let number) = exit {
            throw ExitCode(128 + number)
        }
    }

    /// Runs the dashboard loop on a thread of its own: curses blocks in `wget_wch`, which must
    /// not tie up one of Swift's few cooperative threads.
    static func runOnTerminalThread(model: DashboardModel, mailbox: SnapshotMailbox, themes: ThemeCycle,
                                    environment: [String: String],
                                    send: @escaping @Sendable (EngineCommand) -> Void) async -> Dashboard<NcursesScreen>.Exit {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                CPUAffinity.nameCurrentThread("rigtop-terminal")
                let screen = NcursesScreen(environment: environment)
                var dashboard = Dashboard(screen: screen, model: model, mailbox: mailbox, themes: themes, send: send)
                // A terminal that vanished without a SIGHUP (its tmux server killed, say) shows as
                // our parent going away: treat it as a hangup so no orphan keeps mining.
                let parent = getppid()
                let exit = dashboard.run(pendingSignal: {
                    let signal = TerminalGuard.pendingSignal.load(ordering: .relaxed)
                    return signal != 0 ? signal : getppid() != parent ? SIGHUP : 0
                })
                screen.end()
                continuation.resume(returning: exit)
            }
            thread.name = "rigtop-terminal"
            thread.start()
        }
    }
}
