/// Shares and what the hashrate buys. Market data (price, difficulty, reward) comes with the
/// earnings feature; until then the panel shows the facts that need none.
public struct EarningsPanel: Panel {
    public init() {}

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        let inner = Box(title: "Earnings", borderRole: .earningsBox).draw(in: rect, on: &canvas, glyphs: model.glyphs)
        guard inner.height > 0 else { return }
        let engine = model.engine
        let shares = engine.shares
        var lines: [(String, String, ColorRole)] = [
            ("shares", "found \(shares.found)  acc \(shares.accepted)  rej \(shares.rejected)  stale \(shares.stale)", .foreground),
        ]
        if shares.hardwareErrors > 0 { lines.append(("hw errors", "\(shares.hardwareErrors)", .bad)) }
        if let difficulty = engine.shareDifficulty {
            lines.append(("share diff", Format.count(difficulty) == "0" ? Format.fixed(difficulty, 6) : Format.count(difficulty), .foreground))
            // Expected time per share: difficulty × 2^32 hashes at the current rate (Bitcoin convention).
            if let rate = engine.hashrate.current, rate > 0 {
                lines.append(("per share", "≈ " + Format.duration(difficulty * 4_294_967_296 / rate), .foreground))
            }
        }
        lines.append(("hashes", Format.count(Double(engine.totalHashes)), .foreground))
        lines.append(("market", "no price data configured", .dimText))
        for (index, line) in lines.enumerated() where index < inner.height {
            let row = inner.row(index)
            let parts = row.split(columns: [.fixed(11), .fill])
            canvas.write(line.0, in: parts[0], style: Style(.dimText))
            canvas.write(line.1, in: parts[1], style: Style(line.2))
        }
    }
}
