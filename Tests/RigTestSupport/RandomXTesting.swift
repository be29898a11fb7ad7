import Foundation
public import RigEngine
public import Testing

/// What the RandomX suites share: the library check, the official vectors, a dataset waiter.
public enum RandomXTesting {
    /// Whether librandomx loads; suites are skipped with a message when it does not.
    public static let libraryInstalled: Bool = if case .success = RandomXLibrary.system { true } else { false }

    public static let skipMessage: Comment = "librandomx0 is not installed (apt-get install librandomx0)"

    /// Full mode builds a 2 GiB dataset (≈ 20–60 s on 2 cores): it runs wherever rigtop itself
    /// would choose full mode (enough `MemAvailable`), unless RIGTOP_FULL_RANDOMX=0.
    public static let fullModeEnabled = libraryInstalled && RandomXMode.automatic() == .full
        && ProcessInfo.processInfo.environment["RIGTOP_FULL_RANDOMX"] != "0"

    /// One published vector: key, input, and the hash in the order the library writes it.
    public struct Vector: Sendable, CustomTestStringConvertible {
        public var key: String
        public var input: [UInt8]
        public var hash: String
        /// The same input's RandomX v2 hash (tests.cpp of RandomX 2.0, with RANDOMX_FLAG_V2).
        public var hashV2: String
        public var testDescription: String { "\"\(key)\", \(input.count)-byte input" }
    }

    /// RandomX's own test suite (tevador/RandomX `src/tests/tests.cpp`, hash tests 1a–1e), v1 and
    /// v2; the key is the string's bytes without a terminator.
    public static let vectors: [Vector] = [
        Vector(key: "test key 000", input: Array("This is a test".utf8),
               hash: "639183aae1bf4c9a35884cb46b09cad9175f04efd7684e7262a0ac1c2f0b4e3f",
               hashV2: "22ec6b861b3eb23686b2efbad69513c967ecfce80983df66c9c5b4fbfb4cdb6f"),
        Vector(key: "test key 000", input: Array("Lorem ipsum dolor sit amet".utf8),
               hash: "300a0adb47603dedb42228ccb2b211104f4da45af709cd7547cd049e9489c969",
               hashV2: "9e2c772c12fd48f93c14c97fdc89d556264d9100597023f44d9163e279012ecf"),
        Vector(key: "test key 000", input: Array("sed do eiusmod tempor incididunt ut labore et dolore magna aliqua".utf8),
               hash: "c36d4ed4191e617309867ed66a443be4075014e2b061bcdaf9ce7b721d2b77a8",
               hashV2: "4d6b063a1a603751d525f18a171336a4002f2f06df6c17e4b25fe17e17796e42"),
        Vector(key: "test key 001", input: Array("sed do eiusmod tempor incididunt ut labore et dolore magna aliqua".utf8),
               hash: "e9ff4503201c0c2cca26d285c93ae883f9b1d30c9eb240b820756f2d5a7905fc",
               hashV2: "97024134686ce27d362ea8d86d8ef16483ac272abdabd46ef13359400777fe5e"),
        Vector(key: "test key 001", input: blob,
               hash: "c56414121acda1713c2f2a819d8ae38aed7c80c35c2a769298d34f03833cd5f1",
               hashV2: "c8e92c5f7c1946fecf06bc382b92e3111da38ee3e6a5ad90704e1a9d8aaf6e76"),
    ]

    /// RandomX 2.0's commitment test: "test key 000", "This is a test" (tests.cpp).
    public static let commitmentVector = "133be717399046b03ae82ce8ddd9d1ee4d3ea7fca03a50dec09b6848cbb98e18"

    /// Test 1e's input: a real 76-byte Monero hashing blob, nonce 0 at byte 39.
    public static let blob = Hex.bytes(
        "0b0b98bea7e805e0010a2126d287a2a0cc833d312cb786385a7c2f9de69d25537f584a9bc9977b00000000666fd8753bf61a8631f12984e3fd44f4014eca629276817b56f32e9b68bd82f416")

    /// A job over `input` under `key`, every hash a share.
    public static func job(_ id: String, key: String, input: [UInt8]) -> MiningJob {
        MiningJob(id: id, algorithm: .randomx, target: ShareTarget(words: Array(repeating: .max, count: 8)),
                  seedHash: Array(key.utf8)) { _, _ in input }
    }

    /// Asks `searcher` to prepare for `job` until its dataset is ready (polling, as a worker does).
    public static func prepare(_ searcher: any NonceSearcher, for job: MiningJob, seconds: Double = 300) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if searcher.prepare(for: job) { return true }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
        return false
    }
}
