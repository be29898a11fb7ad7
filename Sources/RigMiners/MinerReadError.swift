/// Why a miner could not be read: refused, silent past its deadline, an answer too large or not
/// in its API's format. The reason is safe to show on a terminal.
public struct MinerReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }

    public init(_ reason: String) {
        self.reason = reason
    }
}
