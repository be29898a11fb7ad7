/// Where a pool listens: `stratum+tcp://host:port`.
///
/// Only plain TCP is supported; `stratum+ssl://` and `stratum+tls://` are recognised so the error
/// can say so instead of calling them malformed.
public struct PoolURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `stratum+tcp://host:port` (an IPv6 host in brackets: `stratum+tcp://[::1]:3333`).
    public init(parsing text: String) throws(PoolURLError) {
        let trimmed = text.trimmingWhitespace()
        guard let schemeEnd = trimmed.range(of: "://") else { throw .missingScheme(trimmed) }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        switch scheme {
        case "stratum+tcp", "stratum": break
        case "stratum+ssl", "stratum+tls", "stratum+ssl2": throw .tlsNotSupported
        default: throw .unsupportedScheme(scheme)
        }
        var rest = trimmed[schemeEnd.upperBound...]
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        let host: Substring
        let portText: Substring
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .missingHost(trimmed) }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let afterHost = rest[rest.index(after: close)...]
            guard afterHost.hasPrefix(":") else { throw .missingPort(trimmed) }
            portText = afterHost.dropFirst()
        } else {
            guard let colon = rest.lastIndex(of: ":") else { throw .missingPort(trimmed) }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        }
        guard !host.isEmpty, !host.contains("@") else { throw .missingHost(trimmed) }
        guard let port = Int(portText), (1...65_535).contains(port) else { throw .badPort(String(portText)) }
        self.init(host: String(host), port: port)
    }

    public var description: String {
        host.contains(":") ? "stratum+tcp://[\(host)]:\(port)" : "stratum+tcp://\(host):\(port)"
    }
}

/// Why a pool URL was refused.
public enum PoolURLError: Error, Equatable, CustomStringConvertible {
    case missingScheme(String)
    case unsupportedScheme(String)
    case tlsNotSupported
    case missingHost(String)
    case missingPort(String)
    case badPort(String)

    public var description: String {
        switch self {
        case .missingScheme(let url): "pool URL \"\(url)\" has no scheme; use stratum+tcp://host:port"
        case .unsupportedScheme(let scheme): "unsupported pool scheme \"\(scheme)\"; use stratum+tcp://host:port"
        case .tlsNotSupported: "TLS not supported yet; use a stratum+tcp:// port of the pool"
        case .missingHost(let url): "pool URL \"\(url)\" has no host"
        case .missingPort(let url): "pool URL \"\(url)\" has no port (stratum+tcp://host:port)"
        case .badPort(let port): "pool port \"\(port)\" is not a number from 1 to 65535"
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text.removeFirst() }
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
