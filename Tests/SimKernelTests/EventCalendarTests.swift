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
