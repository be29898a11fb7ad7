import RigInput
/// Where a pool listens: `stratum+tcp://host:port`, or over TLS `stratum+ssl://host:port`.
///
/// A TLS pool's certificate is verified against the system's trust roots and the host name, or,
/// for a pool with a self-signed certificate, pinned by its SHA-256 fingerprint written after the
/// address: `stratum+ssl://host:port#fingerprint=AB:CD:…` (what xmrig's `--tls-fingerprint` does).
///
/// A login may be written in the URL, percent-encoded as RFC 3986 has it:
/// `stratum+tcp://us%40er.w1:p%3Ass@host:port` logs in as `us@er.w1` with password `p:ss`, in
/// place of the pool settings' user and password. `description` leaves it out.
public struct PoolURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    /// Whether the connection is TLS.
    public var tls: Bool
    /// The SHA-256 of the pool certificate's DER encoding, when pinned.
    public var tlsFingerprint: [UInt8]?
    /// The login written in the URL, decoded; nil: the pool settings' user.
    public var user: String?
    /// The password written in the URL, decoded; nil: the pool settings' password.
    public var password: String?

    public init(host: String, port: Int, tls: Bool = false, tlsFingerprint: [UInt8]? = nil,
                user: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
        self.tlsFingerprint = tlsFingerprint
        self.user = user
        self.password = password
    }

    /// Parses `stratum+tcp://host:port` (an IPv6 host in brackets: `stratum+tcp://[::1]:3333`),
    /// `stratum+ssl://` or `stratum+tls://` likewise, a TLS pool's `#fingerprint=HEX`, and a
    /// percent-encoded `USER[:PASSWORD]@` before the host.
    public init(parsing text: String) throws(PoolURLError) {
        let trimmed = text.trimmingWhitespace()
        guard let schemeEnd = trimmed.range(of: "://") else { throw .missingScheme(trimmed) }
        let scheme = trimmed[..<schemeEnd.lowerBound].lowercased()
        let tls: Bool
        switch scheme {
        case "stratum+tcp", "stratum": tls = false
        case "stratum+ssl", "stratum+tls", "stratum+ssl2": tls = true
        default: throw .unsupportedScheme(scheme)
        }
        var rest = trimmed[schemeEnd.upperBound...]
        var fingerprint: [UInt8]?
        if let hash = rest.firstIndex(of: "#") {
            let fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
            guard tls else { throw .fingerprintWithoutTLS }
            guard fragment.lowercased().hasPrefix("fingerprint=") else { throw .badFingerprint(String(fragment)) }
            let hex = fragment.dropFirst("fingerprint=".count).filter { $0 != ":" }
            guard hex.count == 64, let bytes = HexCoding.bytes(String(hex)) else {
                throw .badFingerprint(String(fragment.dropFirst("fingerprint=".count)))
            }
            fingerprint = bytes
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        var user: String?
        var password: String?
        if let at = rest.lastIndex(of: "@") {
            let login: (user: String, password: String?)
            do { login = try PercentEncoding.login(rest[..<at], url: "pool") } catch { throw .badLogin(error) }
            rest = rest[rest.index(after: at)...]
            user = login.user.isEmpty ? nil : login.user
            password = login.password
        }
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
        guard Self.isHostName(host, bracketed: rest.hasPrefix("[")) else { throw .badHost(String(host)) }
        guard let port = Int(portText), (1...65_535).contains(port) else { throw .badPort(String(portText)) }
        self.init(host: String(host), port: port, tls: tls, tlsFingerprint: fingerprint, user: user, password: password)
    }

    /// A host name (letters, digits, `.`, `-`, `_`; any script) or, in brackets, an IPv6
    /// address (hex digits, `:` and `.`): nothing that could not be printed and read back.
    static func isHostName(_ host: Substring, bracketed: Bool) -> Bool {
        if bracketed { return host.contains(":") && host.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } }
        return host.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-" || scalar == "_"
        }
    }

    /// The address as a user would write it (a pinned fingerprint is left out: it is long, and
    /// the log says when it is checked).
    public var description: String {
        let scheme = tls ? "stratum+ssl" : "stratum+tcp"
        return host.contains(":") ? "\(scheme)://[\(host)]:\(port)" : "\(scheme)://\(host):\(port)"
    }
}

/// Why a pool URL was refused.
public enum PoolURLError: Error, Equatable, CustomStringConvertible {
    case missingScheme(String)
    case unsupportedScheme(String)
    case fingerprintWithoutTLS
    case badFingerprint(String)
    case missingHost(String)
    case badHost(String)
    case missingPort(String)
    case badPort(String)
    case badLogin(PercentEncodingError)

    public var description: String {
        switch self {
        case .missingScheme(let url): "pool URL \"\(OutsideText.escaped(url))\" has no scheme; use stratum+tcp://host:port"
        case .unsupportedScheme(let scheme): "unsupported pool scheme \"\(OutsideText.escaped(scheme))\"; use stratum+tcp://host:port"
        case .fingerprintWithoutTLS: "a certificate fingerprint needs a TLS pool (stratum+ssl://host:port#fingerprint=…)"
        case .badFingerprint(let text): "\"\(OutsideText.escaped(text))\" is not a certificate fingerprint: use #fingerprint= and the 64 hex digits of its SHA-256"
        case .missingHost(let url): "pool URL \"\(OutsideText.escaped(url))\" has no host"
        case .badHost(let host): "pool host \"\(OutsideText.escaped(host))\" is not a host name or a bracketed IPv6 address"
        case .missingPort(let url): "pool URL \"\(OutsideText.escaped(url))\" has no port (stratum+tcp://host:port)"
        case .badPort(let port): "pool port \"\(OutsideText.escaped(port))\" is not a number from 1 to 65535"
        case .badLogin(let error): "\(error); write @ as %40, : as %3A, % as %25"
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
