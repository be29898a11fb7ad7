import Foundation
import RigTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// RandomX v2 (rx/2) as a user meets it: `rigtop hash`, `rigtop bench`, and `rigtop mine` on a
/// Monero pool that switches the live connection from rx/0 to rx/2, every share judged by cyrx.
@Suite("rigtop rx/2 (subprocess)", .subprocesses, .serialized)
struct RandomXV2CommandTests {
    static let key = RandomXCommandTests.hex("test key 000")
    static let input = RandomXCommandTests.hex("This is a test")

    @Test("hash --algo randomx-v2 (and its alias rx/2) gives RandomX 2.0's vectors; --commitment the commitment")
    func vectors() async throws {
        let hash = try await RigtopProcess.run(["hash", "--algo", "randomx-v2", "--seed", Self.key, Self.input,
                                                RandomXCommandTests.hex("Lorem ipsum dolor sit amet")])
        #expect(hash.status == 0, "\(hash.stderr)")
        #expect(hash.stdout.split(separator: "\n") == [
            "22ec6b861b3eb23686b2efbad69513c967ecfce80983df66c9c5b4fbfb4cdb6f",
            "9e2c772c12fd48f93c14c97fdc89d556264d9100597023f44d9163e279012ecf",
        ])
        let commitment = try await RigtopProcess.run(["hash", "--algo", "rx/2", "--commitment", "--seed", Self.key, Self.input])
        #expect(commitment.stdout == "133be717399046b03ae82ce8ddd9d1ee4d3ea7fca03a50dec09b6848cbb98e18\n", "\(commitment.stderr)")
        // rigtop's own engine on v1 gives the published v1 vector too.
        let v1 = try await RigtopProcess.run(["hash", "--algo", "rx/0", "--randomx-engine", "rigtop", "--seed", Self.key, Self.input])
        #expect(v1.stdout == "639183aae1bf4c9a35884cb46b09cad9175f04efd7684e7262a0ac1c2f0b4e3f\n", "\(v1.stderr)")
    }

    @Test("what cannot be: --commitment on v1, v2 asked of librandomx 1.x")
    func refusals() async throws {
        let commitment = try await RigtopProcess.run(["hash", "--algo", "randomx", "--commitment", "--seed", Self.key, Self.input])
        #expect(commitment.status == 64 || commitment.status == 2, "\(commitment.status)")
        #expect(commitment.stderr.contains("--commitment is RandomX v2's"))
        if dlopen("librandomx.so.0", RTLD_NOW) != nil, dlsym(dlopen("librandomx.so.0", RTLD_NOW), "randomx_calculate_commitment") == nil {
            let v2 = try await RigtopProcess.run(["hash", "--algo", "randomx-v2", "--randomx-engine", "librandomx", "--seed", Self.key, Self.input])
            #expect(v2.status == 1)
            #expect(v2.stderr.contains("librandomx cannot compute RandomX rx/2"), "\(v2.stderr)")
        }
    }

    @Test("bench --algo randomx-v2 --randomx-light --json: our engine, init apart from the rate")
    func benchLight() async throws {
        let result = try await RigtopProcess.run([
            "bench", "--algo", "randomx-v2", "--randomx-light", "--threads", "1", "--seconds", "3", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["algo"] as? String == "randomx-v2")
        #expect(object["kernel"] as? String == "light")
        #expect(object["engine"] as? String == "rigtop")
        #expect(try #require(object["init_seconds"] as? Double) > 0)
        #expect(try #require(object["hashes"] as? Int) > 0, "\(result.stdout)")
        #expect(object["hw_errors"] as? Int == 0)
    }

    @Test("mine on a pool that switches rx/0 → rx/2 mid-connection: every share on both sides valid",
          .enabled(if: Cyrx.installed, "cyrx is not installed (pip install cyrx): the test pool judges with it"))
    func mineThroughTheFork() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-rx2-pool-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let portFile = directory.appendingPathComponent("port")
        let verdicts = directory.appendingPathComponent("verdicts.jsonl")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Peers/monero_test_pool.py")
        let pool = try ChildProcess("/usr/bin/env", [
            "python3", script.path, "--port-file", portFile.path, "--verdicts", verdicts.path,
            "--switch-after", "3", "--difficulty", "4",
        ])
        defer {
            pool.signal(SIGTERM)
        }
        var port: String?
        for _ in 0..<600 where port == nil {
            port = try? String(contentsOf: portFile, encoding: .utf8)
            if port == nil { try await Task.sleep(nanoseconds: 100_000_000) }
        }
        let listening = try #require(port, "the test pool did not start: \(pool.stderr)")

        let mine = try RigtopProcess.start([
            "mine", "--coin", "XMR", "--pool", "stratum+tcp://127.0.0.1:\(listening)", "--user", "wallet.rig",
            "--randomx-light", "--threads", "2", "--no-ledger", "--duration", "240", "--json",
        ])
        // Mining goes on until both sides of the switch have valid shares (or the duration ends).
        func counts() -> (rx0: Int, rx2: Int, invalid: [String]) {
            let lines = (try? String(contentsOf: verdicts, encoding: .utf8))?.split(separator: "\n") ?? []
            var rx0 = 0, rx2 = 0
            var invalid: [String] = []
            for line in lines {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      let algo = object["algo"] as? String else { continue }
                if object["valid"] as? Bool == true {
                    if algo == "rx/0" { rx0 += 1 } else { rx2 += 1 }
                } else {
                    invalid.append(String(line))
                }
            }
            return (rx0, rx2, invalid)
        }
        let deadline = Date().addingTimeInterval(230)
        while Date() < deadline, counts().rx2 < 3, mine.termination == nil {
            try await Task.sleep(nanoseconds: 500_000_000)
        }
        mine.signal(SIGINT)
        let ended = await mine.wait(seconds: 60)
        #expect(ended != nil, "rigtop mine did not stop on SIGINT")
        let (rx0, rx2, invalid) = counts()
        #expect(rx0 >= 3, "rx/0 shares accepted before the switch: \(rx0); rigtop said: \(mine.stderr.suffix(2000))")
        #expect(rx2 >= 1, "rx/2 shares accepted after the switch: \(rx2); rigtop said: \(mine.stderr.suffix(2000))")
        #expect(invalid.isEmpty, "shares the pool found invalid: \(invalid.prefix(5))")
        // The summary names the revision mined last: rx/2, after the switch.
        let summaryLine = mine.stdout.split(separator: "\n").last { $0.hasPrefix("{") }.map(String.init) ?? ""
        let summary = try? JSONSerialization.jsonObject(with: Data(summaryLine.utf8)) as? [String: Any]
        #expect(summary?["randomx_algo"] as? String == "rx/2", "summary: \(summaryLine)")
        let login = (try? String(contentsOf: verdicts, encoding: .utf8))?.split(separator: "\n").first ?? ""
        #expect(login.contains("rx/2"), "the login did not offer rx/2: \(login)")
    }
}
