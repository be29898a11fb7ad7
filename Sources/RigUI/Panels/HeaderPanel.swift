/// The top line: what is mined, from where, for how long, on how many threads, in which state.
public struct HeaderPanel: Panel {
    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        guard rect.height > 0 else { return }
        canvas.fill(rect, with: " ", style: Style(.foreground, background: .selectedBackground))
        let engine = model.engine
        let bar = Style(.selectedForeground, background: .selectedBackground)
        // The state is drawn first and wins: on a narrow terminal the details give way, whole.
        let (state, role) = stateText(model)
        let stateStyle = Style(role, background: .selectedBackground, attributes: .bold)
        let stateX = max(rect.x, rect.maxX - TextWidth.width(of: state) - 1)
        canvas.write(state, x: stateX, y: rect.y, style: stateStyle, clip: rect)
        let left = Rect(x: rect.x, y: rect.y, width: stateX - 1 - rect.x, height: 1)
        var x = canvas.write("rigtop ", x: rect.x, y: rect.y, style: bar.adding(.bold), clip: left)
        // A RandomX coin shows the revision its current job is mined with (randomx, randomx-v2);
        // a watched miner, its algorithm as it names it.
        let coin: String
        if let miner = model.rig.miner {
            coin = [engine.coin?.symbol, miner.algorithm].compactMap { $0 }.joined(separator: " ")
        } else {
            coin = engine.coin.map { "\($0.symbol) \($0.algorithm.isRandomX && engine.algorithm.isRandomX ? engine.algorithm : $0.algorithm)" }
                ?? engine.algorithm.rawValue
        }
        // Right after a coin key the model already names the new coin while the snapshot's
        // kernel is still the old algorithm's: show a kernel only when it runs this algorithm.
        let kernel = engine.kernel.flatMap { $0.algorithm == engine.algorithm ? " [\($0.flavour)]" : nil } ?? ""
        x = canvas.write(coin + kernel, x: x, y: rect.y, style: bar.adding(.bold), clip: left)
        let pinned = engine.allThreadsPinned ? "" : " (unpinned)"
        var source = engine.workSource
        if let pool = engine.pool {
            source = pool.url + " " + pool.connection.rawValue
                + (pool.latencySeconds.map { " " + Format.fixed($0 * 1000, 0) + " ms" } ?? "")
                + (pool.isFailover ? " (failover)" : "")
        }
        var parts = [
            source, "up " + Format.duration(engine.uptime),
            "threads \(engine.threads.count)" + pinned,
        ]
        if let solo = soloText(model) { parts.insert(solo, at: 1) }
        if let miner = model.rig.miner { parts.insert(miner.url + (miner.software.map { " (\($0))" } ?? ""), at: 0) }
        // A watched miner not read yet has no coin or algorithm: its URL follows "rigtop " at once.
        var gap = (coin + kernel).isEmpty ? "" : "  "
        for part in parts {
            let text = gap + part
            guard x + TextWidth.width(of: text) <= left.maxX else { continue }
            x = canvas.write(text, x: x, y: rect.y, style: bar, clip: left)
            gap = "  "
        }
    }

    /// Solo mining's answer to "did I find a block?": the height being mined, the network
    /// difficulty and the blocks the node took (and refused, if any); nil for pool work.
    func soloText(_ model: DashboardModel) -> String? {
        let engine = model.engine
        guard let pool = engine.pool, let height = pool.height else { return nil }
        let blocks = engine.blocks
        var text = "height \(height)"
        if let difficulty = pool.difficulty {
            text += " diff " + Self.difficulty(difficulty)
        }
        text += " blocks \(blocks.accepted)"
        if blocks.rejected > 0 { text += " (\(blocks.rejected) rejected)" }
        if blocks.bestShareDifficulty > 0 { text += " best " + Self.difficulty(blocks.bestShareDifficulty) }
        if let seconds = model.rig.expectedSecondsToBlock {
            text += " a block every ~" + Format.duration(seconds)
        }
        return text
    }

    /// A difficulty in few characters: 95.6M, 12.3, 0.000000000466 (never an exponent).
    static func difficulty(_ value: Double) -> String {
        value >= 1000 ? Format.count(value) : Format.plain(value, significant: 3)
    }

    /// The engine state as the header shows it, with the reason when it is not mining.
    func stateText(_ model: DashboardModel) -> (String, ColorRole) {
        if let guardText = model.thermalGuard { return (guardText, .bad) }
        if let miner = model.rig.miner, let statement = miner.statement { return (statement, miner.phase == .down ? .bad : .warn) }
        switch model.engine.state {
        case .mining:
            // The miner runs on the CPUs: a GPU at its power cap (the Thermals badge says so) does
            // not slow it down.
            if model.rig.cpuThrottling { return ("throttled", .warn) }
            return ("● mining", .good)
        case .paused: return ("paused", .warn)
        case .tooHot: return (model.engine.notice ?? "stopped: too hot", .bad)
        case .waitingForWork: return (model.engine.notice ?? "waiting for work", .warn)
        case .starting: return ("starting", .warn)
        case .stopped: return ("stopped", .bad)
        }
    }
}
