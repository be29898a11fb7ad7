import Foundation
import RigConfig
import RigEngine
import RigPools

/// libFuzzer entry: the text of a `config.toml` (TOMLKit and toml++ underneath), then what the
/// rig does with an accepted file: its pool URLs, coins and earnings settings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let config: RigtopConfig
    do { config = try ConfigFile.parse(text, file: "fuzz.toml") } catch {
        _ = "\(error)"
        return 0
    }
    for (_, settings) in config.pools {
        for url in settings.urls {
            // What `rigtop` prints (without the pinned fingerprint) is what the config accepts back.
            let again = try? PoolURL(parsing: url.description)
            precondition(again?.host == url.host && again?.port == url.port && again?.tls == url.tls,
                         "\(url.host.debugDescription) prints as \(url.description), which parses as \(String(describing: again))")
        }
    }
    if let symbol = config.defaultCoin { precondition(config.coin(named: symbol) != nil) }
    for coin in config.coins {
        let estimate = config.earnings.estimate(hashrate: 1e6, coin: coin, watts: 100, shareDifficulty: 1e3)
        _ = (estimate.netPerDay, estimate.sharesPerDay, estimate.networkHashrate)
    }
    return 0
}
