public import RigEngine

/// Amounts of a coin in the coin's own decimals: `0.00123 BTC`, `12,300 sat`, `0.0012 sat`,
/// `10,000 DOGE`; two to three significant digits and never an exponent.
///
/// Amounts under 100 000 of the coin's smallest unit are written in that unit (satoshis for
/// BTC and BCH, as wallets do), where a CPU miner's daily fraction of a coin is a readable
/// number; larger ones in the coin itself. A coin rigtop knows no smallest unit of is always
/// written in the coin.
public struct CoinAmount: Sendable, Equatable {
    /// The coin's symbol, upper case.
    public var symbol: String
    /// Decimals of the coin's smallest unit: 8 for a satoshi (10⁻⁸ BTC), 12 for a piconero.
    public var decimals: Int
    /// The smallest unit's name as wallets write it.
    public var unitName: String

    /// The smallest unit of each built-in coin (Bitcoin's satoshi, Litecoin's litoshi,
    /// Dogecoin's koinu: 10⁻⁸; Monero's piconero: 10⁻¹²). Other coins: 8 decimals, no unit name.
    public init(symbol: String) {
        self.symbol = symbol.uppercased()
        switch self.symbol {
        case "BTC", "BCH": (decimals, unitName) = (8, "sat")
        case "LTC": (decimals, unitName) = (8, "litoshi")
        case "DOGE": (decimals, unitName) = (8, "koinu")
        case "XMR": (decimals, unitName) = (12, "piconero")
        default: (decimals, unitName) = (8, "")
        }
    }

    /// `coins` written in the coin or its smallest unit, with the unit's name.
    public func format(_ coins: Double) -> String {
        guard coins.isFinite else { return "n/a" }
        if coins == 0 { return "0 " + symbol }
        var unit = 1.0
        for _ in 0..<decimals { unit *= 10 }
        let baseUnits = coins * unit
        if abs(baseUnits) < 100_000, !unitName.isEmpty {
            return Format.plain(baseUnits, significant: abs(baseUnits) >= 1 ? 3 : 2) + " " + unitName
        }
        return Format.plain(coins, significant: 3) + " " + symbol
    }
}
