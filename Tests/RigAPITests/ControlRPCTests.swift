import Foundation
import RigEngine
import RigInput
import RigRuntime
import Testing
@testable import RigAPI

/// `POST /json_rpc` bodies: the four commands, and a JSON-RPC error for everything else.
@Suite struct ControlRPCTests {
    static func decode(_ body: String) -> Result<ControlRPC.Call, ControlRPC.Failure> {
        ControlRPC.decode(body, coins: Coin.builtIn)
    }

    static func call(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) -> ControlRPC.Call? {
        switch decode(body) {
        case .success(let call): return call
        case .failure(let failure):
            Issue.record("\(body) failed: \(failure.code) \(failure.message)", sourceLocation: sourceLocation)
            return nil
        }
    }

    static func failure(_ body: String, sourceLocation: SourceLocation = #_sourceLocation) -> ControlRPC.Failure? {
        switch decode(body) {
        case .success(let call):
            Issue.record("\(body) decoded as \(call.command)", sourceLocation: sourceLocation)
            return nil
        case .failure(let failure): return failure
        }
    }

    @Test func pauseAndResume() {
        #expect(Self.call(#"{"jsonrpc":"2.0","id":1,"method":"pause"}"#) == ControlRPC.Call(id: 1, command: .pause))
        #expect(Self.call(#"{"jsonrpc":"2.0","id":"a","method":"resume"}"#) == ControlRPC.Call(id: "a", command: .resume))
        // No id (a notification) answers with id null.
        #expect(Self.call(#"{"method":"pause"}"#) == ControlRPC.Call(id: .null, command: .pause))
    }

    @Test func switchCoinByNameOrPositionAnyCase() throws {
        let ltc = try #require(Coin.named("LTC"))
        let doge = try #require(Coin.named("DOGE"))
        #expect(Self.call(#"{"id":2,"method":"switch_coin","params":{"coin":"LTC"}}"#)?.command == .switchCoin(ltc))
        #expect(Self.call(#"{"id":2,"method":"switch_coin","params":["ltc"]}"#)?.command == .switchCoin(ltc))
        #expect(Self.call(#"{"id":2,"method":"switch_coin","params":{"coin":"dOgE"}}"#)?.command == .switchCoin(doge))
    }

    @Test func setThreads() {
        #expect(Self.call(#"{"id":3,"method":"set_threads","params":{"threads":2}}"#)?.command == .setThreads(2))
        #expect(Self.call(#"{"id":3,"method":"set_threads","params":[4096]}"#)?.command == .setThreads(4096))
        #expect(Self.call(#"{"id":3,"method":"set_threads","params":{"threads":1.0}}"#)?.command == .setThreads(1))
        #expect(Self.call(#"{"id":3,"method":"set_threads","params":[1]}"#)?.command == .setThreads(1))
    }

    @Test(arguments: ["0", "4097", "1.5", "1e300", "-1", #""2""#, "null", "true", "[2]", "-0.5", "1e-300"])
    func badThreadCounts(_ threads: String) throws {
        let failure = try #require(Self.failure(#"{"id":7,"method":"set_threads","params":{"threads":\#(threads)}}"#))
        #expect(failure.code == -32602)
        #expect(failure.id == 7)
        #expect(failure.message.contains("1 to 4096"))
    }

    @Test func setThreadsWithoutParams() throws {
        #expect(Self.failure(#"{"id":7,"method":"set_threads"}"#)?.code == -32602)
        #expect(Self.failure(#"{"id":7,"method":"set_threads","params":[]}"#)?.code == -32602)
        #expect(Self.failure(#"{"id":7,"method":"switch_coin"}"#)?.code == -32602)
        #expect(Self.failure(#"{"id":7,"method":"switch_coin","params":{"coin":3}}"#)?.code == -32602)
    }

    @Test func notJSON() throws {
        for body in ["", "{", "pause", "{\"id\":1,", "\u{0}\u{1}"] {
            let failure = try #require(Self.failure(body))
            #expect(failure.code == -32700, "\(body.debugDescription)")
            #expect(failure.id == .null)
        }
    }

    @Test func notAnObject() throws {
        for body in ["[]", #"[{"method":"pause"}]"#, "1", #""pause""#, "null"] {
            let failure = try #require(Self.failure(body))
            #expect(failure.code == -32600, "\(body)")
            #expect(failure.id == .null)
        }
    }

    @Test func idMustBeAScalar() throws {
        for id in [#"{"a":1}"#, "[1]", "true"] {
            let failure = try #require(Self.failure(#"{"id":\#(id),"method":"pause"}"#))
            #expect(failure.code == -32600, "\(id)")
            #expect(failure.id == .null)
        }
    }

    @Test func methodMustBeAString() throws {
        for body in [#"{"id":1}"#, #"{"id":1,"method":5}"#, #"{"id":1,"method":null}"#] {
            let failure = try #require(Self.failure(body))
            #expect(failure.code == -32600, "\(body)")
            #expect(failure.id == 1)
        }
    }

    @Test func unknownMethod() throws {
        let failure = try #require(Self.failure(#"{"id":9,"method":"stop"}"#))
        #expect(failure.code == -32601)
        #expect(failure.id == 9)
        #expect(failure.message.contains("\"stop\""))
        // Method names are case-sensitive, as JSON-RPC's are.
        #expect(Self.failure(#"{"id":9,"method":"PAUSE"}"#)?.code == -32601)
        // A long name is cut in the message.
        let long = String(repeating: "x", count: 10_000)
        #expect((Self.failure(#"{"id":9,"method":"\#(long)"}"#)?.message.count ?? .max) < 200)
    }

    @Test func unknownCoinNamesTheKnownOnes() throws {
        let failure = try #require(Self.failure(#"{"id":4,"method":"switch_coin","params":{"coin":"ETH"}}"#))
        #expect(failure.code == -32602)
        #expect(failure.id == 4)
        #expect(failure.message == #"unknown coin "ETH"; known: BTC, BCH, LTC, DOGE, XMR"#)
    }

    /// Ids a client may send that do not fit an integer are echoed as they came, without a trap.
    @Test func hugeIdsAreEchoed() throws {
        let huge = try #require(Self.call(#"{"id":1e300,"method":"pause"}"#))
        #expect(huge.id == .number(1e300))
        #expect(ControlRPC.success(id: huge.id).serialized == #"{"id":1e+300,"jsonrpc":"2.0","result":{"status":"OK"}}"#)
        let big = try #require(Self.call(#"{"id":9223372036854775808,"method":"pause"}"#))
        #expect(big.id == .number(9_223_372_036_854_775_808))
        let text = ControlRPC.success(id: big.id).serialized
        #expect(try JSONValue.parse(text)["id"] == .number(9_223_372_036_854_775_808))
        let failure = try #require(Self.failure(#"{"id":-9223372036854775809,"method":"nope"}"#))
        #expect(try JSONValue.parse(failure.response.serialized)["id"]?.numberValue == -9.223372036854775808e18)
    }

    @Test("a number id is echoed exactly as it came, in success and in failure", arguments: [
        "123456789012345678901234567890", "1e300", "1E+300", "-0.5e-7", "9223372036854775808", "12345678901234567",
    ])
    func numberIdsEchoedExactly(_ raw: String) throws {
        let call = try #require(Self.call(#"{"method":"pause","params":{"id":7},"id": "# + raw + "}"))
        #expect(try JSONValue.parse(call.responseText) == ControlRPC.success(id: call.id))
        #expect(call.responseText.hasPrefix(#"{"id":"# + raw + ","), "\(call.responseText)")
        let failure = try #require(Self.failure(#"{"id":"# + raw + #","method":"nope"}"#))
        #expect(failure.responseText.hasPrefix(#"{"id":"# + raw + ","), "\(failure.responseText)")
        #expect(try JSONValue.parse(failure.responseText) == failure.response)
    }

    @Test func smallIdsAndStringIdsNeedNoRawText() throws {
        #expect(Self.call(#"{"id":42,"method":"pause"}"#)?.rawID == nil)
        #expect(Self.call(#"{"id":"1e300","method":"pause"}"#)?.rawID == nil)
        #expect(Self.call(#"{"params":{"id":1e300},"id":3,"method":"pause"}"#)?.responseText == #"{"id":3,"jsonrpc":"2.0","result":{"status":"OK"}}"#)
    }

    @Test func responses() throws {
        #expect(ControlRPC.success(id: 1).serialized == #"{"id":1,"jsonrpc":"2.0","result":{"status":"OK"}}"#)
        let failure = try #require(Self.failure(#"{"id":"x","method":"nope"}"#))
        #expect(failure.response == ["jsonrpc": "2.0", "id": "x", "error": ["code": -32601, "message": #"method not found: "nope""#]])
    }
}
