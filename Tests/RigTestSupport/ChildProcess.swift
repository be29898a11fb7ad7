#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A child process the tests start with `posix_spawn`, read through pipes, and reap with `waitpid`,
/// always within a deadline.
///
/// Foundation's `Process` on Linux learns of a child's exit from a SIGCHLD dispatch source. Under
/// the parallel test runner one of its children was once left a zombie while `waitUntilExit()`
/// waited for ever, and CI ran into its time limit. This type owns its child outright: it polls
/// `waitpid(WNOHANG)` and its pipes with `poll`, and kills the child at a deadline, so a stuck
/// child fails one test instead of hanging the run.
public final class ChildProcess {
    /// How a child ended.
    public enum Termination: Equatable, Sendable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)

        public var description: String {
            switch self {
            case .exited(let status): "exit \(status)"
            case .signalled(let signal): "signal \(signal)"
            }
        }
    }

    public let pid: pid_t
    /// Where each of the child's threads stood when ``wait(seconds:)`` gave up on it.
    public private(set) var hangReport = ""
    public private(set) var termination: Termination?
    private var output: [UInt8] = []
    private var errors: [UInt8] = []
    private var outputFD: Int32
    private var errorFD: Int32

    /// What the child has written to standard output so far.
    public var stdout: String { String(decoding: output, as: UTF8.self) }
    /// What the child has written to standard error so far (empty when merged into stdout).
    public var stderr: String { String(decoding: errors, as: UTF8.self) }

    /// Starts `executable` with standard input from /dev/null.
    ///
    /// - Parameters:
    ///   - environment: the child's whole environment; `nil` inherits this process's.
    ///   - captureOutput: pipes for stdout and stderr; otherwise both go to /dev/null.
    ///   - mergeErrors: stderr goes into the stdout pipe.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }

    public init(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                captureOutput: Bool = true, mergeErrors: Bool = false) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)

        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        if captureOutput {
            try Self.makePipe(&outPipe)
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            if mergeErrors {
                posix_spawn_file_actions_adddup2(&actions, outPipe[1], 2)
            } else {
                try Self.makePipe(&errPipe)
                posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
            }
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        // Nothing else of the test process goes to the child. Sockets the suites' servers accept
        // are not close-on-exec: a child spawned meanwhile kept an accepted connection open, so a
        // server's close sent no FIN while the matrix spawned children back to back, and a client
        // waiting for the close waited in vain.
        // (glibc 2.34's posix_spawn_file_actions_addclosefrom_np, which Swift's Glibc module does not
        // declare, so it is looked up; an older libc spawns as before.)
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envStrings = environment.map { $0.map { "\($0.key)=\($0.value)" } }
        let envp = envStrings.map { $0.map { strdup($0) } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        // A child inherits the spawning thread's signal mask and ignored signals. The cooperative
        // pool's threads block every signal: a tmux client spawned from one never saw its SIGCHLD
        // and hung. Start the child as a shell would, with nothing blocked and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var child: pid_t = 0
        let status: Int32 = if let envp {
            posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        } else {
            posix_spawn(&child, executable, &actions, &attributes, argv, environ)
        }
        // The child has its copies; ours of the write ends must close so that EOF can arrive.
        for fd in [outPipe[1], errPipe[1]] where fd >= 0 { close(fd) }
        guard status == 0 else {
            for fd in [outPipe[0], errPipe[0]] where fd >= 0 { close(fd) }
            throw ChildProcessError.system("posix_spawn \(executable)", status)
        }
        pid = child
        outputFD = outPipe[0]
        errorFD = errPipe[0]
        for fd in [outputFD, errorFD] where fd >= 0 { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    deinit {
        if termination == nil {
            // A child the test left running: it must not outlive the test run.
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        closePipes()
    }

    /// Sends `signal` to the child (nothing once it has been reaped).
    public func signal(_ signal: Int32) {
        if termination == nil { kill(pid, signal) }
    }

    /// Reads output until `condition` holds for stdout, the child ends, or `seconds` pass.
    ///
    /// Waits with `Task.sleep`, never blocking: Swift Testing runs tests on the cooperative pool,
    /// one thread per core, and a test blocked on a child would starve the async tests beside it.
    @discardableResult
    public func waitForOutput(seconds: Double, _ condition: (String) -> Bool) async -> Bool {
        await waitFor(seconds: seconds) { condition($0.stdout) }
    }

    /// Reads output until `condition` holds for stderr, the child ends, or `seconds` pass.
    @discardableResult
    public func waitForErrors(seconds: Double, _ condition: (String) -> Bool) async -> Bool {
        await waitFor(seconds: seconds) { condition($0.stderr) }
    }

    private func waitFor(seconds: Double, _ condition: (ChildProcess) -> Bool) async -> Bool {
        let deadline = Self.now() + seconds
        while Self.now() < deadline {
            if condition(self) { return true }
            if termination != nil, outputFD < 0, errorFD < 0 { break }
            await step()
        }
        // A last look after the deadline: a loaded machine can hold this task asleep far past it,
        // and what the child wrote meanwhile counts.
        readAvailable()
        reap()
        return condition(self)
    }

    /// Keeps reading the child's output for `seconds`, so that a chatty child never blocks on a full pipe.
    public func read(for seconds: Double) async {
        _ = await waitFor(seconds: seconds) { _ in false }
    }

    /// Waits for the child to end, reading its output meanwhile; kills it with SIGKILL when
    /// `seconds` pass and returns `nil` in that case (the test should fail, not hang).
    @discardableResult
    public func wait(seconds: Double = 120) async -> Termination? {
        let deadline = Self.now() + seconds
        while termination == nil, Self.now() < deadline { await step() }
        // The same last look: when this task wakes past the deadline, a child that ended while it
        // slept is a zombie waiting to be reaped, not a hang.
        readAvailable()
        reap()
        guard let termination else {
            hangReport = await Self.threadReport(pid)
            kill(pid, SIGKILL)
            while termination == nil { await step() }
            await drain()
            return nil
        }
        await drain()
        return termination
    }

    /// Runs a command to the end and returns its status and output; a child still running after
    /// `seconds` is killed and reported as a failure.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           mergeErrors: Bool = false, seconds: Double = 120) async throws -> (termination: Termination, stdout: String, stderr: String) {
        let child = try ChildProcess(executable, arguments, environment: environment, mergeErrors: mergeErrors)
        guard let termination = await child.wait(seconds: seconds) else {
            throw ChildProcessError.timedOut("\(executable) \(arguments.joined(separator: " "))", seconds, child.stdout,
                                             child.stderr + child.hangReport)
        }
        return (termination, child.stdout, child.stderr)
    }

    // MARK: - Pipes and reaping

    private func reap() {
        guard termination == nil else { return }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid {
            // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
            let signal = status & 0x7f
            termination = signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
        } else if result < 0, errno == ECHILD {
            termination = .exited(-1)
        }
    }

    /// Reads what the pipes hold and reaps the child if it has ended, then sleeps a little.
    private func step() async {
        readAvailable()
        reap()
        try? await Task.sleep(nanoseconds: 20_000_000)
    }

    private func readAvailable() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        for which in 0..<2 {
            let fd = which == 0 ? outputFD : errorFD
            guard fd >= 0 else { continue }
            while true {
                let count = buffer.withUnsafeMutableBytes { Self.systemRead(fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if which == 0 { output += buffer[0..<count] } else { errors += buffer[0..<count] }
                } else if count == 0 {
                    close(fd)
                    if which == 0 { outputFD = -1 } else { errorFD = -1 }
                    break
                } else {
                    break  // EAGAIN: nothing more for now.
                }
            }
        }
    }

    /// After the exit, reads to EOF, but not for ever: a daemon the child forked may hold the pipe.
    private func drain() async {
        let deadline = Self.now() + 2
        readAvailable()
        while outputFD >= 0 || errorFD >= 0, Self.now() < deadline {
            try? await Task.sleep(nanoseconds: 20_000_000)
            readAvailable()
        }
        closePipes()
    }

    private func closePipes() {
        if outputFD >= 0 { close(outputFD); outputFD = -1 }
        if errorFD >= 0 { close(errorFD); errorFD = -1 }
    }

    /// Each thread of a child that would not end: its name, state and kernel wait channel, and,
    /// where gdb is installed, every thread's backtrace, so that a hang seen once in CI can be read.
    private static func threadReport(_ pid: pid_t) async -> String {
        var report = "\n--- threads of \(pid) at the deadline ---\n"
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        for task in tasks.sorted() {
            let base = "/proc/\(pid)/task/\(task)"
            let stat = (try? String(contentsOfFile: base + "/stat", encoding: .utf8)) ?? ""
            let state = stat.split(separator: ")").last?.split(separator: " ").first.map(String.init) ?? "?"
            let wchan = (try? String(contentsOfFile: base + "/wchan", encoding: .utf8)) ?? "?"
            let comm = ((try? String(contentsOfFile: base + "/comm", encoding: .utf8)) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
            report += "\(task) \(comm) state \(state) wchan \(wchan)\n"
        }
        let gdb = "/usr/bin/gdb"
        if FileManager.default.isExecutableFile(atPath: gdb),
           let trace = try? await run(gdb, ["-p", "\(pid)", "-batch", "-nx", "-ex", "thread apply all bt 30"], seconds: 30) {
            report += trace.stdout.split(separator: "\n")
                .filter { $0.hasPrefix("#") || $0.hasPrefix("Thread") }.joined(separator: "\n")
        }
        return report
    }

    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
    private static let systemPipe2: Pipe2? = dlsym(nil, "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    /// A pipe whose ends close on exec from the start (`pipe2(O_CLOEXEC)`), so that no child
    /// another thread spawns meanwhile, nor a daemon one forks, inherits them and holds EOF back.
    /// (`pipe2` needs _GNU_SOURCE, so Swift's Glibc module does not declare it; it is looked up.)
    private static func makePipe(_ ends: inout [Int32]) throws {
        if let systemPipe2 {
            guard systemPipe2(&ends, O_CLOEXEC) == 0 else { throw ChildProcessError.system("pipe2", errno) }
            return
        }
        guard pipe(&ends) == 0 else { throw ChildProcessError.system("pipe", errno) }
        for fd in ends { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #else
        Darwin.read(fd, buffer, count)
        #endif
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

public enum ChildProcessError: Error, CustomStringConvertible {
    case system(String, Int32)
    case timedOut(String, Double, String, String)

    public var description: String {
        switch self {
        case .system(let call, let code): "\(call): \(String(cString: strerror(code)))"
        case .timedOut(let command, let seconds, let out, let err):
            "\(command) still running after \(seconds) s, killed; stdout: \(out.suffix(2000)) stderr: \(err.suffix(2000))"
        }
    }
}
