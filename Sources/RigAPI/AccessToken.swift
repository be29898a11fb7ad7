import Foundation

/// The secret that unlocks the control API (`POST /json_rpc`), as xmrig's `access-token`.
public struct AccessToken: Sendable {
    private let bytes: [UInt8]

    /// nil for an empty token: an empty secret would unlock with an empty header.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        bytes = Array(trimmed.utf8)
    }

    /// Whether an `Authorization` header value (`Bearer TOKEN`) carries this token. The comparison
    /// takes the same time wherever the first difference is, so timing does not leak the token.
    public func authorizes(_ header: String?) -> Bool {
        guard let header, header.hasPrefix("Bearer ") else { return false }
        let offered = Array(header.utf8.dropFirst("Bearer ".utf8.count))
        var difference = offered.count == bytes.count ? 0 : 1
        for index in 0..<bytes.count {
            let byte = index < offered.count ? offered[index] : 0
            difference |= Int(byte ^ bytes[index])
        }
        return difference == 0
    }
}
