import Foundation
import RigTestSupport
import Testing

/// The mouse in a real terminal: tmux delivers the reports ncurses asked for (X10 encoding, as
/// `kmous=\E[M` in tmux's terminfo says), written into the pane with `send-keys -H` the way a
/// click or a wheel step in an attached client would arrive.
@Suite("dashboard mouse in tmux (end to end)", .subprocesses, .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct DashboardMouseEndToEndTests {
    /// Eight `nvme` chips of three temperatures each: more thermals rows than a 100×30 panel shows.
    final class ManyChipsTree {
        let root: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-mouse-\(UUID().uuidString)")
            for chip in 0..<8 {
                let directory = root.appendingPathComponent("sys/class/hwmon/hwmon\(chip)")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try "nvme\n".write(to: directory.appendingPathComponent("name"), atomically: true, encoding: .utf8)
                for (index, label) in ["Composite", "Sensor 1", "Sensor 2"].enumerated() {
                    try "\(label)\n".write(to: directory.appendingPathComponent("temp\(index + 1)_label"), atomically: true, encoding: .utf8)
                    try "\(40_000 + chip * 1000 + index * 100)\n".write(to: directory.appendingPathComponent("temp\(index + 1)_input"),
                                                                         atomically: true, encoding: .utf8)
                }
            }
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    static func command(_ tree: ManyChipsTree, _ extra: String = "") -> String {
        "LANG=C.UTF-8 '\(RigtopProcess.executable.path)' --no-ledger --root '\(tree.root.path)' --threads 1 \(extra)"
    }

    /// Where `text` first appears on screen: (column, row), 0-based.
    static func locate(_ text: String, in screen: String, row wanted: ((String) -> Bool)? = nil) -> (column: Int, row: Int)? {
        for (row, line) in screen.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard wanted?(String(line)) ?? true, let range = line.range(of: text) else { continue }
            return (line.distance(from: line.startIndex, to: range.lowerBound), row)
        }
        return nil
    }

    @Test("click a coin in the footer, wheel over Thermals, click its title and scroll with ↓")
    func clicksAndWheel() async throws {
        let tree = try ManyChipsTree()
        try await Tmux.withSession(columns: 100, rows: 30, command: Self.command(tree)) { session in
            #expect(await session.waitFor { $0.contains("Thermals") && $0.contains("3 LTC") && $0.contains("BTC sha256d") })
            #expect(await session.waitFor { $0.contains("Composite") })

            let screen = await session.capture()
            let ltc = try #require(Self.locate("3 LTC", in: screen) { $0.hasPrefix("1 BTC") })
            #expect(await session.click(column: ltc.column + 2, row: ltc.row, until: { $0.contains("LTC scrypt") }),
                    "a click on LTC in the footer mines LTC")

            // The wheel over the thermals rows scrolls them three at a time: "4–…/32" on the border.
            let title = try #require(Self.locate("Thermals", in: screen))
            await session.mouse(.wheelDown, column: title.column + 4, row: title.row + 4)
            #expect(await session.waitFor(seconds: 20) { $0.contains("4–") && $0.contains("/32┘") })

            // Arrows scroll the threads until the title click gives Thermals the focus.
            await session.mouse(.left, column: title.column + 2, row: title.row)
            try await Task.sleep(for: .milliseconds(500))
            await session.send("Down")
            #expect(await session.waitFor(seconds: 20) { $0.contains("5–") && $0.contains("/32┘") })

            await session.send("q")
            #expect(await session.waitFor { $0.contains("RIGTOP_EXIT=0") })
        }
    }

    @Test("--no-mouse: the terminal keeps the mouse and a click on a coin does nothing")
    func noMouse() async throws {
        let tree = try ManyChipsTree()
        try await Tmux.withSession(columns: 100, rows: 30, command: Self.command(tree, "--no-mouse")) { session in
            #expect(await session.waitFor { $0.contains("Thermals") && $0.contains("3 LTC") })
            #expect(await session.mouseFlags() == "0 0", "rigtop asked for no mouse reports")
            let screen = await session.capture()
            let ltc = try #require(Self.locate("3 LTC", in: screen) { $0.hasPrefix("1 BTC") })
            await session.mouse(.left, column: ltc.column + 2, row: ltc.row)
            try await Task.sleep(for: .seconds(3))
            #expect(await session.capture().contains("BTC sha256d"))
            #expect(await !session.capture().contains("click a coin"), "help is not open either")
            await session.send("h")
            #expect(await session.waitFor { $0.contains("Help") && $0.contains("quit") })
            #expect(await !session.capture().contains("click a coin (footer)"), "help lists no mouse bindings")
            await session.send("q")
            #expect(await session.waitFor { $0.contains("RIGTOP_EXIT=0") })
        }
    }
}

extension Tmux {
    enum MouseButton: Int {
        case left = 0, wheelUp = 64, wheelDown = 65
    }

    /// Writes an X10 mouse report for `button` at the 0-based cell into the pane (a press, and a
    /// release after a left press), as tmux passes on a real client's mouse.
    func mouse(_ button: MouseButton, column: Int, row: Int) async {
        func report(_ code: Int) -> [String] {
            [0x1b, 0x5b, 0x4d, 32 + code, 33 + column, 33 + row].map { String($0, radix: 16) }
        }
        var bytes = report(button.rawValue)
        if button == .left { bytes += report(3) }
        _ = try? await Self.run(["send-keys", "-t", name, "-H"] + bytes)
    }

    /// Clicks (again every few seconds, should the first be lost) until the screen shows the effect.
    func click(column: Int, row: Int, until condition: (String) -> Bool) async -> Bool {
        for _ in 0..<5 {
            await mouse(.left, column: column, row: row)
            if await waitFor(seconds: 6, condition) { return true }
        }
        return false
    }

    /// tmux's record of the mouse modes the pane's program asked for: "standard any".
    func mouseFlags() async -> String {
        ((try? await Self.run(["display-message", "-p", "-t", name, "#{mouse_standard_flag} #{mouse_any_flag}"]).output) ?? "")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
