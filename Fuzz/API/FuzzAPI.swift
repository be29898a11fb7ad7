import RigAPI
import RigEngine
import RigRuntime

/// libFuzzer entry: one request to each API that reads requests off the network: a `POST
/// /json_rpc` body, a cgminer command (plain or JSON), a cpuminer command; and the same bytes as
/// an `--api` address and as a token with its `Authorization` header.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPI(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    switch ControlRPC.decode(text, coins: state.coins) {
    case .success(let call): _ = ControlRPC.success(id: call.id).serialized
    case .failure(let failure): _ = failure.response.serialized
    }
    _ = CgminerAPI.isComplete(bytes)
    let cgminer = CgminerAPI.reply(to: bytes, state: state, now: now)
    precondition(cgminer.last == 0 && cgminer.dropLast().allSatisfy { $0 != 0 }, "a cgminer reply is one NUL-terminated text")
    _ = CpuminerAPI.reply(to: bytes, state: state, now: now)
    _ = try? APIEndpoint(parsing: text)
    if let token = AccessToken(text) {
        _ = token.authorizes(text)
        _ = token.authorizes("Bearer " + text)
    }
    return 0
}

/// A rig that has just started: the state every reply is built from.
let state = RigState()
let now = 1_700_000_000.0
