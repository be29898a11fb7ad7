#if canImport(Glibc)
import Glibc
#endif

/// The signals whose default action ends the process (POSIX's "T" and "A" actions, less the
/// crashes and those that cannot be caught), each of which stops a rig cleanly instead: the
/// terminal restored, the ledger flushed, `mine`'s summary printed. SIGPIPE is ignored apart
/// (a closed pipe fails a write, it stops nothing).
public enum StopSignals {
    public static let all: [(number: Int32, name: String)] = [
        (SIGHUP, "SIGHUP"), (SIGINT, "SIGINT"), (SIGQUIT, "SIGQUIT"), (SIGTERM, "SIGTERM"),
        (SIGUSR1, "SIGUSR1"), (SIGUSR2, "SIGUSR2"), (SIGALRM, "SIGALRM"), (SIGVTALRM, "SIGVTALRM"),
        (SIGIO, "SIGIO"), (SIGPWR, "SIGPWR"), (SIGSTKFLT, "SIGSTKFLT"),
        (SIGXCPU, "SIGXCPU"), (SIGXFSZ, "SIGXFSZ"),
    ] + realTime

    /// The real-time signals glibc leaves to programs (SIGRTMIN to SIGRTMAX, 34 to 64 on Linux):
    /// each ends a process by default, so `kill -RTMIN+3` must stop a rig cleanly too.
    static let realTime: [(number: Int32, name: String)] = {
        let low = __libc_current_sigrtmin()
        let high = __libc_current_sigrtmax()
        guard low > 0, low <= high else { return [] }
        return (low...high).map { ($0, $0 == low ? "SIGRTMIN" : "SIGRTMIN+\($0 - low)") }
    }()

    /// Ignored, for every command: SIGPIPE (a closed pipe fails a write, it stops nothing) and
    /// SIGPROF (a profiler's tick; Dispatch leaves it unblocked on its worker threads, so it
    /// cannot reliably reach a stop handler, and a profiler's tick should stop nothing).
    public static let ignored: [Int32] = [SIGPIPE, SIGPROF]

    /// The name of `number`, "signal N" for one not in ``all``.
    public static func name(_ number: Int32) -> String {
        all.first { $0.number == number }?.name ?? "signal \(number)"
    }
}
