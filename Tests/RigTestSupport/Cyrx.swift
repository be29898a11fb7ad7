import Foundation

/// cyrx (PyPI: RandomX 2.0 with v2 and commitments), the oracle the RandomX v2 tests compare with;
/// `scripts/dev.sh test` installs it with pip.
public enum Cyrx {
    /// Whether python3 can import cyrx; suites that need it are skipped with a message otherwise.
    public static let installed: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import cyrx"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()
}
