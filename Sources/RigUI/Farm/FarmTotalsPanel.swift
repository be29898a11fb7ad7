import RigFarm

/// One line per coin: rigs (and how many are down), summed 60 s hashrate, watts and net
/// earnings per day.
struct FarmTotalsPanel {
    static func height(_ model: FarmModel) -> Int {
        max(1, model.board.reading.snapshot?.totals.count ?? 0) + 2
    }

    func draw(_ model: FarmModel, in rect: Rect, on canvas: inout Canvas) {
        let inner = Box(title: "Totals per coin", borderRole: .hashrateBox).draw(in: rect, on: &canvas, glyphs: model.glyphs)
        let totals = model.board.reading.snapshot?.totals ?? []
        if totals.isEmpty {
            canvas.write("no rigs", in: inner.row(0), style: Style(.dimText))
            return
        }
        for (line, coin) in totals.enumerated() where line < inner.height {
            let down = coin.rigsDown > 0 ? " (\(coin.rigsDown) down)" : ""
            let money = coin.netPerDay.keys.sorted().map { Money(currency: $0).format(coin.netPerDay[$0] ?? 0, cents: true) + "/day" }
            let parts = [
                (coin.coin.isEmpty ? "(no coin)" : coin.coin).padding(6),
                "\(coin.rigs) rig\(coin.rigs == 1 ? "" : "s")\(down)".padding(18),
                Format.hashrate(coin.hashrate).padding(12),
                (Format.fixed(coin.watts, 0) + " W").padding(9),
            ] + money
            canvas.write(parts.joined(separator: " "), in: inner.row(line), style: Style(coin.rigsDown > 0 ? .warn : .foreground))
        }
    }
}

extension String {
    /// Padded with spaces to `width` columns (never cut).
    func padding(_ width: Int) -> String {
        let missing = width - TextWidth.width(of: self)
        return missing > 0 ? self + String(repeating: " ", count: missing) : self
    }
}
