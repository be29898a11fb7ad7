/// A candidate nonce reported by a kernel, with the top 32 bits of the hash the kernel computed.
public struct NonceCandidate: Sendable, Hashable {
    public var nonce: UInt32
    public var top: UInt32
}

/// The per-thread state of one algorithm: scratchpads, kernel entry points, (for RandomX) a VM.
///
/// Implementation requirements:
/// - Owned and used by exactly one worker thread; not `Sendable`.
/// - ``search(from:count:targetTop:)`` allocates nothing and takes no locks: it is the hash loop.
/// - Memory is allocated once, in the initialiser or in ``load(input:)``, never per batch.
public protocol NonceSearcher: AnyObject {
    /// The kernel doing the hashing.
    var kernel: HashKernel { get }

    /// How many nonces one ``search(from:count:targetTop:)`` call should cover so that a job
    /// change is seen within a few milliseconds.
    var preferredBatch: UInt32 { get }

    /// Prepares for a new hashing input (header or blob); its nonce bytes are ignored.
    func load(input: [UInt8])

    /// Hashes `count` nonces from `first` and returns the candidates whose top word is at most
    /// `targetTop`, valid until the next call.
    func search(from first: UInt32, count: UInt32, targetTop: UInt32) -> ArraySlice<NonceCandidate>

    /// Readies what the job needs beyond its input (RandomX: a VM on the dataset for the job's
    /// seed). Returns false while that is still being built; the worker idles and asks again.
    /// Called after every ``load(input:)`` for a new job, never in the hash loop.
    func prepare(for job: MiningJob) -> Bool

    /// The digest a candidate is re-verified with: the algorithm's portable reference, or (RandomX)
    /// a plain, unpipelined hash on the searcher's own VM (under v2, its commitment).
    func referenceDigest(of input: [UInt8]) -> [UInt8]

    /// ``referenceDigest(of:)`` and, where the judged digest is derived from another hash (RandomX
    /// v2's commitment), that hash too: a v2 share's submit carries both.
    func referenceProof(of input: [UInt8]) -> (digest: [UInt8], randomXHash: [UInt8]?)
}

extension NonceSearcher {
    public func prepare(for job: MiningJob) -> Bool { true }

    public func referenceDigest(of input: [UInt8]) -> [UInt8] { kernel.algorithm.referenceDigest(input) }

    public func referenceProof(of input: [UInt8]) -> (digest: [UInt8], randomXHash: [UInt8]?) {
        (referenceDigest(of: input), nil)
    }
}

extension HashKernel {
    /// A fresh searcher running this kernel; RandomX searchers need the pool's `randomX` context.
    public func makeSearcher(randomX: RandomXContext? = nil) -> any NonceSearcher {
        switch algorithm {
        case .sha256d: SHA256dSearcher(kernel: self)
        case .scrypt: ScryptSearcher(kernel: self)
        case .randomx, .randomxV2:
            RandomXSearcher(kernel: self, context: randomX ?? RandomXContext(mode: randomXMode ?? .full))
        }
    }
}
