public import RigEngine
public import RigRuntime

/// The dashboard: a ``TerminalLoop`` view that redraws on a key, a resize, or newer rig state on
/// the board. Never awaits, never does I/O besides the terminal.
public struct Dashboard<Screen: TerminalScreen>: TerminalLoopView {
    /// Why the loop ended.
    public typealias Exit = TerminalExit

    public var screen: Screen
    public var model: DashboardModel
    private let board: RigStateBoard
    private var themes: ThemeCycle
    /// A coin switch the engine has not reported yet; shown at once so the key feels immediate.
    private var pendingCoin: Coin?
    private let send: @Sendable (EngineCommand) -> Void
    private let keyTimeout: Duration
    private var lastGeneration: UInt64 = .max

    /// - Parameters:
    ///   - send: hands a command to the engine (asynchronously; must not block).
    public init(screen: Screen, model: DashboardModel, board: RigStateBoard, themes: ThemeCycle,
                keyTimeout: Duration = .milliseconds(100), send: @escaping @Sendable (EngineCommand) -> Void) {
        self.screen = screen
        self.model = model
        self.board = board
        self.themes = themes
        self.send = send
        self.keyTimeout = keyTimeout
        self.model.themeName = themes.current.name
    }

    /// Runs until quit or a termination signal; `maxIterations` bounds it in tests.
    public mutating func run(maxIterations: Int = .max, pendingSignal: () -> Int32 = { 0 }) -> Exit {
        TerminalLoop(keyTimeout: keyTimeout).run(&self, maxIterations: maxIterations, pendingSignal: pendingSignal)
    }

    /// What a key asks of the loop.
    public typealias Reaction = TerminalReaction

    func isOutOfDate() -> Bool { board.generation != lastGeneration }

    /// Turns a key or a mouse event into engine commands and UI changes.
    public mutating func handle(_ key: Key) -> Reaction {
        if case .mouse(let event) = key, model.showsHelp {
            // The overlay covers the panels: a click anywhere closes it, as Esc does.
            guard event.button == .left, !model.bindings.mouse.isEmpty else { return .none }
            model.showsHelp = false
            return .redraw
        }
        guard let action = action(for: key) else { return .none }
        if model.showsHelp {
            switch action {
            case .toggleHelp, .closeOverlay:
                model.showsHelp = false
                return .redraw
            case .quit: return .quit
            default: return .none  // the overlay is modal: nothing else reaches the engine
            }
        }
        switch action {
        case .quit: return .quit
        case .toggleHelp:
            model.showsHelp.toggle()
        case .closeOverlay:
            return .none
        case .selectCoin(let index):
            guard index < model.coins.count else { return .none }
            switchCoin(to: model.coins[index])
        case .nextCoin, .previousCoin:
            guard !model.coins.isEmpty else { return .none }
            let current = model.coins.firstIndex { $0.symbol == model.engine.coin?.symbol } ?? 0
            let step = action == .nextCoin ? 1 : model.coins.count - 1
            switchCoin(to: model.coins[(current + step) % model.coins.count])
        case .addThread: send(.addThread)
        case .removeThread: send(.removeThread)
        case .togglePause:
            send(.togglePause)
            // Shown at once where the rig will do it; a refusal comes back as a notice.
            guard model.rig.refusal(of: .togglePause) == nil else { break }
            model.engine.state = model.engine.state == .paused ? .mining : .paused
        case .nextTheme:
            let theme = themes.next()
            model.themeName = theme.name
            board.post(notice: themes.lastError ?? "theme \(theme.name)")
        case .scrollUp: scroll(model.focusedPanel, by: -1)
        case .scrollDown: scroll(model.focusedPanel, by: 1)
        case .scroll(let panel, let lines): scroll(panel, by: lines)
        case .focusPanel(let panel): model.focusedPanel = panel
        case .highlightThread(let index):
            model.highlightedThread = model.highlightedThread == index ? nil : index
        }
        return .redraw
    }

    /// The action for a key from the bindings; for a mouse event, from what is under it.
    private func action(for key: Key) -> DashboardAction? {
        guard case .mouse(let event) = key else { return model.bindings.action(for: key) }
        let target = DashboardLayout.target(column: event.column, row: event.row, model: model, size: screen.size)
        return model.bindings.action(for: event, on: target)
    }

    /// Moves `panel`'s first row by `lines`, within its rows at the current size.
    private mutating func scroll(_ panel: DashboardPanel, by lines: Int) {
        let limit = DashboardLayout.maxScroll(panel, model: model, size: screen.size)
        switch panel {
        case .threads: model.threadScroll = min(limit, max(0, model.threadScroll + lines))
        case .thermals: model.thermalsScroll = min(limit, max(0, model.thermalsScroll + lines))
        case .hashrate, .power, .earnings: break
        }
    }

    private mutating func switchCoin(to coin: Coin) {
        send(.switchCoin(coin))
        guard model.rig.refusal(of: .switchCoin(coin)) == nil else { return }
        pendingCoin = coin
        model.engine.coin = coin
        model.engine.algorithm = coin.algorithm
    }

    mutating func draw() {
        let generation = board.generation
        if generation != lastGeneration {
            model.rig = board.current
            lastGeneration = generation
            if let pendingCoin {
                if model.engine.coin?.symbol == pendingCoin.symbol {
                    self.pendingCoin = nil
                } else {
                    model.engine.coin = pendingCoin
                    model.engine.algorithm = pendingCoin.algorithm
                }
            }
        }
        let canvas = DashboardLayout.render(model, size: screen.size)
        screen.draw(canvas, theme: themes.current)
    }
}

/// The themes the `t` key cycles through, starting from the one chosen at launch.
public struct ThemeCycle: Sendable {
    public private(set) var current: Theme
    /// The error of the last load, as the dashboard shows it; nil when it loaded cleanly.
    public private(set) var lastError: String?
    private let loader: ThemeLoader
    private let names: [String]

    public init(loader: ThemeLoader, initial: ThemeLoader.Loaded) {
        self.loader = loader
        self.current = initial.theme
        self.lastError = initial.error.map { "\($0) — using the default theme" }
        var names = loader.availableThemeNames()
        if !names.contains(initial.theme.name) { names.insert(initial.theme.name, at: 0) }
        self.names = names
    }

    /// Loads the next theme by name; a broken file keeps the default and reports the error.
    public mutating func next() -> Theme {
        guard !names.isEmpty else { return current }
        let index = ((names.firstIndex(of: current.name) ?? -1) + 1) % names.count
        let loaded = loader.load(names[index])
        current = loaded.error == nil ? loaded.theme : Theme(name: names[index], base: loaded.theme)
        lastError = loaded.error.map { "\($0) — using the default theme" }
        return current
    }
}
