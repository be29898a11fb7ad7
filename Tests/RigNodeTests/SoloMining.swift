import RigEngine
import RigPools
import RigNode
import RigTestSupport

/// rigtop's engine with real workers over a solo work source, as the node tests run it.
enum SoloMining {
    /// Two unpinned threads mining `symbol` from `source` (RandomX in light mode: a 256 MiB cache
    /// instead of the 2 GiB dataset keeps the tests quick).
    static func engine(_ source: any WorkSource, coin symbol: String = "LTC") throws -> MiningEngine {
        guard let coin = Coin.named(symbol) else { throw RegtestError("no built-in coin \(symbol)") }
        var kernels = KernelChoice.fastest()
        if kernels.kernel(for: .randomx) != nil { kernels.kernels[.randomx] = .randomxLight }
        return MiningEngine(configuration: .init(coin: coin, threads: 2, kernels: kernels, pinThreads: false,
                                                 workSource: { _, _ in source }))
    }

    /// The getblocktemplate source for a Litecoin regtest node, logging into `lines`.
    static func litecoinSource(_ nodes: LitecoinRegtest, payout address: String, lines: LogLines,
                               timing: PoolTiming = PoolTiming()) -> BlockTemplateWorkSource {
        BlockTemplateWorkSource(rpc: nodes.rpc, algorithm: .scrypt, payout: .address(address), timing: timing,
                                log: { lines.append($0) })
    }

    /// Starts `engine`, waits (generously) for `condition`, stops it, and returns the blocks it
    /// counted; a timeout's error carries the source's log.
    static func mine(_ engine: MiningEngine, until what: String, seconds: Double = 120, log lines: LogLines,
                     _ condition: () async -> Bool) async throws -> BlockCounts {
        await engine.start()
        do {
            try await LitecoinRegtest.poll(what, seconds: seconds, log: lines, condition)
        } catch {
            await engine.stop(drainSeconds: 1)
            throw error
        }
        await engine.stop()
        return await engine.stats.latest.blocks
    }
}
