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
        let refresher = Task { await board.refresh(from: source, every: .seconds(interval), now: now) }
        var initialModel = FarmModel()
        initialModel.glyphs = GlyphSet.forLocale(environment: environment)
        let model = initialModel
        let themes = ThemeCycle(loader: loader, initial: initialTheme)
        let exit = await TerminalThread.run(environment: environment, mouse: false) { screen, pendingSignal in
            var view = FarmView(screen: screen, model: model, board: board, themes: themes, clock: now)
            return view.run(pendingSignal: pendingSignal)
        }
        refresher.cancel()
        if case .signal(let number) = exit {
            throw ExitCode(128 + number)
        }
    }
}
