/// Searches Monero hashing blobs with one RandomX VM, pipelining `randomx_calculate_hash_first/next`.
///
/// The VM is created once per dataset (per seed), on the worker thread, when ``prepare(for:)``
/// first finds the job's dataset ready in the shared ``RandomXContext``. The blob buffer is
/// allocated in ``load(input:)``; ``search(from:count:targetTop:)`` allocates nothing.
final class RandomXSearcher: NonceSearcher {
    let kernel: HashKernel
    let preferredBatch: UInt32
    private let context: RandomXContext
    private var vm: RandomXVM?
    private var blob: UnsafeMutableRawPointer
    private var blobCapacity = 256
    private var blobCount = 0
    private let output: UnsafeMutableRawPointer
    private var candidates: [NonceCandidate] = []

    /// Byte offset of the 32-bit nonce in a Monero hashing blob (after the major/minor version,
    /// timestamp varints and the 32-byte previous block id).
    static let nonceOffset = HashAlgorithm.randomx.nonceOffset

    init(kernel: HashKernel, context: RandomXContext) {
        self.kernel = kernel
        self.context = context
        // ≈ 0.1 s per batch at a full-mode thread's ≈ 350 H/s: job changes arrive within that, and
        // the pipeline is restarted once per batch (one scratchpad fill in 32 not overlapped).
        preferredBatch = kernel == .randomxLight ? 4 : 32
        blob = .allocate(byteCount: blobCapacity, alignment: 64)
        output = .allocate(byteCount: 32, alignment: 64)
        candidates.reserveCapacity(Int(preferredBatch))
    }

    deinit {
        blob.deallocate()
        output.deallocate()
    }

    /// The dataset the VM runs on, if any.
    var dataset: RandomXDataset? { vm?.dataset }

    func load(input: [UInt8]) {
        precondition(input.count >= Self.nonceOffset + 4, "a Monero hashing blob is at least 43 bytes")
        if input.count > blobCapacity {
            blob.deallocate()
            blobCapacity = input.count
            blob = .allocate(byteCount: blobCapacity, alignment: 64)
        }
        input.withUnsafeBytes { blob.copyMemory(from: $0.baseAddress!, byteCount: input.count) }
        blobCount = input.count
    }

    func prepare(for job: MiningJob) -> Bool {
        guard let seed = job.seedHash else { return false }
        if let vm, vm.dataset.seed == seed { return true }
        vm = nil  // lets the old dataset go while the new one builds
        guard let dataset = context.dataset(for: seed) else { return false }
        vm = try? RandomXVM(dataset: dataset)
        return vm != nil
    }

    func referenceDigest(of input: [UInt8]) -> [UInt8] {
        guard let vm else { preconditionFailure("RandomX digest asked before prepare(for:)") }
        return vm.hash(input)
    }

    @inline(__always)
    private func setNonce(_ nonce: UInt32) {
        blob.storeBytes(of: nonce.littleEndian, toByteOffset: Self.nonceOffset, as: UInt32.self)
    }

    func search(from first: UInt32, count: UInt32, targetTop: UInt32) -> ArraySlice<NonceCandidate> {
        candidates.removeAll(keepingCapacity: true)
        guard let vm, count > 0 else { return candidates[...] }
        RandomXVM.keepingFloatingPointEnvironment {
            setNonce(first)
            vm.hashFirst(blob, count: blobCount)
            var nonce = first
            for _ in 1..<count {
                setNonce(nonce &+ 1)
                vm.hashNext(blob, count: blobCount, output: output)
                check(nonce, targetTop)
                nonce &+= 1
            }
            vm.hashLast(output: output)
            check(nonce, targetTop)
        }
        return candidates[...]
    }

    /// The hash is a little-endian 256-bit number (Monero compares it so): its top word is bytes 28..<32.
    @inline(__always)
    private func check(_ nonce: UInt32, _ targetTop: UInt32) {
        let top = UInt32(littleEndian: output.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
        if top <= targetTop { candidates.append(NonceCandidate(nonce: nonce, top: top)) }
    }
}
