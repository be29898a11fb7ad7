import Foundation
import RigEngine
import RigUI

/// Runs a terminal front end's loop (the dashboard, the farm view) on a thread of its own:
/// curses blocks in `wget_wch`, which must not tie up one of Swift's few cooperative threads.
enum TerminalThread {
    /// Opens the screen on a new thread, runs `loop` there and closes the screen after it.
    /// `loop` gets the signal to stop on: SIGINT, SIGTERM or SIGHUP caught by ``TerminalGuard``,
    /// or SIGHUP when the parent has gone: a terminal that vanished without a SIGHUP (its tmux
    /// server killed, say) shows as the parent going away, so no orphan keeps running.
    static func run<Exit: Sendable>(environment: [String: String], mouse: Bool,
                                    _ loop: @escaping @Sendable (NcursesScreen, () -> Int32) -> Exit) async -> Exit {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                CPUAffinity.nameCurrentThread("rigtop-terminal")
                let screen = NcursesScreen(environment: environment, mouse: mouse)
                let parent = getppid()
                let exit = loop(screen) {
                    let signal = TerminalGuard.pendingSignal.load(ordering: .relaxed)
                    return signal != 0 ? signal : getppid() != parent ? SIGHUP : 0
                }
                screen.end()
                continuation.resume(returning: exit)
            }
            thread.name = "rigtop-terminal"
            thread.start()
        }
    }
}
