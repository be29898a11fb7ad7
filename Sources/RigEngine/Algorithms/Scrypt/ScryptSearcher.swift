internal import CHashKernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Searches 80-byte headers with a scrypt kernel that hashes several nonces ("lanes") per call.
///
/// The scratchpad (128 KiB per lane) and the input/output buffers are allocated once, here.
final class ScryptSearcher: NonceSearcher {
    let kernel: HashKernel
    let preferredBatch: UInt32
    private let function: HashKernel.ScryptFunction
    private let lanes: Int
    private let inputs: UnsafeMutablePointer<UInt8>
    private let outputs: UnsafeMutablePointer<UInt8>
    private let scratch: UnsafeMutableRawPointer
    private var candidates: [NonceCandidate]

    init(kernel: HashKernel) {
        guard let (function, lanes) = kernel.scrypt else {
            preconditionFailure("\(kernel) is not a scrypt kernel")
        }
        self.kernel = kernel
        self.function = function
        self.lanes = Int(lanes)
        preferredBatch = lanes
        inputs = .allocate(capacity: Int(lanes) * 80)
        inputs.initialize(repeating: 0, count: Int(lanes) * 80)
        outputs = .allocate(capacity: Int(lanes) * 32)
        outputs.initialize(repeating: 0, count: Int(lanes) * 32)
        scratch = .allocate(byteCount: rig_scrypt_scratch_size(lanes), alignment: 64)
        candidates = []
        candidates.reserveCapacity(Int(lanes))
    }

    deinit {
        inputs.deallocate()
        outputs.deallocate()
        scratch.deallocate()
    }

    func load(input: [UInt8]) {
        precondition(input.count == 80, "scrypt mining hashes 80-byte headers")
        for lane in 0..<lanes {
            input.withUnsafeBufferPointer { (inputs + lane * 80).update(from: $0.baseAddress!, count: 80) }
        }
    }

    /// Hashes whole lane groups; `count` is rounded up to a multiple of the lane count.
    func search(from first: UInt32, count: UInt32, targetTop: UInt32) -> ArraySlice<NonceCandidate> {
        candidates.removeAll(keepingCapacity: true)
        var nonce = first
        var done: UInt32 = 0
        while done < count {
            for lane in 0..<lanes {
                let n = nonce &+ UInt32(lane)
                let field = inputs + lane * 80 + 76
                field[0] = UInt8(truncatingIfNeeded: n)
                field[1] = UInt8(truncatingIfNeeded: n >> 8)
                field[2] = UInt8(truncatingIfNeeded: n >> 16)
                field[3] = UInt8(truncatingIfNeeded: n >> 24)
            }
            function(inputs, outputs, UInt32(lanes), scratch)
            for lane in 0..<lanes {
                let digest = outputs + lane * 32 + 28
                let top = UInt32(digest[0]) | UInt32(digest[1]) << 8 | UInt32(digest[2]) << 16
                    | UInt32(digest[3]) << 24
                if top <= targetTop {
                    candidates.append(NonceCandidate(nonce: nonce &+ UInt32(lane), top: top))
                }
            }
            nonce &+= UInt32(lanes)
            done &+= UInt32(lanes)
        }
        return candidates[...]
    }
}
