import ArgumentParser
import RigInput
import Foundation
import RigEngine

/// `rigtop coins`: the coin table with the dashboard keys that select each coin.
struct CoinsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coins",
        abstract: "List the coins rigtop knows, with their keys (1–9) and market data.",
        discussion: """
            Block reward, target block time, network difficulty and price come from a built-in \
            snapshot (its date is shown) unless the config file overrides them. Difficulty is in \
            the coin's convention: "×2^32" (Bitcoin style: difficulty × 2^32 hashes per block) or \
            "hashes" (Monero style: difficulty hashes per block).
            """)

    @OptionGroup var config: ConfigOptions

    func run() throws {
        let loaded = try config.load()
        print(Self.table(loaded.coins), terminator: "")
    }

    /// One header line and one line per coin, keys 1–9 (coins past the ninth get no key).
    static func table(_ coins: [Coin]) -> String {
        var rows = [["key", "symbol", "name", "algorithm", "reward", "block", "difficulty", "convention",
                     "price USD", "taken", "source"]]
        for (index, coin) in coins.enumerated() {
            rows.append([
                index < 9 ? "\(index + 1)" : "-", coin.symbol, coin.name, coin.algorithm.rawValue,
                Self.number(coin.blockReward), "\(Self.number(coin.blockTimeSeconds)) s",
                Self.scaled(coin.networkDifficulty),
                coin.convention == .bitcoin ? "×2^32" : "hashes",
                Self.number(coin.priceUSD), coin.marketDate.isEmpty ? "-" : coin.marketDate, coin.marketSource,
            ].map { OutsideText.escaped($0, limit: 60) })  // names and sources may come from the config
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// Difficulty with an SI suffix: 152.27 T, 95.6 M (6 significant digits).
    static func scaled(_ value: Double) -> String {
        let units = ["", " k", " M", " G", " T", " P", " E"]
        var v = value
        var unit = 0
        while abs(v) >= 1000 && unit < units.count - 1 { v /= 1000; unit += 1 }
        return String(format: "%.6g", v) + units[unit]
    }

    /// Up to 6 significant digits, with no exponent under 10^12.
    static func number(_ value: Double) -> String {
        if value == 0 { return "0" }
        if abs(value) >= 1e12 || abs(value) < 1e-4 { return String(format: "%.6g", value) }
        var text = String(format: "%.6g", value)
        if text.contains("e") { text = String(format: "%.0f", value) }
        return text
    }
}
