import Foundation
import RigTestSupport
import Testing

/// The real binary in a real terminal (tmux): start, keys, resize, thermal guard, quit, SIGTERM,
/// and the terminal coming back each time.
@Suite("dashboard in tmux (end to end)", .subprocesses, .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct DashboardEndToEndTests {
    /// A tiny sysfs tree with one k10temp chip whose temperature the test rewrites.
    final class ThermalTree {
        let root: URL
        let input: URL

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-e2e-\(UUID().uuidString)")
            let chip = root.appendingPathComponent("sys/class/hwmon/hwmon0")
            try FileManager.default.createDirectory(at: chip, withIntermediateDirectories: true)
            try "k10temp\n".write(to: chip.appendingPathComponent("name"), atomically: true, encoding: .utf8)
            try "Tctl\n".write(to: chip.appendingPathComponent("temp1_label"), atomically: true, encoding: .utf8)
            input = chip.appendingPathComponent("temp1_input")
            try set(celsius: 50)
        }

        func set(celsius: Int) throws {
            try "\(celsius * 1000)\n".write(to: input, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    @Test("start, switch coin, help, resize, thermal guard, quit: the terminal comes back")
    func fullSession() async throws {
        let tree = try ThermalTree()
        try await Tmux.withSession(columns: 100, rows: 30, command:
            "LANG=C.UTF-8 '\(RigtopProcess.executable.path)' --no-ledger --root '\(tree.root.path)' --threads 2 --sensor-interval 0.2 --temp-limit 80 --temp-critical 90"
        ) { session in
            #expect(await session.waitFor { $0.contains("Hashrate") && $0.contains("Thermals") && $0.contains("BTC sha256d") })
            #expect(await session.waitFor { $0.contains("Tctl") && $0.contains("50.0°C") })

            #expect(await session.send("3", until: { $0.contains("LTC scrypt") }))
            #expect(await session.send("4", until: { $0.contains("DOGE scrypt") }))

            await session.send("h")
            #expect(await session.waitFor { $0.contains("Help") && $0.contains("remove a mining thread") })
            await session.send("Escape")
            #expect(await session.waitFor { !$0.contains("remove a mining thread") })

            await session.resize(columns: 30, rows: 10)
            #expect(await session.waitFor { $0.contains("terminal too small") })
            await session.resize(columns: 100, rows: 30)
            #expect(await session.waitFor { $0.contains("Hashrate") })

            // Critical temperature: hashing stops and the header says why; cooling resumes it.
            try tree.set(celsius: 95)
            #expect(await session.waitFor { $0.contains("stopped") && $0.contains("95") })
            try tree.set(celsius: 60)
            #expect(await session.waitFor { $0.contains("● mining") }, "mining resumes 10 °C below the limit")

            await session.send("q")
            #expect(await session.waitFor { $0.contains("RIGTOP_EXIT=0") })
            let after = await session.capture()
            #expect(!after.contains("Hashrate"), "the dashboard's screen is gone after quit")
            #expect(await session.waitFor { $0.contains("STTY_ECHO=yes") }, "echo is back on")
        }
    }

    @Test("SIGTERM restores the terminal and exits 143")
    func sigterm() async throws {
        let tree = try ThermalTree()
        try await Tmux.withSession(columns: 90, rows: 26, command: Self.dashboard(root: tree.root.path)) { session in
            await Self.expectStop(session, signal: "TERM", exitMarker: "RIGTOP_EXIT=143")
        }
    }

    /// Signals whose default action ends a process without a word: once they left the alternate
    /// screen on, the cursor hidden and mouse reporting enabled.
    @Test("SIGUSR1, SIGUSR2, SIGALRM, SIGRTMIN+3 restore the terminal and exit 128 + the signal",
          arguments: [("USR1", SIGUSR1), ("USR2", SIGUSR2), ("ALRM", SIGALRM), ("RTMIN+3", __libc_current_sigrtmin() + 3)])
    func otherStopSignals(_ name: String, _ number: Int32) async throws {
        let tree = try ThermalTree()
        try await Tmux.withSession(columns: 90, rows: 26, command: Self.dashboard(root: tree.root.path)) { session in
            await Self.expectStop(session, signal: name, exitMarker: "RIGTOP_EXIT=\(128 + number)")
        }
    }

    /// SIGQUIT's default, a core dump through Swift's backtracer, would print over the dashboard
    /// and wait on a raw terminal.
    @Test("SIGQUIT restores the terminal and exits 131, no crash report over it")
    func sigquit() async throws {
        let tree = try ThermalTree()
        try await Tmux.withSession(columns: 90, rows: 26, command: Self.dashboard(root: tree.root.path)) { session in
            await Self.expectStop(session, signal: "QUIT", exitMarker: "RIGTOP_EXIT=131")
        }
    }

    static func dashboard(root: String) -> String {
        "LANG=C.UTF-8 '\(RigtopProcess.executable.path)' --no-ledger --root '\(root)' --threads 1"
    }

    /// Sends `signal` once the dashboard is up: the terminal must come back, clean, with echo on.
    static func expectStop(_ session: Tmux, signal: String, exitMarker: String) async {
        #expect(await session.waitFor { $0.contains("Hashrate") })
        await session.signalChild(signal)
        let exited = await session.waitFor { $0.contains(exitMarker) }
        let after = await session.capture()
        #expect(exited, "\(after)")
        #expect(!after.contains("Hashrate") && !after.contains("Backtrace") && !after.contains("Crash"), "\(after)")
        #expect(await session.waitFor { $0.contains("STTY_ECHO=yes") })
    }
}

extension DashboardEndToEndTests {
    @Test("TERM=dumb: a clear word, not a blank screen")
    func dumbTerminal() async throws {
        try await Tmux.withSession(columns: 100, rows: 26, command:
            "TERM=dumb '\(RigtopProcess.executable.path)' --no-ledger --threads 1"
        ) { session in
            let exited = await session.waitFor { $0.contains("RIGTOP_EXIT=2") }
            let screen = await session.capture()
            #expect(exited, "\(screen)")
            #expect(screen.contains("TERM=dumb cannot move the cursor"))
        }
    }

    @Test("closing the terminal (tmux kill-session: SIGHUP) ends rigtop; no orphan keeps mining")
    func hangup() async throws {
        let tree = try ThermalTree()
        var rigtop: pid_t?
        try await Tmux.withSession(columns: 90, rows: 26, command:
            "LANG=C.UTF-8 '\(RigtopProcess.executable.path)' --no-ledger --root '\(tree.root.path)' --threads 1"
        ) { session in
            #expect(await session.waitFor { $0.contains("Hashrate") })
            rigtop = await session.childPID()
        }
        // withSession has killed the session: the pane's terminal is gone.
        let pid = try #require(rigtop, "rigtop's pid")
        let deadline = ContinuousClock.now + .seconds(60)
        while kill(pid, 0) == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(kill(pid, 0) != 0, "rigtop \(pid) still running after its terminal closed")
    }
}

/// A detached tmux session running one command, then reporting its exit status and echo state.
///
/// Every wait here sleeps with `Task.sleep`: a test that blocked its thread would take one of the
/// cooperative pool's few threads (one per core) from the async tests running beside it.
final class Tmux {
    /// Whether a `tmux` executable is on the PATH.
    static var isAvailable: Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }

    let name = "rigtop-test-\(UInt32.random(in: 0...UInt32.max))"

    /// Runs `body` on a new session and kills the session afterwards, whether `body` throws or not.
    static func withSession(columns: Int, rows: Int, command: String, _ body: (Tmux) async throws -> Void) async throws {
        let session = Tmux()
        let wrapped = "\(command); echo RIGTOP_EXIT=$?; stty -a | grep -q -- ' -echo ' && echo STTY_ECHO=no || echo STTY_ECHO=yes; sleep 120"
        // The first tmux command starts the server, which would inherit a pipe and keep it open
        // for ever: start the session with no pipes attached.
        do {
            let status = try await run(["new-session", "-d", "-s", session.name, "-x", "\(columns)", "-y", "\(rows)", wrapped],
                                       captureOutput: false).status
            guard status == 0 else { throw TmuxError(message: "tmux new-session exited \(status)") }
            try await body(session)
        } catch {
            await session.kill()
            throw error
        }
        await session.kill()
    }

    func send(_ key: String) async { _ = try? await tmux(["send-keys", "-t", name, key]) }

    func resize(columns: Int, rows: Int) async {
        _ = try? await tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    func capture() async -> String { (try? await tmux(["capture-pane", "-p", "-t", name]).output) ?? "" }

    /// Sends a signal to the command running in the pane (the pane's shell's child).
    func signalChild(_ signal: String) async {
        guard let shell = try? await tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines) else { return }
        _ = try? await ChildProcess.run("/usr/bin/pkill", ["-\(signal)", "-P", shell, "-x", "rigtop"], seconds: 30)
    }

    /// Sends a key (again every few seconds, should the first be lost) until the screen shows the
    /// effect. Only for keys whose effect repeating them does not undo.
    func send(_ key: String, until condition: (String) -> Bool) async -> Bool {
        for _ in 0..<10 {
            await send(key)
            if await waitFor(seconds: 6, condition) { return true }
        }
        return false
    }

    /// The process id of rigtop: the pane shell's child.
    func childPID() async -> pid_t? {
        guard let shell = try? await tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines),
            let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        else { return nil }
        return children.split(separator: " ").first.flatMap { pid_t($0) }
    }

    /// Polls the screen until `condition` holds or `seconds` pass.
    func waitFor(seconds: Double = 60, _ condition: (String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if condition(await capture()) { return true }
            try? await Task.sleep(for: .milliseconds(200))
        }
        return condition(await capture())
    }

    func kill() async { _ = try? await tmux(["kill-session", "-t", name]) }

    private func tmux(_ arguments: [String], captureOutput: Bool = true) async throws -> (status: Int32, output: String) {
        try await Self.run(arguments, captureOutput: captureOutput)
    }

    struct TmuxError: Error { var message: String }

    /// Runs one tmux command to its end and returns its status and output. The limit only guards
    /// against a hang: on a loaded CI machine this task itself may wait long for a thread.
    static func run(_ arguments: [String], captureOutput: Bool = true) async throws -> (status: Int32, output: String) {
        let child = try ChildProcess("/usr/bin/env", ["tmux"] + arguments, captureOutput: captureOutput, mergeErrors: true)
        guard let termination = await child.wait(seconds: 300) else {
            throw TmuxError(message: "tmux \(arguments.joined(separator: " ")) did not finish in 300 s")
        }
        guard case .exited(let status) = termination else { return (-1, child.stdout) }
        return (status, child.stdout)
    }
}
