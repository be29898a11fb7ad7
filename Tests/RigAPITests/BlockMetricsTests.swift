import RigEngine
import RigRuntime
import Testing
@testable import RigAPI

/// `/metrics` counts solo blocks from the engine snapshot, as the summary and the dashboard do.
@Suite struct BlockMetricsTests {
    @Test func blocksFoundAndTheNodesVerdicts() {
        var state = SampleState.state()
        state.engine.blocks.record(.accepted)
        state.engine.blocks.record(.accepted)
        state.engine.blocks.record(.rejected(reason: "high-hash"))
        state.engine.blocks.record(.undecided(reason: "duplicate"))
        let samples = MetricsExpositionTests.samples(MetricsExposition.text(state))
        #expect(samples["rigtop_blocks_found_total"] == 4)
        #expect(samples[#"rigtop_blocks_total{result="accepted"}"#] == 2)
        #expect(samples[#"rigtop_blocks_total{result="rejected"}"#] == 1)
    }
}
