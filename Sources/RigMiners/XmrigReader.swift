import Foundation
import RigEngine
import RigFarm
import RigInput

/// xmrig through its HTTP API (xmrig's docs/API.md): `GET /2/summary` for the totals and
/// `GET /2/backends` for the per-thread (CPU) and per-GPU (OpenCL, CUDA) figures, with
/// `Authorization: Bearer` when the endpoint has a token (`--http-access-token`).
///
/// xmrig's windows are rigtop's: `hashrate.total` is [10 s, 60 s, 15 min], each null until
/// filled.
struct XmrigReader: MinerReader {
    let endpoint: MinerEndpoint
    let limits: MinerReadLimits

    func read() async throws(MinerReadError) -> MinerSnapshot {
        let http = FarmHTTP(timeoutSeconds: Int64(UntrustedNumber.clamped(limits.deadlineSeconds.rounded(.up), to: 1...600)),
                            maximumBytes: limits.maximumBytes)
        let (base, headers) = (Self.base(endpoint), Self.headers(endpoint))
        async let summaryReply = Self.get(http, "\(base)/2/summary", headers: headers)
        async let backendsReply = Self.get(http, "\(base)/2/backends", headers: headers)
        let summary: JSONValue
        do throws(MinerReadError) {
            summary = try Self.json(try await summaryReply.get())
        } catch {
            throw MinerReadError("/2/summary: \(error.reason)")
        }
        return Self.snapshot(summary: summary, backends: try? Self.json(try await backendsReply.get()))
    }

    /// `http://host:port`, an IPv6 host in brackets.
    static func base(_ endpoint: MinerEndpoint) -> String {
        let host = endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host
        return "http://\(host):\(endpoint.port)"
    }

    /// The bearer token's header where the endpoint has a token.
    static func headers(_ endpoint: MinerEndpoint) -> [(String, String)] {
        endpoint.token.map { [("Authorization", "Bearer \($0)")] } ?? []
    }

    static func get(_ http: FarmHTTP, _ url: String, headers: [(String, String)]) async -> Result<FarmHTTP.Reply, MinerReadError> {
        do throws(FarmHTTPError) {
            return .success(try await http.get(url, headers: headers))
        } catch {
            return .failure(MinerReadError(error.reason))
        }
    }

    static func json(_ reply: FarmHTTP.Reply) throws(MinerReadError) -> JSONValue {
        switch reply.status {
        case 200: break
        case 401, 403: throw MinerReadError("HTTP \(reply.status): the API wants a token (xmrig://TOKEN@host:port)")
        default: throw MinerReadError("HTTP \(reply.status)")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: reply.body)
        } catch {
            throw MinerReadError("the answer is not JSON (\(reply.body.count) bytes; cut off?)")
        }
    }

    /// xmrig's `[10 s, 60 s, 15 min]` array, H/s; null or out-of-range entries left blank.
    static func rates(_ value: JSONValue?) -> WindowedRate {
        let values = value?.arrayValue ?? []
        func at(_ index: Int) -> Double? { index < values.count ? MinerField.rate(values[index], unit: 1) : nil }
        return WindowedRate(tenSeconds: at(0), sixtySeconds: at(1), fifteenMinutes: at(2))
    }

    static func snapshot(summary: JSONValue, backends: JSONValue?) -> MinerSnapshot {
        var snapshot = MinerSnapshot()
        snapshot.software = "xmrig"
        snapshot.version = MinerField.text(summary["version"], limit: 32)
        snapshot.algorithm = MinerField.text(summary["algo"], limit: 32)
        snapshot.worker = MinerField.text(summary["worker_id"], limit: 64)
        snapshot.hashrate = rates(summary["hashrate"]?["total"])
        snapshot.uptimeSeconds = MinerField.seconds(summary["uptime"])
        snapshot.paused = summary["paused"]?.boolValue
        let results = summary["results"]
        let connection = summary["connection"]
        let good = MinerField.count(results?["shares_good"])
        snapshot.accepted = good ?? MinerField.count(connection?["accepted"])
        snapshot.rejected = MinerField.count(connection?["rejected"])
        if snapshot.rejected == nil, let good, let total = MinerField.count(results?["shares_total"]), total >= good {
            snapshot.rejected = total - good
        }
        if let url = MinerField.text(connection?["pool"], limit: 120) {
            // `connection.uptime` counts from the login and is 0 while disconnected; `ip` is the
            // pool's address while connected (null in `--bench`, whose pseudo-pool has no address).
            let connected = MinerField.seconds(connection?["uptime"]).map { $0 > 0 } ?? MinerField.text(connection?["ip"]).map { _ in true }
            snapshot.pools = [MinerSnapshot.Pool(url: url, up: connected, active: connected,
                                                 pingSeconds: MinerField.number(connection?["ping"], in: 0...3_600_000).map { $0 / 1000 })]
        }
        for backend in backends?.arrayValue ?? [] where backend["enabled"]?.boolValue != false {
            let type = MinerField.text(backend["type"], limit: 16) ?? "backend"
            for (position, thread) in (backend["threads"]?.arrayValue ?? []).enumerated() {
                let index = MinerField.whole(thread["index"], in: 0...100_000) ?? position
                var device = MinerSnapshot.Device(index: snapshot.devices.count, name: type == "cpu" ? "cpu \(index)" : "\(type) \(index)")
                device.hashrate = rates(thread["hashrate"])
                let health = thread["health"]
                device.celsius = MinerField.celsius(health?["temperature"])
                device.watts = MinerField.watts(health?["power"])
                device.fanRPM = health?["fan_speed"]?.arrayValue.flatMap { $0.compactMap(MinerField.rpm).first }
                snapshot.devices.append(device)
            }
        }
        let gpuWatts = snapshot.devices.compactMap(\.watts)
        if !gpuWatts.isEmpty { snapshot.watts = gpuWatts.reduce(0, +) }
        return snapshot
    }
}
