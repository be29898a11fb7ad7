import ArgumentParser
import Dispatch
import Foundation
import RigConfig
import RigEngine
import RigSensors
import RigUI
import Synchronization

/// `rigtop mine`: the engine without the dashboard, for servers, systemd and scripts.
struct MineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mine",
        abstract: "Mine headless: log lines instead of the dashboard.",
        discussion: """
            Runs the same engine as the dashboard and logs like xmrig: a speed line every 10 s \
            (10 s / 60 s / 15 min windows), every accepted or rejected share, pool events. With no \
            --pool it mines benchmark work. SIGINT or SIGTERM stops it cleanly; --json then prints \
            one summary object on stdout (log lines go to stderr).
            """)

    @OptionGroup var mining: MiningOptions

    @Option(name: .long, help: "Stop after this many seconds (default: run until SIGINT/SIGTERM).")
    var duration: Double?

    @Flag(name: .long, help: "Print a JSON summary on exit; log lines go to stderr.")
    var json = false

    func validate() throws {
        if let duration, !(duration > 0) { throw ValidationError("--duration must be positive") }
    }

    func run() async throws {
        // The whole config is read and checked before anything starts.
        let config = try mining.configOptions.load()
        let (coin, settings, threads, kernels) = try mining.resolve(config)
        guard coin.algorithm.isAvailable else { throw ValidationError("\(coin.algorithm) is not available in this build") }
        let output = MineLog(toStandardError: json)
        let log: @Sendable (String) -> Void = { output.write($0) }
        let records = try LedgerSession(path: mining.ledger, disabled: mining.noLedger, settings: config.earnings)
        let engine = MiningEngine(configuration: .init(
            coin: coin, threads: threads, kernels: kernels,
            workSource: records.recording(PoolWorkSource.factory(settings: { $0 == coin ? settings : nil }, log: log))))

        let stop = StopSignal()
        let signals = stop.install()
        log("rigtop mine \(coin.symbol) (\(coin.algorithm)), \(threads) threads, "
            + (settings.map { "pools \($0)" } ?? "benchmark work"))
        await engine.start()
        // The sensors on their own thread: the thermal guard (headless rigs need it most), and the
        // ledger's watts and peak temperature. Guard actions reach the engine in order, logged.
        let sensors = SnapshotMailbox()
        let collector = SensorCollector()
        let (guardCommands, guardSink) = AsyncStream.makeStream(of: EngineCommand.self)
        let guardTask = Task { for await command in guardCommands { await engine.send(command) } }
        collector.start(
            interval: 1, mailbox: sensors, configuredThreads: threads, thermalGuard: mining.thermalGuard(config),
            makeSampler: mining.samplerFactory(config), threads: { engine.pool.threadCount },
            apply: { action in
                let celsius = sensors.latestCPUTemperature.map { "\(Int($0.rounded())) °C" } ?? "?"
                switch action {
                case .none: return
                case .shedThread:
                    log("thermal guard: CPU at \(celsius), dropping a thread")
                    guardSink.yield(.removeThread)
                case .restoreThread:
                    log("thermal guard: CPU down to \(celsius), adding a thread back")
                    guardSink.yield(.addThread)
                case .stop(let reason):
                    log("thermal guard: \(reason); hashing stopped until the CPU cools")
                    guardSink.yield(.stopTooHot(reason: reason))
                case .resume:
                    log("thermal guard: CPU down to \(celsius), hashing resumes")
                    guardSink.yield(.resume)
                }
            })
        let minutes = records.recordMinutes(of: engine, power: { sensors.latestWatts },
                                            temperature: { sensors.latestCPUTemperature })
        let market = records.refreshMarket(url: mining.marketUrl, coins: config.coins, engine: engine, log: log)
        if let path = records.path { log("ledger \(path)") }

        let started = ContinuousClock.now
        var nextReport = started + .seconds(10)
        var found: UInt64 = 0
        var checkedSensors = false
        while !stop.requested {
            if let duration, ContinuousClock.now - started >= .seconds(duration) { break }
            try? await Task.sleep(for: .milliseconds(100))
            if !checkedSensors, ContinuousClock.now - started >= .seconds(3) {
                checkedSensors = true
                if sensors.latestCPUTemperature == nil {
                    log("warning: no CPU temperature sensor here, so the thermal guard cannot act (see `rigtop sensors`)")
                }
            }
            let snapshot = await engine.stats.latest
            if settings == nil, snapshot.shares.found > found {
                found = snapshot.shares.found
                log("share found (\(found)), diff \(Self.difficulty(snapshot.shareDifficulty))")
            }
            if ContinuousClock.now >= nextReport {
                nextReport += .seconds(10)
                log(Self.speedLine(snapshot))
            }
        }
        for source in signals { source.cancel() }
        market?.cancel()
        await collector.stop()
        guardSink.finish()
        await guardTask.value
        await engine.stop()
        await records.finish(minutes)
        let final = await engine.stats.latest
        log(Self.speedLine(final))
        if json {
            print(try Self.summary(final, coin: coin, threads: threads))
        }
    }

    /// xmrig's speed line: `speed 10s/60s/15m 1.23 MH/s 1.22 MH/s n/a`, then the share counts.
    static func speedLine(_ snapshot: EngineSnapshot) -> String {
        let rates = snapshot.hashrate
        let shares = snapshot.shares
        var line = "speed 10s/60s/15m \(HashrateFormat.string(rates.tenSeconds)) "
            + "\(HashrateFormat.string(rates.sixtySeconds)) \(HashrateFormat.string(rates.fifteenMinutes))"
        line += "  accepted \(shares.accepted) rejected \(shares.rejected)"
        if shares.stale > 0 { line += " stale \(shares.stale)" }
        // Why the rate is zero: a RandomX dataset being built, RandomX missing, a safety stop.
        if let notice = snapshot.notice { line += "  (\(notice))" }
        if let pool = snapshot.pool, pool.connection != .mining {
            line += "  pool \(pool.connection.rawValue)" + (pool.message.map { ": \($0)" } ?? "")
        }
        return line
    }

    static func difficulty(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return String(format: "%.4g", value)
    }

    /// The `--json` summary: coin, algo, pool, hashrate (10s/60s/15m, H/s or null), shares.
    static func summary(_ snapshot: EngineSnapshot, coin: Coin, threads: Int) throws -> String {
        func rate(_ value: Double?) -> Any { value.map { $0 as Any } ?? NSNull() }
        var object: [String: Any] = [
            "coin": coin.symbol,
            "algo": coin.algorithm.rawValue,
            "pool": snapshot.pool?.url ?? snapshot.workSource,
            "threads": threads,
            "seconds": snapshot.uptime,
            "total_hashes": snapshot.totalHashes,
            "hashrate": [
                "10s": rate(snapshot.hashrate.tenSeconds),
                "60s": rate(snapshot.hashrate.sixtySeconds),
                "15m": rate(snapshot.hashrate.fifteenMinutes),
            ],
            "shares": [
                "found": snapshot.shares.found,
                "accepted": snapshot.shares.accepted,
                "rejected": snapshot.shares.rejected,
                "stale": snapshot.shares.stale,
                "hw_errors": snapshot.shares.hardwareErrors,
            ],
        ]
        if coin.algorithm == .randomx { object["randomx_mode"] = snapshot.randomXMode ?? NSNull() }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

/// Timestamped log lines, xmrig style: `[2026-11-25 17:30:01.123] speed …`.
final class MineLog: Sendable {
    private let toStandardError: Bool
    private let lock = Mutex(())

    init(toStandardError: Bool) { self.toStandardError = toStandardError }

    func write(_ message: String) {
        let now = Date()
        var time = time_t(now.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&time, &parts)
        let millis = Int(now.timeIntervalSince1970 * 1000) % 1000
        let stamp = String(format: "[%04d-%02d-%02d %02d:%02d:%02d.%03d] ", parts.tm_year + 1900, parts.tm_mon + 1,
                           parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, millis)
        let line = stamp + message + "\n"
        lock.withLock { _ in
            FileHandle(fileDescriptor: toStandardError ? 2 : 1).write(Data(line.utf8))
        }
    }
}

/// SIGINT and SIGTERM as a flag the mining loop polls, through Dispatch signal sources.
final class StopSignal: Sendable {
    private let flag = Atomic<Bool>(false)
    private let queue = DispatchQueue(label: "rigtop.signals")

    var requested: Bool { flag.load(ordering: .relaxed) }

    /// Replaces the default (terminate) action; keep the returned sources alive.
    func install() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in flag.store(true, ordering: .relaxed) }
            source.resume()
            return source
        }
    }
}
