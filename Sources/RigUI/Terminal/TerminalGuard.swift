import RigRuntime
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Restores the terminal whatever ends the program: quit, Ctrl-C, SIGTERM, SIGHUP, SIGQUIT, or a
/// crash.
///
/// SIGINT, SIGTERM, SIGHUP, SIGQUIT and every other signal in ``StopSignals`` (SIGUSR1, SIGALRM…)
/// only set ``pendingSignal``; the terminal thread sees it
/// within one key timeout (≈100 ms) and leaves through its normal path, which restores the
/// terminal. (SIGQUIT's default, a core dump through Swift's backtracer, would print over the
/// dashboard and wait for a key on a raw terminal.) Fatal signals (SIGSEGV, SIGABRT, SIGBUS,
/// SIGFPE, SIGILL, SIGTRAP) restore the terminal in the handler, then re-raise with the default
/// action so the crash still reports, as htop does.
public enum TerminalGuard {
    /// The termination signal received, or 0.
    public static let pendingSignal = Atomic<Int32>(0)
    /// The restore action, registered by the screen; read from signal handlers.
    private static let restore = Mutex<(@Sendable () -> Void)?>(nil)

    static func install(restore action: @escaping @Sendable () -> Void) {
        restore.withLock { $0 = action }
        for signalNumber in StopSignals.all.map(\.number) {
            signal(signalNumber) { received in TerminalGuard.pendingSignal.store(received, ordering: .relaxed) }
        }
        for signalNumber in [SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP] {
            signal(signalNumber) { received in
                // Best effort in a dying process: try the lock rather than deadlock on it.
                if let action = TerminalGuard.restore.withLockIfAvailable({ $0 }) ?? nil { action() }
                signal(received, SIG_DFL)
                raise(received)
            }
        }
    }

    static func uninstall() {
        restore.withLock { $0 = nil }
        for signalNumber in [SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL, SIGTRAP] { signal(signalNumber, SIG_DFL) }
    }
}
