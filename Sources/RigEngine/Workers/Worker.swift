import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// One mining thread: its identity, counters and stop flag, shared with the pool and the stats.
///
/// The thread itself runs ``run(board:paused:kernels:onShare:)``; everything else only reads the
/// atomics.
public final class Worker: Sendable {
    /// Position in the pool, 0-based; also selects this thread's extranonce2 / header space, or its
    /// slice of the nonces (``MiningJob/nonceRange``).
    public let index: Int
    /// The core the thread asked to run on, if any.
    public let core: Int?
    public let counter = WorkerCounter()
    /// Set by the thread once it knows whether pinning worked.
    let pinned = Atomic<Bool>(false)
    /// Set by the pool to end the thread after its current batch.
    let stopRequested = Atomic<Bool>(false)
    /// Set by the thread on its way out.
    let finished = Atomic<Bool>(false)
    /// Set by the thread while it has no work or is paused.
    let idle = Atomic<Bool>(true)

    init(index: Int, core: Int?) {
        self.index = index
        self.core = core
    }

    /// Starts the OS thread, which sleeps until `gate` is open before it hashes.
    func start(board: JobBoard, paused: PausedFlag, kernels: KernelChoice, randomX: RandomXContext,
               gate: StartGate, onShare: @escaping @Sendable (FoundShare) -> Void) {
        let thread = Thread { [self] in
            gate.pass()
            self.run(board: board, paused: paused, kernels: kernels, randomX: randomX, onShare: onShare)
        }
        thread.name = "rigtop-miner-\(index)"
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// The mining loop. Per batch: one generation load, one pause load, one stop load, the kernel,
    /// one relaxed add. Candidates (rare) are re-verified here, off the kernel.
    func run(board: JobBoard, paused: PausedFlag, kernels: KernelChoice, randomX: RandomXContext,
             onShare: @Sendable (FoundShare) -> Void) {
        CPUAffinity.nameCurrentThread("rigtop-miner-\(index)")
        if let core { pinned.store(CPUAffinity.pinCurrentThread(to: core), ordering: .relaxed) }
        defer { finished.store(true, ordering: .releasing) }

        var searchers: [HashAlgorithm: any NonceSearcher] = [:]
        var searcher: (any NonceSearcher)?
        var job: MiningJob?
        var seen: UInt64 = .max
        var roll: UInt32 = 0
        var input: [UInt8] = []
        var range = NonceRange.all
        var nonce: UInt32 = 0
        var searched: UInt64 = 0
        var ready = false
        var exhausted = false

        while !stopRequested.load(ordering: .relaxed) {
            let generation = board.generation
            if generation != seen {
                (job, seen) = board.current()
                roll = 0
                range = job?.nonceRange(index) ?? .all
                nonce = range.first
                searched = 0
                searcher = nil
                ready = false
                exhausted = false
                if let job, let kernel = kernels.kernel(for: job.algorithm) {
                    let chosen = searchers[job.algorithm] ?? kernel.makeSearcher(randomX: randomX)
                    searchers[job.algorithm] = chosen
                    input = job.makeInput(index, roll)
                    chosen.load(input: input)
                    searcher = chosen
                }
            }
            if !ready, let job, let searcher { ready = searcher.prepare(for: job) }
            guard let job, let searcher, ready, !exhausted, !paused.isPaused else {
                idle.store(true, ordering: .relaxed)
                usleep(20_000)
                continue
            }
            idle.store(false, ordering: .relaxed)

            let batch = searcher.preferredBatch
            let candidates = searcher.search(from: nonce, count: batch, targetTop: job.target.top)
            counter.hashes.wrappingAdd(UInt64(batch), ordering: .relaxed)
            for candidate in candidates {
                verify(candidate, input: input, job: job, roll: roll, searcher: searcher, onShare: onShare)
            }
            nonce &+= batch
            searched += UInt64(batch)
            if searched >= range.count {
                guard job.rolls else {
                    exhausted = true
                    continue
                }
                roll &+= 1
                input = job.makeInput(index, roll)
                searcher.load(input: input)
                nonce = range.first
                searched = 0
            }
        }
    }

    /// Re-hashes a kernel's candidate with the portable reference. A kernel that reported a top
    /// word the reference disagrees with made a hardware error; a candidate that meets the target
    /// becomes a share.
    private func verify(_ candidate: NonceCandidate, input: [UInt8], job: MiningJob, roll: UInt32,
                        searcher: any NonceSearcher, onShare: @Sendable (FoundShare) -> Void) {
        var full = input
        let offset = job.algorithm.nonceOffset
        full[offset] = UInt8(truncatingIfNeeded: candidate.nonce)
        full[offset + 1] = UInt8(truncatingIfNeeded: candidate.nonce >> 8)
        full[offset + 2] = UInt8(truncatingIfNeeded: candidate.nonce >> 16)
        full[offset + 3] = UInt8(truncatingIfNeeded: candidate.nonce >> 24)
        let (digest, randomXHash) = searcher.referenceProof(of: full)
        guard ShareTarget.top(of: digest) == candidate.top else {
            counter.hardwareErrors.wrappingAdd(1, ordering: .relaxed)
            return
        }
        guard job.target.isMet(by: digest) else { return }
        counter.shares.wrappingAdd(1, ordering: .relaxed)
        let hashTarget = ShareTarget(words: (0..<8).map { ShareTarget.word(digest, $0) })
        onShare(FoundShare(
            jobID: job.id, algorithm: job.algorithm, worker: index, roll: roll, nonce: candidate.nonce,
            input: full, digest: digest, randomXHash: randomXHash, hashDifficulty: hashTarget.difficulty,
            origin: job.origin, jobTag: job.tag))
    }
}

/// The pool-wide pause switch, read by every worker once per batch.
final class PausedFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isPaused: Bool { flag.load(ordering: .relaxed) }
    func set(_ paused: Bool) { flag.store(paused, ordering: .relaxed) }
}

/// Holds newly started threads back, asleep in the kernel (a futex, not a polling loop), until
/// the pool has created all of them; passed once, before a thread's first batch.
final class StartGate: Sendable {
    private let lock = Mutex<Void>(())

    /// Runs `body` (creating the threads) with the gate shut.
    func whileShut(_ body: () -> Void) { lock.withLock { _ in body() } }

    /// Returns once the gate is open.
    func pass() { lock.withLock { _ in } }
}
