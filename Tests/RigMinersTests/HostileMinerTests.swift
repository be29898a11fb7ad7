import Foundation
import RigEngine
import RigFarm
import Testing
@testable import RigMiners

/// Each dialect against peers that misbehave: every read ends with a clear error or a snapshot
/// without the bad fields.
///
/// Bounded time is checked by the suite's time limit, not by clocks inside a test: on a loaded
/// machine a test's task wakes late, and a measured second says nothing. Each read has a deadline
/// far under the limit, so a reader that ignored its deadline (or a silent peer's) would hang
/// past it and fail.
@Suite(.timeLimit(.minutes(2))) struct HostileMinerTests {
    enum Fault: String, CaseIterable, Sendable {
        case truncated, missingNUL, huge1e300, negativeFans, silent, oversized, closes
    }

    /// Long enough that an in-process peer answers within it however loaded the machine.
    static let deadline = 15.0

    /// cgminer's answer for a fault; nil where the fault is not a content one.
    static func cgminerBehaviour(_ fault: Fault, request: String) -> ScriptedPeer.Behaviour {
        let summary = #"{"STATUS":[{"STATUS":"S","Code":11}],"SUMMARY":[{"MHS 5s":12.5,"MHS 1m":12,"Accepted":3,"Elapsed":60}],"id":1}"#
        switch fault {
        case .truncated: return .answer(Array(summary.prefix(40).utf8))
        case .missingNUL: return .answer(Array((request.contains("summary") ? summary : #"{"STATUS":[{"STATUS":"S"}],"id":1}"#).utf8))
        case .huge1e300:
            return .answer(Array(#"{"STATUS":[{"STATUS":"S"}],"SUMMARY":[{"MHS 5s":1e300,"MHS 1m":"1e308","Accepted":1e300,"Elapsed":-1,"Temperature":1e300}],"STATS":[{"chain_rate1":"1e300","chain_acn1":1e300,"fan1":1e300}],"id":1}"#.utf8) + [0])
        case .negativeFans:
            return .answer(Array(#"{"STATUS":[{"STATUS":"S"}],"SUMMARY":[{"MHS 5s":1,"Fan Speed In":-4590,"Fan Speed Out":"-1"}],"STATS":[{"chain_rate1":"5","fan1":-6030,"fan2":4000}],"FANS":[{"RPM":-1}],"id":1}"#.utf8) + [0])
        case .silent: return .silent
        case .oversized: return .endless(prefix: Array(#"{"STATUS":[{"STATUS":"S"}],"SUMMARY":[{"Description":""#.utf8))
        case .closes: return .close
        }
    }

    static func cpuminerBehaviour(_ fault: Fault) -> ScriptedPeer.Behaviour {
        switch fault {
        case .truncated: return .answer(Array("NAME=cpuminer-opt;VER=23.1;HS".utf8))
        case .missingNUL: return .answer(Array("NAME=cpuminer-opt;HS=100.5;ACC=1|".utf8))
        case .huge1e300: return .answer(Array("NAME=c;HS=1e300;KHS=1e300;ACC=1e300;UPTIME=1e300;TEMP=1e300|".utf8) + [0])
        case .negativeFans: return .answer(Array("NAME=c;HS=5;FAN=-100;TEMP=-300|".utf8) + [0])
        case .silent: return .silent
        case .oversized: return .endless(prefix: Array("NAME=".utf8))
        case .closes: return .close
        }
    }

    static func xmrigBehaviour(_ fault: Fault, request: String) -> ScriptedPeer.Behaviour {
        let backends = request.contains("/2/backends")
        switch fault {
        case .truncated: return ScriptedPeer.http(200, String(Captures.xmrigSummary.prefix(300)))
        case .missingNUL: return ScriptedPeer.http(200, backends ? Captures.xmrigBackends : Captures.xmrigSummary)
        case .huge1e300: return ScriptedPeer.http(200, backends ? #"[{"type":"cpu","threads":[{"hashrate":[1e300]}]}]"# : #"{"hashrate":{"total":[1e300,1e308,-1]},"uptime":1e300,"results":{"shares_good":1e300,"shares_total":-1}}"#)
        case .negativeFans: return ScriptedPeer.http(200, backends ? #"[{"type":"opencl","threads":[{"index":0,"hashrate":[1,1,1],"health":{"fan_speed":[-2000],"temperature":-500,"power":-3}}]}]"# : #"{"hashrate":{"total":[1,1,1]}}"#)
        case .silent: return .silent
        case .oversized:
            return .endless(prefix: Array("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n[".utf8))
        case .closes: return .close
        }
    }

    @Test(arguments: MinerEndpoint.Kind.allCases, Fault.allCases)
    func boundedAndClear(_ kind: MinerEndpoint.Kind, _ fault: Fault) async throws {
        let peer = try await ScriptedPeer(http: kind == .xmrig) { request in
            switch kind {
            case .cgminer: Self.cgminerBehaviour(fault, request: request)
            case .cpuminer: Self.cpuminerBehaviour(fault)
            case .xmrig: Self.xmrigBehaviour(fault, request: request)
            }
        }
        defer { Task { await peer.stop() } }
        let reader = MinerEndpoint(kind: kind, host: "127.0.0.1", port: peer.port).reader(deadlineSeconds: Self.deadline, maximumBytes: 1 << 20)
        let result: Result<MinerSnapshot, MinerReadError>
        do {
            result = .success(try await reader.read())
        } catch {
            result = .failure(error)
        }
        switch (fault, result) {
        case (.missingNUL, .success(let snapshot)):
            #expect(snapshot.hashrate.current != nil)
        case (.huge1e300, .success(let snapshot)):
            #expect(snapshot.hashrate.tenSeconds == nil && snapshot.hashrate.sixtySeconds == nil)
            #expect(snapshot.accepted == nil)
            #expect(snapshot.uptimeSeconds == nil)
            #expect(snapshot.hottestCelsius == nil)
            #expect(snapshot.devices.allSatisfy { $0.hashrate.current == nil && $0.chips == nil })
            #expect(snapshot.fansRPM.isEmpty)
        case (.negativeFans, .success(let snapshot)):
            #expect(snapshot.fansRPM.allSatisfy { $0 >= 0 })
            #expect(snapshot.devices.allSatisfy { ($0.fanRPM ?? 0) >= 0 && $0.watts == nil && $0.celsius == nil })
            #expect(snapshot.hottestCelsius == nil)
        case (.truncated, .failure(let error)), (.closes, .failure(let error)):
            #expect(!error.reason.isEmpty)
        case (.silent, .failure(let error)):
            #expect(error.reason.contains("within") || error.reason.contains("timed") || error.reason.contains("deadline"), "\(error.reason)")
        case (.oversized, .failure(let error)):
            #expect(error.reason.contains("larger") || error.reason.contains("cut off"), "\(error.reason)")
        default:
            Issue.record("\(kind) \(fault): unexpected \(result)")
        }
    }

    /// A silent miner costs its own row its deadline and nothing more: the answering miner's
    /// row comes back with figures in the same refresh.
    @Test func aDeadMinerNeverDelaysTheOthers() async throws {
        let silent = try await ScriptedPeer { _ in .silent }
        let good = try await ScriptedPeer { request in
            request.contains("summary")
                ? .answer(Array(Captures.whatsminerM20SSummary.utf8) + [0])
                : .answer(Array(Captures.whatsminerUnknownCommand.utf8) + [0])
        }
        defer { Task { await silent.stop(); await good.stop() } }
        let readers = [silent.port, good.port].map {
            MinerEndpoint(kind: .cgminer, host: "127.0.0.1", port: $0).reader(deadlineSeconds: Self.deadline)
        }
        let source = MinerFarmSource(rigs: nil, miners: readers, now: { 1_000 })
        let snapshot = try await source.snapshot()
        #expect(snapshot.rigs.map(\.state) == [.down, .mining])
        #expect(snapshot.rigs[1].hashrate.sixtySeconds == 65463822.08e6)
        #expect(snapshot.warnings.count == 1)
        #expect(snapshot.warnings.first?.hasPrefix("cgminer://127.0.0.1:\(silent.port): summary: no answer within") == true)
        let json = snapshot.json.serialized
        #expect(json.contains("\"state\":\"mining\""))
    }

    /// The read's deadline is an hour: only failing at once ends it within the suite's limit.
    @Test func aRefusedConnectionIsQuick() async throws {
        let reader = MinerEndpoint(kind: .cgminer, host: "127.0.0.1", port: 1).reader(deadlineSeconds: 3600)
        await #expect(throws: MinerReadError.self) { try await reader.read() }
    }

    /// Opt-in: `RIGTOP_XMRIG_URL=xmrig://TOKEN@127.0.0.1:PORT` names a running xmrig whose API
    /// this reads (docs/miners.md has the command that starts one).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["RIGTOP_XMRIG_URL"] != nil))
    func liveXmrig() async throws {
        let endpoint = try MinerEndpoint.parse(ProcessInfo.processInfo.environment["RIGTOP_XMRIG_URL"] ?? "")
        let snapshot = try await endpoint.reader().read()
        #expect(snapshot.software == "xmrig")
        #expect(snapshot.hashrate.current ?? 0 > 0)
        #expect(!snapshot.devices.isEmpty)
    }
}
