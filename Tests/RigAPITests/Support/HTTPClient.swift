import Foundation
import RigEngine
import RigInput

/// One HTTP/1.1 response as it came off the wire.
struct HTTPReply: Sendable, CustomStringConvertible {
    var status: Int
    var reason: String
    /// Header fields in order, names as sent.
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first field named `name` (any case).
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> JSONValue { try JSONValue.parse(text) }

    var description: String { "HTTP \(status) \(reason) \(headers.map { "\($0.name): \($0.value)" }) \(text.prefix(400))" }

    /// Parses `bytes` when they hold a whole response (Content-Length or chunked body); nil while
    /// more is needed. With neither, the body runs to the end of the bytes (`atEOF` must be true).
    static func parse(_ bytes: [UInt8], atEOF: Bool = false) -> HTTPReply? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = bytes.firstRange(of: separator) else { return nil }
        let head = String(decoding: bytes[..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ", maxSplits: 2).map(String.init)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else { return nil }
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var reply = HTTPReply(status: status, reason: statusLine.count > 2 ? statusLine[2] : "", headers: headers, body: [])
        let rest = Array(bytes[headEnd.upperBound...])
        if let length = reply.header("Content-Length").flatMap(Int.init) {
            guard rest.count >= length else { return nil }
            reply.body = Array(rest.prefix(length))
            return reply
        }
        if reply.header("Transfer-Encoding")?.lowercased().contains("chunked") == true {
            var body: [UInt8] = []
            var index = 0
            while true {
                guard let lineEnd = rest[index...].firstRange(of: Array("\r\n".utf8)) else { return nil }
                let sizeText = String(decoding: rest[index..<lineEnd.lowerBound], as: UTF8.self)
                guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { return nil }
                let start = lineEnd.upperBound
                if size == 0 { reply.body = body; return reply }
                guard rest.count >= start + size + 2 else { return nil }
                body += rest[start..<(start + size)]
                index = start + size + 2
            }
        }
        guard atEOF else { return nil }
        reply.body = rest
        return reply
    }
}

/// What became of one request: a response, or the connection ended without one.
struct HTTPExchange: Sendable {
    var reply: HTTPReply?
    var end: Wire.End
    /// Bytes received, parsed or not.
    var received: Int
}

/// A minimal HTTP/1.1 client over ``Wire``: one request per connection (`Connection: close`).
enum HTTPClient {
    static func requestBytes(method: String, path: String, headers: [(String, String)], body: [UInt8]) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + body
    }

    /// Sends raw bytes on a new connection and reads the response.
    static func exchange(port: Int, raw: [UInt8], seconds: Double = 10) async throws -> HTTPExchange {
        try await offPool {
            let fd = try Wire.connect(port: port)
            defer { close(fd) }
            Wire.send(fd, raw)
            let (bytes, end) = Wire.receive(fd, seconds: seconds) { HTTPReply.parse($0) != nil }
            let reply = HTTPReply.parse(bytes, atEOF: end == .closed)
            return HTTPExchange(reply: reply, end: end, received: bytes.count)
        }
    }

    /// One request; throws unless a whole response came back.
    static func send(port: Int, _ method: String, _ path: String, headers: [(String, String)] = [],
                     body: String = "", seconds: Double = 10) async throws -> HTTPReply {
        let raw = requestBytes(method: method, path: path, headers: headers, body: Array(body.utf8))
        let exchange = try await exchange(port: port, raw: raw, seconds: seconds)
        guard let reply = exchange.reply else {
            throw Wire.Failure("\(method) \(path): no response (\(exchange.end), \(exchange.received) bytes)")
        }
        return reply
    }

    static func get(port: Int, _ path: String) async throws -> HTTPReply {
        try await send(port: port, "GET", path)
    }

    /// `POST /json_rpc` with `body` and, when given, `Authorization: <authorization>`.
    static func rpc(port: Int, _ body: String, authorization: String? = "Bearer secret") async throws -> HTTPReply {
        try await send(port: port, "POST", "/json_rpc",
                       headers: [("Content-Type", "application/json")] + (authorization.map { [("Authorization", $0)] } ?? []),
                       body: body)
    }
}
