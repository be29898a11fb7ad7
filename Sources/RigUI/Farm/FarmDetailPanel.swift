import RigFarm

/// One rig in full: its figures on the left; per-thread rates, temperatures, power, pool and
/// thermal guard on the right (from the rig's series, read when the detail opens).
struct FarmDetailPanel {
    func draw(_ model: FarmModel, in rect: Rect, on canvas: inout Canvas) {
        guard let rig = model.detailRig else {
            canvas.write("the rig is gone from the data", in: rect.row(0), style: Style(.warn))
            return
        }
        let name = rig.worker == rig.instance ? rig.instance : "\(rig.worker) (\(rig.instance))"
        let columns = rect.split(columns: [.fraction(0.45), .fill])
        let left = Box(title: name, trailingTitle: rig.state.rawValue, borderRole: .hashrateBox)
            .draw(in: columns[0], on: &canvas, glyphs: model.glyphs)
        var lines: [(String, ColorRole)] = [
            ("State      \(rig.state.rawValue)" + (rig.downForSeconds.map { " for \(Format.duration($0))" } ?? ""),
             FarmRigsPanel.stateRole(rig.state)),
            ("Coin       \(rig.coin ?? "?") (\(rig.algorithm ?? "?"))", .foreground),
            ("Version    \(rig.version ?? "?")", .foreground),
            ("Hashrate   10s \(Format.hashrate(rig.hashrate.tenSeconds))  60s \(Format.hashrate(rig.hashrate.sixtySeconds))",
             .foreground),
            ("           15m \(Format.hashrate(rig.hashrate.fifteenMinutes))", .foreground),
            ("Shares     accepted \(rig.shares.accepted.map(String.init) ?? "?")  rejected \(rig.shares.rejected.map(String.init) ?? "?")"
             + "  stale \(rig.shares.stale.map(String.init) ?? "?")", .foreground),
            ("Last share " + (rig.lastShareAgeSeconds.map { Format.duration($0) + " ago" } ?? "not in the last 15 min"), .foreground),
        ]
        if let temperature = rig.temperature {
            lines.append(("CPU        \(Format.fixed(temperature.celsius, 1)) °C  limit \(temperature.limitCelsius.map { Format.fixed($0, 0) } ?? "?")"
                          + "  critical \(temperature.criticalCelsius.map { Format.fixed($0, 0) } ?? "?") °C",
                          FarmRigsPanel.temperatureRole(temperature)))
        } else {
            lines.append(("CPU        no temperature", .dimText))
        }
        if let power = rig.power {
            lines.append(("Power      \(Format.fixed(power.watts, 1)) W \(power.measured ? "measured" : "estimated")"
                          + (rig.hashesPerWatt.map { "  \(Format.count($0)) H/s per W" } ?? ""), .power))
        }
        if let earnings = rig.earnings {
            lines.append(("Net        \(Money(currency: earnings.currency).format(earnings.netPerDay)) per day", .earnings))
        }
        lines.append(("Threads    \(rig.threads.map(String.init) ?? "?")", .foreground))
        for (index, line) in lines.enumerated() where index < left.height {
            canvas.write(line.0, in: left.row(index), style: Style(line.1))
        }
        if left.height > lines.count + 1, !rig.history.isEmpty {
            let chart = left.row(lines.count + 1)
            canvas.write("15 min ", x: chart.x, y: chart.y, style: Style(.dimText), clip: chart)
            Sparkline(values: rig.history.map { $0 ?? 0 }, role: .hashrateGraph)
                .draw(in: chart.inset(left: 7), on: &canvas, glyphs: model.glyphs)
        }

        let right = Box(title: "Threads, sensors, pool, guard", borderRole: .threadsBox)
            .draw(in: columns[1], on: &canvas, glyphs: model.glyphs)
        var detailLines: [(String, ColorRole)] = []
        let board = model.board
        if let error = board.detailError, board.detailRig == rig.id {
            detailLines.append(("detail: \(error)", .bad))
        }
        if let detail = board.detailRig == rig.id ? board.detail : nil {
            detailLines += detail.threads.map { thread -> (String, ColorRole) in
                ("thread \(thread.index)".padding(10) + "10s \(Format.hashrate(thread.tenSeconds))".padding(16)
                 + "60s \(Format.hashrate(thread.sixtySeconds))", .foreground)
            }
            if detail.threads.isEmpty { detailLines.append(("no thread series", .dimText)) }
            detailLines += detail.temperatures.map { reading -> (String, ColorRole) in ("\(reading.name)".padding(24) + Format.fixed(reading.value, 1) + " °C", .foreground) }
            detailLines += detail.power.map { reading -> (String, ColorRole) in
                ("\(reading.name)".padding(24) + Format.fixed(reading.value, 1) + " W", .power)
            }
            detailLines += detail.pools.map { pool -> (String, ColorRole) in
                let state = pool.up.map { $0 ? "up" : "DOWN" } ?? "?"
                return ("pool \(pool.url) \(state)" + (pool.pingSeconds.map { " \(Format.fixed($0 * 1000, 0)) ms" } ?? ""),
                        pool.up == false ? .bad : .foreground)
            }
            let guardState = detail.guardStopped == true ? "STOPPED (critical temperature)"
                : detail.guardActive == false ? "blind (no CPU temperature)" : "watching"
            detailLines.append(("thermal guard \(guardState), \(detail.guardShedThreads ?? 0) threads shed",
                                detail.guardStopped == true ? .bad : .foreground))
        } else if board.detailError == nil {
            detailLines.append(("reading…", .dimText))
        }
        for (index, line) in detailLines.enumerated() where index < right.height {
            canvas.write(line.0, in: right.row(index), style: Style(line.1))
        }
    }
}
