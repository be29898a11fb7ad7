public import RigFarm

/// The farm view: a ``TerminalLoop`` view, like the dashboard, that redraws on a key, a resize, a
/// newer board generation, or once a second (for the ages). It never awaits; the refresher task
/// fills the ``FarmBoard``.
public struct FarmView<Screen: TerminalScreen>: TerminalLoopView {
    public typealias Exit = TerminalExit

    public var screen: Screen
    public var model: FarmModel
    private let board: FarmBoard
    private var themes: ThemeCycle
    private let keyTimeout: Duration
    private let clock: () -> Double
    private var lastGeneration: UInt64 = .max
    /// The clock's reading this turn, taken once so the out-of-date check and the draw agree.
    private var turnTime = 0.0
    private var drawnTime = 0.0

    public init(screen: Screen, model: FarmModel, board: FarmBoard, themes: ThemeCycle,
                keyTimeout: Duration = .milliseconds(100), clock: @escaping () -> Double) {
        self.screen = screen
        self.model = model
        self.board = board
        self.themes = themes
        self.keyTimeout = keyTimeout
        self.clock = clock
        self.model.themeName = themes.current.name
    }

    /// Runs until quit or a termination signal; `maxIterations` bounds it in tests.
    public mutating func run(maxIterations: Int = .max, pendingSignal: () -> Int32 = { 0 }) -> Exit {
        TerminalLoop(keyTimeout: keyTimeout).run(&self, maxIterations: maxIterations, pendingSignal: pendingSignal)
    }

    public typealias Reaction = TerminalReaction

    mutating func isOutOfDate() -> Bool {
        turnTime = clock()
        return board.generation != lastGeneration || (turnTime - drawnTime) >= 1
    }

    /// A key's effect on the model (and the board, for a detail).
    public mutating func handle(_ key: Key) -> Reaction {
        if model.editingFilter { return editFilter(key) }
        guard let action = model.bindings.action(for: key) else { return .none }
        if model.showsHelp, action != .quit {
            if action == .toggleHelp || action == .back { model.showsHelp = false }
            return .redraw
        }
        let page = FarmLayout.visibleRigRows(model, size: screen.size)
        switch action {
        case .quit: return .quit
        case .up: model.moveSelection(by: -1)
        case .down: model.moveSelection(by: 1)
        case .pageUp: model.moveSelection(by: -page)
        case .pageDown: model.moveSelection(by: page)
        case .top: model.moveSelection(by: Int.min / 2)
        case .bottom: model.moveSelection(by: Int.max / 2)
        case .openDetail:
            guard model.detailID == nil, let index = model.selectedIndex else { return .none }
            let rig = model.rigs[model.order[index]]
            model.detailID = rig.id
            board.want(detail: rig)
        case .back:
            if model.detailID != nil {
                model.detailID = nil
                board.want(detail: nil)
            } else if !model.filter.isEmpty {
                model.filter = ""
                model.refreshOrder()
            } else {
                return .none
            }
        case .nextSort, .previousSort:
            let all = FarmSortKey.allCases
            let index = all.firstIndex(of: model.sort) ?? 0
            model.sort = all[(index + (action == .nextSort ? 1 : all.count - 1)) % all.count]
            model.sortReversed = false
            model.refreshOrder()
        case .reverseSort:
            model.sortReversed.toggle()
            model.refreshOrder()
        case .startFilter:
            guard model.detailID == nil else { return .none }
            model.editingFilter = true
        case .nextTheme:
            model.themeName = themes.next().name
        case .toggleHelp:
            model.showsHelp = true
        }
        return .redraw
    }

    private mutating func editFilter(_ key: Key) -> Reaction {
        switch key {
        case .enter: model.editingFilter = false
        case .escape:
            model.editingFilter = false
            model.filter = ""
        case .backspace, .delete: if !model.filter.isEmpty { model.filter.removeLast() }
        case .ctrlC: return .quit
        case .character(let character) where model.filter.count < 40: model.filter.append(character)
        default: return .none
        }
        model.refreshOrder()
        return .redraw
    }

    mutating func draw() {
        let now = turnTime
        drawnTime = now
        let generation = board.generation
        if generation != lastGeneration {
            let contents = board.current
            let dataChanged = contents.reading != model.board.reading
            model.board = contents
            lastGeneration = generation
            if dataChanged { model.refreshOrder() }
        }
        model.now = now
        screen.draw(FarmLayout.render(model, size: screen.size), theme: themes.current)
    }
}
