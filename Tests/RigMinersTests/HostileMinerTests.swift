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
        case truncated, missingNUL, huge1e300, negativeFans, nanStrings, wrongTypes, silent, oversized, closes
    }

    /// Long enough that an in-process peer answers within it however loaded the machine.
    static let deadline = 15.0

    /// What a dialect's peer answers for a fault; the HTTP dialects' bodies go out as an HTTP
    /// reply, cgminer's and cpuminer's with their NUL terminator (except where the fault is
    /// that it is missing).
    static func behaviour(_ kind: MinerEndpoint.Kind, _ fault: Fault, request: String) throws -> ScriptedPeer.Behaviour {
        let http = ![.cgminer, .cpuminer].contains(kind)
        switch fault {
        case .silent: return .silent
        case .closes: return .close
        case .oversized:
            return .endless(prefix: Array((http ? "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n[" : kind == .cpuminer ? "NAME=" : #"{"STATUS":[{"STATUS":"S"}],"SUMMARY":[{"Description":""#).utf8))
        default: break
        }
        let body = try Self.body(kind, fault, request: request)
        if http {
            // Only the documented paths are answered, so a reader asking for another finds nothing.
            let paths = kind == .xmrig ? ["/2/summary", "/2/backends"] : kind == .gminer ? ["/stat"] : ["/summary"]
            let line = request.prefix { $0 != "\r" }
            guard paths.contains(where: { line.hasPrefix("GET \($0) ") }) else { return ScriptedPeer.http(404, "") }
            return ScriptedPeer.http(200, body)
        }
        return .answer(Array(body.utf8) + ([.truncated, .missingNUL].contains(fault) ? [] : [0]))
    }

    /// The answer's text for a content fault, per dialect.
    static func body(_ kind: MinerEndpoint.Kind, _ fault: Fault, request: String) throws -> String {
        switch kind {
        case .cgminer:
            let summary = #"{"STATUS":[{"STATUS":"S","Code":11}],"SUMMARY":[{"MHS 5s":12.5,"MHS 1m":12,"Accepted":3,"Elapsed":60}],"id":1}"#
            return switch fault {
            case .truncated: String(summary.prefix(40))
            case .missingNUL: request.contains("summary") ? summary : #"{"STATUS":[{"STATUS":"S"}],"id":1}"#
            case .huge1e300: #"{"STATUS":[{"STATUS":"S"}],"SUMMARY":[{"MHS 5s":1e300,"MHS 1m":"1e308","Accepted":1e300,"Elapsed":-1,"Temperature":1e300}],"STATS":[{"chain_rate1":"1e300","chain_acn1":1e300,"fan1":1e300}],"id":1}"#
            case .negativeFans: #"{"STATUS":[{"STATUS":"S"}],"SUMMARY":[{"MHS 5s":1,"Fan Speed In":-4590,"Fan Speed Out":"-1"}],"STATS":[{"chain_rate1":"5","fan1":-6030,"fan2":4000}],"FANS":[{"RPM":-1}],"id":1}"#
            case .nanStrings: #"{"STATUS":[{"STATUS":"S"}],"SUMMARY":[{"MHS 5s":"NaN","MHS 1m":"inf","Accepted":"nan","Elapsed":"-inf","Temperature":"NaN","Fan Speed In":"0x10"}],"STATS":[{"chain_rate1":"Infinity","chain_acn1":"nan","fan1":"NaN"}],"id":1}"#
            default: #"{"STATUS":[{"STATUS":"S"}],"SUMMARY":[{"MHS 5s":[1],"MHS 1m":{"a":1},"Accepted":true,"Elapsed":null,"Temperature":[70]}],"STATS":{"chain_rate1":5},"DEVS":"x","id":1}"#
            }
        case .cpuminer:
            return switch fault {
            case .truncated: "NAME=cpuminer-opt;VER=23.1;HS"
            case .missingNUL: "NAME=cpuminer-opt;HS=100.5;ACC=1|"
            case .huge1e300: "NAME=c;HS=1e300;KHS=1e300;ACC=1e300;UPTIME=1e300;TEMP=1e300|"
            case .negativeFans: "NAME=c;HS=5;FAN=-100;TEMP=-300|"
            case .nanStrings: "NAME=c;HS=nan;KHS=inf;ACC=NaN;UPTIME=-inf;TEMP=Infinity|"
            default: "NAME=c;HS=[1];KHS=true;ACC=1.5.3;UPTIME={};TEMP=\"70\"|"
            }
        case .xmrig:
            let backends = request.contains("/2/backends")
            return switch fault {
            case .truncated: String(Captures.xmrigSummary.prefix(300))
            case .missingNUL: backends ? Captures.xmrigBackends : Captures.xmrigSummary
            case .huge1e300: backends ? #"[{"type":"cpu","threads":[{"hashrate":[1e300]}]}]"# : #"{"hashrate":{"total":[1e300,1e308,-1]},"uptime":1e300,"results":{"shares_good":1e300,"shares_total":-1}}"#
            case .negativeFans: backends ? #"[{"type":"opencl","threads":[{"index":0,"hashrate":[1,1,1],"health":{"fan_speed":[-2000],"temperature":-500,"power":-3}}]}]"# : #"{"hashrate":{"total":[1,1,1]}}"#
            case .nanStrings: backends ? #"[{"type":"cuda","threads":[{"hashrate":["nan","inf"],"health":{"temperature":"NaN","power":"inf","fan_speed":["-inf"]}}]}]"# : #"{"hashrate":{"total":["NaN","inf","-inf"]},"uptime":"nan","results":{"shares_good":"Infinity"}}"#
            default: backends ? #"{"type":"cpu","threads":5}"# : #"{"hashrate":{"total":{"a":1}},"uptime":[1],"results":"x","connection":5,"paused":"yes"}"#
            }
        case .lolminer:
            return switch fault {
            case .truncated: String(String(decoding: try Fixture.data("lolminer-1.92-summary.json"), as: UTF8.self).prefix(300))
            case .missingNUL: String(decoding: try Fixture.data("lolminer-1.92-summary.json"), as: UTF8.self)
            case .huge1e300: #"{"Software":"lolMiner 1.92","Session":{"Uptime":1e300},"Workers":[{"Index":1e300,"Power":1e300,"Core_Temp":1e300,"Juc_Temp":1e300,"Fan_Speed":1e300}],"Algorithms":[{"Performance_Factor":1e300,"Total_Performance":1e300,"Total_Accepted":1e300,"Worker_Performance":[1e300]}]}"#
            case .negativeFans: #"{"Software":"lolMiner 1.92","Workers":[{"Index":0,"Power":-86,"Core_Temp":-500,"Juc_Temp":"-1e9","Fan_Speed":-38}],"Algorithms":[{"Performance_Factor":1000000,"Total_Performance":5.6,"Worker_Performance":[-5.6]}]}"#
            case .nanStrings: #"{"Software":"lolMiner","Session":{"Uptime":"NaN"},"Workers":[{"Index":0,"Power":"inf","Core_Temp":"nan","Juc_Temp":"Infinity","Fan_Speed":"-inf"}],"Algorithms":[{"Performance_Factor":"1e6","Total_Performance":"NaN","Total_Accepted":"Infinity","Worker_Performance":["nan"]}]}"#
            default: #"{"Software":5,"Session":[],"Workers":{"Index":0},"Algorithms":[{"Performance_Factor":"x","Total_Performance":[5],"Total_Accepted":true,"Pool":7,"Worker_Performance":{"0":1}}]}"#
            }
        case .trex:
            return switch fault {
            case .truncated: String(String(decoding: try Fixture.data("trex-0.19.9-summary.json"), as: UTF8.self).prefix(300))
            case .missingNUL: String(decoding: try Fixture.data("trex-0.19.9-summary.json"), as: UTF8.self)
            case .huge1e300: #"{"hashrate":1e300,"hashrate_minute":1e308,"accepted_count":1e300,"uptime":1e300,"gpus":[{"gpu_id":1e300,"hashrate_minute":1e300,"temperature":1e300,"fan_speed":1e300,"power":1e300}],"active_pool":{"url":"p:1","ping":1e300}}"#
            case .negativeFans: #"{"hashrate_minute":1,"gpus":[{"gpu_id":0,"hashrate_minute":1,"temperature":-500,"fan_speed":-20,"power":-3}]}"#
            case .nanStrings: #"{"hashrate":"NaN","hashrate_minute":"inf","accepted_count":"nan","uptime":"-inf","gpus":[{"hashrate_minute":"NaN","temperature":"inf","power":"nan","fan_speed":"NaN"}]}"#
            default: #"{"hashrate":"fast","hashrate_minute":[1],"accepted_count":{"n":1},"uptime":true,"gpus":{"0":{}},"active_pool":"p","paused":5}"#
            }
        case .gminer:
            return switch fault {
            case .truncated: String(String(decoding: try Fixture.data("gminer-3.06-stat.json"), as: UTF8.self).prefix(300))
            case .missingNUL: String(decoding: try Fixture.data("gminer-3.06-stat.json"), as: UTF8.self)
            case .huge1e300: #"{"miner":"GMiner 3.06","uptime":1e300,"total_accepted_shares":1e300,"devices":[{"gpu_id":0,"speed":1e300,"temperature":1e300,"fan":1e300,"power_usage":1e300}]}"#
            case .negativeFans: #"{"devices":[{"gpu_id":0,"speed":1,"temperature":-500,"fan":-51,"power_usage":-143}]}"#
            case .nanStrings: #"{"uptime":"NaN","total_accepted_shares":"inf","devices":[{"speed":"NaN","temperature":"nan","power_usage":"inf","fan":"-inf"}]}"#
            default: #"{"miner":["GMiner"],"devices":{"gpu_id":0},"total_accepted_shares":"many","uptime":{},"speed_unit":5}"#
            }
        }
    }

    @Test(arguments: MinerEndpoint.Kind.allCases, Fault.allCases)
    func boundedAndClear(_ kind: MinerEndpoint.Kind, _ fault: Fault) async throws {
        let peer = try await ScriptedPeer(http: ![.cgminer, .cpuminer].contains(kind)) { request in
            (try? Self.behaviour(kind, fault, request: request)) ?? .close
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
        case (.huge1e300, .success(let snapshot)), (.nanStrings, .success(let snapshot)), (.wrongTypes, .success(let snapshot)):
            #expect(snapshot.hashrate.tenSeconds == nil && snapshot.hashrate.sixtySeconds == nil)
            #expect(snapshot.accepted == nil)
            #expect(snapshot.uptimeSeconds == nil)
            #expect(snapshot.hottestCelsius == nil)
            #expect(snapshot.devices.allSatisfy { $0.hashrate.current == nil && $0.chips == nil && $0.watts == nil && $0.fanPercent == nil })
            #expect(snapshot.fansRPM.isEmpty)
            #expect(snapshot.watts == nil)
        case (.negativeFans, .success(let snapshot)):
            #expect(snapshot.fansRPM.allSatisfy { $0 >= 0 })
            #expect(snapshot.devices.allSatisfy { ($0.fanRPM ?? 0) >= 0 && $0.watts == nil && $0.celsius == nil && $0.fanPercent == nil })
            #expect(snapshot.devices.allSatisfy { ($0.hashrate.current ?? 0) >= 0 })
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
