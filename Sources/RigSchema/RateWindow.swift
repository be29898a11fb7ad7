/// The windows a hashrate is averaged over (xmrig's 10 s, 60 s and 15 min): the keys of a state
/// document's `hashrate` objects and the values of the metrics' `window` label.
public enum RateWindow: String, Sendable, CaseIterable, CodingKey {
    case tenSeconds = "10s"
    case sixtySeconds = "60s"
    case fifteenMinutes = "15m"
}
