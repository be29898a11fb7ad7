import Foundation
import RigTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `rigtop hash/bench --algo randomx` as a user runs them; skipped without librandomx.
@Suite("rigtop randomx (subprocess)", .subprocesses,
       .enabled(if: dlopen("librandomx.so.0", RTLD_NOW) != nil, "librandomx0 is not installed"))
struct RandomXCommandTests {
    static func hex(_ text: String) -> String { text.utf8.map { String(format: "%02x", $0) }.joined() }

    @Test("hash reproduces RandomX's official vectors (tests.cpp 1a, 1b, 1e)")
    func vectors() async throws {
        let first = try await RigtopProcess.run([
            "hash", "--algo", "randomx", "--seed", Self.hex("test key 000"),
            Self.hex("This is a test"), Self.hex("Lorem ipsum dolor sit amet"),
        ])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.split(separator: "\n") == [
            "639183aae1bf4c9a35884cb46b09cad9175f04efd7684e7262a0ac1c2f0b4e3f",
            "300a0adb47603dedb42228ccb2b211104f4da45af709cd7547cd049e9489c969",
        ])
        let blob = "0b0b98bea7e805e0010a2126d287a2a0cc833d312cb786385a7c2f9de69d25537f584a9bc9977b00000000666fd8753bf61a8631f12984e3fd44f4014eca629276817b56f32e9b68bd82f416"
        let second = try await RigtopProcess.run(["hash", "--algo", "randomx", "--seed", Self.hex("test key 001"), blob])
        #expect(second.stdout == "c56414121acda1713c2f2a819d8ae38aed7c80c35c2a769298d34f03833cd5f1\n")
    }

    @Test("hash without --seed is refused with a message")
    func missingSeed() async throws {
        let result = try await RigtopProcess.run(["hash", "--algo", "randomx", "00"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--seed"))
    }

    @Test("bench --randomx-light --json reports init_seconds apart from the rate")
    func benchLight() async throws {
        let result = try await RigtopProcess.run([
            "bench", "--algo", "randomx", "--randomx-light", "--threads", "1", "--seconds", "4", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["algo"] as? String == "randomx")
        #expect(object["kernel"] as? String == "light")
        #expect(RandomXModeText.matches(object["mode"] as? String, mode: "light"), "\(object["mode"] ?? "none")")
        #expect(try #require(object["init_seconds"] as? Double) > 0)
        #expect(try #require(object["hashes"] as? Int) > 0, "\(result.stdout)")
        #expect(object["hw_errors"] as? Int == 0)
    }
}
