import Synchronization
import RigTestSupport
@testable import RigEngine

/// A clock tests move by hand, so window maths runs without sleeping.
final class ManualClock: EngineClock {
    private let now = Mutex<Double>(1_000)
    func seconds() -> Double { now.withLock { $0 } }
    func advance(by seconds: Double) { now.withLock { $0 += seconds } }
}

/// Counters tests set by hand, standing in for the worker pool.
final class ManualCounters: HashCounterSource {
    private let reading = Mutex(CounterReading())
    func readCounters() -> CounterReading { reading.withLock { $0 } }
    func set(threads: [UInt64]) {
        reading.withLock { reading in
            reading.threads = threads.enumerated().map {
                ThreadCounterReading(index: $0.offset, core: nil, pinned: false, idle: false, hashes: $0.element)
            }
            reading.totalHashes = threads.reduce(0, +)
        }
    }
}

/// A deterministic generator so a failing random-input test can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) } }
}

/// Real block headers.
enum Genesis {
    /// Bitcoin block 0; its hash (display order) is 000000000019d668…8ce26f.
    static let bitcoinHeader = Hex.bytes(
        "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c")
    static let bitcoinHash = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"
    /// Litecoin block 0 (nbits 0x1e0ffff0, nonce 2084524493).
    static let litecoinHeader = Hex.bytes(
        "010000000000000000000000000000000000000000000000000000000000000000000000d9ced4ed1130f7b7faad9be25323ffafa33232a17c3edf6cfd97bee6bafbdd97b9aa8e4ef0ff0f1ecd513f7c")
    /// Its block hash (SHA-256d, display order), as block explorers list it.
    static let litecoinBlockHash = "12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2"
    /// Its scrypt proof-of-work digest, in the order scrypt produces it.
    static let litecoinPoW = "001e67b013726fd7382e9acb69165b4b6316227fb3156b5b414ba6340c050000"
}
