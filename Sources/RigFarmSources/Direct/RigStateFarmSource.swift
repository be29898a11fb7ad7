import Foundation
import RigFarm
import RigInput
import RigSchema
import Synchronization

/// The farm without Prometheus: each rig's `/api/v1/state` read directly, for a few rigs on a
/// LAN. History (the sparkline, the last share's age, how long a rig has been down) is only what
/// this source has seen since it started.
public final class RigStateFarmSource: FarmSource {
    /// The rigs' base URLs, e.g. `http://192.0.2.10:60080`.
    public let rigs: [String]
    /// Sent as `Authorization: Bearer …` when set (reading needs none; a proxy in front may).
    let token: String?
    let http: FarmHTTP
    let now: @Sendable () -> Double
    /// What each rig looked like, keyed by URL; touched by `snapshot()` only, one call at a time
    /// or not, the mutex keeps it whole.
    let memory = Mutex<[String: Memory]>([:])

    /// What a direct source remembers of one row between refreshes; other direct sources (the
    /// miners read through their own APIs) keep theirs the same way.
    public struct Memory: Sendable {
        var last: FarmRig?
        var downSince: Double?
        var history: [(time: Double, rate: Double?)] = []
        var accepted: (count: UInt64, time: Double)?

        public init() {}
    }

    /// A rig that does not answer in 3 s is down: AsyncHTTPClient retries a refused connection
    /// until the deadline, and one dead rig must not hold the others' refresh for long.
    public init(rigs: [String], token: String? = nil, http: FarmHTTP = FarmHTTP(timeoutSeconds: 3),
                now: @escaping @Sendable () -> Double) {
        self.rigs = rigs.map { url in
            var base = url
            while base.hasSuffix("/") { base.removeLast() }
            return base
        }
        self.token = token
        self.http = http
        self.now = now
    }

    public func snapshot() async throws -> FarmSnapshot {
        let results = await withTaskGroup(of: (Int, Result<RigStateDocument<SensorChips>, RigStateReadError>).self) { group in
            for (index, url) in rigs.enumerated() {
                group.addTask { (index, await self.read(url)) }
            }
            var results = [Result<RigStateDocument<SensorChips>, RigStateReadError>?](repeating: nil, count: rigs.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
        let at = now()
        var warnings: [String] = []
        let rows = memory.withLock { memory in
            zip(rigs, results).map { url, result in
                Self.row(url, read: result.map { $0.map { $0.rig(id: url, instance: OutsideText.escaped(url, limit: 100)) } },
                         at: at, in: &memory[url, default: Memory()], warnings: &warnings)
            }
        }
        return FarmSnapshot(time: at, source: "direct", rigs: rows, warnings: warnings)
    }

    /// One row after a read: the fresh row remembered, or, for a failed read (or one that never
    /// finished, nil), the row down since its first failure, with the reason added to `warnings`.
    /// Direct sources of other kinds (miners read through their own APIs) settle rows the same way.
    public static func row<Failure: Error & CustomStringConvertible>(
        _ id: String, read: Result<FarmRig, Failure>?, at: Double, in memory: inout Memory, warnings: inout [String]
    ) -> FarmRig {
        switch read {
        case .success(let fresh)?:
            return remembering(fresh, at: at, in: &memory)
        case .failure(let error)?:
            warnings.append("\(OutsideText.escaped(id, limit: 100)): \(error)")
            return down(id, at: at, in: &memory)
        case nil:
            return down(id, at: at, in: &memory)
        }
    }

    /// A rig that answered: its history extended, the last share's age from when its accepted
    /// count last grew.
    static func remembering(_ fresh: FarmRig, at: Double, in memory: inout Memory) -> FarmRig {
        var rig = fresh
        memory.downSince = nil
        memory.history.append((at, rig.hashrate.sixtySeconds))
        memory.history.removeAll { $0.time < at - PrometheusFarmSource.historySeconds }
        rig.history = memory.history.map(\.rate)
        if let accepted = rig.shares.accepted {
            if let previous = memory.accepted, previous.count == accepted {
                rig.lastShareAgeSeconds = accepted > 0 ? at - previous.time : nil
            } else {
                memory.accepted = (accepted, at)
                rig.lastShareAgeSeconds = memory.history.count > 1 && accepted > 0 ? 0 : nil
            }
        }
        memory.last = rig
        return rig
    }

    /// A rig that did not answer: down since its first failed read, with who it last was.
    static func down(_ url: String, at: Double, in memory: inout Memory) -> FarmRig {
        let since = memory.downSince ?? at
        memory.downSince = since
        let instance = OutsideText.escaped(url, limit: 100)
        var rig = FarmRig(id: url, instance: instance, worker: memory.last?.worker ?? instance, state: .down)
        rig.coin = memory.last?.coin
        rig.algorithm = memory.last?.algorithm
        rig.downForSeconds = at - since
        return rig
    }

    func read(_ url: String) async -> Result<RigStateDocument<SensorChips>, RigStateReadError> {
        let headers = token.map { [("Authorization", "Bearer \($0)")] } ?? []
        do {
            let reply = try await http.get("\(url)/api/v1/state", headers: headers)
            guard reply.status == 200 else { return .failure(RigStateReadError(reason: "HTTP \(reply.status)")) }
            return .success(try RigStateDocument(reading: reply.body))
        } catch let error as FarmHTTPError {
            return .failure(RigStateReadError(reason: error.reason))
        } catch let error as RigStateDocumentError {
            return .failure(RigStateReadError(reason: error.reason))
        } catch {
            return .failure(RigStateReadError(reason: OutsideText.escaped("\(error)")))
        }
    }

    public func detail(of rig: FarmRig) async throws -> FarmRigDetail {
        try await read(rig.id).get().detail
    }
}

/// Why one rig's state could not be read.
public struct RigStateReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
