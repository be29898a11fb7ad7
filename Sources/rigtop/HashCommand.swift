import ArgumentParser
import RigInput
import RigEngine

#if canImport(Glibc)
import Glibc
#endif

/// `rigtop hash`: the digest of each input, to check rigtop against any other implementation.
struct HashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print the proof-of-work hash of hex inputs, one line each.",
        discussion: """
            Prints the 32-byte digest in the order the algorithm produces it (not the reversed \
            "display" order block explorers use), as lowercase hex. An 80-byte block header is the \
            usual input; any length hashes.

            Example (the Bitcoin genesis header):
              rigtop hash --algo sha256d 0100000000000000…1dac2b7c

            RandomX needs the key (Monero's seed hash):
              rigtop hash --algo randomx --seed 74657374206b657920303030 \\
                5468697320697320612074657374
            RandomX v2 (rx/2) with --commitment prints Blake2b-256(input || hash), the value \
            Monero's v17 judges a block or share by.
            """)

    @Option(name: .long, help: "The algorithm: sha256d, scrypt, randomx (rx/0) or randomx-v2 (rx/2).")
    var algo: HashAlgorithm = .sha256d

    @Option(name: .long, help: "RandomX: the key (Monero's seed hash) as hex.")
    var seed: String?

    @Flag(name: .long, help: "RandomX v2: print each input's commitment instead of its hash.")
    var commitment = false

    @Option(name: .customLong("randomx-engine"),
            help: "RandomX: rigtop (its own engine) or librandomx (the system's, v1 only). Default: rigtop.")
    var randomXEngine: RandomXEngine?

    func validate() throws {
        if commitment, algo != .randomxV2 {
            throw ValidationError("--commitment is RandomX v2's: use it with --algo randomx-v2")
        }
    }

    @Argument(help: "Inputs as hex strings (an 80-byte header is 160 hex digits).")
    var inputs: [String]

    func run() throws {
        var randomX: RandomXVM? = nil
        if let version = algo.randomXVersion {
            guard let seed, let key = HexBytes.decode(seed) else {
                throw ValidationError("\(algo) needs --seed HEX (the seed hash, or the key as hex)")
            }
            let engine = RandomXEngine.engine(for: version, preferred: randomXEngine ?? .default)
            let library: RandomXLibrary
            switch engine.library {
            case .success(let loaded) where randomXEngine == nil || engine == randomXEngine: library = loaded
            case .success:
                OutputChannel.standardError.write(
                    "rigtop hash: \(RandomXLibraryError.unsupportedVersion(engine: randomXEngine ?? .default, version: version))" + "\n")
                throw ExitCode(1)
            case .failure(let error):
                OutputChannel.standardError.write("rigtop hash: \(error)" + "\n")
                throw ExitCode(1)
            }
            // Light mode: one 256 MiB cache for all inputs; the hashes equal full mode's.
            randomX = try RandomXVM(
                dataset: RandomXDataset(seed: key, mode: .light, library: library, threads: 1), version: version)
        }
        var decoded: [[UInt8]] = []
        for input in inputs {
            guard let bytes = HexBytes.decode(input) else {
                OutputChannel.standardError.write("rigtop hash: not hex: \"\(OutsideText.escaped(input, limit: 80))\" (need an even number of 0-9a-f digits)" + "\n")
                throw ExitCode(2)
            }
            decoded.append(bytes)
        }
        for bytes in decoded {
            let digest: [UInt8]
            if let randomX {
                digest = commitment ? randomX.proofOfWork(bytes) : randomX.hash(bytes)
            } else {
                digest = algo.referenceDigest(bytes)
            }
            print(HexBytes.encode(digest))
        }
    }
}

extension HashAlgorithm: ExpressibleByArgument {
    /// Names and pools' aliases: `randomx-v2` and `rx/2` are the same algorithm.
    public init?(argument: String) { self.init(name: argument) }
}

/// Hex text ⇄ bytes.
enum HexBytes {
    static func decode(_ text: String) -> [UInt8]? {
        var hex = Substring(text.trimmingCharacters(in: " \t\n"))
        if hex.hasPrefix("0x") || hex.hasPrefix("0X") { hex = hex.dropFirst(2) }
        guard hex.utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8? = nil
        for char in hex.utf8 {
            let value: UInt8
            switch char {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = char - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = char - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = char - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high {
                bytes.append(h << 4 | value)
                high = nil
            } else {
                high = value
            }
        }
        return bytes
    }

    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xf)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var view = Substring(self)
        while let first = view.first, chars.contains(first) { view = view.dropFirst() }
        while let last = view.last, chars.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
