import ArgumentParser
import Foundation
import RigFarm
import RigUI

/// The farm view on the terminal: the refresher task fills the board, the terminal thread
/// draws it. Wiring only.
enum FarmScreenCommand {
    static func run(source: any FarmSource, theme: String?, interval: Double) async throws {
        let environment = ProcessInfo.processInfo.environment
        let loader = ThemeLoader(environment: environment, executablePath: Bundle.main.executablePath,
                                 currentDirectory: FileManager.default.currentDirectoryPath)
        let initialTheme = loader.load(theme)
        let board = FarmBoard()
        let now: @Sendable () -> Double = { Date().timeIntervalSince1970 }
        let refresher = Task { await board.refresh(from: source, every: .milliseconds(Int64(interval * 1000)), now: now) }
        var initialModel = FarmModel()
        initialModel.glyphs = GlyphSet.forLocale(environment: environment)
        let model = initialModel
        let exit = await withCheckedContinuation { (continuation: CheckedContinuation<FarmView<NcursesScreen>.Exit, Never>) in
            let thread = Thread {
                let screen = NcursesScreen(environment: environment, mouse: false)
                var view = FarmView(screen: screen, model: model, board: board,
                                    themes: ThemeCycle(loader: loader, initial: initialTheme), clock: now)
                // A terminal that vanished without a SIGHUP shows as our parent going away.
                let parent = getppid()
                let exit = view.run(pendingSignal: {
                    let signal = TerminalGuard.pendingSignal.load(ordering: .relaxed)
                    return signal != 0 ? signal : getppid() != parent ? SIGHUP : 0
                })
                screen.end()
                continuation.resume(returning: exit)
            }
            thread.name = "rigtop-farm-terminal"
            thread.start()
        }
        refresher.cancel()
        if case .signal(let number) = exit {
            throw ExitCode(128 + number)
        }
    }
}
