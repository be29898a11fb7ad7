import ArgumentParser
import Foundation
import RigConfig
import RigEngine
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
            """)

    @OptionGroup var mining: MiningOptions

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
        let rig = try Rig(setup: mining.rigSetup(config, sensorInterval: sensorInterval,
                                                 log: { line in logFile?.write(line) }))
        let loader = ThemeLoader(
            environment: environment, executablePath: Bundle.main.executablePath,
            currentDirectory: FileManager.default.currentDirectoryPath)
        let initialTheme = loader.load(self.theme ?? config.theme)
        if let error = initialTheme.error { rig.board.post(notice: "\(error) — using the default theme") }

        let apis = try await api.start(rig: rig, config: config, log: { line in logFile?.write(line) })
        await rig.start()
        var model = DashboardModel(rig: rig.board.current)
        model.glyphs = GlyphSet.forLocale(environment: environment)
        if noMouse { model.bindings = model.bindings.withoutMouse }
        let exit = await Self.runOnTerminalThread(model: model, board: rig.board,
                                                  themes: ThemeCycle(loader: loader, initial: initialTheme),
                                                  environment: environment, mouse: !noMouse) { rig.send($0) }
        await apis.stop()
        await rig.stop()
        if case .signal(let number) = exit {
            throw ExitCode(128 + number)
        }
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
