/// A coin rigtop can mine, with the facts the earnings panel needs.
public struct Coin: Sendable, Hashable, Identifiable, Codable {
    /// Ticker symbol, upper case: the coin's identity ("BTC").
    public var symbol: String
    public var name: String
    public var algorithm: HashAlgorithm

    public var id: String { symbol }

    public init(symbol: String, name: String, algorithm: HashAlgorithm) {
        self.symbol = symbol.uppercased()
        self.name = name
        self.algorithm = algorithm
    }

    /// The built-in coin list, in key order (1–9 in the dashboard).
    public static let builtIn: [Coin] = [
        Coin(symbol: "BTC", name: "Bitcoin", algorithm: .sha256d),
        Coin(symbol: "BCH", name: "Bitcoin Cash", algorithm: .sha256d),
        Coin(symbol: "LTC", name: "Litecoin", algorithm: .scrypt),
        Coin(symbol: "DOGE", name: "Dogecoin", algorithm: .scrypt),
        Coin(symbol: "XMR", name: "Monero", algorithm: .randomx),
    ]

    /// The built-in coin with this symbol, case-insensitively.
    public static func named(_ symbol: String) -> Coin? {
        builtIn.first { $0.symbol == symbol.uppercased() }
    }
}
