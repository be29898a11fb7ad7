import RigEngine
import RigPools
import RigInput
import Synchronization

/// Solo work from a Monero daemon (monerod's RPC), as xmrig's `--daemon` mode mines.
///
/// A template comes from `get_block_template` with the wallet address and a random extra nonce
/// (so two rigs, or two templates, never hash the same blob); all workers hash its hashing blob,
/// each in its own slice of the nonce (``MoneroWorkSource/workerNonceBits``). The height is polled
/// every second and the template refreshed every ``refreshSeconds`` (xmrig's 15 s). A block found
/// goes to `submit_block` as the whole template blob with the nonce in place; "OK" is not taken as
/// proof: the block counts once the header RPC shows the block at its height with our nonce.
public final class MoneroDaemonWorkSource: BlockWorkSource, NodeSessionOwner {
    public let rpc: NodeRPC
    public let wallet: String
    let timing: PoolTiming
    let log: @Sendable (String) -> Void

    /// Seconds between template refreshes at the same height.
    public let refreshSeconds: Double

    let state: Mutex<SoloState<MoneroBlockTemplate>>

    public init(rpc: NodeRPC, wallet: String, timing: PoolTiming = PoolTiming(), refreshSeconds: Double = 15,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.refreshSeconds = refreshSeconds
        self.rpc = rpc
        self.wallet = wallet
        self.timing = timing
        self.log = log
        state = Mutex(SoloState(node: rpc.url))
    }

    public var label: String { SoloState<Work>.label(rpc.url) }

    public func run(into sink: WorkSink) async { await runSessions(into: sink) }

    func session(sink: WorkSink, gotWork: inout Bool) async throws {
        var template = try await fetchTemplate()
        log("solo mining on \(rpc.url), paying \(OutsideText.escaped(wallet))")
        while !Task.isCancelled {
            gotWork = true
            await post(template, sink: sink)
            let height = template.height
            try await waitForChange(seconds: refreshSeconds, every: 1) {
                try await self.chainHeight() != height
            }
            template = try await fetchTemplate()
        }
    }

    /// A fresh template with a random extra nonce in its coinbase.
    public func fetchTemplate() async throws(NodeRPCError) -> MoneroBlockTemplate {
        let extraNonce = (0..<8).map { _ in UInt8.random(in: 0...255) }
        let reply = try await rpc.call("get_block_template", [
            "wallet_address": .string(wallet), "extra_nonce": .string(HexCoding.string(extraNonce)),
        ])
        return try MoneroBlockTemplate(json: reply)
    }

    /// The height the next block will have (monerod's block count).
    private func chainHeight() async throws(NodeRPCError) -> Int {
        let reply = try await rpc.call("get_block_count", [:])
        do { return try UntrustedNumber.whole(reply["count"]?.numberValue, "get_block_count count", in: 0...Int(Int32.max)) } catch {
            throw .badReply("\(error)")
        }
    }

    private func post(_ template: MoneroBlockTemplate, sink: WorkSink) async {
        let blob = template.hashingBlob
        let isNewHeight = await post(template, tip: String(template.height), height: template.height,
                                     difficulty: template.difficulty, sink: sink) { id in
            var job = MiningJob(id: id, algorithm: .randomx, target: template.target, seedHash: template.seedHash,
                                nonceRange: { .slice(worker: $0, bits: MoneroWorkSource.workerNonceBits) }) { _, _ in blob }
            job.nextSeedHash = template.nextSeedHash
            return job
        }
        if isNewHeight {
            log("new block template height \(template.height), network difficulty \(BlockTemplateWorkSource.format(template.difficulty))")
        }
    }

    public func submit(_ share: FoundShare) async -> ShareOutcome? { await submitBlock(share).outcome }

    public func submitBlock(_ share: FoundShare) async -> (outcome: ShareOutcome?, block: SoloBlock?) {
        let template: MoneroBlockTemplate
        let tip: String
        switch claim(share) {
        case .current(let work, let current): (template, tip) = (work, current)
        case .settled(let outcome): return (outcome, nil)
        }
        guard share.input == MoneroBlockTemplate.with(nonce: share.nonce, in: template.hashingBlob),
              share.digest.count == 32, template.target.isMet(by: share.digest) else {
            return (failedVerification(share), nil)
        }
        let (verdict, hash) = await deliver(MoneroBlockTemplate.with(nonce: share.nonce, in: template.blob),
                                            nonce: share.nonce, height: template.height)
        let outcome = await settle(verdict, height: template.height, hash: hash, tip: tip)
        // expected_reward is in piconero: 10^12 to a monero.
        let block = SoloBlock(height: template.height, hash: hash, reward: template.reward / 1e12, outcome: verdict)
        return (outcome, block)
    }

    /// Sends a block, then asks the header RPC for the block at its height: ours when it has our
    /// nonce. Returns the verdict and the block's hash as the node names it.
    func deliver(_ blob: [UInt8], nonce: UInt32, height: Int) async -> (BlockOutcome, String) {
        do {
            let reply = try await rpc.call("submit_block", [.string(HexCoding.string(blob))])
            if let status = reply["status"]?.stringValue, status != "OK" {
                return (.rejected(reason: OutsideText.escaped(status, limit: 80)), "?")
            }
            let header = try await rpc.call("get_block_header_by_height", ["height": .number(Double(height))])["block_header"]
            let hash = OutsideText.escaped(header?["hash"]?.stringValue ?? "?", limit: 64)
            let theirs: UInt32? = try? UntrustedNumber.whole(header?["nonce"]?.numberValue, "nonce", in: 0...UInt32.max)
            return (theirs == nonce ? .accepted : .undecided(reason: "the node's block at height \(height) has another nonce"), hash)
        } catch .rpc(let code, let message) {
            return (.rejected(reason: "\(message) (\(code))"), "?")
        } catch {
            return (Self.failedSubmission(error, call: "submit_block"), "?")
        }
    }
}
