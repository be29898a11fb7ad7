import RigEngine
import Testing
@testable import RigUI

/// Money and coin amounts as people read them: plain decimals from 10⁻¹² to 10⁹, two to three
/// significant digits, never an exponent.
@Suite struct FormatTests {
    /// 1, 1.23 and 9.87 times every power of ten from 10⁻¹² to 10⁹.
    static let amounts: [Double] = (-12...9).flatMap { exponent -> [Double] in
        var power = 1.0
        for _ in 0..<abs(exponent) { power *= 10 }
        let scale = exponent < 0 ? 1 / power : power
        return [1, 1.23, 9.87].map { $0 * scale }
    }

    /// The number in `text` (currency symbols, units and grouping commas dropped).
    static func value(_ text: String) -> Double? {
        Double(String(text.filter { $0.isNumber || $0 == "." || $0 == "-" }))
    }

    /// Significant digits written: digits after the leading zeros.
    static func significantDigits(_ text: String) -> Int {
        let digits = text.filter(\.isNumber).drop { $0 == "0" }
        return digits.count
    }

    static func hasExponent(_ text: String) -> Bool {
        text.contains { $0 == "e" || $0 == "E" } && text.contains { $0.isNumber }
            && text.range(of: #"\d[eE][+-]?\d"#, options: .regularExpression) != nil
    }

    @Test(arguments: amounts)
    func moneyIsPlainWithTwoOrMoreSignificantDigits(amount: Double) throws {
        let text = Money(currency: "USD").format(amount)
        #expect(!Self.hasExponent(text), "\(text)")
        #expect(text.hasPrefix("$"))
        if amount < 1 { #expect(Self.significantDigits(text) <= 3, "\(amount) → \(text)") }
        let read = try #require(Self.value(text))
        #expect(abs(read - amount) <= amount * 0.05 + 0.005 * (amount >= 1 ? 1 : 0), "\(amount) → \(text)")
        #expect(Money(currency: "USD").format(-amount) == "-" + text)
    }

    @Test(arguments: amounts)
    func coinAmountsArePlainInTheCoinsOwnDecimals(amount: Double) throws {
        for symbol in ["BTC", "LTC", "DOGE", "XMR", "NEW"] {
            let coin = CoinAmount(symbol: symbol)
            let text = coin.format(amount)
            #expect(!Self.hasExponent(text), "\(amount) \(symbol) → \(text)")
            let read = try #require(Self.value(text))
            let inCoins = text.hasSuffix(" " + symbol) ? read : read / Self.pow10(coin.decimals)
            #expect(abs(inCoins - amount) <= amount * 0.05, "\(amount) \(symbol) → \(text)")
            if read < 1000 {
                #expect(Self.significantDigits(text) <= 3, "\(amount) \(symbol) → \(text)")
            }
        }
    }

    static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { value, _ in value * 10 } }

    @Test func moneyAsPeopleWriteIt() {
        let usd = Money(currency: "USD")
        #expect(usd.format(0) == "$0")
        #expect(usd.format(0.3699276) == "$0.37")
        #expect(usd.format(0.05) == "$0.05")
        #expect(usd.format(-0.234) == "-$0.23")
        #expect(usd.format(1.1e-6) == "$0.0000011")
        #expect(usd.format(1.13e-6) == "$0.0000011")
        #expect(usd.format(5.31e-11) == "$0.000000000053")
        #expect(usd.format(3.22) == "$3.22")
        #expect(usd.format(91_500) == "$91,500")
        #expect(usd.format(1e9) == "$1,000,000,000")
        #expect(usd.format(1.13e-6, cents: true) == "< $0.01")
        #expect(usd.format(-1.13e-6, cents: true) == "> -$0.01")
        #expect(usd.format(0.37, cents: true) == "$0.37")
        #expect(Money(currency: "EUR").format(0.25) == "€0.25")
        #expect(Money(currency: "CHF").format(1.5) == "1.50 CHF")
        #expect(usd.format(.nan) == "n/a")
    }

    @Test func coinAmountsAsWalletsWriteThem() {
        let btc = CoinAmount(symbol: "BTC")
        #expect(btc.format(1.23e-11) == "0.0012 sat")
        #expect(btc.format(4.9e-13) == "0.000049 sat")
        #expect(btc.format(4.96e-13) == "0.00005 sat")
        #expect(btc.format(0.000123) == "12,300 sat")
        #expect(btc.format(0.00123) == "0.00123 BTC")
        #expect(btc.format(3.125) == "3.13 BTC")
        #expect(btc.format(0) == "0 BTC")
        #expect(CoinAmount(symbol: "DOGE").format(10_000) == "10,000 DOGE")
        #expect(CoinAmount(symbol: "XMR").format(9.37e-4) == "0.000937 XMR")
        #expect(CoinAmount(symbol: "XMR").format(1e-12) == "1 piconero")
    }

    @Test func plainNumbersNeverTrapOrUseExponents() {
        #expect(Format.plain(9.365255e-4, significant: 4) == "0.0009365")
        #expect(Format.plain(0.0995, significant: 2) == "0.1")
        #expect(Format.plain(9.96, significant: 2) == "10")
        #expect(Format.plain(12_345.6, significant: 3) == "12,346")
        #expect(Format.plain(3.125, significant: 4) == "3.125")
        #expect(Format.fixed(1e20, 1) == "100000000000000000000.0")
        #expect(Format.fixed(-2.5e18, 0) == "-2500000000000000000")
        #expect(Format.count(152.27e12) == "152T")
        #expect(Format.count(1e30).hasSuffix("E") && !Self.hasExponent(Format.count(1e30)))
        #expect(Format.duration(.infinity) == "n/a")
    }
}
