internal import CHashKernels

/// Searches Bitcoin-style 80-byte headers with a SHA-256d kernel from the midstate of the first 64
/// bytes.
final class SHA256dSearcher: NonceSearcher {
    let kernel: HashKernel
    let preferredBatch: UInt32 = 1 << 18  // ≈10 ms at 25 MH/s: a job change lands within it
    private let scan: rig_sha256d_scan_fn
    private var midstate = [UInt32](repeating: 0, count: 8)
    private var tail = [UInt8](repeating: 0, count: 16)
    private static let capacity = 64
    private var foundNonces = [UInt32](repeating: 0, count: capacity)
    private var foundTops = [UInt32](repeating: 0, count: capacity)
    private var candidates = [NonceCandidate](
        repeating: NonceCandidate(nonce: 0, top: 0), count: capacity)

    init(kernel: HashKernel) {
        guard let scan = kernel.sha256dScan else { preconditionFailure("\(kernel) is not a SHA-256d kernel") }
        self.kernel = kernel
        self.scan = scan
    }

    func load(input: [UInt8]) {
        precondition(input.count == 80, "SHA-256d mining hashes 80-byte headers")
        midstate = SHA256.midstate(of: input)
        tail = Array(input[64..<80])
    }

    func search(from first: UInt32, count: UInt32, targetTop: UInt32) -> ArraySlice<NonceCandidate> {
        let found = midstate.withUnsafeBufferPointer { mid in
            tail.withUnsafeBufferPointer { tail in
                foundNonces.withUnsafeMutableBufferPointer { nonces in
                    foundTops.withUnsafeMutableBufferPointer { tops in
                        scan(mid.baseAddress, tail.baseAddress, first, count, targetTop,
                             nonces.baseAddress, tops.baseAddress, UInt32(Self.capacity))
                    }
                }
            }
        }
        let stored = min(Int(found), Self.capacity)
        for index in 0..<stored {
            candidates[index] = NonceCandidate(nonce: foundNonces[index], top: foundTops[index])
        }
        return candidates[0..<stored]
    }
}
