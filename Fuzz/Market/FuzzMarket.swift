import Foundation
import RigEngine
import RigMarket

/// libFuzzer entry: a market feed's `/simple/price` body, then the quotes laid over the coins and
/// the earnings computed from them, as the refresh task and the dashboard do.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarket(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = Data(UnsafeBufferPointer(start: data, count: size))
    let board = MarketBoard()
    do {
        let quotes = try MarketFeed.parse(body, coins: Coin.builtIn, source: "market fuzz", now: now)
        for quote in quotes.values {
            precondition(quote.priceUSD.map { MarketFeed.priceRange.contains($0) } ?? true, "price \(quote)")
            precondition(quote.networkDifficulty.map { MarketFeed.difficultyRange.contains($0) } ?? true, "difficulty \(quote)")
        }
        board.update(quotes)
    } catch {
        board.fail("\(error)")
    }
    for coin in Coin.builtIn.map(board.apply) {
        let estimate = EarningsEstimate(hashrate: 1e6, coin: coin, poolFeePercent: 1, watts: 100,
                                        electricityPrice: 0.2, shareDifficulty: 1e3)
        _ = (estimate.netPerDay, estimate.moneyPerShare, coin.marketSource, coin.marketDate)
    }
    return 0
}

/// A fixed clock, so that a crash reproduces: 2026-11-20.
let now = Date(timeIntervalSince1970: 1_795_132_800)
