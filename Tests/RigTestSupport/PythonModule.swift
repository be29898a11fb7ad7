import Foundation

/// Python packages the tests use as outside peers (cyrx, xmrig-api), installed with pip by
/// `scripts/dev.sh test`; a suite that needs one is skipped with a message where it is missing.
public enum PythonModule {
    /// Whether `python3` (as found on PATH) runs `statement`, an import, without error.
    public static func importable(_ statement: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", statement]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
