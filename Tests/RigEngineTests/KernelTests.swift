import Testing
@testable import RigEngine

/// Every kernel this CPU supports, against the portable Swift reference on random inputs.
@Suite("Hash kernels match the portable reference")
struct KernelTests {
    static let sha256dKernels = HashAlgorithm.sha256d.availableKernels
    static let scryptKernels = HashAlgorithm.scrypt.availableKernels

    /// Reference tops of `count` nonces from `first` for one header.
    static func referenceTops(header: [UInt8], first: UInt32, count: Int, algorithm: HashAlgorithm) -> [UInt32] {
        var input = header
        return (0..<count).map { offset in
            let nonce = first &+ UInt32(offset)
            input.replaceSubrange(76..<80, with: withUnsafeBytes(of: nonce.littleEndian, Array.init))
            return ShareTarget.top(of: algorithm.referenceDigest(input))
        }
    }

    @Test("SHA-256d: every nonce's top word on 1,000 random headers", arguments: sha256dKernels)
    func sha256dRandom(kernel: HashKernel) {
        let searcher = kernel.makeSearcher()
        for (round, sample) in SHA256dReference.samples.enumerated() {
            let (header, first, expected) = (sample.header, sample.first, sample.tops)
            let count = expected.count
            searcher.load(input: header)
            let found = Array(searcher.search(from: first, count: UInt32(count), targetTop: .max))
            #expect(found.count == count, "kernel \(kernel) round \(round)")
            #expect(Dictionary(uniqueKeysWithValues: found.map { ($0.nonce, $0.top) })
                == Dictionary(uniqueKeysWithValues: expected.enumerated().map { (first &+ UInt32($0.offset), $0.element) }),
                "kernel \(kernel) round \(round)")
        }
    }

    @Test("SHA-256d: a tight target finds exactly the nonces under it, across the 2^32 wrap", arguments: sha256dKernels)
    func sha256dTarget(kernel: HashKernel) {
        var rng = SplitMix64(state: 42)
        let header = rng.bytes(80)
        let first: UInt32 = 0xffff_ff00
        let count = 4096
        let tops = Self.referenceTops(header: header, first: first, count: count, algorithm: .sha256d)
        let targetTop: UInt32 = 0x00ff_ffff  // ≈1 in 256 nonces: fewer than the searcher's 64 slots
        let expected = Set(tops.enumerated().filter { $0.element <= targetTop }.map { first &+ UInt32($0.offset) })
        let searcher = kernel.makeSearcher()
        searcher.load(input: header)
        let found = Set(searcher.search(from: first, count: UInt32(count), targetTop: targetTop).map(\.nonce))
        #expect(!expected.isEmpty)
        #expect(found == expected)
    }

    @Test("SHA-256d: the Bitcoin genesis nonce is found", arguments: sha256dKernels)
    func sha256dGenesis(kernel: HashKernel) {
        let searcher = kernel.makeSearcher()
        searcher.load(input: Genesis.bitcoinHeader)
        let genesisNonce: UInt32 = 0x7c2b_ac1d
        let found = searcher.search(from: genesisNonce - 1000, count: 2000, targetTop: 0)
        #expect(found.map(\.nonce) == [genesisNonce])
    }

    @Test("scrypt: 1,000 random headers against the portable reference", arguments: scryptKernels)
    func scryptRandom(kernel: HashKernel) {
        // 1,000 distinct inputs: each sample header with the lane-count run of nonces from its first.
        let searcher = kernel.makeSearcher()
        let lanes = Int(searcher.preferredBatch)
        var checked = 0
        for sample in ScryptReference.samples {
            searcher.load(input: sample.header)
            var offset = 0
            while offset + lanes <= sample.tops.count {
                let first = sample.first &+ UInt32(offset)
                let found = Array(searcher.search(from: first, count: UInt32(lanes), targetTop: .max))
                #expect(found.map(\.nonce) == (0..<lanes).map { first &+ UInt32($0) }, "kernel \(kernel)")
                #expect(found.map(\.top) == Array(sample.tops[offset..<(offset + lanes)]), "kernel \(kernel)")
                offset += lanes
                checked += lanes
            }
        }
        #expect(checked >= 1000)
    }

    @Test("scrypt: the Litecoin genesis nonce meets its target", arguments: scryptKernels)
    func scryptGenesis(kernel: HashKernel) {
        let searcher = kernel.makeSearcher()
        searcher.load(input: Genesis.litecoinHeader)
        let genesisNonce: UInt32 = 2_084_524_493
        let lanes = searcher.preferredBatch
        let found = searcher.search(from: genesisNonce - lanes / 2, count: lanes, targetTop: 0x0000_0fff)
        #expect(found.map(\.nonce) == [genesisNonce])
        #expect(found.first?.top == 0x0000_050c)
    }
}

/// A header, a first nonce and the portable reference's top words for a run of nonces from it.
struct ReferenceSample: Sendable {
    var header: [UInt8]
    var first: UInt32
    var tops: [UInt32]
}

/// 1,000 random SHA-256d inputs (runs of 1–19 nonces on 100 headers), computed once and shared by
/// every kernel's test.
enum SHA256dReference {
    static let samples: [ReferenceSample] = {
        var rng = SplitMix64(state: 0x5eed)
        var samples: [ReferenceSample] = []
        var total = 0
        var round = 0
        while total < 1000 {
            let header = rng.bytes(80)
            let first = UInt32.random(in: 0...UInt32.max, using: &rng)
            let count = 1 + round % 19  // odd counts exercise the lane remainder
            samples.append(ReferenceSample(header: header, first: first,
                tops: KernelTests.referenceTops(header: header, first: first, count: count, algorithm: .sha256d)))
            total += count
            round += 1
        }
        return samples
    }()
}

/// 1,008 random scrypt inputs (21 headers × 48 nonces; 48 is a multiple of every kernel's lane
/// count), computed once with the portable Swift scrypt, which is slow in debug builds.
enum ScryptReference {
    static let samples: [ReferenceSample] = {
        var rng = SplitMix64(state: 0xdecaf)
        return (0..<21).map { _ in
            let header = rng.bytes(80)
            let first = UInt32.random(in: 0...UInt32.max, using: &rng)
            return ReferenceSample(header: header, first: first,
                tops: KernelTests.referenceTops(header: header, first: first, count: 48, algorithm: .scrypt))
        }
    }()
}
