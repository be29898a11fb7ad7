/// Searches Monero hashing blobs with one RandomX VM, pipelining `randomx_calculate_hash_first/next`.
///
/// Under RandomX v2 a share is judged by the commitment of the hash, Blake2b-256(blob || hash),
/// as Monero's v17 and xmrig compare it; the commitment is computed right after each hash, from
/// the blob still holding that nonce.
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
    private var spareBlob: UnsafeMutableRawPointer
    private var blobCapacity = 256
    private var blobCount = 0
    private let output: UnsafeMutableRawPointer
    private let commitment: UnsafeMutableRawPointer
    private var candidates: [NonceCandidate] = []
    private let version: RandomXVersion

    /// Byte offset of the 32-bit nonce in a Monero hashing blob (after the major/minor version,
    /// timestamp varints and the 32-byte previous block id).
    static let nonceOffset = HashAlgorithm.randomx.nonceOffset

    init(kernel: HashKernel, context: RandomXContext) {
        self.kernel = kernel
        self.context = context
        // ≈ 0.1 s per batch at a full-mode thread's ≈ 350 H/s: job changes arrive within that, and
        // the pipeline is restarted once per batch (one scratchpad fill in 32 not overlapped).
        preferredBatch = kernel.randomXMode == .light ? 4 : 32
        version = kernel.algorithm.randomXVersion ?? .v1
        blob = .allocate(byteCount: blobCapacity, alignment: 64)
        spareBlob = .allocate(byteCount: blobCapacity, alignment: 64)
        output = .allocate(byteCount: 32, alignment: 64)
        commitment = .allocate(byteCount: 32, alignment: 64)
        candidates.reserveCapacity(Int(preferredBatch))
    }

    deinit {
        blob.deallocate()
        spareBlob.deallocate()
        output.deallocate()
        commitment.deallocate()
    }

    /// The dataset the VM runs on, if any.
    var dataset: RandomXDataset? { vm?.dataset }

    func load(input: [UInt8]) {
        precondition(input.count >= Self.nonceOffset + 4, "a Monero hashing blob is at least 43 bytes")
        if input.count > blobCapacity {
            blob.deallocate()
            spareBlob.deallocate()
            blobCapacity = input.count
            blob = .allocate(byteCount: blobCapacity, alignment: 64)
            spareBlob = .allocate(byteCount: blobCapacity, alignment: 64)
        }
        input.withUnsafeBytes {
            blob.copyMemory(from: $0.baseAddress!, byteCount: input.count)
            spareBlob.copyMemory(from: $0.baseAddress!, byteCount: input.count)
        }
        blobCount = input.count
    }

    func prepare(for job: MiningJob) -> Bool {
        guard let seed = job.seedHash else { return false }
        guard let dataset = context.dataset(for: seed, version: version) else {
            vm = nil  // lets the old dataset go while the new one builds
            return false
        }
        if let next = job.nextSeedHash, next != seed { context.prepareNext(seed: next, version: version) }
        if let vm, vm.dataset === dataset { return true }
        vm = nil
        vm = try? RandomXVM(dataset: dataset, version: version)
        return vm != nil
    }

    func referenceDigest(of input: [UInt8]) -> [UInt8] { referenceProof(of: input).digest }

    func referenceProof(of input: [UInt8]) -> (digest: [UInt8], randomXHash: [UInt8]?) {
        guard let vm else { preconditionFailure("RandomX digest asked before prepare(for:)") }
        let hash = vm.hash(input)
        guard version == .v2 else { return (hash, nil) }
        return (RandomXLibrary.commitment(input: input, hash: hash), hash)
    }

    @inline(__always)
    private func setNonce(_ nonce: UInt32, in buffer: UnsafeMutableRawPointer) {
        buffer.storeBytes(of: nonce.littleEndian, toByteOffset: Self.nonceOffset, as: UInt32.self)
    }

    func search(from first: UInt32, count: UInt32, targetTop: UInt32) -> ArraySlice<NonceCandidate> {
        candidates.removeAll(keepingCapacity: true)
        guard let vm, count > 0 else { return candidates[...] }
        RandomXVM.keepingFloatingPointEnvironment {
            // Two copies of the blob: the VM starts on the next nonce's while the finished hash is
            // judged, and a v2 commitment needs the blob of the hash just finished.
            var current = blob
            var next = spareBlob
            setNonce(first, in: current)
            vm.hashFirst(current, count: blobCount)
            var nonce = first
            for _ in 1..<count {
                setNonce(nonce &+ 1, in: next)
                vm.hashNext(next, count: blobCount, output: output)
                judge(nonce, blob: current, targetTop)
                swap(&current, &next)
                nonce &+= 1
            }
            vm.hashLast(output: output)
            judge(nonce, blob: current, targetTop)
        }
        return candidates[...]
    }

    /// The hash is a little-endian 256-bit number (Monero compares it so): its top word is bytes 28..<32.
    /// Under v2 the number is the commitment of the hash and its blob.
    @inline(__always)
    private func judge(_ nonce: UInt32, blob: UnsafeMutableRawPointer, _ targetTop: UInt32) {
        var judged = output
        if version == .v2 {
            RandomXLibrary.commitment(input: UnsafeRawBufferPointer(start: blob, count: blobCount), hash: output, into: commitment)
            judged = commitment
        }
        let top = UInt32(littleEndian: judged.loadUnaligned(fromByteOffset: 28, as: UInt32.self))
        if top <= targetTop { candidates.append(NonceCandidate(nonce: nonce, top: top)) }
    }
}
