/// A reply that is not a rigtop state document of the schema this build reads.
public struct RigStateDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }

    public init(reason: String) {
        self.reason = reason
    }
}
