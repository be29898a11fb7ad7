import Synchronization

extension Mutex where Value == [Task<Void, Never>] {
    /// The tasks held, leaving none: what a stop cancels or awaits, taken once.
    func takeAll() -> [Task<Void, Never>] {
        withLock { tasks in
            defer { tasks = [] }
            return tasks
        }
    }
}
