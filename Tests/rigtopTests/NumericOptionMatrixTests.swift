import Foundation
import RigTestSupport
import Testing

/// Every numeric option of every command, fed the values a hostile user tries first: each run
/// ends within a bounded time with 0, 1 or 2, and a value outside the option's documented range
/// is a usage error (2) naming the option and what it expects, never a trap (132) or a hang.
// Serialized: 165 rigtop processes at once, beside the rest of the suite on 2 cores, starve each
// other past any fair time bound (each run alone takes well under a second).
@Suite("numeric options: the hostile matrix (subprocess)", .subprocesses, .serialized)
struct NumericOptionMatrixTests {
    struct Option: CustomTestStringConvertible, Sendable {
        /// The command line before the option; whatever else it needs to end by itself.
        var command: [String]
        var flag: String
        /// The matrix values that lie inside the option's range.
        var accepted: Set<String> = []
        var testDescription: String { (command.prefix(1) + [flag]).joined(separator: " ") }
    }

    static let options: [Option] = [
        Option(command: ["bench", "--seconds", "0.1"], flag: "--threads"),
        Option(command: ["bench", "--threads", "1"], flag: "--seconds"),
        Option(command: ["mine", "--no-ledger", "--duration", "0.5"], flag: "--threads"),
        Option(command: ["mine", "--no-ledger", "--duration", "0.5"], flag: "--temp-limit"),
        Option(command: ["mine", "--no-ledger", "--duration", "0.5"], flag: "--temp-critical"),
        Option(command: ["mine", "--no-ledger", "--duration", "0.5"], flag: "--cpu-tdp"),
        Option(command: ["mine", "--no-ledger"], flag: "--duration"),
        Option(command: ["dashboard"], flag: "--sensor-interval"),
        Option(command: ["dashboard"], flag: "--threads"),
        Option(command: ["sensors"], flag: "--cpu-tdp"),
        Option(command: ["sensors"], flag: "--watch"),
        Option(command: ["sensors"], flag: "--measure"),
        Option(command: ["farm", "--once", "--rig", "http://127.0.0.1:1"], flag: "--interval"),
        Option(command: ["farm", "--once", "--rig", "http://127.0.0.1:1"], flag: "--measure"),
        Option(command: ["farm", "--once", "--prometheus", "http://127.0.0.1:1"], flag: "--time", accepted: ["0", "1e-300"]),
    ]

    static let values = ["inf", "-inf", "nan", "1e300", "-1", "0", "1e-300", "9223372036854775808", "18446744073709551616",
                         "0x10", "1_000"]

    @Test(arguments: options, values)
    func hostileValue(_ option: Option, _ value: String) async throws {
        // `--flag=value`: a separate "-1" would be read as an option, not as the value.
        let result = try await RigtopProcess.run(option.command + ["\(option.flag)=\(value)"], seconds: 60)
        if option.accepted.contains(value) {
            #expect([0, 1].contains(result.status), "\(result.stderr)")
        } else {
            #expect(result.status == 2, "exit \(result.status): \(result.stderr)")
            #expect(result.stderr.contains("'\(option.flag) <"), "\(result.stderr)")
            #expect(result.stderr.contains("expected"), "\(result.stderr)")
        }
    }

    @Test("an error thrown while a subcommand runs shows that subcommand's usage, escaped")
    func subcommandUsage() async throws {
        let result = try await RigtopProcess.run(["mine", "--no-ledger", "--duration", "1", "--coin", "\u{1B}[31mX"], seconds: 60)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("Usage: rigtop mine"), "\(result.stderr)")
        #expect(result.stderr.contains("\\u{1B}[31mX"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}"), "\(result.stderr)")
    }

    @Test("bench --threads 4096 --seconds 1 ends within seconds: thread start and stop do not grow with the count")
    func manyThreads() async throws {
        let started = ContinuousClock.now
        let result = try await RigtopProcess.run(["bench", "--threads", "4096", "--seconds", "1", "--json"], seconds: 120)
        let took = ContinuousClock.now - started
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["threads"] as? Int == 4096)
        #expect(took < .seconds(60), "took \(took)")
    }
}
