#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an API server listens: `[HOST:]PORT`, host 127.0.0.1 unless given.
public struct APIEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `PORT`, `HOST:PORT` or `[IPv6]:PORT`; the port must be 0…65535 (0: any free port).
    public init(parsing text: String) throws(APIEndpointError) {
        var host = "127.0.0.1"
        var portText = Substring(text)
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw APIEndpointError(text: text, reason: "expected [IPv6]:PORT")
            }
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = text[text.index(close, offsetBy: 2)...]
            var address = in6_addr()
            guard inet_pton(AF_INET6, host, &address) == 1 else {
                throw APIEndpointError(text: text, reason: "not an address: '\(host)' is not an IPv6 address")
            }
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
            guard !host.contains(":") else {
                throw APIEndpointError(text: text, reason: "not an address: HOST:PORT has one colon; an IPv6 address goes in brackets, [::1]:PORT")
            }
            try Self.checkHost(host, in: text)
        }

        guard portText.count <= 5, portText.allSatisfy(\.isASCII), let port = Int(portText), (0...65_535).contains(port) else {
            throw APIEndpointError(text: text, reason: "the port must be a number from 0 to 65535")
        }
        self.host = host
        self.port = port
    }

    /// A dotted-decimal IPv4 address or a DNS host name (letters, digits and hyphens in labels).
    /// Text made only of digits and dots is taken for an address and must be one: `256.1.1.1` is a
    /// mistake, not a host name.
    private static func checkHost(_ host: String, in text: String) throws(APIEndpointError) {
        guard !host.isEmpty, host.utf8.count <= 253 else {
            throw APIEndpointError(text: text, reason: "not an address: the host is empty or too long")
        }
        if host.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            var address = in_addr()
            let octets = host.split(separator: ".", omittingEmptySubsequences: false)
            guard octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.count <= 3 }), inet_pton(AF_INET, host, &address) == 1 else {
                throw APIEndpointError(text: text, reason: "not an address: '\(host)' is not an IPv4 address (four numbers 0-255)")
            }
            return
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.allSatisfy({ label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        }) else {
            throw APIEndpointError(text: text, reason: "not an address: '\(host)' is not a host name")
        }
    }

    /// Whether only this machine can connect.
    /// A host name is never taken for loopback by its look (`127.example.com` can resolve
    /// anywhere): only `localhost`, `::1` and IPv4 addresses in 127.0.0.0/8.
    public var isLoopback: Bool {
        if host == "localhost" || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.first == "127" else { return false }
        return octets.allSatisfy { octet in
            !octet.isEmpty && octet.count <= 3 && octet.allSatisfy(\.isASCII) && UInt8(octet) != nil
        }
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// A `[HOST:]PORT` that cannot be used.
public struct APIEndpointError: Error, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "invalid API address '\(text)': \(reason)" }
}
