/// Where a farm's figures come from: Prometheus or the rigs themselves (RigFarmSources'
/// `PrometheusFarmSource` and `RigStateFarmSource`), or miners read through their own APIs.
///
/// Implementation requirements: `snapshot()` returns every rig it knows, down ones included, or
/// throws when it cannot list the rigs at all; a part it cannot read goes into the snapshot's
/// `warnings`. Errors' descriptions are safe to show on a terminal.
public protocol FarmSource: Sendable {
    /// The farm now (or at the source's fixed time).
    func snapshot() async throws -> FarmSnapshot
    /// One rig's detail for the detail view.
    func detail(of rig: FarmRig) async throws -> FarmRigDetail
}
