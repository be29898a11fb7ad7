import Foundation
import RigEngine
import RigFarm
import RigInput
import RigFarmSources

/// A miner's HTTP API read as JSON documents: xmrig, lolMiner, T-Rex and GMiner each answer
/// `GET` on a path with one JSON object or array.
///
/// Bounded as ``MinerReader`` requires: every request ends within the read's deadline
/// (AsyncHTTPClient's request deadline covers connect, a silent peer and a slow body), and a
/// body over the read's byte cap is refused while it arrives, whatever its `Content-Length` says.
struct MinerHTTP: Sendable {
    let endpoint: MinerEndpoint
    let limits: MinerReadLimits

    /// `http://host:port`, the host in brackets where it is an IPv6 address.
    var base: String {
        let host = endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host
        return "http://\(host):\(endpoint.port)"
    }

    /// `Authorization: Bearer` with the endpoint's token, where it has one.
    var headers: [(String, String)] {
        endpoint.token.map { [("Authorization", "Bearer \($0)")] } ?? []
    }

    /// The reply to `GET path`, or why there is none; never thrown, so that two requests made
    /// at once can each be judged on their own.
    func get(_ path: String) async -> Result<FarmHTTP.Reply, MinerReadError> {
        let http = FarmHTTP(timeoutSeconds: Int64(UntrustedNumber.clamped(limits.deadlineSeconds.rounded(.up), to: 1...600)),
                            maximumBytes: limits.maximumBytes)
        do throws(FarmHTTPError) {
            return .success(try await http.get(base + path, headers: headers))
        } catch {
            return .failure(MinerReadError(error.reason))
        }
    }

    /// `GET path` as JSON, or an error that names the path.
    func json(_ path: String) async throws(MinerReadError) -> JSONValue {
        do throws(MinerReadError) {
            return try decode(try await get(path).get())
        } catch {
            throw MinerReadError("\(path): \(error.reason)")
        }
    }

    /// A 200 reply's body as JSON; any other status, or a body that is not JSON, is an error.
    func decode(_ reply: FarmHTTP.Reply) throws(MinerReadError) -> JSONValue {
        switch reply.status {
        case 200: break
        case 401, 403:
            throw MinerReadError(endpoint.kind == .xmrig
                ? "HTTP \(reply.status): the API wants a token (xmrig://TOKEN@host:port)"
                : "HTTP \(reply.status): the API refuses to be read")
        default: throw MinerReadError("HTTP \(reply.status)")
        }
        return try Self.json(reply.body)
    }

    /// A body as JSON; not JSON (cut off, HTML, empty) is an error giving its size.
    static func json(_ body: Data) throws(MinerReadError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            throw MinerReadError("the answer is not JSON (\(body.count) bytes; cut off?)")
        }
    }
}

/// A miner whose HTTP API answers with one JSON document at one path (lolMiner's and T-Rex's
/// `/summary`, GMiner's `/stat`): reading it is one `GET` and one parse.
protocol MinerDocumentReader: MinerReader {
    var limits: MinerReadLimits { get }
    /// The path of the document, e.g. `/summary`.
    static var path: String { get }
    /// The snapshot in the document; an error where the document is not this miner's.
    static func snapshot(_ document: JSONValue) throws(MinerReadError) -> MinerSnapshot
}

extension MinerDocumentReader {
    func read() async throws(MinerReadError) -> MinerSnapshot {
        let document = try await MinerHTTP(endpoint: endpoint, limits: limits).json(Self.path)
        do throws(MinerReadError) {
            return try Self.snapshot(document)
        } catch {
            throw MinerReadError("\(Self.path): \(error.reason)")
        }
    }
}
