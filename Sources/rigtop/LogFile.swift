import Foundation
import RigInput

/// Log lines appended to a file with a timestamp: the dashboard owns the screen, so nothing may be
/// printed while it is up.
final class LogFile: Sendable {
    private let channel: OutputChannel

    init(path: String) throws {
        channel = try OutputChannel(appendingTo: path)
    }

    /// Writes failed so far (a full disk): counted, never fatal.
    var failures: Int { channel.failures }

    /// Appends `line` as one line: any control character that reached it is escaped, so no
    /// message (whatever outside text it quotes) can split or forge log lines.
    func write(_ line: String) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        channel.write("\(stamp) \(OutsideText.escaped(line, limit: Self.lineLimit))\n")
    }

    /// Characters of one message kept at most.
    static let lineLimit = 4_096
}
