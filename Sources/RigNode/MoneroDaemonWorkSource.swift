import RigEngine
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
public final class MoneroDaemonWorkSource: WorkSource, NodeSessionOwner {
    public let rpc: NodeRPC
    public let wallet: String
    let timing: PoolTiming
    let log: @Sendable (String) -> Void

    /// Seconds between template refreshes at the same height.
    public let refreshSeconds: Double

    struct Post {
        var id: String
        var template: MoneroBlockTemplate
    }

    struct State {
        var sink: WorkSink?
        var posts: [Post] = []
        var sequence = 0
        var height: Int?
        /// A height a block of ours filled: its templates' shares are stale.
        var solvedHeight: Int?
        var wake = false
        var status: PoolStatus
    }

    let state: Mutex<State>

    public init(rpc: NodeRPC, wallet: String, timing: PoolTiming = PoolTiming(), refreshSeconds: Double = 15,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.refreshSeconds = refreshSeconds
        self.rpc = rpc
        self.wallet = wallet
        self.timing = timing
        self.log = log
        state = Mutex(State(status: PoolStatus(url: "solo \(rpc.url)")))
    }

    public var label: String { "solo \(rpc.url)" }

    public func run(into sink: WorkSink) async {
        state.withLock { $0.sink = sink }
        await runSessions(into: sink)
    }

    func session(sink: WorkSink, gotWork: inout Bool) async throws {
        var template = try await fetchTemplate()
        log("solo mining on \(rpc.url), paying \(OutsideText.escaped(wallet))")
        while !Task.isCancelled {
            gotWork = true
            await post(template, sink: sink)
            let height = template.height
            try await waitForChange(seconds: refreshSeconds, every: 1, wake: {
                state.withLock { state in defer { state.wake = false }; return state.wake }
            }) {
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
        let (id, isNewHeight) = state.withLock { state -> (String, Bool) in
            state.sequence += 1
            let id = "\(template.height)-\(state.sequence)"
            state.posts.append(Post(id: id, template: template))
            if state.posts.count > 16 { state.posts.removeFirst() }
            let isNew = state.height != template.height
            state.height = template.height
            state.status.connection = .mining
            state.status.difficulty = template.difficulty
            state.status.message = nil
            return (id, isNew)
        }
        if isNewHeight {
            log("new block template height \(template.height), network difficulty \(BlockTemplateWorkSource.format(template.difficulty))")
        }
        let blob = template.hashingBlob
        await sink.post(MiningJob(id: id, algorithm: .randomx, target: template.target, seedHash: template.seedHash,
                                  nonceRange: { .slice(worker: $0, bits: MoneroWorkSource.workerNonceBits) }) { _, _ in blob })
        await report()
    }

    public func submit(_ share: FoundShare) async -> ShareOutcome? {
        let found = state.withLock { state -> (Post, Bool)? in
            guard let post = state.posts.last(where: { $0.id == share.jobID }) else { return nil }
            return (post, post.template.height == state.height && post.template.height != state.solvedHeight)
        }
        guard let (post, isCurrent) = found else {
            log("block for job \(share.jobID) does not match any template; not sent")
            return .rejected(reason: "failed local verification")
        }
        guard isCurrent else { return .stale }
        let template = post.template
        guard share.input == MoneroBlockTemplate.with(nonce: share.nonce, in: template.hashingBlob),
              share.digest.count == 32, template.target.isMet(by: share.digest) else {
            log("block for job \(share.jobID) fails local verification; not sent")
            return .rejected(reason: "failed local verification")
        }
        let outcome = await submitBlock(MoneroBlockTemplate.with(nonce: share.nonce, in: template.blob),
                                        nonce: share.nonce, height: template.height)
        if case .accepted = outcome {
            state.withLock {
                $0.solvedHeight = template.height
                $0.wake = true
            }
        }
        await state.withLock { $0.sink }?.record(block: outcome)
        switch outcome {
        case .accepted: return .accepted
        case .rejected(let reason):
            updateStatus { $0.lastRejectReason = reason }
            return .rejected(reason: reason)
        case .notOurs: return .stale
        }
    }

    /// Sends a block, then asks the header RPC for the block at its height; logs the verdict.
    public func submitBlock(_ blob: [UInt8], nonce: UInt32, height: Int) async -> BlockOutcome {
        var hash = "?"
        let outcome: BlockOutcome
        do {
            let reply = try await rpc.call("submit_block", [.string(HexCoding.string(blob))])
            if let status = reply["status"]?.stringValue, status != "OK" {
                outcome = .rejected(reason: OutsideText.escaped(status, limit: 80))
            } else {
                let header = try await rpc.call("get_block_header_by_height", ["height": .number(Double(height))])["block_header"]
                hash = OutsideText.escaped(header?["hash"]?.stringValue ?? "?", limit: 64)
                let theirs: UInt32? = try? UntrustedNumber.whole(header?["nonce"]?.numberValue, "nonce", in: 0...UInt32.max)
                outcome = theirs == nonce ? .accepted
                    : .notOurs(reason: "the node's block at height \(height) has another nonce")
            }
        } catch .rpc(let code, let message) {
            outcome = .rejected(reason: "\(message) (\(code))")
        } catch {
            outcome = .rejected(reason: "submit_block failed: \(error)")
        }
        switch outcome {
        case .accepted: log("BLOCK FOUND height \(height) hash \(hash) accepted by the node")
        case .rejected(let reason): log("BLOCK FOUND height \(height) rejected by the node: \(reason)")
        case .notOurs(let reason): log("block height \(height) not counted: \(reason)")
        }
        return outcome
    }

    func updateStatus(_ change: (inout PoolStatus) -> Void) {
        state.withLock { change(&$0.status) }
    }

    func report() async {
        let (sink, status) = state.withLock { ($0.sink, $0.status) }
        await sink?.report(pool: status)
    }
}
