/// The top line: what is mined, from where, for how long, on how many threads, in which state.
public struct HeaderPanel: Panel {
    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        guard rect.height > 0 else { return }
        canvas.fill(rect, with: " ", style: Style(.foreground, background: .selectedBackground))
        let engine = model.engine
        let bar = Style(.selectedForeground, background: .selectedBackground)
        var x = canvas.write("rigtop ", x: rect.x, y: rect.y, style: bar.adding(.bold), clip: rect)
        let coin = engine.coin.map { "\($0.symbol) \($0.algorithm)" } ?? engine.algorithm.rawValue
        let kernel = engine.kernel.map { " [\($0.flavour)]" } ?? ""
        x = canvas.write(coin + kernel, x: x, y: rect.y, style: bar.adding(.bold), clip: rect)
        let pinned = engine.allThreadsPinned ? "" : " (unpinned)"
        let parts = [
            engine.workSource, "up " + Format.duration(engine.uptime),
            "threads \(engine.threads.count)" + pinned,
        ]
        x = canvas.write("  " + parts.joined(separator: "  "), x: x, y: rect.y, style: bar, clip: rect)
        let (state, role) = stateText(model)
        let stateStyle = Style(role, background: .selectedBackground, attributes: .bold)
        let width = TextWidth.width(of: state)
        let stateX = max(x + 2, rect.maxX - width - 1)
        canvas.write(state, x: stateX, y: rect.y, style: stateStyle, clip: rect)
    }

    /// The engine state as the header shows it, with the reason when it is not mining.
    func stateText(_ model: DashboardModel) -> (String, ColorRole) {
        if let guardText = model.thermalGuard { return (guardText, .bad) }
        switch model.engine.state {
        case .mining:
            if model.sensors?.isThrottling == true { return ("throttled", .warn) }
            return ("● mining", .good)
        case .paused: return ("paused", .warn)
        case .tooHot: return (model.engine.notice.map { "stopped: \($0)" } ?? "stopped: too hot", .bad)
        case .waitingForWork: return (model.engine.notice ?? "waiting for work", .warn)
        case .starting: return ("starting", .warn)
        case .stopped: return ("stopped", .bad)
        }
    }
}
