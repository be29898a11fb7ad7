import Synchronization
import Testing

/// A trait for suites whose tests start processes that burn CPU (`rigtop mine`, dashboards in
/// tmux, litecoind, monerod): at most ``SubprocessSlots/limit`` such test cases run at once.
///
/// Swift Testing starts every test case at once. On a 2-core CI machine that meant a dozen mining
/// children beside the test process, which then got a sliver of a core: its deadlines passed
/// while children that had long finished waited to be reaped. Each test case holds one slot for
/// its whole run, however many children it starts, so slots cannot deadlock.
public struct SubprocessSlot: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    /// One scope per test case (each case of a parameterised test takes its own slot); none for
    /// a suite as a whole.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        testCase == nil ? nil : self
    }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        await SubprocessSlots.shared.acquire()
        defer { SubprocessSlots.shared.release() }
        try await function()
    }
}

extension Trait where Self == SubprocessSlot {
    /// The suite's tests start CPU-hungry processes; see ``SubprocessSlot``.
    public static var subprocesses: Self { SubprocessSlot() }
}

/// A counting semaphore for test cases, first come first served.
public final class SubprocessSlots: Sendable {
    /// Three: the children of the suites that mine use one thread each, so three keep a 2-core
    /// machine busy while the test process still gets its share.
    public static let limit = 3
    public static let shared = SubprocessSlots(limit)

    private let state: Mutex<(free: Int, waiting: [CheckedContinuation<Void, Never>])>

    init(_ count: Int) { state = Mutex((count, [])) }

    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { state -> Bool in
                guard state.free > 0 else {
                    state.waiting.append(continuation)
                    return false
                }
                state.free -= 1
                return true
            }
            if granted { continuation.resume() }
        }
    }

    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiting.isEmpty else {
                state.free += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
