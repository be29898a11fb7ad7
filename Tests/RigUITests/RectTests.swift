import Testing
@testable import RigUI

@Suite struct RectTests {
    @Test func splitRowsByFixedFractionAndFill() {
        let rect = Rect(x: 0, y: 0, width: 80, height: 24)
        let rows = rect.split(rows: [.fixed(1), .fraction(0.5), .fill, .fixed(1)])
        #expect(rows.map(\.height) == [1, 12, 10, 1])
        #expect(rows.map(\.y) == [0, 1, 13, 23])
    }

    @Test func fillsShareTheRestAndTheLastTakesTheRemainder() {
        let columns = Rect(x: 2, y: 0, width: 11, height: 1).split(columns: [.fill, .fixed(2), .fill])
        #expect(columns.map(\.width) == [4, 2, 5])
        #expect(columns.map(\.x) == [2, 6, 8])
    }

    @Test func tooSmallYieldsEmptyRectsNotNegativeOnes() {
        let rows = Rect(x: 0, y: 0, width: 10, height: 3).split(rows: [.fixed(2), .fixed(5), .fill])
        #expect(rows.map(\.height) == [2, 1, 0])
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 1).isEmpty)
    }

    @Test func insetIntersectionAndRow() {
        let rect = Rect(x: 1, y: 1, width: 10, height: 5)
        #expect(rect.inset(by: 1) == Rect(x: 2, y: 2, width: 8, height: 3))
        #expect(rect.inset(left: 3) == Rect(x: 4, y: 1, width: 7, height: 5))
        #expect(rect.intersection(Rect(x: 8, y: 4, width: 10, height: 10)) == Rect(x: 8, y: 4, width: 3, height: 2))
        #expect(rect.intersection(Rect(x: 20, y: 20, width: 2, height: 2)).isEmpty)
        #expect(rect.row(2) == Rect(x: 1, y: 3, width: 10, height: 1))
        #expect(rect.row(9).isEmpty)
    }
}
