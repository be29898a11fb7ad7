extension StatePart {
    /// Power figures and the energy used.
    public struct Power: Codable, Sendable, Equatable {
        /// The miner's power: the CPU packages it mines on.
        public var mining: PowerFigure?
        public var gpus: PowerFigure?
        public var energyJoules: Double?
        public var hashesPerWatt: Double?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case mining, gpus, energyJoules = "energy_joules", hashesPerWatt = "hashes_per_watt"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            mining = container.part(.mining)
            gpus = container.part(.gpus)
            energyJoules = container.figure(.energyJoules, in: FigureRange.energy)
            hashesPerWatt = container.figure(.hashesPerWatt, in: FigureRange.hashrate)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(mining, forKey: .mining)
            try container.encode(gpus, forKey: .gpus)
            try container.encodeFigure(energyJoules, forKey: .energyJoules)
            try container.encodeFigure(hashesPerWatt, forKey: .hashesPerWatt)
        }
    }

    /// Watts for a group of devices, and whether every part of it was measured.
    public struct PowerFigure: Codable, Sendable, Equatable {
        public var watts: Double?
        /// false when any part of ``watts`` is an estimate.
        public var measured: Bool?

        public init(watts: Double? = nil, measured: Bool? = nil) {
            self.watts = watts
            self.measured = measured
        }

        enum CodingKeys: String, CodingKey { case watts, measured }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            watts = container.figure(.watts, in: FigureRange.watts)
            measured = container.flag(.measured)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeFigure(watts, forKey: .watts)
            try container.encode(measured, forKey: .measured)
        }
    }

    /// The earnings estimate at the current hashrate and market, in ``currency`` per day.
    public struct Earnings: Codable, Sendable, Equatable {
        public var currency: String?
        public var hashrate: Double?
        public var coinsPerDay: Double?
        public var moneyPerDay: Double?
        public var feePerDay: Double?
        public var powerCostPerDay: Double?
        public var netPerDay: Double?
        public var blocksPerDay: Double?
        public var moneyPerShare: Double?
        /// One coin's price in ``currency``.
        public var price: Double?
        public var marketDate: String?
        public var marketSource: String?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case currency, hashrate, coinsPerDay = "coins_per_day", moneyPerDay = "money_per_day", feePerDay = "fee_per_day"
            case powerCostPerDay = "power_cost_per_day", netPerDay = "net_per_day", blocksPerDay = "blocks_per_day"
            case moneyPerShare = "money_per_share", price, marketDate = "market_date", marketSource = "market_source"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            currency = container.text(.currency)
            hashrate = container.figure(.hashrate, in: FigureRange.hashrate)
            coinsPerDay = container.figure(.coinsPerDay, in: FigureRange.money)
            moneyPerDay = container.figure(.moneyPerDay, in: FigureRange.money)
            feePerDay = container.figure(.feePerDay, in: FigureRange.money)
            powerCostPerDay = container.figure(.powerCostPerDay, in: FigureRange.money)
            netPerDay = container.figure(.netPerDay, in: FigureRange.money)
            blocksPerDay = container.figure(.blocksPerDay, in: FigureRange.money)
            moneyPerShare = container.figure(.moneyPerShare, in: FigureRange.money)
            price = container.figure(.price, in: FigureRange.money)
            marketDate = container.text(.marketDate)
            marketSource = container.text(.marketSource)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(currency, forKey: .currency)
            try container.encodeFigure(hashrate, forKey: .hashrate)
            try container.encodeFigure(coinsPerDay, forKey: .coinsPerDay)
            try container.encodeFigure(moneyPerDay, forKey: .moneyPerDay)
            try container.encodeFigure(feePerDay, forKey: .feePerDay)
            try container.encodeFigure(powerCostPerDay, forKey: .powerCostPerDay)
            try container.encodeFigure(netPerDay, forKey: .netPerDay)
            try container.encodeFigure(blocksPerDay, forKey: .blocksPerDay)
            try container.encodeFigure(moneyPerShare, forKey: .moneyPerShare)
            try container.encodeFigure(price, forKey: .price)
            try container.encode(marketDate, forKey: .marketDate)
            try container.encode(marketSource, forKey: .marketSource)
        }
    }

    /// The income ledger's totals, in ``currency``.
    public struct Ledger: Codable, Sendable, Equatable {
        public var currency: String?
        public var today: LedgerPeriod?
        public var lifetime: LedgerPeriod?

        public init() {}

        enum CodingKeys: String, CodingKey { case currency, today, lifetime }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            currency = container.text(.currency)
            today = container.part(.today)
            lifetime = container.part(.lifetime)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(currency, forKey: .currency)
            try container.encode(today, forKey: .today)
            try container.encode(lifetime, forKey: .lifetime)
        }
    }

    /// The ledger's totals over one period.
    public struct LedgerPeriod: Codable, Sendable, Equatable {
        public var acceptedShares: UInt64?
        /// Money value of the accepted shares at their recorded prices.
        public var value: Double?
        public var kilowattHours: Double?
        public var electricityCost: Double?
        public var net: Double?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case acceptedShares = "accepted_shares", value, kilowattHours = "kilowatt_hours"
            case electricityCost = "electricity_cost", net
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            acceptedShares = container.whole(.acceptedShares, in: FigureRange.count)
            value = container.figure(.value, in: FigureRange.money)
            kilowattHours = container.figure(.kilowattHours, in: FigureRange.energy)
            electricityCost = container.figure(.electricityCost, in: FigureRange.money)
            net = container.figure(.net, in: FigureRange.money)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(acceptedShares, forKey: .acceptedShares)
            try container.encodeFigure(value, forKey: .value)
            try container.encodeFigure(kilowattHours, forKey: .kilowattHours)
            try container.encodeFigure(electricityCost, forKey: .electricityCost)
            try container.encodeFigure(net, forKey: .net)
        }
    }
}
