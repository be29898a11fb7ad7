import ArgumentParser
import Dispatch
import Foundation
import RigConfig
import RigLedger
import RigEngine
import RigInput
import RigSensors
import RigRuntime
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

    @OptionGroup var api: APIOptions

    /// How long `--duration` may ask for: a tenth of a second up to ten years.
    static let durationRange: ClosedRange<Double> = 0.1...(10 * 365 * 86_400)

    @Option(name: .long, help: "Stop after this many seconds, 0.1 to 315360000 (ten years) (default: run until a signal stops it).",
            transform: NumericOption.number(in: durationRange))
    var duration: Double?

    @Flag(name: .long, help: "Print a JSON summary on exit; log lines go to stderr.")
    var json = false

    func run() async throws {
        // The whole config is read and checked before anything starts.
        let config = try mining.configOptions.load()
        let output = MineLog(toStandardError: json)
        let log: @Sendable (String) -> Void = { output.write($0) }
        let setup = try mining.rigSetup(config, log: log)
        let coin = setup.coin
        guard coin.algorithm.isAvailable else { throw ValidationError("\(coin.algorithm) is not available in this build") }
        let rig = try Rig(setup: setup)
        let pools = setup.pools(coin)

        let stop = StopSignal()
        let signals = stop.install()
        log("rigtop mine \(coin.symbol) (\(coin.algorithm)), \(setup.threads) threads, "
            + (setup.soloWork(coin).map { $0.label } ?? pools.map { "pools \($0)" } ?? "benchmark work"))
        let apis = try await api.start(rig: rig, config: config, log: log)
        await rig.start()
        if let path = rig.ledgerPath { log("ledger \(path)") }

        let started = ContinuousClock.now
        var nextReport = started + .seconds(10)
        var found: UInt64 = 0
        var checkedSensors = false
        var stoppedBy = "duration"
        while true {
            if let signal = stop.received {
                stoppedBy = signal
                break
            }
            if let duration, ContinuousClock.now - started >= .seconds(duration) { break }
            try? await Task.sleep(for: .milliseconds(100))
            let state = rig.board.current
            if !checkedSensors, ContinuousClock.now - started >= .seconds(3) {
                checkedSensors = true
                if state.cpuTemperature == nil {
                    log("warning: no CPU temperature sensor here, so the thermal guard cannot act (see `rigtop sensors`)")
                }
            }
            if state.engine.pool == nil, state.engine.shares.found > found {
                found = state.engine.shares.found
                log("share found (\(found)), diff \(Self.difficulty(state.engine.shareDifficulty))")
            }
            if ContinuousClock.now >= nextReport {
                nextReport += .seconds(10)
                log(Self.speedLine(state.engine))
            }
        }
        if stoppedBy != "duration" { log("\(stoppedBy): stopping") }
        await apis.stop()
        await rig.stop()
        for source in signals { source.cancel() }
        let final = rig.board.current.engine
        log(Self.speedLine(final))
        let outcome = RunOutcome(stoppedBy: stoppedBy, ledger: rig.ledgerHealth, ledgerPath: rig.ledgerPath)
        if let problem = outcome.ledgerProblem { log("error: \(problem)") }
        if json {
            OutputChannel.standardOutput.write(try Self.summary(final, coin: final.coin ?? coin, threads: rig.requestedThreads,
                                                                outputErrors: output.failures, outcome: outcome) + "\n")
        }
        if outcome.ledgerProblem != nil { throw ExitCode(1) }
    }

    /// How a run ended, for the summary and the exit status.
    struct RunOutcome {
        /// "duration", or the signal that stopped it ("SIGINT", "SIGTERM", "SIGHUP").
        var stoppedBy: String
        var ledger: LedgerHealth?
        var ledgerPath: String?

        /// What went wrong with the ledger, if anything: the run then exits 1.
        var ledgerProblem: String? {
            guard let ledger, ledger.errors > 0 || ledger.lost > 0 else { return nil }
            return "ledger \(ledgerPath ?? ""): \(ledger.errors) failed commits, \(ledger.lost) records lost"
                + (ledger.lastError.map { " (\($0))" } ?? "")
        }

        /// Why the run stopped when that was not the plan: a hang-up, a ledger that lost records.
        var error: String? {
            var reasons: [String] = []
            if stoppedBy == "SIGHUP" { reasons.append("stopped by SIGHUP: the terminal or session hung up") }
            if let ledgerProblem { reasons.append(ledgerProblem) }
            return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
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
        if shares.dropped > 0 { line += " dropped \(shares.dropped)" }
        let blocks = snapshot.blocks
        if blocks.found > 0 { line += "  blocks \(blocks.accepted) accepted, \(blocks.rejected) rejected" }
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
    static func summary(_ snapshot: EngineSnapshot, coin: Coin, threads: Int, outputErrors: Int = 0,
                        outcome: RunOutcome? = nil) throws -> String {
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
                "dropped": snapshot.shares.dropped,
                "dropped_reasons": snapshot.shares.droppedReasons,
                "hw_errors": snapshot.shares.hardwareErrors,
            ],
        ]
        object["blocks"] = [
            "found": snapshot.blocks.found,
            "accepted": snapshot.blocks.accepted,
            "rejected": snapshot.blocks.rejected,
            "best_share_difficulty": snapshot.blocks.bestShareDifficulty,
        ]
        if outputErrors > 0 { object["output_errors"] = outputErrors }
        if let outcome {
            object["stopped_by"] = outcome.stoppedBy
            if let error = outcome.error { object["error"] = error }
            if let ledger = outcome.ledger {
                object["ledger"] = [
                    "path": outcome.ledgerPath ?? "", "written": ledger.written, "errors": ledger.errors,
                    "lost": ledger.lost, "last_error": ledger.lastError.map { $0 as Any } ?? NSNull(),
                ] as [String: Any]
            }
        }
        if coin.algorithm.isRandomX {
            object["randomx_mode"] = snapshot.randomXMode ?? NSNull()
            // The revision last mined (rx/0, or rx/2 once a pool switched at the fork).
            object["randomx_algo"] = snapshot.algorithm.randomXVersion?.stratumName ?? NSNull()
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

/// Timestamped log lines, xmrig style: `[2026-11-25 17:30:01.123] speed …`.
final class MineLog: Sendable {
    private let toStandardError: Bool
    private let lock = Mutex(())

    init(toStandardError: Bool) { self.toStandardError = toStandardError }

    private var channel: OutputChannel { toStandardError ? .standardError : .standardOutput }

    /// Log writes that failed (a closed pipe, a full disk).
    var failures: Int { channel.failures }

    func write(_ message: String) {
        let now = Date()
        var time = time_t(now.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&time, &parts)
        let millis = Int(now.timeIntervalSince1970 * 1000) % 1000
        let stamp = String(format: "[%04d-%02d-%02d %02d:%02d:%02d.%03d] ", parts.tm_year + 1900, parts.tm_mon + 1,
                           parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, millis)
        // One message, one line: control characters escaped whatever outside text it quotes.
        let line = stamp + OutsideText.escaped(message, limit: LogFile.lineLimit) + "\n"
        lock.withLock { _ in channel.write(line) }
    }
}

/// Every signal in ``StopSignals`` (SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGALRM…) as a flag the
/// mining loop polls, through Dispatch signal sources: each stops the run cleanly (threads,
/// shares, ledger, summary). A hang-up too: `mine` under a closed ssh session or a terminal
/// window closed must still write its ledger.
final class StopSignal: Sendable {
    private let signal = Atomic<Int32>(0)
    private let queue = DispatchQueue(label: "rigtop.signals")

    /// The first stopping signal received, by name; nil while none was.
    var received: String? {
        let number = signal.load(ordering: .relaxed)
        return number == 0 ? nil : StopSignals.name(number)
    }

    /// Replaces the default (terminate) action; keep the returned sources alive.
    func install() -> [any DispatchSourceSignal] {
        StopSignals.all.map(\.number).map { number in
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [self] in
                _ = signal.compareExchange(expected: 0, desired: number, ordering: .relaxed)
            }
            source.resume()
            return source
        }
    }
}
