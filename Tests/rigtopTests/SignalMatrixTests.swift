import Foundation
import RigLedger
import RigLedgerSQLite
import RigTestSupport
import Testing

/// Every signal whose default action would end `rigtop mine` stops it cleanly instead: exit 0,
/// the JSON summary naming the signal, the ledger's last minute row written.
@Suite("rigtop mine: the signal matrix (subprocess)", .subprocesses)
struct SignalMatrixTests {
    static let signals: [(number: Int32, name: String)] = [
        (SIGUSR1, "SIGUSR1"), (SIGUSR2, "SIGUSR2"), (SIGALRM, "SIGALRM"), (SIGVTALRM, "SIGVTALRM"),
        (SIGIO, "SIGIO"), (SIGPWR, "SIGPWR"), (SIGXCPU, "SIGXCPU"), (SIGXFSZ, "SIGXFSZ"), (SIGQUIT, "SIGQUIT"),
        (__libc_current_sigrtmin(), "SIGRTMIN"), (__libc_current_sigrtmin() + 3, "SIGRTMIN+3"),
        (__libc_current_sigrtmax(), "SIGRTMIN+\(__libc_current_sigrtmax() - __libc_current_sigrtmin())"),
    ]

    @Test(arguments: signals)
    func stopsCleanly(_ signal: (number: Int32, name: String)) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-signal-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("ledger.sqlite").path
        let child = try RigtopProcess.start(["mine", "--threads", "1", "--json", "--ledger", path])
        #expect(await child.waitForErrors(seconds: 120) { $0.contains("ledger \(path)") }, "\(child.stderr)")
        await child.read(for: 1)
        child.signal(signal.number)
        #expect(await child.wait(seconds: 60) == .exited(0), "\(child.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(child.stdout.utf8)) as? [String: Any], "\(child.stdout)")
        #expect(summary["stopped_by"] as? String == signal.name)
        #expect(try Ledger(readingAt: path).income().badRowCount == 0)
        #expect(try Ledger(path: path).counts().minutes >= 1, "the last minute row is missing")
    }

    @Test("SIGPROF, a profiler's tick, is ignored: mining goes on, and SIGTERM still stops it cleanly")
    func profilerTickIsIgnored() async throws {
        let child = try RigtopProcess.start(["mine", "--threads", "1", "--json", "--no-ledger"])
        #expect(await child.waitForErrors(seconds: 120) { $0.contains("benchmark work") }, "\(child.stderr)")
        child.signal(SIGPROF)
        await child.read(for: 2)
        child.signal(SIGTERM)
        #expect(await child.wait(seconds: 60) == .exited(0), "\(child.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(child.stdout.utf8)) as? [String: Any], "\(child.stdout)")
        #expect(summary["stopped_by"] as? String == "SIGTERM")
    }
}
