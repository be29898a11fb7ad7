import NIOCore

/// Splits a Stratum byte stream into lines (`\n`, an optional `\r` before it dropped).
///
/// A line longer than ``maximumLineLength`` (64 KiB: a notify with a few thousand merkle branches
/// fits many times over) is a protocol error, so a server that floods without newlines costs at
/// most that much memory. Empty lines are skipped.
public struct StratumLineDecoder: ByteToMessageDecoder {
    public typealias InboundOut = String

    public static let maximumLineLength = 64 * 1024
    public let maximumLineLength: Int

    public init(maximumLineLength: Int = StratumLineDecoder.maximumLineLength) {
        self.maximumLineLength = maximumLineLength
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLineLength { throw StratumProtocolError.lineTooLong(buffer.readableBytes) }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex
        if length > maximumLineLength { throw StratumProtocolError.lineTooLong(length) }
        var line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1)! }
        if line.readableBytes > 0 {
            context.fireChannelRead(Self.wrapInboundOut(String(buffer: line)))
        }
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
