public import Foundation
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

    /// Reads a `/simple/price` body.
    public static func parse(_ data: Data, coins: [Coin], source: String, now: Date = Date()) throws -> [String: MarketQuote] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw MarketFeedError("the answer is not a JSON object")
        }
        var quotes: [String: MarketQuote] = [:]
        for coin in coins {
            guard let entry = object[coinGeckoID(coin)] as? [String: Any] else { continue }
            let price = (entry["usd"] as? NSNumber)?.doubleValue
            let difficulty = (entry["difficulty"] as? NSNumber)?.doubleValue
            guard price != nil || difficulty != nil else { continue }
            let updated = (entry["last_updated_at"] as? NSNumber).map { Date(timeIntervalSince1970: $0.doubleValue) } ?? now
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
