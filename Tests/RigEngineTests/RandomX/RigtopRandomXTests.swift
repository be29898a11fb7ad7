import CRandomX
import RigTestSupport
import Foundation
import Glibc
import Testing
@testable import RigEngine

/// rigtop's own RandomX (the `CRandomX` target) against the published vectors and the reference
/// implementations: librandomx (v1) and cyrx (v2, through `scripts/randomx-oracle.py`).
///
/// The test command runs a reduced set of random pairs; `scripts/randomx-exactness.sh` runs
/// thousands (RIGTOP_RANDOMX_PAIRS).
///
/// The hashing loops yield between hashes, and the long waits (a full dataset, the oracle process)
/// run on threads of their own: a suite that held one of the cooperative pool's few threads for
/// minutes would starve other suites' servers, which run their connections as tasks.
@Suite("rigtop's RandomX engine", .serialized)
struct RigtopRandomXTests {
    /// Random (key, input) pairs per key and version in this run.
    static let pairsPerKey = ProcessInfo.processInfo.environment["RIGTOP_RANDOMX_PAIRS"].flatMap(Int.init) ?? 48
    /// Keys per version; each costs a 256 MiB cache (≈ 1 s) in every engine compared.
    static let keys = ProcessInfo.processInfo.environment["RIGTOP_RANDOMX_KEYS"].flatMap(Int.init) ?? 2

    /// The VM variants compared: the portable interpreter and the JIT (where the CPU has one).
    static let variants: [(name: String, flags: Int32)] = {
        var variants: [(String, Int32)] = [("interpreter", 0), ("interpreter, hard AES", Int32(RTX_FLAG_HARD_AES))]
        if rtx_get_flags() & Int32(RTX_FLAG_JIT) != 0 {
            variants.append(("JIT", Int32(RTX_FLAG_JIT | RTX_FLAG_HARD_AES)))
        }
        return variants.filter { $0.1 & Int32(RTX_FLAG_HARD_AES) == 0 || rtx_get_flags() & Int32(RTX_FLAG_HARD_AES) != 0 }
    }()

    @Test("the published vectors, v1 and v2, every VM variant")
    func publishedVectors() async throws {
        for (key, vectors) in Dictionary(grouping: RandomXTesting.vectors, by: \.key).sorted(by: { $0.key < $1.key }) {
            let cache = try OwnCache(key: Array(key.utf8))
            for variant in Self.variants {
                for version in RandomXVersion.allCases {
                    let vm = try cache.vm(flags: variant.flags, version: version)
                    for vector in vectors {
                        let expected = version == .v1 ? vector.hash : vector.hashV2
                        #expect(Hex.string(vm.hash(vector.input)) == expected, "\(variant.name), \(version), \(vector)")
                        await Task.yield()
                    }
                }
            }
        }
    }

    @Test("the published commitment, through the engine and through rigtop hash's path")
    func publishedCommitment() throws {
        let vector = RandomXTesting.vectors[0]
        let cache = try OwnCache(key: Array(vector.key.utf8))
        let hash = try cache.vm(flags: 0, version: .v2).hash(vector.input)
        #expect(Hex.string(RandomXLibrary.commitment(input: vector.input, hash: hash)) == RandomXTesting.commitmentVector)
        let dataset = try RandomXDataset(seed: Array(vector.key.utf8), mode: .light, library: .rigtop, threads: 1)
        let vm = try RandomXVM(dataset: dataset, version: .v2)
        #expect(Hex.string(vm.proofOfWork(vector.input)) == RandomXTesting.commitmentVector)
        #expect(Hex.string(vm.hash(vector.input)) == vector.hashV2)
    }

    @Test("v1 equals librandomx on random keys and inputs, every VM variant",
          .enabled(if: RandomXTesting.libraryInstalled, RandomXTesting.skipMessage))
    func v1AgainstLibrandomx() async throws {
        let library = try RandomXLibrary.system.get()
        var random = SeededRandom(seed: 0x5EED_0001)
        for _ in 0..<Self.keys {
            let key = random.bytes(count: Int.random(in: 1...64, using: &random))
            let theirs = try RandomXVM(dataset: RandomXDataset(seed: key, mode: .light, library: library, threads: 1))
            let cache = try OwnCache(key: key)
            let ours = try Self.variants.map { try cache.vm(flags: $0.flags, version: .v1) }
            for _ in 0..<Self.pairsPerKey {
                let input = random.bytes(count: Int.random(in: 0...200, using: &random))
                let expected = theirs.hash(input)
                for (index, vm) in ours.enumerated() {
                    #expect(vm.hash(input) == expected, "\(Self.variants[index].name): key \(Hex.string(key)), input \(Hex.string(input))")
                }
                await Task.yield()
            }
        }
    }

    @Test("v2 hashes and commitments equal cyrx's on random keys and inputs, every VM variant",
          .enabled(if: Cyrx.installed, "cyrx is not installed (pip install cyrx): RandomX v2's reference"))
    func v2AgainstCyrx() async throws {
        var random = SeededRandom(seed: 0x5EED_0002)
        var pairs: [(key: [UInt8], input: [UInt8])] = []
        for _ in 0..<Self.keys {
            let key = random.bytes(count: Int.random(in: 1...64, using: &random))
            for _ in 0..<Self.pairsPerKey {
                // 1…200 bytes: cyrx's Python API refuses an empty input (the v1 comparison and the
                // published vectors cover short inputs).
                pairs.append((key, random.bytes(count: Int.random(in: 1...200, using: &random))))
            }
        }
        let asked = pairs
        let answers = try #require(try await onOwnThread { try CyrxOracle.answers(version: 2, pairs: asked) })
        var cache: OwnCache? = nil
        var vms: [OwnVM] = []
        for (pair, answer) in zip(pairs, answers) {
            if cache?.key != pair.key {
                vms = []
                let fresh = try OwnCache(key: pair.key)
                vms = try Self.variants.map { try fresh.vm(flags: $0.flags, version: .v2) }
                cache = fresh
            }
            for (index, vm) in vms.enumerated() {
                let hash = vm.hash(pair.input)
                #expect(hash == answer.hash, "\(Self.variants[index].name): key \(Hex.string(pair.key)), input \(Hex.string(pair.input))")
                #expect(RandomXLibrary.commitment(input: pair.input, hash: hash) == answer.commitment)
            }
            await Task.yield()
        }
    }

    @Test("dataset items equal librandomx's randomx_init_dataset, first, last and random, interpreted and compiled",
          .enabled(if: RandomXTesting.libraryInstalled, RandomXTesting.skipMessage))
    func datasetItems() throws {
        let library = try RandomXLibrary.system.get()
        let key = Array("test key 000".utf8)
        let cache = try OwnCache(key: key, flags: 0)
        let compiled = try OwnCache(key: key)
        guard let theirCache = library.allocCache(0) else { throw OwnEngineError.allocation }
        defer { library.releaseCache(theirCache) }
        key.withUnsafeBytes { library.initCache(theirCache, $0.baseAddress, $0.count) }
        // A dataset is 2080 MiB of address space; only the pages of the items written are touched.
        guard let theirDataset = library.allocDataset(0) else { throw OwnEngineError.allocation }
        defer { library.releaseDataset(theirDataset) }
        let count = UInt64(rtx_dataset_item_count())
        #expect(count == UInt64(library.itemCount))
        var random = SeededRandom(seed: 0x5EED_0003)
        var items: [UInt64] = [0, 1, count - 1]
        for _ in 0..<64 { items.append(UInt64.random(in: 0..<count, using: &random)) }
        let memory = try DatasetMemory.pointer(dataset: theirDataset)
        for item in items {
            library.initDataset(theirDataset, theirCache, UInt(item), 1)
            var ours = [UInt8](repeating: 0, count: 64)
            ours.withUnsafeMutableBytes { rtx_dataset_item(cache.cache, item, $0.baseAddress) }
            var oursCompiled = [UInt8](repeating: 0, count: 64)
            oursCompiled.withUnsafeMutableBytes { rtx_dataset_item(compiled.cache, item, $0.baseAddress) }
            let theirs = [UInt8](UnsafeRawBufferPointer(start: memory.advanced(by: Int(item) * 64), count: 64))
            #expect(ours == theirs, "item \(item)")
            #expect(oursCompiled == theirs, "item \(item), SuperscalarHash compiled")
        }
    }

    @Test("the dataset built in blocks (eight items at once where the CPU has AVX-512) equals item by item")
    func datasetBlocks() throws {
        let key = Array("test key 000".utf8)
        let interpreted = try OwnCache(key: key, flags: 0)
        let compiled = try OwnCache(key: key)
        // 2080 MiB of address space; only the pages of the items written are touched.
        guard let dataset = rtx_alloc_dataset(0) else { throw OwnEngineError.allocation }
        defer { rtx_release_dataset(dataset) }
        let memory = try #require(rtx_get_dataset_memory(dataset))
        let count = UInt(rtx_dataset_item_count())
        // Starts on and off a multiple of eight, lengths that leave a remainder, and the last items.
        var random = SeededRandom(seed: 0x5EED_0008)
        var ranges: [(start: UInt, count: UInt)] = [(0, 64), (5, 37), (count - 21, 21), (count - 8, 8), (1_000_003, 9)]
        for _ in 0..<8 { ranges.append((UInt.random(in: 0..<(count - 100), using: &random), UInt.random(in: 1...99, using: &random))) }
        for range in ranges {
            rtx_init_dataset(dataset, compiled.cache, range.start, range.count)
            for item in range.start..<(range.start + range.count) {
                var expected = [UInt8](repeating: 0, count: 64)
                expected.withUnsafeMutableBytes { rtx_dataset_item(interpreted.cache, UInt64(item), $0.baseAddress) }
                let built = [UInt8](UnsafeRawBufferPointer(start: memory.advanced(by: Int(item) * 64), count: 64))
                #expect(built == expected, "item \(item) of the range from \(range.start), \(range.count) items")
            }
        }
        let avx512 = rtx_cache_builds_eight_items_at_once(compiled.cache) != 0
        print("dataset blocks: \(avx512 ? "eight items at once (AVX-512)" : "one item at a time (no AVX-512 here)")")
    }

    @Test("JIT code is W^X: after hashing, no mapping of the process is writable and executable at once")
    func jitCodeIsWriteXorExecute() throws {
        guard rtx_get_flags() & Int32(RTX_FLAG_JIT) != 0 else { return }
        let cache = try OwnCache(key: Array("test key 000".utf8))
        for version in RandomXVersion.allCases {
            let vm = try cache.vm(flags: Int32(RTX_FLAG_JIT | RTX_FLAG_HARD_AES) & rtx_get_flags(), version: version)
            _ = vm.hash(Array("W^X".utf8))
            // /proc/self/maps: "start-end perms offset dev inode path", perms like "r-xs". Linux
            // reads it a page at a time, so while other suites map and unmap (datasets, VMs) a read
            // can skip a line: the views are looked for over a few reads. A skipped line can hide a
            // W+X mapping from one read, never invent one.
            var views: [Substring] = []
            for _ in 0..<20 {
                let maps = try withExtendedLifetime(vm) {
                    try String(contentsOfFile: "/proc/self/maps", encoding: .utf8).split(separator: "\n")
                }
                let both = maps.filter { line in
                    let perms = line.split(separator: " ").dropFirst().first ?? ""
                    return perms.contains("w") && perms.contains("x")
                }
                #expect(both.isEmpty, "writable and executable: \(both)")
                views = maps.filter { $0.contains("rigtop-randomx-jit") }.map { $0.split(separator: " ")[1] }
                if views.isEmpty || (views.contains("r-xs") && views.contains("rw-s")) { break }
            }
            // Where Linux allows the two views, the compiler writes one and the code runs from the other.
            if !views.isEmpty {
                #expect(views.contains("r-xs") && views.contains("rw-s"), "JIT views: \(views)")
            }
        }
    }

    @Test("pipelined hashing (first, next, last) equals one hash at a time, v1 and v2")
    func pipelined() async throws {
        let cache = try OwnCache(key: Array("test key 000".utf8))
        var random = SeededRandom(seed: 0x5EED_0004)
        let inputs = (0..<6).map { _ in random.bytes(count: 76) }
        for variant in Self.variants {
            for version in RandomXVersion.allCases {
                let vm = try cache.vm(flags: variant.flags, version: version)
                let single = inputs.map { vm.hash($0) }
                #expect(vm.pipelined(inputs) == single, "\(variant.name), \(version)")
                await Task.yield()
            }
        }
    }

    @Test("a hash leaves the caller's rounding mode as it found it, in each of the four modes")
    func roundingModeRestored() throws {
        let cache = try OwnCache(key: Array("test key 000".utf8))
        // glibc's fegetround reads the x87 control word, but RandomX sets the SSE one (MXCSR),
        // which Swift's Double arithmetic uses: so the mode is read from divisions whose results
        // differ between the four modes.
        let operands = [1.0, 3.0, 10.0].map { $0 + Double(Int.random(in: 0...0)) }  // not foldable
        func fingerprint() -> [Double] {
            [operands[0] / operands[1], operands[0] / operands[2], -operands[0] / operands[1], -operands[0] / operands[2]]
        }
        var seen: Set<[Double]> = []
        for variant in Self.variants {
            for version in RandomXVersion.allCases {
                let vm = try cache.vm(flags: variant.flags, version: version)
                // x86-64 glibc's FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO (fenv.h: MXCSR's
                // RC bits), spelled out because Swift sees both the enum and the macro of each name.
                for mode: Int32 in [0x000, 0x400, 0x800, 0xC00] {
                    fesetround(mode)
                    let before = fingerprint()
                    seen.insert(before)
                    for vector in RandomXTesting.vectors.prefix(3) { _ = vm.hash(vector.input) }
                    let after = fingerprint()
                    fesetround(0)
                    #expect(after == before, "\(variant.name), \(version), mode \(mode)")
                }
            }
        }
        #expect(seen.count == 4, "the fingerprint tells the four modes apart")
    }

    @Test("one dataset serves both versions: a v2 VM on a full dataset equals the light one",
          .enabled(if: RandomXTesting.fullModeEnabled, "full mode needs ≈ 2.4 GiB of MemAvailable"))
    func fullModeBothVersions() async throws {
        let key = Array("test key 001".utf8)
        let (dataset, light) = try await onOwnThread {
            (try RandomXDataset(seed: key, mode: .full, library: .rigtop, threads: WorkerPool.defaultThreadCount),
             try RandomXDataset(seed: key, mode: .light, library: .rigtop, threads: 1))
        }
        try #require(dataset.mode == .full)
        for vector in RandomXTesting.vectors where vector.key == "test key 001" {
            for version in RandomXVersion.allCases {
                let full = try RandomXVM(dataset: dataset, version: version).hash(vector.input)
                #expect(Hex.string(full) == (version == .v1 ? vector.hash : vector.hashV2))
                #expect(try RandomXVM(dataset: light, version: version).hash(vector.input) == full)
            }
        }
    }
}

// MARK: - Direct use of the C engine

enum OwnEngineError: Error { case allocation }

/// A light-mode cache of rigtop's engine, for VMs with explicit flags (interpreter or JIT).
///
/// The cache takes the CPU's best flags (Argon2 SIMD, SuperscalarHash compiled), so light-mode
/// hashing is fast enough for many pairs; the items themselves are compared with librandomx's
/// through the interpreted SuperscalarHash in ``RigtopRandomXTests/datasetItems()``.
final class OwnCache {
    let key: [UInt8]
    let cache: OpaquePointer

    init(key: [UInt8], flags: Int32 = rtx_get_flags() & Int32(RTX_FLAG_JIT | RTX_FLAG_ARGON2)) throws {
        guard let cache = rtx_alloc_cache(flags) else { throw OwnEngineError.allocation }
        self.key = key
        self.cache = cache
        key.withUnsafeBytes { rtx_init_cache(cache, $0.baseAddress, $0.count) }
    }

    deinit { rtx_release_cache(cache) }

    func vm(flags: Int32, version: RandomXVersion) throws -> OwnVM {
        let all = flags | (version == .v2 ? Int32(RTX_FLAG_V2) : 0)
        guard let vm = rtx_create_vm(all, cache, nil) else { throw OwnEngineError.allocation }
        return OwnVM(vm: vm, cache: self)
    }
}

final class OwnVM {
    let vm: OpaquePointer
    let cache: OwnCache

    init(vm: OpaquePointer, cache: OwnCache) {
        self.vm = vm
        self.cache = cache
    }

    deinit { rtx_destroy_vm(vm) }

    func hash(_ input: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        input.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { rtx_calculate_hash(vm, input.baseAddress, input.count, $0.baseAddress) }
        }
        return output
    }

    func pipelined(_ inputs: [[UInt8]]) -> [[UInt8]] {
        guard let first = inputs.first else { return [] }
        var outputs: [[UInt8]] = []
        first.withUnsafeBytes { rtx_calculate_hash_first(vm, $0.baseAddress, $0.count) }
        for input in inputs.dropFirst() {
            var output = [UInt8](repeating: 0, count: 32)
            input.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { rtx_calculate_hash_next(vm, input.baseAddress, input.count, $0.baseAddress) }
            }
            outputs.append(output)
        }
        var last = [UInt8](repeating: 0, count: 32)
        last.withUnsafeMutableBytes { rtx_calculate_hash_last(vm, $0.baseAddress) }
        outputs.append(last)
        return outputs
    }
}

/// librandomx's `randomx_get_dataset_memory`, looked up on the already loaded library (the
/// function table leaves it out: rigtop never reads a dataset's bytes). 1.1.10 has no cache twin;
/// the cache is compared through the items derived from it.
enum DatasetMemory {
    typealias GetMemory = @convention(c) (OpaquePointer?) -> UnsafeMutableRawPointer?

    static func pointer(dataset: OpaquePointer) throws -> UnsafeMutableRawPointer {
        let handle = dlopen(RandomXLibrary.soname, RTLD_NOW | RTLD_NOLOAD)
        let symbol = try #require(dlsym(handle, "randomx_get_dataset_memory"))
        return try #require(unsafeBitCast(symbol, to: GetMemory.self)(dataset))
    }
}

/// Runs blocking work (a dataset build, a child process) on a thread of its own and awaits it.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

struct OracleError: Error, CustomStringConvertible {
    var description: String
}

/// cyrx's answers through `scripts/randomx-oracle.py`; nil when cyrx is not installed.
enum CyrxOracle {
    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("scripts/randomx-oracle.py")

    static func answers(version: Int, pairs: [(key: [UInt8], input: [UInt8])]) throws -> [(hash: [UInt8], commitment: [UInt8])]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let lines = pairs.map { "\(version) \(Hex.string($0.key)) \(Hex.string($0.input))\n" }.joined()
        // Written from another thread: the oracle answers line by line, and a full output pipe
        // would otherwise block it while this thread is still writing.
        // An oracle that stops early (a traceback) must fail the comparison, not kill the test
        // process with SIGPIPE: the write then fails with EPIPE and the answers come up short.
        signal(SIGPIPE, SIG_IGN)
        let writer = Thread {
            try? input.fileHandleForWriting.write(contentsOf: Data(lines.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 3 { return nil }
        let answers = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line -> ([UInt8], [UInt8])? in
            let fields = line.split(separator: " ")
            guard fields.count == 2 else { return nil }
            return (Hex.bytes(String(fields[0])), Hex.bytes(String(fields[1])))
        }
        guard process.terminationStatus == 0, answers.count == pairs.count else {
            throw OracleError(description: "the cyrx oracle failed: exit \(process.terminationStatus), \(answers.count) of \(pairs.count) answers")
        }
        return answers
    }
}

/// A reproducible generator (SplitMix64): a failing pair can be found again from the seed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) }
    }
}
