public import Foundation
import RigInput
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
public import RigEngine

/// Prices (and, where the feed has them, network difficulties) from a CoinGecko-compatible
/// endpoint: `GET {base}/simple/price?ids=bitcoin,monero&vs_currencies=usd&include_last_updated_at=true`
/// answering `{"bitcoin": {"usd": 91500, "last_updated_at": 1795132800}, …}`.
///
/// A `difficulty` field beside `usd` (not CoinGecko's, but accepted from compatible feeds) updates
/// the network difficulty too. Off unless `--market-url` names a feed.
public struct MarketFeed: Sendable {
    public var baseURL: String
    public var timeoutSeconds: Double

    public init(baseURL: String, timeoutSeconds: Double = 10) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.timeoutSeconds = timeoutSeconds
    }

    /// CoinGecko's id for a coin: the built-in ones, else the name in lower case with dashes.
    public static func coinGeckoID(_ coin: Coin) -> String {
        switch coin.symbol {
        case "BTC": "bitcoin"
        case "BCH": "bitcoin-cash"
        case "LTC": "litecoin"
        case "DOGE": "dogecoin"
        case "XMR": "monero"
        default: coin.name.lowercased().replacingOccurrences(of: " ", with: "-")
        }
    }

    /// The request URL for `coins`.
    public func url(for coins: [Coin]) -> URL? {
        let ids = coins.map(Self.coinGeckoID).joined(separator: ",")
        return URL(string: "\(baseURL)/simple/price?ids=\(ids)&vs_currencies=usd&include_last_updated_at=true")
    }

    /// Fetches quotes for `coins`, keyed by symbol. Throws on a network error, a non-200 answer or
    /// a body that is not the expected JSON; coins the feed leaves out are simply missing.
    public func fetch(_ coins: [Coin], now: Date = Date()) async throws -> [String: MarketQuote] {
        guard let url = url(for: coins) else { throw MarketFeedError("bad market URL \(baseURL)") }
        var request = URLRequest(url: url, timeoutInterval: timeoutSeconds)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let (data, response) = try await URLSession.shared.data(for: request)
        if let http = response as? HTTPURLResponse, http.statusCode != 200 {
            throw MarketFeedError("HTTP \(http.statusCode)")
        }
        return try Self.parse(data, coins: coins, source: "market \(baseURL)", now: now)
    }

    /// Prices a feed may quote, in USD: above zero, below any coin's plausible price.
    public static let priceRange: ClosedRange<Double> = 1e-12...1e9
    /// Network difficulties a feed may quote.
    public static let difficultyRange: ClosedRange<Double> = 1e-6...1e30
    /// Update times a feed may give: 2009 (Bitcoin's first block) to 2200, in Unix seconds.
    public static let timeRange: ClosedRange<Double> = 1_230_000_000...7_258_118_400

    /// Reads a `/simple/price` body.
    public static func parse(_ data: Data, coins: [Coin], source: String, now: Date = Date()) throws -> [String: MarketQuote] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw MarketFeedError("the answer is not a JSON object")
        }
        var quotes: [String: MarketQuote] = [:]
        for coin in coins {
            guard let entry = object[coinGeckoID(coin)] as? [String: Any] else { continue }
            // A feed that lies is refused whole: one bad figure stored would reach the ledger.
            let price: Double?
            let difficulty: Double?
            let updated: Date
            do {
                price = try (entry["usd"] as? NSNumber).map { number throws(UntrustedNumberError) in
                    try UntrustedNumber.finite(number.doubleValue, "\(coin.symbol) price", in: priceRange)
                }
                difficulty = try (entry["difficulty"] as? NSNumber).map { number throws(UntrustedNumberError) in
                    try UntrustedNumber.finite(number.doubleValue, "\(coin.symbol) difficulty", in: difficultyRange)
                }
                updated = try (entry["last_updated_at"] as? NSNumber).map { number throws(UntrustedNumberError) in
                    Date(timeIntervalSince1970: try UntrustedNumber.finite(number.doubleValue, "\(coin.symbol) last_updated_at",
                                                                           in: timeRange))
                } ?? now
            } catch {
                throw MarketFeedError("\(error)")
            }
            guard price != nil || difficulty != nil else { continue }
            quotes[coin.symbol] = MarketQuote(priceUSD: price, networkDifficulty: difficulty,
                                              date: isoDate(updated), source: source)
        }
        return quotes
    }

    static func isoDate(_ date: Date) -> String {
        var time = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
    }

    /// Refreshes `board` now and then every `interval` seconds until cancelled; a failure keeps
    /// the last quotes and is reported through the board (and `log`).
    public func run(coins: [Coin], board: MarketBoard, interval: Double = 600,
                    log: @escaping @Sendable (String) -> Void = { _ in }) async {
        while !Task.isCancelled {
            do {
                let quotes = try await fetch(coins)
                board.update(quotes)
                log("market: \(quotes.count) of \(coins.count) coins refreshed from \(baseURL)")
            } catch {
                let reason = (error as? MarketFeedError)?.message ?? error.localizedDescription
                board.fail(reason)
                log("market refresh failed: \(reason); keeping the last values")
            }
            try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
        }
    }
}

/// Why a market refresh failed.
public struct MarketFeedError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
