import RigEngine
import RigFarm
import RigFigures
@testable import RigUI
import Testing

/// The farm view drawn from a fixed farm: snapshots at three sizes, sorting, filtering, keys,
/// the detail and the status line when Prometheus fails.
@Suite struct FarmViewTests {
    static let now = 1_000_000.0

    static func rig(_ worker: String, _ state: FarmRigState, coin: String = "LTC", rate: Double?, celsius: Double? = 60,
                    watts: Double? = 50, accepted: UInt64? = 10) -> FarmRig {
        var rig = FarmRig(id: "rigtop/\(worker).lan:60090", instance: "\(worker).lan:60090", job: "rigtop", worker: worker, state: state)
        rig.coin = coin
        rig.algorithm = coin == "BTC" ? "sha256d" : "scrypt"
        guard state != .down else {
            rig.downForSeconds = 185
            return rig
        }
        rig.hashrate = WindowedRate(tenSeconds: rate, sixtySeconds: rate, fifteenMinutes: rate)
        rig.history = (0..<31).map { index in rate.map { $0 * (0.8 + Double(index % 5) / 20) } }
        rig.shares = FarmShares(accepted: accepted, rejected: accepted.map { $0 / 10 }, stale: 0)
        rig.temperature = celsius.map { FarmTemperature(celsius: $0, limitCelsius: 85, criticalCelsius: 95) }
        rig.power = watts.map { FarmPower(watts: $0, measured: worker != "echo") }
        rig.earnings = FarmEarnings(netPerDay: -0.12, currency: "USD")
        rig.lastShareAgeSeconds = 42
        rig.threads = 2
        return rig
    }

    static let snapshot = FarmSnapshot(
        time: now, source: "http://prom:9090",
        rigs: [
            rig("alpha", .mining, rate: 45_000), rig("bravo", .mining, rate: 61_000, celsius: 82),
            rig("charlie", .tooHot, rate: 0, celsius: 96), rig("delta", .down, rate: nil),
            rig("echo", .throttling, coin: "BTC", rate: 36_000_000, celsius: 86, watts: 65),
            rig("foxtrot", .poolDown, rate: 40_000, accepted: nil),
        ],
        alerts: [
            FarmAlert(name: "RigtopRigDown", instance: "delta.lan:60090", severity: "critical",
                      summary: "Rig delta.lan:60090 cannot be scraped", activeAt: now - 65),
            FarmAlert(name: "RigtopCPUAtThermalLimit", instance: "echo.lan:60090", severity: "warning",
                      summary: "CPU of echo.lan:60090 at its temperature limit", activeAt: now - 300),
        ])

    static func model(_ reading: FarmReading = FarmReading(snapshot: snapshot, readAt: now - 3, attemptedAt: now - 3)) -> FarmModel {
        var model = FarmModel()
        model.board.reading = reading
        model.now = now
        model.refreshOrder()
        return model
    }

    @Test(arguments: [(120, 40), (80, 24), (200, 30)])
    func snapshotAtSize(columns: Int, rows: Int) throws {
        let canvas = FarmLayout.render(Self.model(), size: TerminalSize(columns: columns, rows: rows))
        try assertSnapshot(canvas.lines, named: "farm-\(columns)x\(rows)")
    }

    @Test func tooSmallSaysSo() {
        let canvas = FarmLayout.render(Self.model(), size: TerminalSize(columns: 39, rows: 11))
        #expect(canvas.lines[0].contains("rigtop farm needs 40×12"))
    }

    @Test func rowsShowStatesFiguresTotalsAndAlerts() {
        let text = FarmLayout.render(Self.model(), size: TerminalSize(columns: 120, rows: 40)).lines.joined(separator: "\n")
        for expected in ["alpha alpha.lan:600", "down 3m05s", "too hot", "pool down", "throttling", "36.0 MH/s", "96°C",
                         "~65.0W", "RigtopRigDown", "1m05s", "6 rigs: 2 mining, 1 down, 3 other", "2 alerts firing",
                         "LTC    5 rigs (1 down)", "BTC    1 rig", "data 3s old from http://prom:9090"] {
            #expect(text.contains(expected), "missing \(expected):\n\(text)")
        }
    }

    @Test func temperaturesAreColouredAgainstTheRigsLimits() {
        #expect(FarmRigsPanel.temperatureRole(FarmTemperature(celsius: 60, limitCelsius: 85, criticalCelsius: 95)) == .tempNormal)
        #expect(FarmRigsPanel.temperatureRole(FarmTemperature(celsius: 80, limitCelsius: 85, criticalCelsius: 95)) == .tempWarm)
        #expect(FarmRigsPanel.temperatureRole(FarmTemperature(celsius: 85, limitCelsius: 85, criticalCelsius: 95)) == .tempHot)
        #expect(FarmRigsPanel.temperatureRole(FarmTemperature(celsius: 70, limitCelsius: 60, criticalCelsius: 70)) == .tempCritical)
    }

    @Test func cellsAreColouredByStateAndTemperature() throws {
        let canvas = FarmLayout.render(Self.model(), size: TerminalSize(columns: 120, rows: 40))
        func role(row text: String, cell: String) throws -> StyleColor? {
            let y = try #require(canvas.lines.firstIndex { $0.contains(text) })
            let line = canvas.lines[y]
            let range = try #require(line.range(of: cell))
            return canvas[line.distance(from: line.startIndex, to: range.lowerBound), y].style.foreground
        }
        #expect(try role(row: "charlie", cell: "96°C") == .role(.tempCritical))
        #expect(try role(row: "charlie", cell: "too hot") == .role(.bad))
        #expect(try role(row: "bravo", cell: "82°C") == .role(.tempWarm))
        #expect(try role(row: "alpha", cell: "mining") == .role(.good))
    }

    @Test func sortOrders() {
        let rigs = Self.snapshot.rigs
        func workers(_ key: FarmSortKey, reversed: Bool = false) -> [String] {
            key.order(rigs, reversed: reversed).map { rigs[$0].worker }
        }
        #expect(workers(.hashrate) == ["echo", "bravo", "alpha", "foxtrot", "charlie", "delta"])
        #expect(workers(.hashrate, reversed: true) == ["charlie", "foxtrot", "alpha", "bravo", "echo", "delta"],
                "missing figures stay last")
        #expect(workers(.state).first == "delta")
        #expect(workers(.rig) == ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"])
        #expect(workers(.temperature).prefix(2) == ["charlie", "echo"])
    }

    @Test func filterAndSelectionFollowTheRig() {
        var model = Self.model()
        model.moveSelection(by: 1)
        #expect(model.selectedID == "rigtop/bravo.lan:60090")
        model.filter = "ltc"
        model.refreshOrder()
        #expect(model.order.count == 5)
        #expect(model.selectedID == "rigtop/bravo.lan:60090", "the selected rig stays selected")
        model.filter = "DOWN"
        model.refreshOrder()
        #expect(model.order.map { model.rigs[$0].worker } == ["foxtrot", "delta"], "state text matches: pool down, down")
        #expect(model.selectedID == "rigtop/foxtrot.lan:60090", "a filtered-out selection moves to the first row")
    }

    @Test func keysSortFilterDetailBackQuit() {
        let board = FarmBoard()
        let loader = ThemeLoader(environment: [:], executablePath: nil, currentDirectory: "/nonexistent")
        var view = FarmView(screen: TextScreen(size: TerminalSize(columns: 120, rows: 40)), model: Self.model(), board: board,
                            themes: ThemeCycle(loader: loader, initial: loader.load(nil)), clock: { Self.now })
        #expect(view.handle(.down) == .redraw)
        #expect(view.model.selectedID == "rigtop/bravo.lan:60090")
        #expect(view.handle(.character("s")) == .redraw)
        #expect(view.model.sort == .shares)
        #expect(view.handle(.character("r")) == .redraw)
        #expect(view.model.sortReversed)
        #expect(view.handle(.enter) == .redraw)
        #expect(view.model.detailID == "rigtop/bravo.lan:60090")
        #expect(board.current.detailWanted?.id == "rigtop/bravo.lan:60090", "the refresher is asked for the detail")
        let detail = FarmLayout.render(view.model, size: TerminalSize(columns: 120, rows: 40)).lines.joined(separator: "\n")
        #expect(detail.contains("bravo (bravo.lan:60090)") && detail.contains("limit 85") && detail.contains("reading…"))
        #expect(view.handle(.escape) == .redraw)
        #expect(view.model.detailID == nil && board.current.detailWanted == nil)
        #expect(view.handle(.character("/")) == .redraw)
        for character in "echo" { _ = view.handle(.character(character)) }
        #expect(view.model.order.count == 1)
        #expect(view.handle(.character("q")) == .redraw, "q is text while the filter is edited")
        #expect(view.model.filter == "echoq")
        #expect(view.handle(.escape) == .redraw)
        #expect(view.model.filter.isEmpty && view.model.order.count == 6)
        #expect(view.handle(.character("h")) == .redraw)
        #expect(view.model.showsHelp)
        #expect(view.handle(.escape) == .redraw)
        #expect(view.handle(.character("q")) == .quit)
    }

    @Test func detailShowsThreadsSensorsPoolAndGuard() {
        var model = Self.model()
        model.detailID = "rigtop/alpha.lan:60090"
        var detail = FarmRigDetail()
        detail.threads = [.init(index: 0, tenSeconds: 22_000, sixtySeconds: 21_500), .init(index: 1, tenSeconds: 23_000, sixtySeconds: nil)]
        detail.temperatures = [.init(name: "k10temp Tctl", value: 61.5)]
        detail.power = [.init(name: "rapl cpu package-0 (measured)", value: 48.2)]
        detail.pools = [.init(url: "stratum+tcp://pool:3333", up: true, pingSeconds: 0.042)]
        detail.guardStopped = false
        detail.guardActive = true
        detail.guardShedThreads = 1
        model.board.detail = detail
        model.board.detailRig = "rigtop/alpha.lan:60090"
        let text = FarmLayout.render(model, size: TerminalSize(columns: 120, rows: 40)).lines.joined(separator: "\n")
        for expected in ["thread 0", "22.0 kH/s", "60s n/a", "k10temp Tctl", "61.5 °C", "48.2 W", "stratum+tcp://pool:3333 up 42 ms",
                         "thermal guard watching, 1 threads shed"] {
            #expect(text.contains(expected), "missing \(expected):\n\(text)")
        }
    }

    @Test func aFailedRefreshKeepsTheRowsAndSaysWhy() {
        let failed = FarmReading(snapshot: Self.snapshot, readAt: Self.now - 30, error: "Prometheus unreachable: connection refused",
                                 attemptedAt: Self.now)
        let text = FarmLayout.render(Self.model(failed), size: TerminalSize(columns: 120, rows: 40)).lines.joined(separator: "\n")
        #expect(text.contains("Prometheus unreachable: connection refused — showing data 30s old"))
        #expect(text.contains("alpha alpha.lan:600"), "the last good rows stay")
    }

    @Test func aThousandRigsDrawOnlyTheVisibleRows() {
        let rigs = (0..<1000).map { index in
            let digits = String(index)
            return Self.rig("rig" + String(repeating: "0", count: 4 - digits.count) + digits, .mining, rate: Double(index * 10))
        }
        var model = Self.model(FarmReading(snapshot: FarmSnapshot(time: Self.now, source: "s", rigs: rigs), readAt: Self.now))
        model.moveSelection(by: 500)
        let lines = FarmLayout.render(model, size: TerminalSize(columns: 120, rows: 40)).lines
        #expect(lines.contains { $0.contains("rig0499") }, "the selected rig (500th by hashrate) is on screen")
        #expect(lines.joined().contains("/1000"), "the position is shown")
    }
}
