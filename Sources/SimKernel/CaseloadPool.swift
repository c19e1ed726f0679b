import DequeModule

/// Consultants who each hold up to `cap` open cases over a long period while spending
/// working hours on tasks for them (intake talks, PIP, progress talks, ontzorgen).
///
/// Two things are limited and kept apart:
/// - **caseload**: a case is admitted to a consultant with a free place and stays
///   until it is closed; cases that find no place wait in line (one pooled line, or
///   one per area when assignment is per area);
/// - **time**: a consultant works on one task at a time; a task of `h` hours takes
///   `h / hoursPerDay` days of calendar time. Tasks wait in two lines per consultant:
///   **priority** tasks (benefit work under the Participatiewet, which "gaat bijna altijd
///   voor", 004 L6604-6607) start before any waiting ordinary task; within a line, in
///   order of submission. A task in progress is never interrupted (non-preemptive).
///
/// Capacity may change over time (`setCapacity`: hires, sick leave). Policy: a task in
/// progress finishes at the rate it started with; later tasks run at the new rate. Cases
/// above a lowered cap stay with their consultant (no case is handed back); the
/// consultant admits no new case until the caseload is below the new cap. A raised cap
/// admits waiting cases at once.
///
/// Assignment is deterministic: the consultant with the fewest open cases among those
/// eligible, the lowest index among equals. The pool is passive: it returns who takes
/// what and when a task finishes, and the model schedules the events.
///
/// Per area with `overflowAfter` W (an area preference, not a partition): a case goes to its
/// own area's consultants first; one that has waited W days for them goes to a free place of
/// another area whose own line is empty (`overflow`, which the model calls W days after the
/// case asked), and a place freed in an area with an empty line takes the longest-waiting
/// such case of another area. With W = 0 a case that finds its own area full takes such a
/// place at once.
public struct CaseloadPool<Task> {
    public enum Assignment: Sendable, Equatable {
        /// Any consultant may take any case.
        case pooled
        /// A case goes only to consultants of its own area (municipality).
        case perArea
    }

    public struct Consultant: Sendable, Equatable {
        public let area: Int
        public internal(set) var cap: Int
        /// Hours of casework per calendar day (FTE × weekly hours × productive share / 7).
        public internal(set) var hoursPerDay: Double
        public init(area: Int = 0, cap: Int, hoursPerDay: Double) {
            precondition(cap > 0 && hoursPerDay > 0, "a consultant needs a positive cap and hours per day")
            self.area = area
            self.cap = cap
            self.hoursPerDay = hoursPerDay
        }
    }

    struct PendingTask {
        let task: Task
        let hours: Double
    }

    struct WaitingCase {
        let id: Int
        let area: Int
        let since: Double
    }

    public private(set) var consultants: [Consultant]
    public let assignment: Assignment
    /// Per area: days after which a waiting case may go to another area's free place (nil: never).
    public let overflowAfter: Double?
    public private(set) var openCases: [Int]
    /// Open cases per consultant over time.
    public private(set) var caseload: [TimeWeighted]
    /// Whether each consultant is working on a task, over time (mean = utilisation).
    public var working: [TimeWeighted] { desks.map(\.working) }
    /// Time from asking for a consultant to being admitted.
    public private(set) var admissionWaits = Tally()
    /// Hours of work done (completed tasks) per consultant.
    public var hoursWorked: [Double] { desks.map(\.hoursWorked) }
    private var lines: [Deque<WaitingCase>]
    /// Every consultant's two task lines (`2k`: ordinary, `2k + 1`: priority), as linked lists
    /// of nodes in one shared array with a free list: a `Deque` per line had storage of its own,
    /// and in a large run taking the next task cost a cache miss for the line and one for the task.
    private var taskLines: TaskLines<PendingTask>
    /// Each consultant's task in hand, tasks waiting and hours done, in one array: submitting or
    /// finishing a task writes one array (one uniqueness check) where four took one each.
    private var desks: [Desk]
    struct Desk {
        var busy = false
        /// Tasks waiting (both lines), for `leastBusyConsultant` and `queuedTasks`.
        var queued = 0
        var hoursWorked = 0.0
        var working: TimeWeighted
    }
    /// Per line, the line's consultants in a binary heap on (open cases, index), and each
    /// consultant's position in its heap: the least-loaded consultant in O(1), updates in
    /// O(log n) — a scan over thousands of consultants made large runs quadratic.
    private var heaps: [[Int]]
    private var position: [Int]
    /// Whether all consultants of a line share one cap (then the heap's top decides).
    private var uniformCaps = true

    public init(consultants: [Consultant], assignment: Assignment, overflowAfter: Double? = nil, at time: Double = 0) {
        precondition(overflowAfter.map { $0 >= 0 && $0.isFinite } ?? true, "overflowAfter must be a finite number of days ≥ 0")
        self.consultants = consultants
        self.assignment = assignment
        self.overflowAfter = assignment == .perArea ? overflowAfter : nil
        openCases = Array(repeating: 0, count: consultants.count)
        caseload = Array(repeating: TimeWeighted(value: 0, at: time), count: consultants.count)
        desks = Array(repeating: Desk(working: TimeWeighted(value: 0, at: time)), count: consultants.count)
        let areas = assignment == .pooled ? 1 : (consultants.map(\.area).max() ?? -1) + 1
        lines = Array(repeating: Deque(), count: Swift.max(areas, 1))
        taskLines = TaskLines(count: 2 * consultants.count)
        heaps = Array(repeating: [], count: Swift.max(areas, 1))
        position = Array(repeating: 0, count: consultants.count)
        for k in consultants.indices {
            let line = assignment == .pooled ? 0 : consultants[k].area
            position[k] = heaps[line].count
            heaps[line].append(k) // in index order with equal loads: already a heap
        }
        uniformCaps = Set(consultants.map(\.cap)).count <= 1
    }

    /// Cases waiting for a consultant.
    public var waitingCases: Int { lines.reduce(0) { $0 + $1.count } }

    /// Cases waiting for a consultant in `area` (all waiting cases when pooled).
    public func waitingCases(area: Int) -> Int { lines[lineIndex(area)].count }

    /// Open cases over all consultants.
    public var totalOpenCases: Int { openCases.reduce(0, +) }

    /// Asks for a consultant for case `id` of `area` at `now`. Returns the consultant's
    /// index when admitted at once, nil when the case waits in line (it is handed out
    /// later by `close`).
    public mutating func admit(_ id: Int, area: Int = 0, now: Double) -> Int? {
        let line = lineIndex(area)
        if lines[line].isEmpty, let k = freeConsultant(line: line) ?? (overflowAfter == 0 ? freeElsewhere(than: line) : nil) {
            take(k, now: now)
            admissionWaits.record(0)
            return k
        }
        lines[line].append(WaitingCase(id: id, area: area, since: now))
        return nil
    }

    /// Case `id` of `area` has waited `overflowAfter` days (the model calls this then): when
    /// it still waits and another area has a free place and no line, it takes that place.
    /// Returns the consultant, or nil (it goes on waiting for its own area, or was admitted).
    public mutating func overflow(_ id: Int, area: Int, now: Double) -> Int? {
        let line = lineIndex(area)
        guard overflowAfter != nil, let i = lines[line].firstIndex(where: { $0.id == id }), let k = freeElsewhere(than: line) else { return nil }
        let waiting = lines[line].remove(at: i)
        take(k, now: now)
        admissionWaits.record(now - waiting.since)
        return k
    }

    /// Closes one case of consultant `k` at `now`. Returns the waiting case that the
    /// freed place admits (the case id and the consultant who takes it), if any.
    public mutating func close(consultant k: Int, now: Double) -> (id: Int, consultant: Int)? {
        precondition(openCases[k] > 0, "consultant \(k) has no open case to close")
        openCases[k] -= 1
        caseload[k].update(Double(openCases[k]), at: now)
        reposition(k)
        let line = lineIndex(consultants[k].area)
        // Above a lowered cap (or over-occupied by old cases) the freed place is not yet free.
        guard openCases[k] < consultants[k].cap else { return nil }
        // Its own line first; with an empty one, the longest-waiting case of another area that
        // has waited `overflowAfter` days.
        var taken = lines[line].popFirst()
        if taken == nil, let w = overflowAfter,
           let other = lines.indices.filter({ $0 != line && (lines[$0].first.map { $0.since + w <= now } ?? false) })
               .min(by: { lines[$0][0].since < lines[$1][0].since || (lines[$0][0].since == lines[$1][0].since && $0 < $1) }) {
            taken = lines[other].popFirst()
        }
        guard let next = taken else { return nil }
        take(k, now: now)
        admissionWaits.record(now - next.since)
        return (next.id, k)
    }

    /// Gives consultant `k` a task of `hours` at `now`. Returns its finishing time when
    /// the consultant starts it at once, nil when it waits behind other tasks (it is then
    /// started by `finishTask`). A `priority` task goes before every waiting ordinary task.
    public mutating func submit(_ task: Task, hours: Double, consultant k: Int, priority: Bool = false, now: Double) -> Double? {
        precondition(hours >= 0, "a task cannot take negative hours")
        if desks[k].busy {
            taskLines.append(PendingTask(task: task, hours: hours), to: 2 * k + (priority ? 1 : 0))
            desks[k].queued += 1
            return nil
        }
        desks[k].busy = true
        desks[k].working.update(1, at: now)
        return now + hours / consultants[k].hoursPerDay
    }

    /// The current task of consultant `k` finished at `now` after `hours` of work.
    /// Returns the next task it starts and that task's finishing time, if any.
    public mutating func finishTask(consultant k: Int, hours: Double, now: Double) -> (task: Task, finish: Double)? {
        precondition(desks[k].busy, "consultant \(k) has no task in progress")
        desks[k].hoursWorked += hours
        guard desks[k].queued > 0 else {
            desks[k].busy = false
            desks[k].working.update(0, at: now)
            return nil
        }
        desks[k].queued -= 1
        let next = taskLines.removeFirst(from: taskLines.isEmpty(2 * k + 1) ? 2 * k : 2 * k + 1)
        return (next.task, now + next.hours / consultants[k].hoursPerDay)
    }

    /// The consultant with the fewest tasks on hand (in progress and waiting), the lowest
    /// index among equals: where a team's task goes when it is nobody's own case.
    public func leastBusyConsultant() -> Int {
        var best = 0, fewest = Int.max
        for k in consultants.indices {
            let n = desks[k].queued + (desks[k].busy ? 1 : 0)
            if n < fewest { best = k; fewest = n }
        }
        return best
    }

    /// Tasks waiting for consultant `k` (not counting the one in progress).
    public func queuedTasks(consultant k: Int) -> Int { desks[k].queued }

    /// Places taken at `now` by cases outside the chain (old-law clients, Participatiewet
    /// clients), above the cap if need be. They are freed one by one with `close`.
    public mutating func occupy(consultant k: Int, places: Int, now: Double) {
        precondition(places >= 0, "cannot occupy a negative number of places")
        openCases[k] += places
        caseload[k].update(Double(openCases[k]), at: now)
        reposition(k)
    }

    /// Sets consultant `k`'s cap and hours per day from `now` (see the policy above).
    /// Returns the waiting cases that a raised cap admits, in line order.
    public mutating func setCapacity(consultant k: Int, cap: Int, hoursPerDay: Double, now: Double) -> [(id: Int, consultant: Int)] {
        precondition(cap > 0 && hoursPerDay > 0, "a consultant needs a positive cap and hours per day")
        consultants[k].cap = cap
        consultants[k].hoursPerDay = hoursPerDay
        uniformCaps = Set(consultants.map(\.cap)).count <= 1
        var admitted: [(id: Int, consultant: Int)] = []
        let line = lineIndex(consultants[k].area)
        while openCases[k] < cap, let next = lines[line].first {
            // The freed places go to the line's head, via the least-loaded eligible consultant.
            guard let j = freeConsultant(line: line) else { break }
            lines[line].removeFirst()
            take(j, now: now)
            admissionWaits.record(now - next.since)
            admitted.append((next.id, j))
        }
        return admitted
    }

    /// Mean share of time consultant `k` spent on tasks from the start to `time`.
    public func utilisation(consultant k: Int, until time: Double) -> Double {
        desks[k].working.mean(until: time)
    }

    private func lineIndex(_ area: Int) -> Int { assignment == .pooled ? 0 : area }

    /// The least-loaded free consultant of another line whose own line is empty (its own
    /// area's cases come first), the lowest line among equals.
    private func freeElsewhere(than line: Int) -> Int? {
        var best: Int?
        for other in heaps.indices where other != line && lines[other].isEmpty {
            if let k = freeConsultant(line: other), best.map({ before(k, $0) }) ?? true { best = k }
        }
        return best
    }

    /// The consultant with the fewest open cases among those of the line with a free place,
    /// the lowest index among equals.
    private func freeConsultant(line: Int) -> Int? {
        if uniformCaps {
            guard let k = heaps[line].first, openCases[k] < consultants[k].cap else { return nil }
            return k
        }
        var best: Int?
        for k in heaps[line] where openCases[k] < consultants[k].cap {
            if best.map({ before(k, $0) }) ?? true { best = k }
        }
        return best
    }

    private mutating func take(_ k: Int, now: Double) {
        openCases[k] += 1
        caseload[k].update(Double(openCases[k]), at: now)
        reposition(k)
    }

    private func before(_ a: Int, _ b: Int) -> Bool { openCases[a] < openCases[b] || (openCases[a] == openCases[b] && a < b) }

    /// Restores the heap order after consultant `k`'s open cases changed.
    private mutating func reposition(_ k: Int) {
        let line = assignment == .pooled ? 0 : consultants[k].area
        var i = position[k]
        while i > 0 {
            let parent = (i - 1) / 2
            guard before(heaps[line][i], heaps[line][parent]) else { break }
            swapAt(line, i, parent)
            i = parent
        }
        let n = heaps[line].count
        while true {
            let l = 2 * i + 1, r = l + 1
            var smallest = i
            if l < n && before(heaps[line][l], heaps[line][smallest]) { smallest = l }
            if r < n && before(heaps[line][r], heaps[line][smallest]) { smallest = r }
            guard smallest != i else { break }
            swapAt(line, i, smallest)
            i = smallest
        }
    }

    private mutating func swapAt(_ line: Int, _ i: Int, _ j: Int) {
        heaps[line].swapAt(i, j)
        position[heaps[line][i]] = i
        position[heaps[line][j]] = j
    }
}

/// FIFO lines of values in one array of nodes: line `i` is a linked list from `head[i]` to
/// `tail[i]`, and removed nodes are reused (last freed, first reused: still in the cache).
struct TaskLines<Value> {
    private struct Node {
        var value: Value?
        var next: Int32
    }
    private var nodes: [Node] = []
    private var head: [Int32] = [], tail: [Int32] = []
    private var free: Int32 = -1

    init(count: Int) {
        head = Array(repeating: -1, count: count)
        tail = head
    }

    func isEmpty(_ line: Int) -> Bool { head[line] < 0 }

    mutating func append(_ value: Value, to line: Int) {
        let node: Int32
        if free >= 0 {
            node = free
            free = nodes[Int(node)].next
            nodes[Int(node)] = Node(value: value, next: -1)
        } else {
            node = Int32(nodes.count)
            nodes.append(Node(value: value, next: -1))
        }
        if tail[line] >= 0 { nodes[Int(tail[line])].next = node } else { head[line] = node }
        tail[line] = node
    }

    /// The first value of a line that is not empty.
    mutating func removeFirst(from line: Int) -> Value {
        let node = Int(head[line])
        precondition(node >= 0, "line \(line) is empty")
        head[line] = nodes[node].next
        if head[line] < 0 { tail[line] = -1 }
        let value = nodes[node].value!
        nodes[node] = Node(value: nil, next: free)
        free = Int32(node)
        return value
    }
}
