import Foundation

/// Log lines appended to a file with a timestamp: the dashboard owns the screen, so nothing may be
/// printed while it is up.
final class LogFile: Sendable {
    private let channel: OutputChannel

    init(path: String) throws {
        channel = try OutputChannel(appendingTo: path)
    }

    /// Writes failed so far (a full disk): counted, never fatal.
    var failures: Int { channel.failures }

    func write(_ line: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        channel.write("\(stamp) \(line)\n")
    }
}
