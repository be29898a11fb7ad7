import Foundation
import RigTestSupport
import Testing

/// The farm view in a real terminal (tmux), in direct mode so that it needs no Prometheus: one
/// real `rigtop mine --api` rig and one address nobody answers on. Rows, sort key, filter,
/// detail and back, quit: the terminal comes back.
@Suite("farm view in tmux (end to end)", .subprocesses, .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct FarmViewEndToEndTests {
    /// Expects `condition`, with the screen in the failure's message.
    static func check(_ session: Tmux, _ condition: Bool, sourceLocation: SourceLocation = #_sourceLocation) async {
        let screen = condition ? "" : await session.capture()
        #expect(condition, "screen:\n\(screen)", sourceLocation: sourceLocation)
    }

    @Test("rows, sort, filter, detail and back, quit restores the terminal")
    func session() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-farmview-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let rigs = try await FarmEndToEndTests.startRigs(count: 1, scratch: scratch)
        let rig = "http://127.0.0.1:\(rigs.ports[0])"
        let dead = "http://127.0.0.1:\(try PrometheusEndToEndTests.freePort())"
        try await Tmux.withSession(columns: 120, rows: 40, command:
            "LANG=C.UTF-8 '\(RigtopProcess.executable.path)' farm --rig \(rig) --rig \(dead) --interval 1"
        ) { session in
            await Self.check(session, await session.waitFor(seconds: 120) {
                $0.contains("Rigs 2") && $0.contains("mining") && $0.contains("down")
            })
            #expect(await session.waitFor { $0.contains("Totals per coin") && $0.contains("LTC") })
            #expect(await session.capture().contains("sort: hashrate"))

            await Self.check(session, await session.send("s", until: { $0.contains("sort: shares") }))

            await session.send("/")
            for key in ["z", "z", "z"] { await session.send(key) }
            await Self.check(session, await session.waitFor { $0.contains("Rigs 0 of 2") })
            await session.send("Escape")
            #expect(await session.waitFor { $0.contains("Rigs 2") && !$0.contains("of 2") })

            // Sorted by shares, the rig with a count comes before the down one.
            await session.send("Home")
            await session.send("Enter")
            await Self.check(session, await session.waitFor(seconds: 60) { $0.contains("thread 0") && $0.contains("thermal guard") })
            await session.send("Escape")
            #expect(await session.waitFor { $0.contains("Totals per coin") })

            await session.send("q")
            await Self.check(session, await session.waitFor { $0.contains("RIGTOP_EXIT=0") })
            #expect(await !session.capture().contains("Totals per coin"), "the farm's screen is gone after quit")
            #expect(await session.waitFor { $0.contains("STTY_ECHO=yes") })
        }
    }

    @Test("SIGTERM restores the terminal and exits 143")
    func sigterm() async throws {
        let dead = "http://127.0.0.1:\(try PrometheusEndToEndTests.freePort())"
        try await Tmux.withSession(columns: 100, rows: 30, command:
            "LANG=C.UTF-8 '\(RigtopProcess.executable.path)' farm --rig \(dead) --interval 1"
        ) { session in
            await Self.check(session, await session.waitFor(seconds: 120) { $0.contains("Rigs 1") && $0.contains("down") })
            await session.signalChild("TERM")
            await Self.check(session, await session.waitFor { $0.contains("RIGTOP_EXIT=143") })
            #expect(await !session.capture().contains("Totals per coin"))
            #expect(await session.waitFor { $0.contains("STTY_ECHO=yes") })
        }
    }
}
