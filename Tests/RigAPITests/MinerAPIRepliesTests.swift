import Foundation
import RigEngine
import RigFigures
import RigInput
import RigRuntime
import Testing
@testable import RigAPI

/// cgminer's and cpuminer's replies for a hand-made state, byte for byte (no server).
@Suite struct MinerAPIRepliesTests {
    static let version = RigtopVersion.string

    static func cgminer(_ request: String, state: RigState = SampleState.state()) -> String {
        String(decoding: CgminerAPI.reply(to: Array(request.utf8), state: state, now: SampleState.now), as: UTF8.self)
    }

    static func cpuminer(_ request: String, state: RigState = SampleState.state()) -> String {
        String(decoding: CpuminerAPI.reply(to: Array(request.utf8), state: state, now: SampleState.now), as: UTF8.self)
    }

    /// A NUL-terminated JSON reply, parsed.
    static func json(_ reply: String) throws -> JSONValue {
        #expect(reply.hasSuffix("\0"))
        #expect(reply.filter { $0 == "\0" }.count == 1)
        return try JSONValue.parse(String(reply.dropLast()))
    }

    @Test func cgminerPlainSummary() {
        #expect(Self.cgminer("summary") == "STATUS=S,When=1700000000,Code=11,Msg=Summary,Description=rigtop \(Self.version)|"
            + "SUMMARY,Elapsed=120,MHS av=1.491,MHS 5s=2,MHS 1m=1.5,MHS 15m=0,Found Blocks=0,Accepted=7,Rejected=2,"
            + "Hardware Errors=0,Utility=3.48,Stale=1,Total MH=180,Difficulty Accepted=3.5,Temperature=0|\0")
        // A parameter after `|`, a trailing newline and a trailing NUL change nothing.
        #expect(Self.cgminer("summary|0\n") == Self.cgminer("summary"))
        #expect(Self.cgminer(" summary\0") == Self.cgminer("summary"))
    }

    @Test func cgminerPlainDevsAndPools() {
        #expect(Self.cgminer("devs") == "STATUS=S,When=1700000000,Code=9,Msg=2 CPU(s),Description=rigtop \(Self.version)|"
            + "DEVS,CPU=0,Enabled=Y,Status=Alive,Temperature=0,MHS av=0.829,MHS 5s=1,MHS 1m=0.8,Shares Found=4,Total MH=100|"
            + "DEVS,CPU=1,Enabled=Y,Status=Idle,Temperature=0,MHS av=0.663,MHS 5s=1,MHS 1m=0.7,Shares Found=3,Total MH=80|\0")
        #expect(Self.cgminer("pools") == "STATUS=S,When=1700000000,Code=7,Msg=1 Pool(s),Description=rigtop \(Self.version)|"
            + "POOLS,POOL=0,URL=stratum+tcp://pool.example:3333,Status=Alive,Priority=0,Accepted=7,Rejected=2,Stale=1,"
            + "Diff=0.25,Stratum Active=true,Stratum URL=stratum+tcp://pool.example:3333,Pool Rejected%=22.22|\0")
        #expect(Self.cgminer("version") == "STATUS=S,When=1700000000,Code=22,Msg=rigtop versions,Description=rigtop \(Self.version)|"
            + "VERSION,rigtop=\(Self.version),API=3.7|\0")
    }

    @Test func cgminerJoinedPlainCommands() {
        #expect(Self.cgminer("summary+pools") == String(Self.cgminer("summary").dropLast()) + Self.cgminer("pools"))
    }

    @Test func cgminerUnknownCommand() {
        #expect(Self.cgminer("bogus") == "STATUS=E,When=1700000000,Code=14,Msg=Invalid command,Description=rigtop \(Self.version)|\0")
        #expect(Self.cgminer("") == Self.cgminer("bogus"))
    }

    @Test func cgminerJSON() throws {
        let summary = try Self.json(Self.cgminer(#"{"command":"summary"}"#))
        #expect(summary["id"] == 1)
        #expect(summary["STATUS"] == [["STATUS": "S", "When": 1_700_000_000, "Code": 11, "Msg": "Summary",
                                       "Description": .string("rigtop \(Self.version)")]])
        let record = try #require(summary["SUMMARY"]?.arrayValue?.first)
        #expect(record["MHS av"] == 1.491)
        #expect(record["Accepted"] == 7)
        #expect(record["Elapsed"] == 120)

        let joined = try Self.json(Self.cgminer(#"{"command":"summary+devs"}"#))
        let keys = try #require(joined.objectValue?.keys)
        #expect(Set(keys) == ["summary", "devs"])
        #expect(joined["summary"] == [summary])
        #expect(joined["devs"]?.arrayValue?.first?["DEVS"]?.arrayValue?.count == 2)
        #expect(joined["devs"]?.arrayValue?.first?["DEVS"]?.arrayValue?.last?["Status"] == "Idle")

        let pools = try Self.json(Self.cgminer(#"{"command":"pools","parameter":""}"#))
        #expect(pools["POOLS"]?.arrayValue?.first?["URL"] == .string(SampleState.poolURL))
        #expect(pools["POOLS"]?.arrayValue?.first?["Stratum Active"] == true)
    }

    @Test func cgminerJSONErrors() throws {
        for request in [#"{"command":"bogus"}"#, #"{"command":""}"#] {
            let reply = try Self.json(Self.cgminer(request))
            #expect(reply["STATUS"]?.arrayValue?.first?["STATUS"] == "E", "\(request)")
            #expect(reply["STATUS"]?.arrayValue?.first?["Code"] == 14)
            #expect(reply["STATUS"]?.arrayValue?.first?["Msg"] == "Invalid command")
        }
        for request in ["{", #"{"command":5}"#, #"{"cmd":"summary"}"#] {
            let reply = try Self.json(Self.cgminer(request))
            #expect(reply["STATUS"]?.arrayValue?.first?["Msg"] == "Invalid JSON request", "\(request)")
            #expect(reply["STATUS"]?.arrayValue?.first?["Code"] == 14)
        }
    }

    /// Separators in a value are escaped, control characters dropped: a pool URL cannot forge
    /// fields or records.
    @Test func cgminerEscapesValues() {
        var state = SampleState.state()
        state.engine.pool?.url = "a,b|c=d\\e\nf\u{1B}g"
        let reply = Self.cgminer("pools", state: state)
        #expect(reply.contains(#"URL=a\,b\|c\=d\\efg,Status"#))
        // Two records (STATUS, POOLS); the URL's own `|` (in URL and Stratum URL) is escaped.
        #expect(reply.replacingOccurrences(of: #"\|"#, with: "").filter { $0 == "|" }.count == 2)
    }

    @Test func cgminerWithoutAPool() {
        var state = SampleState.state()
        state.engine.pool = nil
        #expect(Self.cgminer("pools", state: state)
            == "STATUS=S,When=1700000000,Code=7,Msg=0 Pool(s),Description=rigtop \(Self.version)|\0")
    }

    @Test func cgminerCompleteness() {
        #expect(CgminerAPI.isComplete(Array("summary".utf8)))
        #expect(CgminerAPI.isComplete(Array(#"{"command":"summary"}"#.utf8)))
        #expect(!CgminerAPI.isComplete(Array(#"{"command":"sum"#.utf8)))
        #expect(!CgminerAPI.isComplete(Array("  {".utf8)))
        #expect(!CgminerAPI.isComplete(Array(#"{"command":"su}mmary""#.utf8)), "a brace inside a string ends nothing")
    }

    /// JSON that closes its braces but is not valid JSON (a raw ESC or other control byte in a
    /// string, as a hostile rig manager sends) is whole: it gets cgminer's error and the
    /// connection ends, instead of waiting for bytes that never come.
    @Test("invalid but closed JSON (a raw ESC, addpool with one) is whole and gets cgminer's error", arguments: [
        "{\"command\":\"su\u{1B}mmary\"}",
        "{\"command\":\"addpool\",\"parameter\":\"stratum+tcp://a\u{1B}:1,u,p\"}",
        "{\"command\":\"summary\"\u{7}}",
    ])
    func cgminerInvalidJSONIsAnsweredAtOnce(_ request: String) {
        #expect(CgminerAPI.isComplete(Array(request.utf8)))
        let reply = Self.cgminer(request)
        #expect(reply.hasSuffix("\0"))
        #expect(reply.contains(#""STATUS":"E""#), "\(reply)")
    }

    @Test func cpuminerSummary() {
        #expect(Self.cpuminer("summary") == "NAME=rigtop;VER=\(Self.version);API=1.0;ALGO=sha256d;CPUS=2;"
            + "URL=stratum+tcp://pool.example:3333;HS=1500000.00;KHS=1500.00;ACC=7;REJ=2;SOL=0;ACCMN=3.480;"
            + "DIFF=0.500000;TEMP=0.0;FAN=0;FREQ=0;UPTIME=121;TS=1700000000|")
        #expect(Self.cpuminer("SUMMARY\r\n") == Self.cpuminer("summary"))
        #expect(Self.cpuminer("summary|") == Self.cpuminer("summary"))
        #expect(Self.cpuminer("summary\0") == Self.cpuminer("summary"))
        #expect(Self.cpuminer("summary extra") == Self.cpuminer("summary"))
    }

    /// `echo summary | nc HOST 4048` ends the word with a bare LF (or CR); it is the same request.
    @Test func cpuminerRequestsEndingInALineFeed() {
        #expect(Self.cpuminer("summary\n") == Self.cpuminer("summary"))
        #expect(Self.cpuminer("threads\n") == Self.cpuminer("threads"))
        #expect(Self.cpuminer("threads\r") == Self.cpuminer("threads"))
    }

    @Test func cpuminerThreadsAndUnknown() {
        #expect(Self.cpuminer("threads") == "CPU=0;H/s=800000.00;KHS=800.00|CPU=1;H/s=700000.00;KHS=700.00|")
        #expect(Self.cpuminer("bogus") == "ERROR=unknown command;COMMANDS=summary,threads|")
        #expect(Self.cpuminer("") == "ERROR=unknown command;COMMANDS=summary,threads|")
    }

    @Test func cpuminerCleansValues() {
        var state = SampleState.state()
        state.engine.pool?.url = "evil;ACC=999|x\ny"
        state.engine.hashrate = WindowedRate(tenSeconds: .nan, sixtySeconds: .infinity)
        let reply = Self.cpuminer("summary", state: state)
        #expect(reply.contains(";URL=evilACC999xy;HS=0;KHS=0;ACC=7;"))
        #expect(reply.filter { $0 == "|" }.count == 1)
        #expect(reply.hasSuffix("|"))
    }

    /// A solo rig's blocks are what cgminer calls `Found Blocks` and cpuminer `SOL`.
    @Test(arguments: [1, 3] as [UInt64])
    func foundBlocksAreReported(found: UInt64) throws {
        var state = SampleState.state()
        for _ in 0..<found { state.engine.blocks.record(.accepted) }
        #expect(Self.cgminer("summary").contains(",Found Blocks=0,"))
        #expect(Self.cgminer("summary", state: state).contains(",Found Blocks=\(found),"))
        let record = try #require(Self.json(Self.cgminer(#"{"command":"summary"}"#, state: state))["SUMMARY"]?.arrayValue?.first)
        #expect(record["Found Blocks"] == .number(Double(found)))
        #expect(Self.cpuminer("summary", state: state).contains(";SOL=\(found);"))
    }
}
