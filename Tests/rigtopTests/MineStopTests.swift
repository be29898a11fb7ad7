import Foundation
import RigLedger
import RigLedgerSQLite
import RigTestSupport
import Testing

/// How `rigtop mine` ends when it is not the plan: a hang-up, a ledger on a full disk. The ledger
/// keeps what it can, the summary says what happened, and the exit status tells a script.
@Suite("rigtop mine stops (subprocess)", .subprocesses, .serialized)
struct MineStopTests {
    static func summary(_ stdout: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], "\(stdout)")
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-stop-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("SIGHUP stops it cleanly: the last minute row, the summary with why")
    func hangUp() async throws {
        let path = try Self.temporaryFolder().appendingPathComponent("ledger.sqlite").path
        let child = try RigtopProcess.start(["mine", "--coin", "btc", "--threads", "1", "--json", "--ledger", path])
        #expect(await child.waitForErrors(seconds: 120) { $0.contains("ledger \(path)") }, "\(child.stderr)")
        await child.read(for: 3)
        child.signal(SIGHUP)
        #expect(await child.wait(seconds: 60) == .exited(0), "\(child.stderr)")
        let object = try Self.summary(child.stdout)
        #expect(object["stopped_by"] as? String == "SIGHUP")
        #expect((object["error"] as? String)?.contains("SIGHUP") == true)
        let ledger = try #require(object["ledger"] as? [String: Any])
        #expect(ledger["errors"] as? Int == 0 && ledger["lost"] as? Int == 0)
        #expect(try Ledger(path: path).counts().minutes >= 1, "the last minute row is missing")
        #expect(child.stderr.contains("SIGHUP: stopping"))
    }

    @Test("a ledger on a full disk: reported in the log and the summary, exit status 1",
          .enabled(if: getuid() == 0, "needs root to mount a small tmpfs"))
    func fullDisk() async throws {
        let folder = try Self.temporaryFolder()
        let mount = try await ChildProcess.run("/bin/mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", folder.path],
                                               seconds: 30)
        guard mount.termination == .exited(0) else {
            // Root without CAP_SYS_ADMIN (a container, a user namespace) cannot mount: nothing
            // here was tested, so the test says skipped rather than passed.
            try Test.cancel("this machine cannot mount a small tmpfs: \(mount.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        var failure: (any Error)?
        do { try await Self.mineOnAFullDisk(folder) } catch { failure = error }
        _ = try await ChildProcess.run("/bin/umount", ["-l", folder.path], seconds: 30)
        if let failure { throw failure }
    }

    static func mineOnAFullDisk(_ folder: URL) async throws {
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let child = try RigtopProcess.start(["mine", "--coin", "btc", "--threads", "1", "--json", "--ledger", path])
        #expect(await child.waitForErrors(seconds: 120) { $0.contains("ledger \(path)") }, "\(child.stderr)")
        // Fill the disk.
        let filler = folder.appendingPathComponent("filler").path
        let descriptor = open(filler, O_WRONLY | O_CREAT, 0o600)
        let block = [UInt8](repeating: 0xaa, count: 4096)
        while write(descriptor, block, block.count) > 0 {}
        close(descriptor)
        #expect(await child.waitForErrors(seconds: 120) { $0.contains("ledger: writing") }, "\(child.stderr)")
        child.signal(SIGTERM)
        #expect(await child.wait(seconds: 60) == .exited(1), "\(child.stderr)")
        let object = try Self.summary(child.stdout)
        let ledger = try #require(object["ledger"] as? [String: Any])
        #expect((ledger["errors"] as? Int ?? 0) > 0)
        #expect((ledger["last_error"] as? String)?.contains("full") == true, "\(ledger)")
        #expect((object["error"] as? String)?.contains("ledger") == true)
        #expect(child.stderr.contains("error: ledger"))
    }
}
