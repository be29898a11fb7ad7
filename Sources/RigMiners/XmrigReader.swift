import Foundation
import RigEngine
import RigFarm
import RigFarmSources
import RigFigures
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
        let http = MinerHTTP(endpoint: endpoint, limits: limits)
        async let summaryReply = http.get("/2/summary")
        async let backendsReply = http.get("/2/backends")
        let summary: JSONValue
        do throws(MinerReadError) {
            summary = try http.decode(try await summaryReply.get())
        } catch {
            throw MinerReadError("/2/summary: \(error.reason)")
        }
        return Self.snapshot(summary: summary, backends: try? http.decode(try await backendsReply.get()))
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
