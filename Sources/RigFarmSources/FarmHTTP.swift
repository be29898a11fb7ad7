import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import RigInput

/// GET requests for the farm (Prometheus' API, rigs' state documents) through one AsyncHTTPClient
/// client: a deadline per request and a cap on the body, so a slow or endless peer costs a
/// refresh, not the process.
public struct FarmHTTP: Sendable {
    /// Replies are accepted gzipped (a 1,000-rig reply shrinks 20 times) and inflated up to
    /// 256 MiB: AsyncHTTPClient's default cap, ten times the compressed size, refuses Prometheus'
    /// repetitive JSON. Lives as long as the process, like `HTTPClient.shared`, so it is never
    /// shut down.
    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.decompression = .enabled(limit: .size(256 << 20))
        // A refused connection fails the request at once: the farm refreshes on its own schedule,
        // and retrying until the deadline only made `--once` on a dead address wait 10 s.
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Seconds one request may take, connect to last byte.
    public var timeoutSeconds: Int64
    /// The largest body read; a larger one is an error (a 1,000-rig range query is ~10 MB).
    public var maximumBytes: Int

    public init(timeoutSeconds: Int64 = 10, maximumBytes: Int = 64 << 20) {
        self.timeoutSeconds = timeoutSeconds
        self.maximumBytes = maximumBytes
    }

    /// A reply: its HTTP status and body.
    public struct Reply: Sendable {
        public var status: Int
        public var body: Data
    }

    /// Fetches `url`; a transport failure is thrown as a ``FarmHTTPError`` whose text is safe to
    /// show.
    public func get(_ url: String, headers: [(String, String)] = []) async throws(FarmHTTPError) -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        return try await execute(request, headers: headers)
    }

    /// Posts a JSON `body` to `url` (a miner's JSON-RPC control); failures as ``get(_:headers:)``.
    public func post(_ url: String, json body: String, headers: [(String, String)] = []) async throws(FarmHTTPError) -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        return try await execute(request, headers: headers)
    }

    private func execute(_ request: HTTPClientRequest, headers: [(String, String)]) async throws(FarmHTTPError) -> Reply {
        var request = request
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        do {
            let response = try await Self.client.execute(request, timeout: .seconds(timeoutSeconds))
            let buffer = try await response.body.collect(upTo: maximumBytes)
            return Reply(status: Int(response.status.code), body: Data(buffer.readableBytesView))
        } catch is NIOTooManyBytesError {
            throw FarmHTTPError(reason: "reply larger than \(maximumBytes >> 20) MiB")
        } catch {
            throw FarmHTTPError(reason: OutsideText.escaped(reason(error), limit: 200))
        }
    }

    /// A transport error in words a person reads: "connection refused", not the nested
    /// reflection of NIO's error values.
    func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "no reply within \(timeoutSeconds) s"
            case .remoteConnectionClosed: return "the peer closed the connection"
            default: return "\(error)"
            }
        }
        // Every address of the host failed: the first attempt's error is the useful part.
        if let error = error as? NIOConnectionError {
            if let attempt = error.connectionErrors.first { return reason(attempt.error) }
            return "cannot resolve \(error.host)"
        }
        return String(describing: error)
    }

    /// `text` percent-encoded for a query string: everything but RFC 3986's unreserved characters.
    public static func queryEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// A request that got no usable reply: refused, timed out, too large.
public struct FarmHTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
