import ArgumentParser
import RigEngine
import RigNode

/// The solo work source for a node given with `--pool`: getblocktemplate for sha256d and scrypt
/// coins, monerod's RPC for RandomX ones.
enum SoloWork {
    static func source(node settings: SoloSettings, coin: Coin,
                       log: @escaping @Sendable (String) -> Void) throws -> any WorkSource {
        let (node, payout) = (settings.node, settings.payout)
        switch (node.kind, coin.algorithm) {
        case (.blockTemplate, .sha256d), (.blockTemplate, .scrypt):
            return BlockTemplateWorkSource(rpc: NodeRPC(url: node), algorithm: coin.algorithm, payout: payout, log: log)
        case (.moneroDaemon, .randomx), (.moneroDaemon, .randomxV2):
            guard case .address(let wallet) = payout else {
                throw ValidationError("monerod mines to a wallet address: give --payout WALLET")
            }
            return MoneroDaemonWorkSource(rpc: NodeRPC(url: node), wallet: wallet, log: log)
        case (.blockTemplate, .randomx), (.blockTemplate, .randomxV2):
            throw ValidationError("\(coin.symbol) is mined solo against monerod: --pool daemon+http://HOST:PORT")
        case (.moneroDaemon, _):
            throw ValidationError("daemon+http:// is monerod's RPC; \(coin.symbol) mines solo with --pool http://USER:PASS@HOST:PORT")
        }
    }
}
