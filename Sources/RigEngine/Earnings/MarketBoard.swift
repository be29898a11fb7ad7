import Synchronization

/// Fresh market figures for a coin, from a market feed.
public struct MarketQuote: Sendable, Equatable {
    public var priceUSD: Double?
    /// In the coin's convention; nil when the feed does not give one.
    public var networkDifficulty: Double?
    /// When the feed says the figures were updated, "YYYY-MM-DD".
    public var date: String
    /// The feed, for the panel's source line ("market http://…").
    public var source: String

    public init(priceUSD: Double?, networkDifficulty: Double? = nil, date: String, source: String) {
        self.priceUSD = priceUSD
        self.networkDifficulty = networkDifficulty
        self.date = date
        self.source = source
    }
}

/// The latest quotes from a market feed, laid over the configured coin data.
///
/// Written by the refresh task, read by the share recorder and the snapshot updater; a failed
/// refresh keeps the last quotes and is reported in each coin's ``Coin/marketSource``.
public final class MarketBoard: Sendable {
    private struct State {
        var quotes: [String: MarketQuote] = [:]
        var failure: String?
    }

    private let state = Mutex(State())

    public init() {}

    /// Stores a successful refresh (replacing the quotes it covers) and clears the failure.
    public func update(_ quotes: [String: MarketQuote]) {
        state.withLock { state in
            state.quotes.merge(quotes) { $1 }
            state.failure = nil
        }
    }

    /// Records a failed refresh; the last quotes stay.
    public func fail(_ reason: String) {
        state.withLock { $0.failure = reason }
    }

    /// The last failure, if the latest refresh failed.
    public var failure: String? { state.withLock { $0.failure } }

    /// `coin` with its latest quote applied, and its source saying whether the last refresh failed.
    public func apply(to coin: Coin) -> Coin {
        let (quote, failure) = state.withLock { ($0.quotes[coin.symbol], $0.failure) }
        var coin = coin
        if let quote {
            if let price = quote.priceUSD { coin.priceUSD = price }
            if let difficulty = quote.networkDifficulty { coin.networkDifficulty = difficulty }
            coin.marketDate = quote.date
            coin.marketSource = quote.source
        }
        if let failure, !coin.marketSource.contains("refresh failed") {
            coin.marketSource += " (refresh failed: \(failure); last values kept)"
        }
        return coin
    }
}
