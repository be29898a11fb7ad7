import Foundation
import RigTestSupport

/// Runs the built `rigtop` binary as a subprocess, as a user or a script would.
enum RigtopProcess {
    /// The `rigtop` executable beside the test bundle in the build folder.
    static var executable: URL {
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        // The runner may be inside `X.xctest/` (macOS) or beside the products (Linux).
        while !FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("rigtop").path),
              directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("rigtop")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs rigtop to the end; one still running after `seconds` is killed and the test fails.
    static func run(_ arguments: [String], environment: [String: String]? = nil, seconds: Double = 180) async throws -> Result {
        let result = try await ChildProcess.run(executable.path, arguments, environment: environment, seconds: seconds)
        let status: Int32 = switch result.termination {
        case .exited(let code): code
        case .signalled(let signal): 128 + signal
        }
        return Result(status: status, stdout: result.stdout, stderr: result.stderr)
    }

    /// Starts rigtop and returns at once, for tests that signal it while it runs.
    static func start(_ arguments: [String], environment: [String: String]? = nil) throws -> ChildProcess {
        try ChildProcess(executable.path, arguments, environment: environment)
    }

    /// Starts rigtop with an HTTP API on port 0 (`arguments` include `--api 127.0.0.1:0`) and
    /// returns it with the port it says it listens on; nil when it has not said within `seconds`.
    static func startWithAPI(_ arguments: [String], seconds: Double = 240) async throws -> (process: ChildProcess, port: Int?) {
        let process = try start(arguments)
        var port: Int?
        _ = await process.waitForOutput(seconds: seconds) { output in
            guard let range = output.range(of: #"HTTP API on 127\.0\.0\.1:([0-9]+)"#, options: .regularExpression) else { return false }
            port = Int(output[range].split(separator: ":").last ?? "")
            return port != nil
        }
        return (process, port)
    }
}
