import Synchronization

/// Where the engine posts the current job and worker threads pick it up.
///
/// Workers poll ``generation`` once per nonce batch (one acquiring load) and take the lock only
/// when it changed, so a job change reaches every thread within one batch without stopping it.
final class JobBoard: Sendable {
    private let job = Mutex<MiningJob?>(nil)
    private let counter = Atomic<UInt64>(0)

    /// Bumped after every post.
    var generation: UInt64 { counter.load(ordering: .acquiring) }

    /// Replaces the job (nil: no valid work, workers idle).
    func post(_ newJob: MiningJob?) {
        job.withLock { $0 = newJob }
        counter.wrappingAdd(1, ordering: .releasing)
    }

    /// The current job and the generation it belongs to.
    func current() -> (job: MiningJob?, generation: UInt64) {
        let generation = counter.load(ordering: .acquiring)
        return (job.withLock { $0 }, generation)
    }
}
