/// What makes a ledger row usable, as SQL: the ledger is a file a person may edit, restore from a
/// backup or half lose, so every row is checked before it counts. A row that fails a check is
/// left out of every total and reported by table, id and the first check it fails.
///
/// The checks are SQL so that the totals stay one aggregate query over rows of any number, and
/// the same list builds both the filter and the explanation, so the two cannot disagree.
struct LedgerRowCheck {
    /// True (in SQL) when the row is unusable.
    var failure: String
    /// A text expression saying what is wrong with it.
    var problem: String

    /// The latest time a row may carry: 9999-12-30 00:00 UTC, a day inside the range of
    /// SQLite's date functions (to 9999-12-31), so that the local day of any row has a date.
    static let latestTime: Double = 253_402_128_000
    /// The largest money or coin figure one row may hold: no share or minute is worth 10^12 coins
    /// or costs 10^12 in a currency; past it a row is a typo or damage, not income.
    static let largestAmount: Double = 1e12

    /// `column` holds text.
    static func text(_ column: String) -> [LedgerRowCheck] {
        [LedgerRowCheck(failure: "typeof(\(column)) <> 'text'", problem: "'\(column) is ' || typeof(\(column))")]
    }

    /// `column` holds a number in `low…high` (NULL only when `optional`).
    static func number(_ column: String, _ low: Double, _ high: Double, optional: Bool = false) -> [LedgerRowCheck] {
        let types = optional ? "'integer', 'real', 'null'" : "'integer', 'real'"
        return [
            LedgerRowCheck(failure: "typeof(\(column)) NOT IN (\(types))", problem: "'\(column) is ' || typeof(\(column))"),
            LedgerRowCheck(failure: "NOT (\(column) IS NULL OR \(column) BETWEEN \(sql(low)) AND \(sql(high)))",
                           problem: "'\(column) ' || \(column) || ' is not between \(sql(low)) and \(sql(high))'"),
        ]
    }

    /// `column` holds a whole number in `low…high`, stored as an integer.
    static func whole(_ column: String, _ low: Double, _ high: Double) -> [LedgerRowCheck] {
        [LedgerRowCheck(failure: "typeof(\(column)) <> 'integer'", problem: "'\(column) is ' || typeof(\(column))")]
            + number(column, low, high)
    }

    /// `column` holds a Unix time from 1970 to ``latestTime``.
    static func time(_ column: String) -> [LedgerRowCheck] {
        [LedgerRowCheck(failure: "typeof(\(column)) NOT IN ('integer', 'real')", problem: "'\(column) is ' || typeof(\(column))"),
         LedgerRowCheck(failure: "NOT (\(column) >= 0 AND \(column) < \(sql(latestTime)))",
                        problem: "'\(column) ' || \(column) || ' is not a time from 1970 to 9999'")]
    }

    /// The checks a `share` row must pass.
    static let share = time("time") + text("coin") + text("result") + text("currency")
        + number("expected_coins", 0, largestAmount) + number("price", 0, largestAmount)
        + text("pool") + text("job") + number("difficulty", 0, 1e30)

    /// The checks a `minute` row must pass.
    static let minute = time("minute") + text("coin") + text("currency")
        + number("watts", 0, 1e6, optional: true) + number("seconds", 0, 3600)
        + number("electricity_price", 0, largestAmount)

    /// The checks a `block` row must pass (`reason` is NULL for an accepted block).
    static let block = time("time") + text("coin") + text("node") + whole("height", 0, 1e12) + text("hash")
        + number("reward", 0, largestAmount) + text("result")
        + [LedgerRowCheck(failure: "typeof(reason) NOT IN ('text', 'null')", problem: "'reason is ' || typeof(reason)")]

    /// SQL true for a row that passes every check in `checks`.
    static func passes(_ checks: [LedgerRowCheck]) -> String {
        "NOT (" + checks.map { "(\($0.failure))" }.joined(separator: " OR ") + ")"
    }

    /// SQL true for a row that fails a check.
    static func fails(_ checks: [LedgerRowCheck]) -> String {
        "(" + checks.map { "(\($0.failure))" }.joined(separator: " OR ") + ")"
    }

    /// SQL text naming the first check a row fails.
    static func firstProblem(_ checks: [LedgerRowCheck]) -> String {
        "CASE " + checks.map { "WHEN \($0.failure) THEN \($0.problem)" }.joined(separator: " ") + " END"
    }

    private static func sql(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}

/// A ledger row left out of the totals: where it is and what is wrong with it.
public struct LedgerBadRow: Sendable, Equatable, CustomStringConvertible {
    public var table: String
    public var id: Int64
    public var problem: String

    public init(table: String, id: Int64, problem: String) {
        self.table = table
        self.id = id
        self.problem = problem
    }

    public var description: String { "\(table) row \(id): \(problem)" }
}
