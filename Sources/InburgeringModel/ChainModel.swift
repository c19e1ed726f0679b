import DequeModule
import SimKernel
import Stochastics

/// One replication of the inburgering chain (DOMAIN.md §2): koppeling → AZC → housing
/// (BRP) → settling → intake queue → intake talks → LBT → (school intake) → PIP →
/// school registration → cohort start → route. Consultants carry a case from admission
/// until `progress.case_closes_after_pip_days` after the PIP, spending hours on talks,
/// ontzorgen, the PIP and progress talks (and other work, when the pool has it).
///
/// Person attributes (household, score band, route, vroege start, school intake) are
/// drawn at set-up from streams that depend only on the inflow, so scenarios that differ
/// in organisation see the same people (common random numbers).
public struct ChainModel: DiscreteEventModel {
    public enum Event {
        case koppeling(household: Int32)
        case eligible(household: Int32)
        case dwellingOffer(municipality: Int32, capacity: Int32)
        case housed(household: Int32)
        case registered(person: Int32)
        case referral(person: Int32)
        case talk(person: Int32)
        case taskDone(pool: Int32, consultant: Int32, task: Task)
        case lbtRequest(person: Int32)
        case lbtResult(person: Int32)
        case pipDraft(person: Int32)
        case pipFix(person: Int32)
        case schoolRegistration(person: Int32)
        case cohortStart(school: Int32)
        case progressTalk(person: Int32)
        case caseClose(person: Int32)
        case otherWork(pool: Int32, consultant: Int32)
        case snapshot
    }

    public struct Task: Sendable {
        public enum Kind: Sendable { case talk, ontzorgen, pip, progress, other }
        let person: Int32
        let kind: Kind
        let hours: Double
    }

    struct Household {
        let municipality: Int
        let size: Int
        var members: [Int32]
    }

    /// What a vroege-start person waits for until the house is there.
    enum PendingStep { case none, lbt, pip }

    public var calendar = EventCalendar<Event>(capacity: 4096)
    public let scenario: Scenario
    public let dayCalendar: DayCalendar
    public let horizonEnd: Double
    public private(set) var persons: [PersonRecord] = []
    public private(set) var states: [ChainState] = []
    /// Persons per state (kept in step with `states`).
    public private(set) var stateCounts = [Int](repeating: 0, count: ChainState.allCases.count)
    /// Monthly persons per state (from the first of the month after the start).
    public private(set) var snapshots = Snapshots(names: ChainState.allCases.map(\.name))
    public private(set) var pools: [CaseloadPool<Task>] = []
    public private(set) var lbtSlots: SlotCalendar
    public private(set) var schools: [CohortStarts<Int32>] = []
    /// Dwellings offered that no waiting household fitted yet (they stay on offer).
    public var vacantDwellings: Int { vacant.reduce(0) { $0 + $1.count } }

    private var households: [Household] = []
    private var housingQueue: [Deque<Int32>]
    private var vacant: [[Int]]
    private var pending: [PendingStep] = []
    private var housed: [Bool] = []
    private var consultantOf: [Int32] = []
    private var talksDone: [Int8] = []
    private var schoolIntake: [Bool] = []
    private var poolOfMunicipality: [Int]
    private var areaOfMunicipality: [Int]
    private var schoolFor: [[Int]]

    // Samplers
    private let koppelingToEligible: Sampler, offerToKey: Sampler, settling: Sampler
    private let firstTalkDelay: Sampler, hoursPerTalk: Sampler, daysBetweenTalks: Sampler
    private let pipHours: Sampler, ontzorgenHours: Sampler, progressHours: Sampler
    private let intakeToLBT: Sampler, lbtToPIP: Sampler, pipToSchool: Sampler
    private let schoolIntakeDuration: Sampler?, familyReferral: Sampler?, vroegeContact: Sampler?
    private let otherWork: [Sampler?]

    // Streams: one per purpose; the set-up streams fix the people, the others their paths.
    private let housingStream: RandomStream, intakeStream: RandomStream, handoffStream: RandomStream
    private let consultantStream: RandomStream

    /// Snapshots every `snapshotEveryDays` days, or on the first of every month when nil.
    public let snapshotEveryDays: Double?

    public init(scenario s: Scenario, seed: UInt64, replication: Int, snapshotEveryDays: Double? = nil) {
        self.snapshotEveryDays = snapshotEveryDays
        func stream(_ name: String) -> RandomStream { RandomStream(master: seed, replication: replication, name: name) }
        scenario = s
        // The loader validated the dates; a fallback keeps the model total.
        dayCalendar = DayCalendar(start: s.horizon.start) ?? DayCalendar(start: "2022-01-01")!
        horizonEnd = dayCalendar.day(s.horizon.end) ?? 0
        let m = s.municipalities.count
        housingQueue = Array(repeating: Deque(), count: m)
        vacant = Array(repeating: [], count: m)
        koppelingToEligible = Sampler(s.housing.koppelingToEligible)
        offerToKey = Sampler(s.housing.offerToKey)
        settling = Sampler(s.settling)
        firstTalkDelay = Sampler(s.intake.firstTalkDelay)
        hoursPerTalk = Sampler(s.intake.hoursPerTalk)
        daysBetweenTalks = Sampler(s.intake.daysBetweenTalks)
        pipHours = Sampler(s.intake.pipHours)
        ontzorgenHours = Sampler(s.intake.ontzorgenHours)
        progressHours = Sampler(s.progress.hoursPerTalk)
        intakeToLBT = Sampler(s.organisation.handoffs.intakeToLBT)
        lbtToPIP = Sampler(s.organisation.handoffs.lbtToPIP)
        pipToSchool = Sampler(s.organisation.handoffs.pipToSchool)
        schoolIntakeDuration = s.schoolIntake.map { Sampler($0.duration) }
        familyReferral = s.inflow.familyMigrants.map { Sampler($0.referralDelay) }
        vroegeContact = s.vroegeStart.map { Sampler($0.contactDelay) }
        otherWork = s.organisation.pools.map { $0.otherWorkHoursPerWeek.map(Sampler.init) }
        housingStream = stream("housing")
        intakeStream = stream("intake")
        handoffStream = stream("handoffs")
        consultantStream = stream("consultants")

        let sessions = s.lbt.sessions
        lbtSlots = SlotCalendar(first: dayCalendar.day(sessions.first) ?? 0, period: sessions.periodDays,
                                offsets: sessions.offsets, slotsPerSession: sessions.slots)

        // Organisation: pools, and each municipality's pool and area within it.
        poolOfMunicipality = Array(repeating: 0, count: m)
        areaOfMunicipality = Array(repeating: 0, count: m)
        let names = s.municipalities.map(\.name)
        for (pi, pool) in s.organisation.pools.enumerated() {
            let ftePerConsultant = pool.fte / Double(pool.consultants)
            let hoursPerDay = ftePerConsultant * pool.weeklyHours * pool.productiveShare / 7
            let cap = max(1, Int((Double(pool.caseloadCap) * ftePerConsultant).rounded()))
            let served = pool.municipalities.compactMap { names.firstIndex(of: $0) }
            for (area, mi) in served.enumerated() {
                poolOfMunicipality[mi] = pi
                areaOfMunicipality[mi] = pool.assignment == .perArea ? area : 0
            }
            let consultants = (0..<pool.consultants).map { k in
                CaseloadPool<Task>.Consultant(area: pool.assignment == .perArea ? k % max(served.count, 1) : 0,
                                              cap: cap, hoursPerDay: hoursPerDay)
            }
            pools.append(CaseloadPool(consultants: consultants, assignment: pool.assignment == .perArea ? .perArea : .pooled))
        }

        // Schools and their start moments.
        schoolFor = Route.allCases.map { route in
            names.map { name in
                s.schools.firstIndex { $0.routes.contains(route) && ($0.municipalities?.contains(name) ?? true) } ?? -1
            }
        }
        for school in s.schools {
            let times: [Double]
            if let yearly = school.starts.yearly {
                times = yearly.compactMap(MonthDay.init).flatMap {
                    dayCalendar.yearly(month: $0.month, day: $0.day, from: 0, to: horizonEnd)
                }
            } else {
                let first = school.starts.first.flatMap(dayCalendar.day) ?? 0
                times = CohortStarts<Int32>.regularTimes(first: first, every: school.starts.everyDays ?? 30, last: horizonEnd)
            }
            schools.append(CohortStarts(times: times, minSize: school.minClass, maxSize: school.maxClass, groups: school.groups))
        }
        for (i, school) in schools.enumerated() {
            for t in school.times { calendar.schedule(.cohortStart(school: Int32(i)), at: t) }
        }

        generateInflow(seed: seed, replication: replication)
        for (pi, pool) in s.organisation.pools.enumerated() where pool.otherWorkHoursPerWeek != nil {
            for k in 0..<pool.consultants { calendar.schedule(.otherWork(pool: Int32(pi), consultant: Int32(k)), at: 0) }
        }
        calendar.schedule(.snapshot, at: 0)
    }

    // MARK: - Inflow (set-up)

    private mutating func generateInflow(seed: UInt64, replication: Int) {
        let s = scenario
        let people = RandomStream(master: seed, replication: replication, name: "inflow")
        let attributes = RandomStream(master: seed, replication: replication, name: "attributes")
        let supply = RandomStream(master: seed, replication: replication, name: "dwellings")
        let householdSize = Sampler(s.inflow.householdSize)
        let capacity = Sampler(s.housing.dwellingCapacity)
        let totalShare = s.municipalities.reduce(0) { $0 + $1.share }
        let shares = s.municipalities.map { $0.share / totalShare }
        let t = s.inflow.taakstelling
        let figures = (t.national ?? t.region ?? []).compactMap { f in HalfYear(f.period).map { ($0, f.persons * (t.regionShare ?? 1)) } }

        for (halfYear, regionPersons) in figures {
            let (a, b) = halfYear.days(dayCalendar)
            let from = max(a, 0), to = min(b, horizonEnd)
            guard to > from else { continue }
            let fraction = (to - from) / (b - a)
            for (mi, share) in shares.enumerated() {
                let target = regionPersons * share * fraction
                // Households until exactly round(target) persons (stochastic rounding).
                var persons = Int(target.rounded(.down))
                if people.uniform() < target - Double(persons) { persons += 1 }
                while persons > 0 {
                    let size = min(max(Int(householdSize.sample(people).rounded()), 1), persons)
                    persons -= size
                    let koppeling = from + people.uniform() * (to - from)
                    addHousehold(municipality: mi, size: size, koppeling: koppeling, attributes: attributes)
                }
                // Dwellings offered evenly over the half-year.
                let dwellingsExact = s.housing.realisation * target / max(s.inflow.householdSize.mean, 1)
                var dwellings = Int(dwellingsExact.rounded(.down))
                if supply.uniform() < dwellingsExact - Double(dwellings) { dwellings += 1 }
                for i in 0..<dwellings {
                    let when = from + (Double(i) + 0.5) * (to - from) / Double(dwellings)
                    let fits = max(Int(capacity.sample(supply).rounded()), 1)
                    calendar.schedule(.dwellingOffer(municipality: Int32(mi), capacity: Int32(fits)), at: when)
                }
            }
        }
        if let family = s.inflow.familyMigrants, family.perYear > 0 {
            for (mi, share) in shares.enumerated() where share > 0 {
                var time = people.exponential(mean: 365 / (family.perYear * share))
                while time <= horizonEnd {
                    let p = addPerson(municipality: mi, stream: .family, attributes: attributes, allowVroege: false)
                    calendar.schedule(.registered(person: p), at: time)
                    time += people.exponential(mean: 365 / (family.perYear * share))
                }
            }
        }
        for shock in s.inflow.shocks ?? [] {
            guard let mi = s.municipalities.firstIndex(where: { $0.name == shock.municipality }),
                  let day = dayCalendar.day(shock.date) else { continue }
            for _ in 0..<shock.persons {
                let p = addPerson(municipality: mi, stream: shock.stream, attributes: attributes, allowVroege: false)
                persons[Int(p)].koppeling = shock.stream == .asylum ? day : .nan
                calendar.schedule(.registered(person: p), at: day)
            }
        }
    }

    private mutating func addHousehold(municipality mi: Int, size: Int, koppeling: Double, attributes: RandomStream) {
        let h = Int32(households.count)
        var members: [Int32] = []
        for _ in 0..<size where attributes.uniform() < scenario.inflow.inburgeringsplichtigShare {
            members.append(addPerson(municipality: mi, stream: .asylum, attributes: attributes, allowVroege: true))
        }
        households.append(Household(municipality: mi, size: size, members: members))
        calendar.schedule(.koppeling(household: h), at: koppeling)
    }

    /// A new person with the attributes that do not depend on the organisation.
    private mutating func addPerson(municipality mi: Int, stream: Stream, attributes: RandomStream, allowVroege: Bool) -> Int32 {
        let lbt = scenario.lbt
        // Score band by stream, then the route chosen in that band.
        var u = attributes.uniform(), band = lbt.bands.count - 1
        for (i, b) in lbt.bands.enumerated() {
            let share = stream == .asylum ? b.asylum : b.family
            if u < share { band = i; break }
            u -= share
        }
        let weights = Route.allCases.map { lbt.bands[band].routes[$0.rawValue] ?? 0 }
        var r = attributes.uniform() * weights.reduce(0, +), route = Route.b1
        for (i, w) in weights.enumerated() {
            if r < w { route = Route.allCases[i]; break }
            r -= w
        }
        if stream == .family && route == .o && !lbt.familyORoute { route = .b1 }
        let vroegeDraw = attributes.uniform(), schoolDraw = attributes.uniform()
        var vroege = false
        if allowVroege, let v = scenario.vroegeStart, !v.excludedBands.contains(lbt.bands[band].name) {
            vroege = vroegeDraw < v.share
        }
        persons.append(PersonRecord(municipality: mi, stream: stream, route: route, vroegeStart: vroege))
        states.append(.expected)
        pending.append(.none)
        housed.append(false)
        consultantOf.append(-1)
        talksDone.append(0)
        schoolIntake.append(schoolDraw < (scenario.schoolIntake?.share ?? 0))
        stateCounts[ChainState.expected.rawValue] += 1
        return Int32(persons.count - 1)
    }

    // MARK: - Events

    public mutating func handle(_ event: Event) {
        let now = calendar.now
        switch event {
        case .koppeling(let h):
            for p in households[Int(h)].members {
                persons[Int(p)].koppeling = now
                move(p, to: .azc)
                if persons[Int(p)].vroegeStart, let contact = vroegeContact {
                    calendar.schedule(.referral(person: p), after: contact.sample(intakeStream))
                }
            }
            calendar.schedule(.eligible(household: h), after: koppelingToEligible.sample(housingStream))
        case .eligible(let h):
            let household = households[Int(h)]
            let mi = household.municipality
            // Take the smallest vacant dwelling that fits, else join the queue.
            if let j = vacant[mi].indices.filter({ vacant[mi][$0] >= household.size }).min(by: { vacant[mi][$0] < vacant[mi][$1] }) {
                vacant[mi].remove(at: j)
                calendar.schedule(.housed(household: h), after: offerToKey.sample(housingStream))
            } else {
                housingQueue[mi].append(h)
            }
        case .dwellingOffer(let mi, let capacity):
            let queue = housingQueue[Int(mi)]
            if let j = queue.firstIndex(where: { households[Int($0)].size <= Int(capacity) }) {
                let h = housingQueue[Int(mi)].remove(at: j)
                calendar.schedule(.housed(household: h), after: offerToKey.sample(housingStream))
            } else {
                vacant[Int(mi)].append(Int(capacity))
            }
        case .housed(let h):
            for p in households[Int(h)].members { register(p, now: now) }
        case .registered(let p):
            register(p, now: now)
        case .referral(let p):
            persons[Int(p)].referral = now
            move(p, to: .intakeQueue)
            let mi = persons[Int(p)].municipality
            let pi = poolOfMunicipality[mi]
            if let k = pools[pi].admit(Int(p), area: areaOfMunicipality[mi], now: now) { admitted(p, consultant: k, now: now) }
        case .talk(let p):
            submit(.init(person: p, kind: .talk, hours: hoursPerTalk.sample(consultantStream)), now: now)
        case .taskDone(let pi, let k, let task):
            if let (next, finish) = pools[Int(pi)].finishTask(consultant: Int(k), hours: task.hours, now: now) {
                taskStarted(next, now: now)
                calendar.schedule(.taskDone(pool: pi, consultant: k, task: next), at: finish)
            }
            taskFinished(task, now: now)
        case .lbtRequest(let p):
            move(p, to: .lbt)
            let session = lbtSlots.book(earliest: now)
            calendar.schedule(.lbtResult(person: p), at: session + scenario.lbt.resultDays)
        case .lbtResult(let p):
            persons[Int(p)].lbt = now
            move(p, to: .pipPreparation)
            var delay = lbtToPIP.sample(handoffStream)
            if schoolIntake[Int(p)], let d = schoolIntakeDuration { delay += d.sample(handoffStream) }
            calendar.schedule(.pipDraft(person: p), after: delay)
        case .pipDraft(let p):
            submit(.init(person: p, kind: .pip, hours: pipHours.sample(consultantStream)), now: now)
        case .pipFix(let p):
            fixPIP(p, now: now, registerAtSchool: false)
        case .schoolRegistration(let p):
            persons[Int(p)].schoolRegistration = now
            schools[school(of: p)].register(p, now: now)
        case .cohortStart(let si):
            for group in schools[Int(si)].start(now: now) {
                for p in group {
                    persons[Int(p)].routeStart = now
                    move(p, to: .inRoute)
                }
            }
        case .progressTalk(let p):
            submit(.init(person: p, kind: .progress, hours: progressHours.sample(consultantStream)), now: now)
        case .caseClose(let p):
            let mi = persons[Int(p)].municipality
            let pi = poolOfMunicipality[mi]
            if let (next, k) = pools[pi].close(consultant: Int(consultantOf[Int(p)]), now: now) {
                admitted(Int32(next), consultant: k, now: now)
            }
        case .otherWork(let pi, let k):
            if let sampler = otherWork[Int(pi)] {
                let task = Task(person: -1, kind: .other, hours: sampler.sample(consultantStream))
                if let finish = pools[Int(pi)].submit(task, hours: task.hours, consultant: Int(k), now: now) {
                    calendar.schedule(.taskDone(pool: pi, consultant: k, task: task), at: finish)
                }
                calendar.schedule(.otherWork(pool: pi, consultant: k), after: 7)
            }
        case .snapshot:
            snapshots.record(at: now, stateCounts.map(Double.init))
            let next = snapshotEveryDays.map { now + $0 } ?? nextMonth(after: now)
            if let next, next <= horizonEnd { calendar.schedule(.snapshot, at: next) }
        }
    }

    private mutating func register(_ p: Int32, now: Double) {
        let i = Int(p)
        persons[i].registration = now
        housed[i] = true
        switch pending[i] {
        case .lbt:
            pending[i] = .none
            calendar.schedule(.lbtRequest(person: p), after: intakeToLBT.sample(handoffStream))
        case .pip:
            pending[i] = .none
            pipReady(p, now: now)
        case .none:
            guard states[i] == .azc || states[i] == .expected else { return } // vroege start under way
            move(p, to: .settling)
            let delay = persons[i].stream == .family && persons[i].koppeling.isNaN
                ? (familyReferral ?? settling).sample(intakeStream) : settling.sample(intakeStream)
            calendar.schedule(.referral(person: p), after: delay)
        }
    }

    private mutating func admitted(_ p: Int32, consultant k: Int, now: Double) {
        persons[Int(p)].admitted = now
        consultantOf[Int(p)] = Int32(k)
        move(p, to: .intake)
        calendar.schedule(.talk(person: p), after: firstTalkDelay.sample(intakeStream))
    }

    private mutating func submit(_ task: Task, now: Double) {
        let p = Int(task.person)
        let pi = poolOfMunicipality[persons[p].municipality]
        let k = Int(consultantOf[p])
        if let finish = pools[pi].submit(task, hours: task.hours, consultant: k, now: now) {
            taskStarted(task, now: now)
            calendar.schedule(.taskDone(pool: Int32(pi), consultant: Int32(k), task: task), at: finish)
        }
    }

    private mutating func taskStarted(_ task: Task, now: Double) {
        if task.kind == .talk && persons[Int(task.person)].intakeStart.isNaN { persons[Int(task.person)].intakeStart = now }
    }

    private mutating func taskFinished(_ task: Task, now: Double) {
        let p = task.person, i = Int(p)
        switch task.kind {
        case .talk:
            talksDone[i] += 1
            if Int(talksDone[i]) < scenario.intake.talks {
                calendar.schedule(.talk(person: p), after: daysBetweenTalks.sample(intakeStream))
                return
            }
            persons[i].intakeDone = now
            if persons[i].stream == .asylum {
                let hours = ontzorgenHours.sample(consultantStream)
                if hours > 0 { submit(.init(person: p, kind: .ontzorgen, hours: hours), now: now) }
            }
            if !housed[i] && !(scenario.vroegeStart?.lbtInAZC ?? false) {
                pending[i] = .lbt
                move(p, to: .lbt)
            } else {
                calendar.schedule(.lbtRequest(person: p), after: intakeToLBT.sample(handoffStream))
            }
        case .pip:
            if housed[i] { pipReady(p, now: now) } else { pending[i] = .pip }
        case .ontzorgen, .progress, .other:
            break
        }
    }

    /// The PIP is drafted (and the person housed): fix it now, or when the school's start
    /// moment is known.
    private mutating func pipReady(_ p: Int32, now: Double) {
        switch scenario.pip.policy {
        case .fixAtOnce:
            fixPIP(p, now: now, registerAtSchool: true)
        case .waitForSchool:
            let registration = now + pipToSchool.sample(handoffStream)
            persons[Int(p)].schoolRegistration = registration
            calendar.schedule(.schoolRegistration(person: p), at: registration)
            let start = schools[school(of: p)].nextStart(atOrAfter: registration) ?? .infinity
            let fix = max(now, start - (scenario.pip.leadDays ?? 0))
            if fix.isFinite { calendar.schedule(.pipFix(person: p), at: fix) }
        }
    }

    private mutating func fixPIP(_ p: Int32, now: Double, registerAtSchool: Bool) {
        persons[Int(p)].pip = now
        if states[Int(p)] != .inRoute { move(p, to: .awaitingRoute) }
        for d in scenario.progress.talksAfterPIPDays { calendar.schedule(.progressTalk(person: p), at: now + d) }
        calendar.schedule(.caseClose(person: p), at: now + scenario.progress.caseClosesAfterPIPDays)
        if registerAtSchool { calendar.schedule(.schoolRegistration(person: p), after: pipToSchool.sample(handoffStream)) }
    }

    private func school(of p: Int32) -> Int {
        schoolFor[persons[Int(p)].route.index][persons[Int(p)].municipality]
    }

    private mutating func move(_ p: Int32, to state: ChainState) {
        stateCounts[states[Int(p)].rawValue] -= 1
        states[Int(p)] = state
        stateCounts[state.rawValue] += 1
    }

    private func nextMonth(after day: Double) -> Double? {
        let date = dayCalendar.date(ofDay: day)
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let (y, m) = parts[1] == 12 ? (parts[0] + 1, 1) : (parts[0], parts[1] + 1)
        guard let next = dayCalendar.day(year: y, month: m, day: 1), next <= horizonEnd else { return nil }
        return next
    }

    /// Runs the replication to the end of the horizon.
    public mutating func runToHorizon() {
        run(until: horizonEnd)
    }
}
