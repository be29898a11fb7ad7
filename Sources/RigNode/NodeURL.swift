import RigInput
/// Where a coin node's RPC listens, as a miner writes it after `--pool`.
///
/// - `http://USER:PASS@HOST:PORT`: a Bitcoin-family node's JSON-RPC (getblocktemplate), as
///   cpuminer takes it; the credentials may also come from `--user`/`--pass`.
/// - `daemon+http://HOST:PORT`: a Monero daemon's RPC, xmrig's `--daemon` convention.
///
/// `description` leaves the password out, so a URL can be logged and shown.
public struct NodeURL: Sendable, Hashable, CustomStringConvertible {
    /// Which RPC the node speaks.
    public enum Kind: String, Sendable {
        /// Bitcoin Core's JSON-RPC: getblocktemplate, submitblock (BTC, BCH, LTC, DOGE).
        case blockTemplate
        /// monerod's JSON-RPC: get_block_template, submit_block (XMR).
        case moneroDaemon
    }

    public var kind: Kind
    public var host: String
    public var port: Int
    public var user: String?
    public var password: String?

    public init(kind: Kind, host: String, port: Int, user: String? = nil, password: String? = nil) {
        self.kind = kind
        self.host = host
        self.port = port
        self.user = user
        self.password = password
    }

    /// Whether `text` names a node rather than a stratum pool (by its scheme).
    public static func isNodeURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("daemon+http://")
    }

    /// Parses `http://[USER:PASS@]HOST:PORT[/]` or `daemon+http://HOST:PORT[/]`; an IPv6 host goes
    /// in brackets. USER and PASS are percent-encoded (`%40` for `@`, `%3A` for `:`).
    public init(parsing text: String) throws(NodeURLError) {
        guard let schemeEnd = text.range(of: "://") else { throw .unsupported(text) }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        let kind: Kind
        switch scheme {
        case "http": kind = .blockTemplate
        case "daemon+http", "daemon": kind = .moneroDaemon
        default: throw .unsupported(scheme)
        }
        var rest = text[schemeEnd.upperBound...]
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...].allSatisfy({ $0 == "/" }) else { throw .path(String(rest[slash...])) }
            rest = rest[..<slash]
        }
        var user: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let login: (user: String, password: String?)
            do { login = try PercentEncoding.login(rest[..<at], url: "node") } catch { throw .badLogin(error) }
            rest = rest[rest.index(after: at)...]
            user = login.user
            password = login.password
        }
        let host: Substring
        let portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .missingHost }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            guard after.hasPrefix(":") else { throw .missingPort }
            portText = after.dropFirst()
        } else {
            guard let colon = rest.lastIndex(of: ":") else { throw .missingPort }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !host.isEmpty else { throw .missingHost }
        guard portText.utf8.count <= 5, let port = Int(portText), (1...65_535).contains(port) else {
            throw .badPort(String(portText.prefix(12)))
        }
        self.init(kind: kind, host: String(host), port: port, user: user, password: password)
    }

    public var description: String {
        let scheme = kind == .blockTemplate ? "http" : "daemon+http"
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(hostPart):\(port)"
    }
}

/// Why a node URL was refused.
public enum NodeURLError: Error, Equatable, CustomStringConvertible {
    case unsupported(String)
    case path(String)
    case missingHost
    case missingPort
    case badPort(String)
    case badLogin(PercentEncodingError)

    public var description: String {
        switch self {
        case .unsupported(let scheme):
            "node URL scheme \"\(scheme)\" is not supported; use http://USER:PASS@HOST:PORT or daemon+http://HOST:PORT"
        case .path(let path): "a node URL has no path (got \"\(path)\"); use http://USER:PASS@HOST:PORT"
        case .missingHost: "the node URL has no host"
        case .missingPort: "the node URL has no port (http://USER:PASS@HOST:PORT)"
        case .badPort(let port): "node port \"\(port)\" is not a number from 1 to 65535"
        case .badLogin(let error): "\(error); write @ as %40, : as %3A, % as %25"
        }
    }
}
