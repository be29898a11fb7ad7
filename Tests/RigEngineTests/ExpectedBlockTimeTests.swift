import RigEngine
import Testing

/// A solo miner's wait: hashes per block at the network difficulty over the rate.
@Suite struct ExpectedBlockTimeTests {
    @Test func bitcoinAndMoneroConventions() {
        // Bitcoin difficulty 1 is 2^32 hashes; Monero difficulty D is D hashes.
        #expect(DifficultyConvention.bitcoin.expectedSecondsToBlock(difficulty: 1, hashrate: 4_294_967_296) == 1)
        #expect(DifficultyConvention.monero.expectedSecondsToBlock(difficulty: 120, hashrate: 1) == 120)
        #expect(DifficultyConvention.bitcoin.expectedSecondsToBlock(difficulty: 1, hashrate: nil) == nil)
        #expect(DifficultyConvention.bitcoin.expectedSecondsToBlock(difficulty: 1, hashrate: 0) == nil)
        #expect(DifficultyConvention.monero.expectedSecondsToBlock(difficulty: .nan, hashrate: 1) == nil)
    }
}
