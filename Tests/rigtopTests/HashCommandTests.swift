import RigTestSupport
import Testing

@Suite("rigtop hash (subprocess)", .subprocesses)
struct HashCommandTests {
    @Test("sha256d: Bitcoin genesis header and FIPS \"abc\"")
    func sha256d() async throws {
        let genesis = "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c"
        let result = try await RigtopProcess.run(["hash", "--algo", "sha256d", genesis, "616263"])
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n") == [
            // Genesis block hash 000000000019d668… in digest order (reversed display order).
            "6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000",
            // SHA-256d("abc") = SHA-256(ba7816bf…) as Python's hashlib computes it.
            "4f8b42c22dd3729b519ba6f68d2da7cc5b2d606d05daed5ad5128cc03e6c6358",
        ])
    }

    @Test("scrypt: Litecoin genesis header")
    func scrypt() async throws {
        let genesis = "010000000000000000000000000000000000000000000000000000000000000000000000d9ced4ed1130f7b7faad9be25323ffafa33232a17c3edf6cfd97bee6bafbdd97b9aa8e4ef0ff0f1ecd513f7c"
        let result = try await RigtopProcess.run(["hash", "--algo", "scrypt", genesis])
        #expect(result.status == 0)
        #expect(result.stdout == "001e67b013726fd7382e9acb69165b4b6316227fb3156b5b414ba6340c050000\n")
    }

    @Test("bad hex: a message naming the input on stderr, exit code 2")
    func badHex() async throws {
        let result = try await RigtopProcess.run(["hash", "--algo", "sha256d", "00ff", "zz12"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("zz12"))
    }
}
