import Foundation
import RigTestSupport
import Testing

/// `rigtop --miner xmrig://…` in a real terminal (tmux) over a fake xmrig API on loopback: the
/// dashboard shows the miner's rates, `p` pauses it through its JSON-RPC, the keys it cannot
/// serve say why, and a miner that goes away shows as down with the reader's error.
@Suite("dashboard on a watched miner (end to end)", .subprocesses, .serialized,
       .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct DashboardMinerEndToEndTests {
    /// Waits for the screen to satisfy `condition`; records the screen when it never does.
    static func expect(_ session: Tmux, sourceLocation: SourceLocation = #_sourceLocation, _ condition: (String) -> Bool) async {
        let shown = await session.waitFor(condition)
        let screen = await session.capture()
        #expect(shown, "\(screen)", sourceLocation: sourceLocation)
    }

    @Test("xmrig's rates on screen, p pauses it through its API, + says why not, down when it goes away")
    func watchXmrig() async throws {
        let xmrig = try FakeXmrig(token: "s3cret")
        defer { xmrig.stop() }
        let tree = try DashboardEndToEndTests.ThermalTree()
        try await Tmux.withSession(columns: 120, rows: 40, command:
            "LANG=C.UTF-8 '\(RigtopProcess.executable.path)' --miner xmrig://s3cret@127.0.0.1:\(xmrig.port) --root '\(tree.root.path)' --sensor-interval 0.2"
        ) { session in
            await Self.expect(session) { $0.contains("xmrig://127.0.0.1:\(xmrig.port) (xmrig 6.26.0)") && $0.contains("XMR rx/0") }
            // The total and each thread's 10 s rate, from the API; this machine's temperature beside them.
            await Self.expect(session) { $0.contains("1.23 kH/s") && $0.contains("617 H/s") && $0.contains("50.0°C") }
            #expect(!(await session.capture()).contains("s3cret"), "the token is never shown")

            await session.send("p")
            #expect(await eventually(120) { xmrig.methods == ["pause"] }, "\(xmrig.methods)")
            await Self.expect(session) { $0.contains("paused") && !$0.contains("● mining") }
            await session.send("p")
            #expect(await eventually(120) { xmrig.methods == ["pause", "resume"] }, "\(xmrig.methods)")
            await Self.expect(session) { $0.contains("● mining") }

            await session.send("+")
            await Self.expect(session) { $0.contains("threads: rigtop only watches") }
            #expect(xmrig.methods.count == 2)

            xmrig.stop()
            await Self.expect(session) { $0.contains("down: ") && $0.contains("last read") }

            await session.send("q")
            await Self.expect(session) { $0.contains("RIGTOP_EXIT=0") }
        }
    }

    @Test("options only the embedded miner uses are refused beside --miner")
    func miningOptionsRefused() async throws {
        let result = try await RigtopProcess.run(["--miner", "xmrig://127.0.0.1:1", "--threads", "2"], seconds: 60)
        #expect(result.status == 64 || result.status == 2, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("--threads is for the miner rigtop runs"), "\(result.stderr)")
        let bad = try await RigtopProcess.run(["--miner", "ftp://127.0.0.1:1"], seconds: 60)
        #expect(bad.stderr.contains("unknown scheme"), "\(bad.stderr)")
    }
}
