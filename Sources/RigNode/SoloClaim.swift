import RigEngine

/// What a share claims: current work to build its block from, or an outcome without a block.
enum SoloClaim<Work> {
    case current(Work, tip: String)
    case settled(ShareOutcome)
}
