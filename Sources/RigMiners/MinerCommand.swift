import Foundation
import RigEngine
import RigFarm
import RigInput
import RigFarmSources

/// What rigtop may ask of a miner it does not run, through the miner's own API.
public enum MinerCommand: String, Sendable, CaseIterable {
    /// Stop hashing, staying connected (xmrig's JSON-RPC `pause`).
    case pause
    /// Hash again after a pause (xmrig's JSON-RPC `resume`).
    case resume
}

extension MinerEndpoint {
    /// Why this miner's API cannot carry out `command`, as a sentence for a status line; nil when
    /// it can. Only xmrig's API has a miner-wide pause: cgminer's stops one device at a time
    /// (`gpudisable`, `ascdisable`) and cpuminer-opt's has only `quit` and `seturl`.
    public func refusal(of command: MinerCommand) -> String? {
        switch kind {
        case .xmrig: nil
        case .cgminer: "cgminer's API has no pause for the whole miner"
        case .cpuminer: "cpuminer-opt's API has no pause"
        case .lolminer: "lolMiner's API is read-only"
        case .trex: "rigtop does not send T-Rex's pause yet"
        case .gminer: "GMiner's API is read-only"
        }
    }

    /// Sends `command` through the miner's API and returns once it answered that it did it.
    ///
    /// xmrig: `POST /json_rpc` with `{"method":"pause"}` (or `resume`) and the bearer token; xmrig
    /// answers 401 or 403 without the right token, and 403 while its API is restricted (its
    /// default: `--http-no-restricted` lifts it). The error's reason is safe to show and has no token.
    public func send(_ command: MinerCommand, deadlineSeconds: Double = 5) async throws(MinerReadError) {
        if let refusal = refusal(of: command) { throw MinerReadError(refusal) }
        let http = FarmHTTP(timeoutSeconds: Int64(UntrustedNumber.clamped(deadlineSeconds.rounded(.up), to: 1...600)),
                            maximumBytes: 64 << 10)
        let body = #"{"jsonrpc":"2.0","id":1,"method":"\#(command.rawValue)"}"#
        let reply: FarmHTTP.Reply
        do throws(FarmHTTPError) {
            let api = MinerHTTP(endpoint: self, limits: MinerReadLimits(deadlineSeconds: deadlineSeconds, maximumBytes: 64 << 10))
            reply = try await http.post(api.base + "/json_rpc", json: body, headers: api.headers)
        } catch {
            throw MinerReadError(error.reason)
        }
        switch reply.status {
        case 200: break
        case 401: throw MinerReadError("xmrig refused (HTTP 401): it wants its --http-access-token as xmrig://TOKEN@host:port")
        case 403: throw MinerReadError("xmrig refused (HTTP 403): a wrong token, or its API is read-only (xmrig --http-no-restricted)")
        default: throw MinerReadError("HTTP \(reply.status)")
        }
        guard let answer = try? JSONValue.parse(String(decoding: reply.body, as: UTF8.self)), answer.objectValue != nil else {
            throw MinerReadError("the answer is not JSON (\(reply.body.count) bytes)")
        }
        if let error = answer["error"], !error.isNull {
            throw MinerReadError("xmrig answered " + (MinerField.text(error["message"], limit: 80) ?? "an error"))
        }
    }
}
