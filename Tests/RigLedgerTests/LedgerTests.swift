import Foundation
import RigEngine
import RigFigures
import RigLedger
import RigLedgerSQLite
import Testing

/// A fresh ledger file in the temporary folder.
func temporaryLedgerPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-ledger-\(UUID())/ledger.sqlite").path
}

@Suite struct LedgerTests {
    /// Local noon on 2026-11-24 and 2026-11-25, so the days do not depend on the time zone.
    static let day1: Double = {
        var parts = tm()
        parts.tm_year = 126; parts.tm_mon = 10; parts.tm_mday = 24; parts.tm_hour = 12; parts.tm_isdst = -1
        return Double(mktime(&parts))
    }()
    static let day2 = day1 + 86_400

    static func share(_ time: Double, _ coin: String = "LTC", result: String = "accepted", coins: Double = 0.001,
                      price: Double = 80) -> LedgerRecord {
        .share(ShareRecord(time: time, coin: coin, pool: "stratum+tcp://pool:3333", job: "j", difficulty: 0.01,
                           result: result, expectedCoins: coins, price: price, currency: "USD"))
    }

    static func minute(_ time: Double, _ coin: String = "LTC", watts: Double = 120, price: Double = 0.2) -> LedgerRecord {
        .minute(MinuteRecord(minute: time, coin: coin, hashrate: 1000, watts: watts, wattsMeasured: true, seconds: 60,
                             temperaturePeak: 70, electricityPrice: price, currency: "USD"))
    }

    @Test func dailyIncomeSumsAcceptedSharesAndEnergyPerDayAndCoin() throws {
        let ledger = try Ledger(path: temporaryLedgerPath())
        try ledger.write([
            Self.share(Self.day1), Self.share(Self.day1 + 10, price: 100),
            Self.share(Self.day1 + 20, result: "rejected"), Self.share(Self.day1 + 30, result: "stale"),
            Self.share(Self.day1 + 40, "DOGE", coins: 50, price: 0.2),
            Self.minute(Self.day1), Self.minute(Self.day1 + 60, price: 0.3), Self.minute(Self.day1 + 120, "DOGE"),
            Self.share(Self.day2), Self.minute(Self.day2),
            .coinSwitch(CoinSwitchRecord(time: Self.day1 + 100, from: "LTC", to: "DOGE")),
            .blockCandidate(BlockCandidateRecord(time: Self.day1, coin: "LTC", pool: "p", job: "j",
                                                 hashDifficulty: 1e9, networkDifficulty: 9e7)),
        ])
        let counts = try ledger.counts()
        #expect(counts.shares == 6 && counts.minutes == 4 && counts.coinSwitches == 1 && counts.blockCandidates == 1)
        let days = try ledger.dailyIncome()
        #expect(days.map { "\($0.date) \($0.coin)" } == ["2026-11-24 DOGE", "2026-11-24 LTC", "2026-11-25 LTC"])
        let ltc = days[1]
        #expect(ltc.acceptedShares == 2)
        #expect(abs(ltc.expectedCoins - 0.002) < 1e-12)
        #expect(abs(ltc.value - (0.001 * 80 + 0.001 * 100)) < 1e-12)
        // 120 W for two minutes = 0.004 kWh, at 0.2 and 0.3 per kWh.
        #expect(abs(ltc.kilowattHours - 0.004) < 1e-12)
        #expect(abs(ltc.electricityCost - (0.002 * 0.2 + 0.002 * 0.3)) < 1e-12)
        #expect(abs(ltc.net - (0.18 - 0.001)) < 1e-12)
        #expect(days[0].acceptedShares == 1 && abs(days[0].value - 10) < 1e-12)
        #expect(try ledger.dailyIncome(since: Self.day2 - 3600).map(\.date) == ["2026-11-25"])

        let totals = try ledger.totals(now: Date(timeIntervalSince1970: Self.day2))
        #expect(totals.today.acceptedShares == 1)
        #expect(totals.lifetime.acceptedShares == 4)
        #expect(abs(totals.lifetime.value - (0.18 + 10 + 0.08)) < 1e-9)
        #expect(try ledger.integrityCheck() == "ok")
    }

    @Test func csvLineHasFullPrecision() {
        var income = DailyIncome(date: "2026-11-25", coin: "XMR", currency: "EUR")
        income.acceptedShares = 3
        income.expectedCoins = 1.23456789012e-5
        income.value = 0.00456
        income.kilowattHours = 2.4
        income.electricityCost = 0.36
        #expect(DailyIncome.csvHeader == "date,coin,accepted_shares,expected_coins,value,currency,kwh,electricity_cost,net")
        #expect(income.csvLine == "2026-11-25,XMR,3,1.23456789e-05,0.00456,EUR,2.4,0.36,-0.35544")
    }

    @Test func writerCommitsWithinItsIntervalAndOnStop() async throws {
        let ledger = try Ledger(path: temporaryLedgerPath())
        let writer = LedgerWriter(ledger: ledger, flushInterval: 0.05)
        writer.start()
        writer.append(Self.share(Self.day1))
        var waited = 0.0
        while try ledger.counts().shares < 1 && waited < 1 {
            try await Task.sleep(nanoseconds: 20_000_000)
            waited += 0.02
        }
        #expect(waited < 1, "not committed within a second")
        writer.append(Self.share(Self.day1 + 1))
        await writer.stop()
        #expect(try ledger.counts().shares == 2)
        #expect(writer.lastError == nil)
    }
}

@Suite struct MinuteRecorderTests {
    static func snapshot(_ coin: Coin, rate: Double) -> EngineSnapshot {
        var snapshot = EngineSnapshot()
        snapshot.coin = coin
        snapshot.state = .mining
        snapshot.hashrate = WindowedRate(tenSeconds: rate)
        return snapshot
    }

    @Test func rowsPerMinuteAndCoinSwitches() throws {
        let ltc = try #require(Coin.named("LTC")), doge = try #require(Coin.named("DOGE"))
        var recorder = MinuteRecorder(settings: EarningsSettings(electricityPrice: 0.25))
        var records: [LedgerRecord] = []
        // 90 one-second samples on LTC from 600 s (a minute boundary), then 30 on DOGE.
        for second in 0..<90 {
            records += recorder.observe(Self.snapshot(ltc, rate: 1000), watts: (100, true),
                                        temperature: Double(60 + second % 7), now: 600 + Double(second))
        }
        for second in 90..<120 {
            records += recorder.observe(Self.snapshot(doge, rate: 2000), watts: (50, false), temperature: 50,
                                        now: 600 + Double(second))
        }
        if let last = recorder.flush() { records.append(.minute(last)) }
        let minutes = records.compactMap { if case .minute(let m) = $0 { m } else { nil } }
        let switches = records.compactMap { if case .coinSwitch(let c) = $0 { c } else { nil } }
        let expected: [CoinSwitchRecord] = [
            CoinSwitchRecord(time: 600, from: nil, to: "LTC"), CoinSwitchRecord(time: 690, from: "LTC", to: "DOGE"),
        ]
        #expect(switches == expected)
        #expect(minutes.map(\.coin) == ["LTC", "LTC", "DOGE"])
        #expect(minutes.map(\.minute) == [600, 660, 660])
        #expect(minutes.map(\.seconds) == [60, 30, 30])
        #expect(minutes[0].hashrate == 1000 && minutes[0].watts == 100 && minutes[0].temperaturePeak == 66)
        #expect(minutes[2].watts == 50 && minutes[2].wattsMeasured == false)
        let kilowattHours: Double = minutes.map(\.kilowattHours).reduce(0, +)
        let expectedKilowattHours: Double = (100.0 * 90 + 50 * 30) / 3_600_000
        #expect(abs(kilowattHours - expectedKilowattHours) < 1e-12)
    }
}
