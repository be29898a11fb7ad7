import Foundation
import RigTestSupport
import Testing

/// A failed write to standard output or standard error (a full disk, a closed pipe) is counted
/// and reported once; it never ends the miner.
@Suite("output failures (subprocess)", .subprocesses, .serialized) struct OutputFailureTests {
    @Test func miningGoesOnWhenStandardOutputIsFull() async throws {
        let result = try await ChildProcess.run("/bin/sh", ["-c",
            "'\(RigtopProcess.executable.path)' mine --no-ledger --threads 1 --duration 3 > /dev/full"], seconds: 120)
        #expect(result.termination == .exited(0), "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: "writing to standard output failed").count == 2, "\(result.stderr)")
    }

    @Test func miningGoesOnWhenStandardErrorIsFull() async throws {
        let result = try await ChildProcess.run("/bin/sh", ["-c",
            "'\(RigtopProcess.executable.path)' mine --no-ledger --threads 1 --duration 3 --json 2>/dev/full"], seconds: 120)
        #expect(result.termination == .exited(0))
        #expect(result.stdout.contains("\"total_hashes\""), "\(result.stdout)")
    }

    /// As under systemd, with SIGPIPE ignored by the parent too: the reader goes away after one line.
    @Test func miningGoesOnAfterTheReaderOfAPipeLeaves() async throws {
        let result = try await ChildProcess.run("/bin/bash", ["-c",
            "trap '' PIPE; '\(RigtopProcess.executable.path)' mine --no-ledger --threads 1 --duration 12 | head -1; "
                + "echo \"status ${PIPESTATUS[0]}\""], seconds: 120)
        #expect(result.stdout.contains("status 0"), "\(result.stdout) \(result.stderr)")
        #expect(result.stderr.contains("writing to standard output failed"), "\(result.stderr)")
    }
}
