import SimKernel
import Stochastics
import Testing

/// `#expect` cannot take mutating calls; this evaluates the condition first.
func check(_ condition: Bool, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(condition, comment, sourceLocation: sourceLocation)
}

@Suite struct ServerPoolTests {
    @Test func fifoHandCase() {
        // 2 servers; arrivals a, b, c, d at t = 0, 0, 1, 2; releases at 3 and 4.
        var pool = ServerPool<String>(capacity: 2)
        check(pool.request("a", now: 0))
        check(pool.request("b", now: 0))
        check(!pool.request("c", now: 1))
        check(!pool.request("d", now: 2))
        check(pool.release(now: 3) == "c")  // waited 2
        check(pool.release(now: 4) == "d")  // waited 2
        check(pool.release(now: 5) == nil)
        check(pool.release(now: 6) == nil)
        #expect(pool.waits.count == 4 && pool.waits.mean == 1.0)
        // Busy: 2 on [0, 5), 1 on [5, 6): area 11 over 6 days.
        #expect(abs(pool.utilisation(until: 6) - 11.0 / 12.0) < 1e-12)
        // Queue: 1 on [1, 2), 2 on [2, 3), 1 on [3, 4): area 4.
        #expect(abs(pool.queueLength.integral(until: 6) - 4) < 1e-12)
    }

    @Test func priorityServesLowestValueFirstThenFifo() {
        var pool = ServerPool<String>(capacity: 1, discipline: .priority)
        check(pool.request("busy", now: 0))
        _ = pool.request("low1", priority: 5, now: 1)
        _ = pool.request("high", priority: 1, now: 2)
        _ = pool.request("low2", priority: 5, now: 3)
        check(pool.release(now: 4) == "high")
        check(pool.release(now: 5) == "low1")
        check(pool.release(now: 6) == "low2")
    }

    @Test func capacityDropFinishesWorkInProgressAndStartsNoOne() {
        var pool = ServerPool<Int>(capacity: 3)
        for i in 0..<3 { check(pool.request(i, now: 0)) }
        check(!pool.request(3, now: 0))
        check(pool.setCapacity(1, now: 1).isEmpty)
        #expect(pool.busy == 3)               // no preemption
        check(pool.release(now: 2) == nil)  // busy 2 > capacity 1: nobody starts
        check(pool.release(now: 3) == nil)  // busy 1 = capacity: nobody starts
        check(pool.release(now: 4) == 3)    // busy 0 < 1: the waiting item starts
        check(pool.setCapacity(2, now: 5).isEmpty)
        check(pool.request(4, now: 5))
    }

    @Test func capacityRiseStartsWaitingItems() {
        var pool = ServerPool<Int>(capacity: 1)
        _ = pool.request(0, now: 0)
        _ = pool.request(1, now: 0)
        _ = pool.request(2, now: 0)
        check(pool.setCapacity(3, now: 2) == [1, 2])
        #expect(abs(pool.waits.mean - 4.0 / 3) < 1e-12)
    }
}

@Suite struct CaseloadPoolTests {
    @Test func pooledAdmissionByLeastLoadedThenQueue() {
        var pool = CaseloadPool<String>(consultants: [.init(cap: 2, hoursPerDay: 4), .init(cap: 2, hoursPerDay: 4)],
                                        assignment: .pooled)
        check(pool.admit(1, now: 0) == 0)
        check(pool.admit(2, now: 0) == 1)
        check(pool.admit(3, now: 1) == 0)
        check(pool.admit(4, now: 1) == 1)
        check(pool.admit(5, now: 2) == nil)
        check(pool.admit(6, now: 3) == nil)
        #expect(pool.waitingCases == 2)
        let next = pool.close(consultant: 1, now: 10)
        #expect(next?.id == 5 && next?.consultant == 1)
        #expect(pool.admissionWaits.max == 8)
        check(pool.close(consultant: 0, now: 12)?.id == 6)
        check(pool.close(consultant: 0, now: 13) == nil)
        #expect(pool.openCases == [1, 2])
        // Consultant 0 held 1 case on [0,1), 2 on [1,13), 1 after: area to 20 = 1 + 24 + 7.
        #expect(abs(pool.caseload[0].integral(until: 20) - 32) < 1e-12)
    }

    @Test func perAreaCasesWaitForTheirOwnAreasConsultants() {
        var pool = CaseloadPool<String>(
            consultants: [.init(area: 0, cap: 1, hoursPerDay: 4), .init(area: 1, cap: 1, hoursPerDay: 4)],
            assignment: .perArea)
        check(pool.admit(1, area: 0, now: 0) == 0)
        check(pool.admit(2, area: 0, now: 0) == nil) // consultant 1 is free but serves area 1
        check(pool.admit(3, area: 1, now: 0) == 1)
        #expect(pool.waitingCases(area: 0) == 1 && pool.waitingCases(area: 1) == 0)
        check(pool.close(consultant: 1, now: 5) == nil)
        check(pool.close(consultant: 0, now: 6)?.id == 2)
    }

    @Test func anAreaPreferenceOverflowsAfterItsWait() {
        // Two areas of one consultant each (cap 1), overflow after 5 days. Area 0: case 1
        // at day 0 (its own consultant 0), case 2 at day 1 (waits for area 0).
        var pool = CaseloadPool<String>(
            consultants: [.init(area: 0, cap: 1, hoursPerDay: 4), .init(area: 1, cap: 1, hoursPerDay: 4)],
            assignment: .perArea, overflowAfter: 5)
        check(pool.admit(1, area: 0, now: 0) == 0)
        check(pool.admit(2, area: 0, now: 1) == nil)
        // Day 6: case 2 has waited 5 days and consultant 1 (area 1, no line) is free: it goes there.
        check(pool.overflow(2, area: 0, now: 6) == 1)
        #expect(pool.waitingCases == 0 && pool.openCases == [1, 1])
        #expect(pool.admissionWaits.count == 3 - 1 && abs(pool.admissionWaits.mean - 2.5) < 1e-12) // waits 0 and 5
        // A case already admitted, or one of an area whose consultants are all busy elsewhere, does not move.
        check(pool.overflow(2, area: 0, now: 7) == nil)
        check(pool.admit(3, area: 0, now: 7) == nil)
        check(pool.admit(4, area: 1, now: 8) == nil)
        check(pool.overflow(3, area: 0, now: 12) == nil) // no free place anywhere
        // Day 13: consultant 1 frees a place: its own line (case 4) comes first.
        check(pool.close(consultant: 1, now: 13)?.id == 4)
        // Day 14: consultant 0 frees one: case 3 (its own area) takes it.
        check(pool.close(consultant: 0, now: 14)?.id == 3)
        // A place freed in an area with no line takes another area's case that has waited
        // at least 5 days (case 5, since day 15), not one that waited less (case 6, since day 19).
        check(pool.admit(5, area: 0, now: 15) == nil)
        check(pool.close(consultant: 1, now: 18) == nil) // case 5 has waited 3 days only
        check(pool.admit(6, area: 0, now: 19) == nil)     // own area full; case 5 is ahead in line
        check(pool.close(consultant: 0, now: 20)?.id == 5) // its own area's place
        check(pool.admit(7, area: 1, now: 21) == 1)       // the place freed at 18 was kept for area 1
        check(pool.close(consultant: 1, now: 25)?.id == 6) // case 6 has waited 6 days ≥ 5
    }

    @Test func anAreaPreferenceOfZeroDaysTakesAnotherAreasPlaceAtOnce() {
        var pool = CaseloadPool<String>(
            consultants: [.init(area: 0, cap: 1, hoursPerDay: 4), .init(area: 1, cap: 1, hoursPerDay: 4)],
            assignment: .perArea, overflowAfter: 0)
        check(pool.admit(1, area: 0, now: 0) == 0)
        check(pool.admit(2, area: 0, now: 1) == 1) // its own area is full: consultant 1 at once
        check(pool.admit(3, area: 1, now: 2) == nil) // area 1's own case now waits for its place
        // Area 0 has no line: its freed place takes area 1's case, which has waited 1 day ≥ 0.
        check(pool.close(consultant: 0, now: 3)?.id == 3)
        #expect(pool.openCases == [1, 1] && pool.waitingCases == 0)
    }

    @Test func tasksRunOneAtATimeInCalendarDays() {
        // 4 casework hours per calendar day: an 8-hour task takes 2 days.
        var pool = CaseloadPool<String>(consultants: [.init(cap: 5, hoursPerDay: 4)], assignment: .pooled)
        check(pool.submit("intake", hours: 8, consultant: 0, now: 0) == 2)
        check(pool.submit("pip", hours: 2, consultant: 0, now: 1) == nil)
        #expect(pool.queuedTasks(consultant: 0) == 1)
        let next = pool.finishTask(consultant: 0, hours: 8, now: 2)
        #expect(next?.task == "pip" && next?.finish == 2.5)
        check(pool.finishTask(consultant: 0, hours: 2, now: 2.5) == nil)
        #expect(pool.hoursWorked == [10])
        // Working on [0, 2.5) of [0, 5]: utilisation 0.5.
        #expect(abs(pool.utilisation(consultant: 0, until: 5) - 0.5) < 1e-12)
    }

    @Test func benefitWorkGoesBeforeWaitingInburgeringTasksButInterruptsNothing() {
        // 4 h/day. Day 0: intake talk (4 h) starts; day 0.1 a PIP (2 h) waits; day 0.2 benefit
        // work (4 h, priority) arrives: it waits for the talk (non-preemptive) but goes before
        // the PIP. Talk 0–1, benefit 1–2, PIP 2–2.5. FIFO would give PIP 1–1.5, benefit 1.5–2.5.
        var pool = CaseloadPool<String>(consultants: [.init(cap: 5, hoursPerDay: 4)], assignment: .pooled)
        check(pool.submit("talk", hours: 4, consultant: 0, now: 0) == 1)
        check(pool.submit("pip", hours: 2, consultant: 0, now: 0.1) == nil)
        check(pool.submit("benefit", hours: 4, consultant: 0, priority: true, now: 0.2) == nil)
        let second = pool.finishTask(consultant: 0, hours: 4, now: 1)
        #expect(second?.task == "benefit" && second?.finish == 2)
        let third = pool.finishTask(consultant: 0, hours: 4, now: 2)
        #expect(third?.task == "pip" && third?.finish == 2.5)
        // Two benefit tasks keep their own order.
        check(pool.submit("b1", hours: 1, consultant: 0, priority: true, now: 2.1) == nil)
        check(pool.submit("b2", hours: 1, consultant: 0, priority: true, now: 2.2) == nil)
        #expect(pool.finishTask(consultant: 0, hours: 2, now: 2.5)?.task == "b1")
        #expect(pool.finishTask(consultant: 0, hours: 1, now: 2.75)?.task == "b2")
    }

    @Test func eachConsultantsLinesStayFirstInFirstOutWhenTheirNodesAreShared() {
        // The consultants' task lines share one array of nodes, reused as tasks finish: against
        // a reference of two arrays per consultant, 20,000 random submissions and finishes.
        let n = 5
        var pool = CaseloadPool<Int>(consultants: Array(repeating: .init(cap: 5, hoursPerDay: 1), count: n), assignment: .pooled)
        var ordinary = Array(repeating: [Int](), count: n), urgent = ordinary, busy = Array(repeating: false, count: n)
        let stream = RandomStream(seed: 3)
        for i in 0..<20_000 {
            let k = stream.integer(below: n)
            if stream.uniform() < 0.55 {
                let priority = stream.uniform() < 0.2
                let started = pool.submit(i, hours: 1, consultant: k, priority: priority, now: 0)
                #expect((started != nil) == !busy[k])
                if busy[k] { if priority { urgent[k].append(i) } else { ordinary[k].append(i) } }
                busy[k] = true
            } else if busy[k] {
                let next = pool.finishTask(consultant: k, hours: 1, now: 0)
                let expected = urgent[k].isEmpty ? ordinary[k].first : urgent[k].first
                #expect(next?.task == expected)
                if !urgent[k].isEmpty { urgent[k].removeFirst() } else if !ordinary[k].isEmpty { ordinary[k].removeFirst() } else { busy[k] = false }
            }
            #expect(pool.queuedTasks(consultant: k) == ordinary[k].count + urgent[k].count)
        }
    }

    @Test func oldCasesAboveTheCapBlockAdmissionUntilTheyDropBelowIt() {
        // Cap 2, three old-law cases at the start: a new case waits until two of them closed.
        var pool = CaseloadPool<String>(consultants: [.init(cap: 2, hoursPerDay: 4)], assignment: .pooled)
        pool.occupy(consultant: 0, places: 3, now: 0)
        check(pool.admit(7, now: 1) == nil)
        check(pool.close(consultant: 0, now: 10) == nil)      // 2 open: still at the cap
        let next = pool.close(consultant: 0, now: 20)          // 1 open: the place is free
        #expect(next?.id == 7 && next?.consultant == 0)
        #expect(pool.admissionWaits.max == 19)
        #expect(pool.openCases == [2])
    }

    @Test func capacityChangesFollowTheStatedPolicy() {
        // 4 h/day, cap 2, two cases open and one waiting. Sick leave from day 1 halves the
        // hours and the cap: the talk in progress (8 h from day 0) still ends on day 2, the
        // next (2 h) takes a whole day; nobody is handed back, and a case closing on day 4
        // leaves 1 open = the new cap: no admission. Recovery on day 5 restores cap 2 and
        // admits the waiting case at once.
        var pool = CaseloadPool<String>(consultants: [.init(cap: 2, hoursPerDay: 4)], assignment: .pooled)
        check(pool.admit(1, now: 0) == 0)
        check(pool.admit(2, now: 0) == 0)
        check(pool.admit(3, now: 0) == nil)
        check(pool.submit("talk", hours: 8, consultant: 0, now: 0) == 2)
        check(pool.submit("pip", hours: 2, consultant: 0, now: 0.5) == nil)
        #expect(pool.setCapacity(consultant: 0, cap: 1, hoursPerDay: 2, now: 1).isEmpty)
        #expect(pool.openCases == [2])
        #expect(pool.finishTask(consultant: 0, hours: 8, now: 2)?.finish == 3)
        check(pool.close(consultant: 0, now: 4) == nil)       // 1 open = new cap: no admission
        #expect(pool.setCapacity(consultant: 0, cap: 2, hoursPerDay: 4, now: 5).map(\.id) == [3])
        #expect(pool.admissionWaits.max == 5)
        #expect(pool.openCases == [2])
    }
}

@Suite struct SlotCalendarTests {
    @Test func hengeloThreeSessionsOfTwoPerWeek() {
        // Sessions on days 0, 2, 4 of every week, 2 places each (EVAL2024: Hengelo).
        var lbt = SlotCalendar(first: 0, period: 7, offsets: [0, 2, 4], slotsPerSession: 2)
        let booked = (0..<8).map { _ in lbt.book(earliest: 1) }
        #expect(booked == [2, 2, 4, 4, 7, 7, 9, 9])
        check(lbt.book(earliest: 3) == 11)      // 4, 7 and 9 are full
        check(lbt.book(earliest: 20) == 21)     // day 21 = week 3, offset 0
        #expect(lbt.waits.max == 8)
        #expect(lbt.placesOffered(from: 0, to: 14) == 12)
        #expect(lbt.placesBooked(from: 0, to: 14) == 9)
    }

    @Test func tholenFourEveryTwoWeeks() {
        var lbt = SlotCalendar(first: 3, period: 14, slotsPerSession: 4)
        let times = (0..<9).map { _ in lbt.book(earliest: 0) }
        #expect(times == [3, 3, 3, 3, 17, 17, 17, 17, 31])
    }
}

@Suite struct CohortStartsTests {
    let calendar = DayCalendar(start: "2022-01-01")!

    @Test func februaryAndSeptemberStartsMinFourMaxSixteen() {
        let feb = calendar.yearly(month: 2, day: 1, from: 0, to: 730)
        let sep = calendar.yearly(month: 9, day: 1, from: 0, to: 730)
        #expect(feb == [31, 396] && sep == [243, 608])
        var school = CohortStarts<Int>(times: feb + sep, minSize: 4, maxSize: 16)
        // Three register in January 2022: below the minimum, the February class does not run.
        for i in 0..<3 { school.register(i, now: Double(5 + i)) }
        check(school.start(now: 31).isEmpty)
        #expect(school.cancelledStarts == 1)
        // Eighteen more by summer: 21 wait on 1 September; one group of 16 runs, 5 wait.
        for i in 3..<21 { school.register(i, now: 100) }
        let september = school.start(now: 243)
        #expect(september.map(\.count) == [16])
        #expect(september[0] == Array(0..<16))   // in order of registration
        #expect(school.waiting == 5)
        #expect(school.waits.max == 243 - 5)     // the first registrant waited ~8 months
        // The next start, 1 Feb 2023: the 5 leftovers start.
        #expect(school.nextStart(atOrAfter: 244) == 396)
        check(school.start(now: 396).map(\.count) == [5])
        #expect(school.waits.max == 396 - 100) // a leftover who registered on day 100
        #expect(abs(school.fillRate - (16.0 + 5.0) / 2 / 16) < 1e-12)
    }

    @Test func parallelGroupsSplitEvenlyAndRespectTheMinimum() {
        var school = CohortStarts<Int>(times: [10, 20], minSize: 8, maxSize: 12, groups: 2)
        for i in 0..<20 { school.register(i, now: 0) }
        check(school.start(now: 10).map(\.count) == [10, 10])
        // 15 waiting with min 8: two groups would average 7.5 < 8, so one group of 12 runs.
        for i in 0..<15 { school.register(i, now: 11) }
        check(school.start(now: 20).map(\.count) == [12])
        #expect(school.waiting == 3)
    }

    @Test func regularStartsEveryThreeWeeks() {
        #expect(CohortStarts<Int>.regularTimes(first: 7, every: 21, last: 70) == [7, 28, 49, 70])
    }
}

@Suite struct ScheduleAndCalendarTests {
    @Test func stepValuesAndAverages() {
        let fte = Schedule(initial: 4, changes: [.init(time: 100, value: 6), .init(time: 50, value: 5)])
        #expect(fte.value(at: 0) == 4 && fte.value(at: 50) == 5 && fte.value(at: 99.9) == 5 && fte.value(at: 100) == 6)
        #expect(abs(fte.average(from: 0, to: 200) - (4 * 50 + 5 * 50 + 6 * 100) / 200.0) < 1e-12)
    }

    @Test func datesToDays() {
        #expect(calendar.day("2022-02-01") == 31)
        #expect(calendar.day("2023-01-01") == 365)
        #expect(calendar.day("2024-03-01") == 790) // 2 × 365 + 31 + 29 (leap year)
        #expect(calendar.day("2022-02-30") == nil)
        #expect(calendar.date(ofDay: 31) == "2022-02-01")
        #expect(DayCalendar(start: "2022-13-01") == nil)
    }

    let calendar = DayCalendar(start: "2022-01-01")!
}

@Suite struct StatisticsTests {
    @Test func tallyMatchesHandComputation() {
        var t = Tally(keepsSamples: true)
        for x in [2.0, 4, 4, 4, 5, 5, 7, 9] { t.record(x) }
        #expect(t.mean == 5 && t.count == 8 && t.min == 2 && t.max == 9)
        #expect(abs(t.variance - 32.0 / 7) < 1e-12)
        #expect(t.quantiles([0, 0.5, 1]) == [2, 4.5, 9])
        // t(0.975, 7) = 2.364624: half-width = 2.364624 * sqrt(32/7) / sqrt(8).
        #expect(abs(t.halfWidth() - 2.364624 * (32.0 / 7).squareRoot() / 8.0.squareRoot()) < 1e-5)
    }

    @Test func intervalBoundsAreNumbersOrNaNNeverATrap() {
        var t = Tally()
        for x in [2.0, 4, 4, 4, 5, 5, 7, 9] { t.record(x) }
        let h = t.halfWidth()
        #expect(t.bounds() == (5 - h, 5 + h))
        var one = Tally()
        one.record(3)
        #expect(one.bounds() == (3, 3))
        // A mean that is not a number (an infinite task time) gives no interval, not a trap.
        var broken = Tally()
        for x in [1.0, .infinity, -.infinity] { broken.record(x) }
        #expect(broken.bounds().lower.isNaN && broken.bounds().upper.isNaN)
        #expect(Tally().bounds().lower.isNaN)
    }

    @Test func mergedTallyEqualsOneTally() {
        var a = Tally(), b = Tally(), all = Tally()
        for i in 0..<100 { let x = Double(i * i % 17); (i < 30 ? { a.record(x) } : { b.record(x) })(); all.record(x) }
        a.merge(b)
        #expect(a.count == all.count && abs(a.mean - all.mean) < 1e-12 && abs(a.variance - all.variance) < 1e-10)
        #expect(a.min == all.min && a.max == all.max)
    }

    @Test func timeWeightedAreaHandCase() {
        var wip = TimeWeighted(value: 0, at: 0)
        wip.update(3, at: 2)   // 0 on [0,2)
        wip.update(1, at: 5)   // 3 on [2,5)
        wip.add(1, at: 9)      // 1 on [5,9), then 2
        #expect(wip.integral(until: 10) == 0 + 9 + 4 + 2)
        #expect(wip.mean(until: 10) == 1.5 && wip.max == 3)
    }

    @Test func snapshotsKeepSeries() {
        var s = Snapshots(names: ["intake", "lbt"])
        s.record(at: 30, [4, 1])
        s.record(at: 60, [6, 2])
        #expect(s.series("lbt") == [1, 2] && s.series("none") == nil)
    }
}

@Suite struct SizeMatchingTests {
    @Test func smallestFittingUnitAndLongestWaitingClaimant() {
        var housing = SizeMatching<String>(maxSize: 6)
        // Vacant units of 2 and 4: a household of 2 takes the 2, one of 3 the 4.
        check(housing.offer(capacity: 4) == nil)
        check(housing.offer(capacity: 2) == nil)
        check(housing.claim("pair", size: 2))
        check(housing.claim("three", size: 3))
        #expect(housing.vacant == 0)
        // Waiting: a family of 5 first, then a single, then a pair. A unit of 2 goes to the
        // single (the longest-waiting that fits), a unit of 6 to the family, then one of 1 to nobody.
        check(!housing.claim("family", size: 5))
        check(!housing.claim("single", size: 1))
        check(!housing.claim("pair2", size: 2))
        check(housing.offer(capacity: 2) == "single")
        check(housing.offer(capacity: 6) == "family")
        check(housing.offer(capacity: 1) == nil)
        #expect(housing.waitingClaimants == 1 && housing.vacant == 1)
        // Sizes above maxSize count as maxSize.
        check(!housing.claim("large", size: 9))
        check(housing.offer(capacity: 12) == "pair2")
        check(housing.offer(capacity: 6) == "large")
    }
}
