import Foundation
import Testing
@testable import RigEngine

/// Linux threads inherit their creator's affinity, so helper threads started from a pinned miner
/// (the RandomX dataset build) must not take the miner's one core for the process's.
@Suite struct CPUAffinityTests {
    /// Runs `body` on a new thread pinned to `core`, the way a miner thread is.
    static func onPinnedThread<T: Sendable>(_ core: Int, _ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                #expect(CPUAffinity.pinCurrentThread(to: core))
                continuation.resume(returning: body())
            }
            thread.start()
        }
    }

    @Test(.enabled(if: CPUAffinity.allowedCores().count >= 2, "needs two cores"))
    func aPinnedThreadSeesTheProcessCoresAndCanLetGo() async {
        let all = CPUAffinity.allowedCores()
        let (seen, pinned, unpinned, child) = await Self.onPinnedThread(all[0]) { () -> ([Int], [Int]?, [Int]?, [Int]?) in
            let pinned = CPUAffinity.currentThreadCores()
            // A thread it starts inherits the pin until it lets go.
            let semaphore = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var child: [Int]?
            let thread = Thread {
                child = CPUAffinity.currentThreadCores()
                semaphore.signal()
            }
            thread.start()
            semaphore.wait()
            let seen = CPUAffinity.allowedCores()
            CPUAffinity.unpinCurrentThread()
            return (seen, pinned, CPUAffinity.currentThreadCores(), child)
        }
        #expect(pinned == [all[0]])
        #expect(child == [all[0]])
        #expect(seen == all)
        #expect(unpinned == all)
    }
}
