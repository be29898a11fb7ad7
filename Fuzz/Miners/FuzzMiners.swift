import Foundation
import RigEngine
import RigInput
@testable import RigMiners

/// libFuzzer entry: one miner's answer, read by every dialect's parser as the readers read it:
/// cgminer's reply (as the answer to every command it asks), cpuminer-opt's `summary` and
/// `threads`, and the HTTP dialects' JSON (xmrig's summary and backends, lolMiner's and
/// T-Rex's summary, GMiner's stat). Whatever comes out must hold the readers' promises: every
/// figure in its range, every text clean for a terminal; then the farm row and detail are built
/// from it as the farm does.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMiners(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let reply = try? CgminerReply.parse(bytes) {
        let commands = ["summary", "devs", "pools", "stats", "version", "coin", "temps", "fans"]
        check(CgminerReader.snapshot(Dictionary(uniqueKeysWithValues: commands.map { ($0, reply) })))
    }
    if let records = try? CpuminerReader.records(bytes), let snapshot = try? CpuminerReader.snapshot(summary: records, threads: records) {
        check(snapshot)
    }
    if let json = try? MinerHTTP.json(Data(bytes)) {
        check(XmrigReader.snapshot(summary: json, backends: json))
        if let snapshot = try? LolminerReader.snapshot(json) { check(snapshot) }
        if let snapshot = try? TrexReader.snapshot(json) { check(snapshot) }
        if let snapshot = try? GminerReader.snapshot(json) { check(snapshot) }
    }
    return 0
}

/// The promises of `MinerReader` and `MinerSnapshot` on one snapshot; a broken one traps.
func check(_ snapshot: MinerSnapshot) {
    for rate in [snapshot.hashrate] + snapshot.devices.map(\.hashrate) {
        for value in [rate.tenSeconds, rate.sixtySeconds, rate.fifteenMinutes].compactMap({ $0 }) {
            precondition(MinerField.rates.contains(value), "rate \(value)")
        }
    }
    let celsius = snapshot.temperatures.map(\.value) + snapshot.devices.flatMap { [$0.celsius, $0.chipCelsius].compactMap { $0 } }
    precondition(celsius.allSatisfy(MinerField.temperatures.contains), "temperature \(celsius)")
    precondition((snapshot.fansRPM + snapshot.devices.compactMap(\.fanRPM)).allSatisfy { (0...100_000).contains($0) }, "fans")
    precondition(snapshot.devices.compactMap(\.fanPercent).allSatisfy { (0...100).contains($0) }, "fan duty")
    precondition(([snapshot.watts] + snapshot.devices.map(\.watts)).compactMap { $0 }.allSatisfy { (0...1e7).contains($0) }, "watts")
    precondition(snapshot.devices.compactMap(\.chips).allSatisfy { (0...100_000).contains($0) }, "chips")
    precondition(snapshot.uptimeSeconds.map { (0...1e10).contains($0) } ?? true, "uptime")
    precondition(snapshot.pools.compactMap(\.pingSeconds).allSatisfy { (0...3600).contains($0) }, "ping")
    let texts = [snapshot.software, snapshot.version, snapshot.worker, snapshot.model, snapshot.algorithm].compactMap { $0 }
        + snapshot.pools.map(\.url) + snapshot.devices.map(\.name) + snapshot.temperatures.map(\.name)
    precondition(texts.allSatisfy { OutsideText.isClean($0) }, "text \(texts)")
    let row = snapshot.rig(id: "fuzz://miner:1", instance: "fuzz://miner:1")
    _ = (row.state, snapshot.detail, snapshot.hottestCelsius, snapshot.currentPool)
}
