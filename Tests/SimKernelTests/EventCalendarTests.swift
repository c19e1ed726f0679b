import Foundation
import SimKernel
import Stochastics
import Testing

@Suite struct EventCalendarTests {
    @Test func heapPopsInKeyOrderAndFifoAmongEqualKeys() {
        var heap = KeyedHeap<Int>()
        let stream = RandomStream(seed: 11)
        var inserted: [(key: Double, value: Int)] = []
        for i in 0..<5_000 {
            let key = Double(stream.integer(below: 50)) // many ties
            heap.insert(i, key: key)
            inserted.append((key, i))
        }
        // Stable sort by key = the order the heap must produce.
        let expected = inserted.enumerated().sorted { ($0.element.key, $0.offset) < ($1.element.key, $1.offset) }.map(\.element.value)
        var popped: [Int] = []
        while let (_, v) = heap.popMin() { popped.append(v) }
        #expect(popped == expected)
    }

    /// The heap orders entries by one integer made of the key's bits (see `KeyedHeap.Entry`):
    /// that order must be `<` on the keys for negative, fractional, signed-zero and infinite
    /// keys as well, and the key handed back must be the one put in (−0 as 0, which `==` has equal).
    @Test func heapOrdersSignedAndInfiniteKeysAsTheNumbersDo() {
        var heap = KeyedHeap<Int>()
        let stream = RandomStream(seed: 12)
        let special: [Double] = [-.infinity, .infinity, -0.0, 0.0, -.leastNonzeroMagnitude, .leastNonzeroMagnitude,
                                 -.greatestFiniteMagnitude, .greatestFiniteMagnitude, -1, 1, -0.5, 0.5]
        var keys: [Double] = []
        for i in 0..<4_000 {
            let key = i < special.count * 3 ? special[i % special.count] : (stream.uniform() - 0.5) * pow(10, Double(stream.integer(below: 12)) - 4)
            heap.insert(i, key: key)
            keys.append(key)
        }
        let expected = keys.indices.sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        var popped: [Int] = [], poppedKeys: [Double] = []
        while let (k, v) = heap.popMin() { popped.append(v); poppedKeys.append(k) }
        #expect(popped == expected)
        #expect(poppedKeys == expected.map { keys[$0] })
    }

    struct Recorder: DiscreteEventModel {
        var calendar = EventCalendar<String>()
        var log: [String] = []
        mutating func handle(_ event: String) {
            log.append("\(calendar.now):\(event)")
            if event == "a" { calendar.schedule("c", after: 0) } // same time, scheduled later: fires after b
        }
    }

    @Test func equalTimesFireInSchedulingOrder() {
        var m = Recorder()
        m.calendar.schedule("late", at: 5)
        m.calendar.schedule("a", at: 2)
        m.calendar.schedule("b", at: 2)
        m.run()
        #expect(m.log == ["2.0:a", "2.0:b", "2.0:c", "5.0:late"])
        #expect(m.calendar.processed == 4)
    }

    @Test func runStopsAtTheHorizonAndLeavesLaterEvents() {
        var m = Recorder()
        m.calendar.schedule("x", at: 1)
        m.calendar.schedule("y", at: 10)
        m.run(until: 4)
        #expect(m.log == ["1.0:x"])
        #expect(m.calendar.now == 4)
        #expect(m.calendar.pending == 1)
        m.run(until: 10)
        #expect(m.log == ["1.0:x", "10.0:y"])
    }

    /// The calendar against the definition of its order: a list searched for the least
    /// (time, scheduling order). Events schedule others at delays that hit every path: the same
    /// time, later today, tomorrow, whole days ahead (ties at midnight), far days, years; the run
    /// stops at horizons in between.
    @Test func ordersAsAListSortedByTimeThenSchedulingOrder() {
        struct Reference {
            var pending: [(time: Double, sequence: Int, event: Int)] = []
            var sequence = 0, now = 0.0
            mutating func schedule(_ event: Int, at time: Double) {
                pending.append((time, sequence, event))
                sequence += 1
            }
            mutating func next(until horizon: Double) -> Int? {
                guard let i = pending.indices.min(by: { (pending[$0].time, pending[$0].sequence) < (pending[$1].time, pending[$1].sequence) }),
                      pending[i].time <= horizon else { return nil }
                now = pending[i].time
                return pending.remove(at: i).event
            }
        }
        /// What event `e` schedules when `made` events were made before it: the same for both
        /// calendars as long as they hand out the same events. About 30,000 in all.
        func follows(_ e: Int, made: Int) -> [(event: Int, delay: Double)] {
            let stream = RandomStream(seed: UInt64(e) &+ 77)
            let count = made < 30_000 ? stream.integer(below: 3) + (made < 500 ? 1 : 0) : 0
            return (0..<count).map { i in
                let delays: [Double] = [0, stream.uniform() * 0.9, 1, Double(stream.integer(below: 40)), 1 + stream.uniform(),
                                        Double(stream.integer(below: 40)) + stream.uniform(), 400 + stream.uniform() * 400, 0.5]
                return (made + i, delays[stream.integer(below: delays.count)])
            }
        }
        var calendar = EventCalendar<Int>()
        var reference = Reference()
        for e in 0..<50 { calendar.schedule(e, at: Double(e % 7)); reference.schedule(e, at: Double(e % 7)) }
        var log: [String] = [], expected: [String] = [], made = (calendar: 50, reference: 50)
        for horizon in [0.5, 3, 3, 17.25, 100, .infinity] {
            while let e = calendar.next(until: horizon) {
                log.append("\(calendar.now):\(e)")
                for (f, d) in follows(e, made: made.calendar) { calendar.schedule(f, at: calendar.now + d); made.calendar += 1 }
            }
            while let e = reference.next(until: horizon) {
                expected.append("\(reference.now):\(e)")
                for (f, d) in follows(e, made: made.reference) { reference.schedule(f, at: reference.now + d); made.reference += 1 }
            }
            #expect(calendar.pending == reference.pending.count)
        }
        #expect(log.count > 25_000)
        #expect(log == expected)
    }
}
