import RigEngine
import RigPools
import RigInput

/// Where a solo miner's coinbase pays: an address the node turns into its script, or the script.
public enum SoloPayout: Sendable, Equatable, CustomStringConvertible {
    /// Resolved through the node's `validateaddress`, which also refuses another network's address.
    case address(String)
    /// A scriptPubKey given as is (`--payout-script HEX`).
    case script([UInt8])

    public var description: String {
        switch self {
        case .address(let address): OutsideText.escaped(address)
        case .script(let script): "script " + HexCoding.string(script)
        }
    }

    /// The scriptPubKey to pay, asking `rpc` where an address needs resolving.
    public func resolvedScript(using rpc: NodeRPC) async throws(NodeRPCError) -> [UInt8] {
        switch self {
        case .script(let script): return script
        case .address(let address):
            let reply = try await rpc.call("validateaddress", [.string(address)])
            guard reply["isvalid"]?.boolValue == true else {
                throw .badReply("the node says payout address \(OutsideText.escaped(address)) is not valid on its network")
            }
            guard let hex = reply["scriptPubKey"]?.stringValue, let script = HexCoding.bytes(hex), !script.isEmpty,
                  script.count <= 10_000 else {
                throw .badReply("validateaddress gave no scriptPubKey for \(OutsideText.escaped(address))")
            }
            return script
        }
    }
}
