/// Income totals from the ledger, for the dashboard: today's and the lifetime figures.
///
/// A plain value so that the UI can show it without depending on the ledger's database.
public struct LedgerTotals: Sendable, Equatable {
    /// Totals over some period.
    public struct Period: Sendable, Equatable {
        public var acceptedShares: Int
        /// Money value of the accepted shares at their recorded prices.
        public var value: Double
        public var kilowattHours: Double
        public var electricityCost: Double
        public var net: Double { value - electricityCost }

        public init(acceptedShares: Int = 0, value: Double = 0, kilowattHours: Double = 0, electricityCost: Double = 0) {
            self.acceptedShares = acceptedShares
            self.value = value
            self.kilowattHours = kilowattHours
            self.electricityCost = electricityCost
        }
    }

    public var today: Period
    public var lifetime: Period
    public var currency: String
    /// Where the ledger lives, for the panel's source line.
    public var path: String
    /// Rows left out of the totals because they are unusable (a time past the year 9999, text
    /// where a number belongs); `rigtop ledger` names them.
    public var badRows = 0

    public init(today: Period, lifetime: Period, currency: String, path: String) {
        self.today = today
        self.lifetime = lifetime
        self.currency = currency
        self.path = path
    }
}
