/// A config file problem, naming the file, the line and the key, like a compiler diagnostic:
/// `~/.config/rigtop/config.toml:12: earnings.pool_fee_percent: expected a number, found a string`.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public var file: String
    /// 1-based; nil when the problem has no single line (a missing required key).
    public var line: Int?
    /// The dotted key path ("pools.BTC.urls"); nil for a TOML syntax error.
    public var key: String?
    public var message: String

    public init(file: String, line: Int?, key: String?, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        "\(file)" + (line.map { ":\($0)" } ?? "") + ": " + (key.map { "\($0): " } ?? "") + message
    }
}
