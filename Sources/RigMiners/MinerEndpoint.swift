import RigInput

/// A miner rigtop reads but does not run, as `rigtop farm --miner URL` names it: one of
/// ``urlForms``, e.g. `cgminer://host:4028` or `xmrig://[token@]host:port`.
///
/// The token never leaves this value except in the request header: ``display`` and ``id`` leave
/// it out, so a row, a warning, a metric label or `--once --json` cannot leak it.
public struct MinerEndpoint: Sendable, Equatable, Hashable {
    /// Which API the miner speaks.
    public enum Kind: String, Sendable, CaseIterable {
        /// cgminer's JSON API over TCP: cgminer, bfgminer, Antminer, Whatsminer, Braiins OS, TeamRedMiner.
        case cgminer
        /// xmrig's HTTP API (`/2/summary`, `/2/backends`).
        case xmrig
        /// cpuminer-opt's text API over TCP (`summary`, `threads`).
        case cpuminer
        /// lolMiner's HTTP API (`GET /summary` on `--apiport`).
        case lolminer
        /// T-Rex's HTTP API (`GET /summary`).
        case trex
        /// GMiner's HTTP API (`GET /stat` on `--api`).
        case gminer

        /// The port each miner listens on unless told otherwise: cgminer's, cpuminer-opt's and
        /// T-Rex's documented defaults; xmrig's HTTP API has none, 8080 is its examples'.
        /// lolMiner's and GMiner's APIs are off until given a port, so their URLs must name it.
        public var defaultPort: Int? {
            switch self {
            case .cgminer: 4028
            case .xmrig: 8080
            case .cpuminer: 4048
            case .trex: 4067
            case .lolminer, .gminer: nil
            }
        }
    }

    /// Every URL form `--miner` takes, for help texts and errors.
    public static let urlForms = "cgminer://host:4028, xmrig://[token@]host:port, cpuminer://host:4048, "
        + "lolminer://host:port, trex://host:4067, gminer://host:port"

    public var kind: Kind
    public var host: String
    public var port: Int
    /// xmrig's `--http-access-token`, sent as `Authorization: Bearer …`.
    public var token: String?
    /// The name the config gives the miner (`[[farm.miners]] name`); nil for a bare URL.
    public var name: String?

    public init(kind: Kind, host: String, port: Int, token: String? = nil, name: String? = nil) {
        self.kind = kind
        self.host = host
        self.port = port
        self.token = token
        self.name = name
    }

    /// The URL without the token: what rows, warnings and JSON show.
    public var display: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(kind.rawValue)://\(shownHost):\(port)"
    }

    /// Whether the miner runs on this machine (its API answers on a loopback address), so this
    /// machine's temperatures are its temperatures.
    public var isOnThisMachine: Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered.hasPrefix("127.")
    }

    /// What identifies the miner in a farm row and in the exporter's `miner` label: its name,
    /// else ``display``.
    public var id: String { name ?? display }

    /// Whether `text` can name a miner: 1 to 64 printable characters, so it stays one table
    /// cell and one label value.
    public static func isUsableName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && OutsideText.isClean(text) && !text.hasPrefix(" ") && !text.hasSuffix(" ")
    }

    /// Parses `scheme://[token@]host[:port]`; a path, query or fragment is refused rather than
    /// ignored, so a mistyped URL is not read as another miner.
    public static func parse(_ text: String) throws(MinerEndpointError) -> MinerEndpoint {
        func refuse(_ why: String) -> MinerEndpointError {
            MinerEndpointError(reason: "\(OutsideText.escaped(text, limit: 100)): \(why)")
        }
        guard let schemeEnd = text.range(of: "://") else {
            throw refuse("not a miner URL (\(urlForms))")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard let kind = Kind(rawValue: scheme) else {
            throw refuse("unknown scheme \"\(OutsideText.escaped(scheme, limit: 20))\" (\(Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        if rest.hasSuffix("/") { rest.removeLast() }
        guard !rest.contains(where: { "/?#".contains($0) }) else { throw refuse("a miner URL has no path, query or fragment") }
        var token: String?
        if let at = rest.lastIndex(of: "@") {
            token = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
            guard kind == .xmrig else { throw refuse("only xmrig:// takes a token") }
            guard let token, !token.isEmpty, OutsideText.isClean(token), !token.contains(" ") else {
                throw refuse("the token is empty or has spaces or control characters")
            }
        }
        var host: Substring
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw refuse("an IPv6 address needs its closing ]") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw refuse("expected :port after the address") }
                portText = after.dropFirst()
            }
        } else if let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
        } else {
            host = rest
        }
        guard !host.isEmpty, host.utf8.count <= 253, OutsideText.isClean(host), !host.contains(" ") else {
            throw refuse("no usable host")
        }
        let port: Int
        if let portText {
            do {
                port = try UntrustedNumber.whole(text: portText, "port", in: 1...65_535)
            } catch {
                throw refuse("the port must be a whole number from 1 to 65535")
            }
        } else if let defaultPort = kind.defaultPort {
            port = defaultPort
        } else {
            throw refuse("\(kind.rawValue):// needs its port: the miner's API has no default one")
        }
        return MinerEndpoint(kind: kind, host: String(host), port: port, token: token)
    }
}

/// A `--miner` URL that cannot be read.
public struct MinerEndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
