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
}
