import NIOCore
import NIOHTTPTypes

/// Closes an HTTP connection whose client is slow to send a request: the request line and headers
/// must arrive within `headDeadline` of the connection's start (or of the last response's end),
/// and the whole request within `deadline`. A client sending one byte a second must not hold a
/// connection for ever (an idle timer alone would not do: every byte resets it), and a client that
/// connects and says nothing is gone in seconds. It also keeps the ``ConnectionRoster`` told
/// whether the connection is waiting for a request or busy with one.
///
/// The clock stops while a complete request is being answered.
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let headDeadline: TimeAmount
    private let deadline: TimeAmount
    private let roster: ConnectionRoster?
    private var timer: Scheduled<Void>?
    private var waitingSince = NIODeadline.now()
    private var rosterID: Int?

    init(headDeadline: TimeAmount, deadline: TimeAmount, roster: ConnectionRoster? = nil) {
        self.headDeadline = min(headDeadline, deadline)
        self.deadline = deadline
        self.roster = roster
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        leave()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        leave()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            if let rosterID { roster?.busy(rosterID) }
            // The rest of the request has what is left of the whole deadline.
            arm(context, at: waitingSince + deadline)
        case .body: break
        case .end:
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { startWaiting(context) }
        context.write(data, promise: promise)
    }

    private func start(_ context: ChannelHandlerContext) {
        guard rosterID == nil, timer == nil else { return }
        if let roster {
            guard let id = roster.admit(context.channel) else { return }
            rosterID = id
        }
        startWaiting(context)
    }

    private func startWaiting(_ context: ChannelHandlerContext) {
        waitingSince = .now()
        if let rosterID { roster?.waiting(rosterID) }
        arm(context, at: waitingSince + headDeadline)
    }

    private func leave() {
        if let rosterID { roster?.remove(rosterID) }
        rosterID = nil
    }

    private func arm(_ context: ChannelHandlerContext, at time: NIODeadline) {
        timer?.cancel()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(deadline: time) {
            channel.close(promise: nil)
        }
    }
}
