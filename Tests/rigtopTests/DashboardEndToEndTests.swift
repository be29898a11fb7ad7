import Foundation
import Testing

/// The real binary in a real terminal (tmux): start, keys, resize, thermal guard, quit, SIGTERM,
/// and the terminal coming back each time.
@Suite("dashboard in tmux (end to end)", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
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
    func fullSession() throws {
        let tree = try ThermalTree()
        let session = try Tmux(columns: 100, rows: 30, command:
            "LANG=C.UTF-8 '\(RigtopProcess.executable.path)' --no-ledger --root '\(tree.root.path)' --threads 2 --sensor-interval 0.2 --temp-limit 80 --temp-critical 90")
        defer { session.kill() }

        #expect(session.waitFor { $0.contains("Hashrate") && $0.contains("Thermals") && $0.contains("BTC sha256d") })
        #expect(session.waitFor { $0.contains("Tctl") && $0.contains("50.0°C") })

        #expect(session.send("3", until: { $0.contains("LTC scrypt") }))
        #expect(session.send("4", until: { $0.contains("DOGE scrypt") }))

        session.send("h")
        #expect(session.waitFor { $0.contains("Help") && $0.contains("remove a mining thread") })
        session.send("Escape")
        #expect(session.waitFor { !$0.contains("remove a mining thread") })

        session.resize(columns: 30, rows: 10)
        #expect(session.waitFor { $0.contains("terminal too small") })
        session.resize(columns: 100, rows: 30)
        #expect(session.waitFor { $0.contains("Hashrate") })

        // Critical temperature: hashing stops and the header says why; cooling resumes it.
        try tree.set(celsius: 95)
        #expect(session.waitFor { $0.contains("stopped") && $0.contains("95") })
        try tree.set(celsius: 60)
        #expect(session.waitFor { $0.contains("● mining") }, "mining resumes 10 °C below the limit")

        session.send("q")
        #expect(session.waitFor { $0.contains("RIGTOP_EXIT=0") })
        let after = session.capture()
        #expect(!after.contains("Hashrate"), "the dashboard's screen is gone after quit")
        #expect(session.waitFor { $0.contains("STTY_ECHO=yes") }, "echo is back on")
    }

    @Test("SIGTERM restores the terminal and exits 143")
    func sigterm() throws {
        let tree = try ThermalTree()
        let session = try Tmux(columns: 90, rows: 26, command:
            "LANG=C.UTF-8 '\(RigtopProcess.executable.path)' --no-ledger --root '\(tree.root.path)' --threads 1")
        defer { session.kill() }
        #expect(session.waitFor { $0.contains("Hashrate") })
        session.signalChild("TERM")
        #expect(session.waitFor { $0.contains("RIGTOP_EXIT=143") })
        #expect(!session.capture().contains("Hashrate"))
        #expect(session.waitFor { $0.contains("STTY_ECHO=yes") })
    }
}

/// A detached tmux session running one command, then reporting its exit status and echo state.
final class Tmux {
    static var isAvailable: Bool {
        (try? Tmux.run(["-V"], captureOutput: false).status) == 0
    }

    let name = "rigtop-test-\(UInt32.random(in: 0...UInt32.max))"

    init(columns: Int, rows: Int, command: String) throws {
        let wrapped = "\(command); echo RIGTOP_EXIT=$?; stty -a | grep -q -- ' -echo ' && echo STTY_ECHO=no || echo STTY_ECHO=yes; sleep 120"
        // The first tmux command starts the server, which would inherit a pipe and keep it open
        // forever: start the session with no pipes attached.
        let result = try tmux(["new-session", "-d", "-s", name, "-x", "\(columns)", "-y", "\(rows)", wrapped],
                              captureOutput: false)
        guard result.status == 0 else { throw TmuxError(message: "tmux new-session exited \(result.status)") }
    }

    func send(_ key: String) { _ = try? tmux(["send-keys", "-t", name, key]) }

    func resize(columns: Int, rows: Int) {
        _ = try? tmux(["resize-window", "-t", name, "-x", "\(columns)", "-y", "\(rows)"])
    }

    func capture() -> String { (try? tmux(["capture-pane", "-p", "-t", name]).output) ?? "" }

    /// Sends a signal to the command running in the pane (the pane's shell's child).
    func signalChild(_ signal: String) {
        guard let shell = try? tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines) else { return }
        let pkill = Process()
        pkill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        pkill.arguments = ["-\(signal)", "-P", shell, "-x", "rigtop"]
        try? pkill.run()
        pkill.waitUntilExit()
    }

    /// Sends a key (again every few seconds, should the first be lost) until the screen shows the
    /// effect. Only for keys whose effect repeating them does not undo.
    func send(_ key: String, until condition: (String) -> Bool) -> Bool {
        for _ in 0..<10 {
            send(key)
            if waitFor(seconds: 6, condition) { return true }
        }
        return false
    }

    /// The process id of rigtop, the pane shell's child.
    func childPID() -> pid_t? {
        guard let shell = try? tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines),
            let children = try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        else { return nil }
        return children.split(separator: " ").first.flatMap { pid_t($0) }
    }

    /// Polls the screen until `condition` holds or `seconds` pass.
    func waitFor(seconds: Double = 60, _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition(capture()) { return true }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return condition(capture())
    }

    func kill() { _ = try? tmux(["kill-session", "-t", name]) }

    private func tmux(_ arguments: [String], captureOutput: Bool = true) throws -> (status: Int32, output: String) {
        try Self.run(arguments, captureOutput: captureOutput)
    }

    struct TmuxError: Error { var message: String }

    static func run(_ arguments: [String], captureOutput: Bool = true) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["tmux"] + arguments
        guard captureOutput else {
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return (process.terminationStatus, "")
        }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
