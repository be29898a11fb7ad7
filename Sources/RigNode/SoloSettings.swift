/// Solo mining for one coin, as the command line (`--pool http://… --payout …`) or the config file
/// (`[pools.LTC] urls = ["http://…"]`, `payout = "…"`) gives it: the node and what the coinbase pays.
public struct SoloSettings: Sendable, Equatable, CustomStringConvertible {
    public var node: NodeURL
    public var payout: SoloPayout

    public init(node: NodeURL, payout: SoloPayout) {
        self.node = node
        self.payout = payout
    }

    /// The node (without its password) and the payout.
    public var description: String { "solo \(node), paying \(payout)" }
}
