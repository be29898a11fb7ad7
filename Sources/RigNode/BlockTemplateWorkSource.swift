import NIOCore
import NIOPosix
import RigEngine
import RigPools
import RigInput
import Synchronization

/// Solo work from a Bitcoin-family node (Bitcoin Core, Litecoin Core, …) through getblocktemplate.
///
/// ``run(into:)`` resolves the payout script, fetches a template (rules `segwit` and `mweb`, as
/// Litecoin Core 0.21.2 requires; Bitcoin Core ignores a rule it does not know) and posts it as a
/// job whose target is the block target; each worker hashes its own coinbase (``BlockAssembly``).
/// New work comes by long poll, with a poll of `getbestblockhash` every second as the fallback, a
/// refresh every ``refreshSeconds`` for new transactions, and at once after a block of ours.
/// Node faults (refused, 401, no peers, initial sync, a restart) end the session with the reason
/// in the log and the status, and the source retries with the pools' backoff.
///
/// Every share is a block: it is rebuilt from the template it claims, re-hashed against the block
/// target and submitted with `submitblock`; `null` means taken, and the block is then confirmed by
/// asking the node for the hash at its height. Shares of a template whose previous block a block of
/// ours already replaced are stale: submitting them would only make forks.
public final class BlockTemplateWorkSource: BlockWorkSource, NodeSessionOwner {
    public let rpc: NodeRPC
    public let algorithm: HashAlgorithm
    public let payout: SoloPayout
    let timing: PoolTiming
    let log: @Sendable (String) -> Void

    /// Seconds between template refreshes without a new block (new transactions and fees).
    public let refreshSeconds: Double
    /// How long one long poll may wait before it is renewed.
    public let longPollSeconds: Double

    /// getblocktemplate's request: the rules Litecoin Core 0.21.2 insists on.
    static let templateRequest: JSONValue = ["rules": ["mweb", "segwit"]]

    let state: Mutex<SoloState<BlockAssembly>>

    public init(rpc: NodeRPC, algorithm: HashAlgorithm, payout: SoloPayout, timing: PoolTiming = PoolTiming(),
                refreshSeconds: Double = 30, longPollSeconds: Double = 300,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.refreshSeconds = refreshSeconds
        self.longPollSeconds = longPollSeconds
        self.rpc = rpc
        self.algorithm = algorithm
        self.payout = payout
        self.timing = timing
        self.log = log
        state = Mutex(SoloState(node: rpc.url))
    }

    public var label: String { SoloState<Work>.label(rpc.url) }

    // MARK: - Work

    public func run(into sink: WorkSink) async { await runSessions(into: sink) }

    /// One stretch of mining against the node; ends by throwing what went wrong.
    func session(sink: WorkSink, gotWork: inout Bool) async throws {
        let script = try await payout.resolvedScript(using: rpc)
        var template = try await fetchTemplate(longPollID: nil)
        log("solo mining on \(rpc.url), paying \(payout)")
        while !Task.isCancelled {
            gotWork = true
            await post(template, sink: sink, script: script)
            template = try await nextTemplate(after: template)
        }
    }

    func fetchTemplate(longPollID: String?) async throws(NodeRPCError) -> BlockTemplate {
        var request = Self.templateRequest
        if let longPollID, case .object(var members) = request {
            members["longpollid"] = .string(longPollID)
            request = .object(members)
        }
        let reply = try await rpc.call("getblocktemplate", [request], timeout: longPollID == nil ? nil : longPollSeconds)
        return try BlockTemplate(json: reply)
    }

    private enum Wake: Sendable {
        case template(BlockTemplate)
        case refetch
    }

    /// Waits for the next piece of work: a long poll's template, or (a new tip, our own block, the
    /// refresh interval) a fresh fetch.
    private func nextTemplate(after template: BlockTemplate) async throws -> BlockTemplate {
        let wake = try await withThrowingTaskGroup(of: Wake.self) { group -> Wake in
            if let id = template.longPollID {
                group.addTask {
                    do {
                        return .template(try await self.fetchTemplate(longPollID: id))
                    } catch NodeRPCError.timedOut {
                        return .refetch
                    } catch {
                        // The poll below notices a lost node; a node without long poll is only polled.
                        try await Task.sleep(for: .seconds(86_400))
                        return .refetch
                    }
                }
            }
            group.addTask {
                try await self.watchTip(previous: template.previousHashHex)
                return .refetch
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { return .refetch }
            return first
        }
        switch wake {
        case .template(let next): return next
        case .refetch: return try await fetchTemplate(longPollID: nil)
        }
    }

    /// Returns when the node's tip is no longer `previous`, when a block of ours asks for new
    /// work, or after ``refreshSeconds``; throws when the node cannot be asked.
    private func watchTip(previous: String) async throws {
        try await waitForChange(seconds: refreshSeconds, every: 1) {
            let best = try await rpc.call("getbestblockhash", [])
            guard let hash = best.stringValue else { throw NodeRPCError.badReply("getbestblockhash is not a string") }
            return hash != previous
        }
    }

    private func post(_ template: BlockTemplate, sink: WorkSink, script: [UInt8]) async {
        var tag = [UInt8](repeating: 0, count: 4)
        for index in tag.indices { tag[index] = UInt8.random(in: 0...255) }
        let assembly = BlockAssembly(template: template, payoutScript: script, tag: tag)
        let algorithm = algorithm
        let isNewTip = await post(assembly, tip: template.previousHashHex, height: template.height,
                                  difficulty: template.target.difficulty, sink: sink) { id in
            MiningJob(id: id, algorithm: algorithm, target: template.target) { worker, roll in
                assembly.header(worker: worker, roll: roll)
            }
        }
        if isNewTip {
            log("new block template height \(template.height), \(template.transactions.count) transactions"
                + (template.mweb != nil ? ", MWEB" : "") + ", network difficulty \(Self.format(template.target.difficulty))")
        }
    }

    // MARK: - Blocks

    public func submit(_ share: FoundShare) async -> ShareOutcome? { await submitBlock(share).outcome }

    public func submitBlock(_ share: FoundShare) async -> (outcome: ShareOutcome?, block: SoloBlock?) {
        let assembly: BlockAssembly
        let tip: String
        switch claim(share) {
        case .current(let work, let current): (assembly, tip) = (work, current)
        case .settled(let outcome): return (outcome, nil)
        }
        let header = assembly.header(worker: share.worker, roll: share.roll, nonce: share.nonce)
        guard header == share.input, assembly.template.target.isMet(by: algorithm.referenceDigest(header)) else {
            return (failedVerification(share), nil)
        }
        let block = assembly.block(header: header, worker: share.worker, roll: share.roll)
        let height = assembly.template.height
        let hash = BlockAssembly.blockHash(header)
        let verdict = await deliver(block, hash: hash, height: height)
        let outcome = await settle(verdict, height: height, hash: hash, tip: tip)
        // coinbasevalue is in the coin's smallest unit: 10^8 of them to a coin in the Bitcoin family.
        let reward = Double(assembly.template.coinbaseValue) / 100_000_000
        return (outcome, SoloBlock(height: height, hash: hash, reward: reward, outcome: verdict))
    }

    /// Sends a block and asks the node whether it is on its chain.
    func deliver(_ block: [UInt8], hash: String, height: Int) async -> BlockOutcome {
        do {
            let reply = try await rpc.call("submitblock", [.string(HexCoding.string(block))])
            return try await verdict(reply, hash: hash, height: height)
        } catch {
            return Self.failedSubmission(error, call: "submitblock")
        }
    }

    /// What a submitblock reply means: `null` is taken (then confirmed by `getblockhash`),
    /// `duplicate` and `inconclusive` are not ours, any other string is the reject reason.
    private func verdict(_ reply: JSONValue, hash: String, height: Int) async throws(NodeRPCError) -> BlockOutcome {
        if let reason = reply.stringValue {
            let shown = OutsideText.escaped(reason, limit: 80)
            return reason.hasPrefix("duplicate") || reason == "inconclusive" ? .undecided(reason: shown) : .rejected(reason: shown)
        }
        guard reply.isNull else { return .rejected(reason: "submitblock replied " + OutsideText.escaped(reply.serialized, limit: 80)) }
        let onChain = try await rpc.call("getblockhash", [.number(Double(height))])
        guard onChain.stringValue == hash else {
            return .undecided(reason: "taken, but the node's block at height \(height) is "
                            + OutsideText.escaped(onChain.stringValue ?? onChain.serialized, limit: 80))
        }
        return .accepted
    }

    static func format(_ value: Double) -> String {
        value >= 0.01 && value < 1e6 ? "\((value * 1000).rounded() / 1000)" : "\(Double(String(format: "%.4g", value)) ?? value)"
    }
}
