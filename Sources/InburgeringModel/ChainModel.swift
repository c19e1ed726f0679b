import SimKernel
import Stochastics

/// One replication of the inburgering chain: koppeling → AZC → housing
/// (BRP) → settling → intake queue → the scenario's chain of steps from admission to the
/// PIP (`ChainPlan`: talks, group meetings, LBT, school intake, checks, waits, in parallel
/// where the file says so) → school registration → cohort start → route → end of the route.
///
/// A consultant carries a case from admission until the route ends or the 3-year term
/// from the PIP runs out (004 L2394-2398, L2492-2494), with voortgangsgesprekken on the way,
/// next to old-law clients and, in integrated teams, Participatiewet clients whose benefit
/// work goes first (004 L6604-6607).
///
/// Person attributes (household, score band, route, vroege start, school intake, DUO's
/// notice) are drawn at set-up from streams that depend only on the inflow, so scenarios
/// that differ in organisation see the same people (common random numbers).
public struct ChainModel: DiscreteEventModel {
    public enum Event {
        /// COA links a household to the municipality: its members enter the AZC.
        case koppeling(household: Int32)
        /// The household can be offered a dwelling: it takes one or joins the housing queue.
        case eligible(household: Int32)
        /// A dwelling is offered: the longest-waiting household that fits takes it.
        case dwellingOffer(municipality: Int32, capacity: Int32)
        /// The household gets the key: its members register in the BRP; its nareizigers set off.
        case housed(household: Int32)
        /// A family migrant or a shock's person registers (BRP) at an address.
        case registered(person: Int32)
        /// A nareiziger arrives at the household's address (BRP).
        case nareizigerArrives(person: Int32)
        /// The municipality refers the person for the brede intake: they ask for a consultant.
        case referral(person: Int32)
        /// A chain step's delay has passed (or its next repetition is due): it starts.
        case stepDue(person: Int32, step: UInt8, rep: UInt8)
        /// A chain step that takes time (LBT result, school, a wait) ends.
        case stepEnd(person: Int32, step: UInt8, rep: UInt8)
        /// The LBT session of a step whose consultant attends it: the consultant's hours.
        case lbtSession(person: Int32, step: UInt8)
        /// A consultant finished a task: the next task starts and the task's step follows.
        /// (The task itself waits in `inProgress`: a small event keeps the calendar's heap small.)
        case taskDone(pool: Int32, consultant: Int32)
        /// A PIP held back for the school's start moment is fixed.
        case pipFix(person: Int32)
        /// The person is registered at the school and waits for a start moment.
        case schoolRegistration(person: Int32)
        /// A school's start moment: groups start their route.
        case cohortStart(school: Int32)
        /// An extra group opens for the people a start moment left waiting.
        case extraGroup(school: Int32)
        /// A family migrant's route starts at a provider of their own choice.
        case ownRouteStart(person: Int32)
        /// A voortgangsgesprek is due.
        case progressTalk(person: Int32)
        /// The case may close (if this is still its planned closing time).
        case caseClose(person: Int32)
        /// A week's Participatiewet, old-law and MB work for each consultant of a pool.
        case weeklyWork(pool: Int32)
        /// A person's maatschappelijke begeleiding (on the team) ends.
        case mbEnd(person: Int32)
        /// An old-law case of a consultant ends.
        case oldLawClose(pool: Int32, consultant: Int32)
        /// A shock housed from the statushouders already linked (`from_linked`): its persons.
        case batchHousing(municipality: Int32, persons: Int32)
        /// A case has waited its pool's `overflow_days` for its own area's consultants.
        case overflowCheck(person: Int32)
        /// A pool's FTE changes (schedule entry).
        case fteChange(pool: Int32, entry: Int32)
        /// The next events known at set-up (see `setUpEvents`) are due.
        case setUpNext
        /// Monthly (or periodic) count of persons per state.
        case snapshot
        /// A coverage date (`snapshot_dates`, `observed`): the pools' caseloads and waiting lines.
        case poolSnapshot(index: Int32)
    }

    public struct Task: Sendable {
        /// A chain step (`step`, repetition `rep`), or work beside the chain.
        public enum Kind: Sendable { case step, noShow, attend, alongside, progress, casework, benefit, oldLaw, mb }
        let person: Int32
        let kind: Kind
        let hours: Double
        var step: UInt8 = 0, rep: UInt8 = 0
    }

    struct Household {
        let municipality: Int
        let size: Int
        var members: [Int32]
        var nareizigers: [Int32]
    }

    /// Where one person is in the steps that are not milestones.
    struct Track {
        var housed = false
        var consultant: Int32 = -1
        /// Chain steps whose predecessors are done (each is readied once), steps done (or
        /// passed over), and steps waiting for the house (vroege start).
        var readied: UInt64 = 0
        var done: UInt64 = 0
        var waitingForHouse: UInt64 = 0
        /// The PIP is drafted but waits for the house to be fixed.
        var pipWaitsForHouse = false
        /// LBT or school steps under way (the person leaves the `lbt` state when none is).
        var lbtPhaseRunning: Int8 = 0
        /// Planned closing time of the case (NaN: not planned yet).
        var closeAt = Double.nan
        /// Voortgangsgesprekken held so far.
        var progressTalks: Int16 = 0
    }

    /// A value per consultant of every pool, `[pool, consultant]`, in one flat array: nested
    /// arrays cost a uniqueness check per level on every write, and these are written on most events.
    struct PerConsultant<Value> {
        private var values: [Value]
        private let first: [Int]

        init(_ consultantsPerPool: [Int], _ value: Value) {
            first = consultantsPerPool.reduce(into: [0]) { $0.append($0.last! + $1) }
            values = Array(repeating: value, count: first.last!)
        }

        subscript(pool: Int, consultant: Int) -> Value {
            get { values[first[pool] + consultant] }
            _modify { yield &values[first[pool] + consultant] }
        }
    }

    public var calendar = EventCalendar<Event>(capacity: 4096)
    public let scenario: Scenario
    public let dayCalendar: DayCalendar
    public let horizonEnd: Double
    public private(set) var persons: [PersonRecord] = []
    /// When person i's step k was done: `[i * plan.count + k]` (NaN: not done, or passed over).
    var stepDoneAt: [Double] = []
    public private(set) var states: [ChainState] = []
    /// Persons per state (kept in step with `states`).
    public private(set) var stateCounts = [Int](repeating: 0, count: ChainState.allCases.count)
    /// Monthly persons per state (from the first of the month after the start).
    public private(set) var snapshots = Snapshots(names: ChainState.allCases.map(\.name))
    public private(set) var pools: [CaseloadPool<Task>] = []
    public private(set) var lbtSlots: SlotCalendar
    public private(set) var schools: [CohortStarts<Int32>] = []
    /// Dwellings offered that no waiting household fitted yet (they stay on offer).
    public var vacantDwellings: Int { housing.reduce(0) { $0 + $1.vacant } }
    /// Hours of chain work done per pool (talks, PIPs, ontzorgen, MB, progress talks), without
    /// the old-law and Participatiewet work.
    public private(set) var chainHours: [Double]
    /// Places offered by extra groups, per school.
    public private(set) var extraGroupsOpened: [Int]
    /// Demand and capacity per half-year (see `DemandLedger`).
    public private(set) var demand: DemandLedger
    /// Coverage dates (sorted, within the horizon) and, on each, per pool: open cases per
    /// FTE and cases waiting for a consultant.
    public let coverageDays: [Double], coverageLabels: [String]
    public private(set) var caseloadPerFTEAt: [[Double]] = [], waitingAt: [[Double]] = []

    /// Events known at set-up (arrivals, dwelling offers, start moments, snapshots …), in
    /// time order, fed to the calendar one time at a time by `.setUpNext`: the calendar then
    /// holds only what is under way (millions of pending arrivals slowed every heap step).
    private var setUpEvents: [(time: Double, event: Event)] = []
    private var setUpCursor = 0
    private var households: [Household] = []
    private var housing: [SizeMatching<Int32>]
    private var track: [Track] = []
    private var oldLawOpen: PerConsultant<Int>
    /// Persons in maatschappelijke begeleiding per consultant (when it is on the team).
    private var mbOpen: PerConsultant<Int>
    /// Open Wi2021 cases per consultant (admitted, not closed), and per pool over time.
    private var wiOpen: PerConsultant<Int>
    /// The task each consultant is working on (one at a time), until its `taskDone`.
    private var inProgress: PerConsultant<Task?>
    private(set) var wiCaseload: [TimeWeighted]
    /// Hours of Wi2021 work asked per pool (the chain's tasks, progress talks, casework, MB):
    /// with `wiCaseload`, the hours a case costs per year.
    private(set) var wiHoursAsked: [Double]
    /// Talks the person missed (`intake.no_shows`), each planned again.
    public private(set) var missedTalks = 0
    private let poolOfMunicipality: [Int], areaOfMunicipality: [Int]
    /// The scenario compiled: days, indices, the chain (see `ScenarioPlan`).
    public let compiled: ScenarioPlan
    /// The chain from admission to the PIP, compiled (see `ChainPlan`).
    public let plan: ChainPlan

    // Samplers
    private let koppelingToEligible: Sampler, offerToKey: Sampler, settling: Sampler
    private let progressHours: Sampler, handoff: Sampler
    private let familyReferral: Sampler?, vroegeContact: Sampler?, reschedule: Sampler?
    /// Missed talks (`intake.no_shows`): the share per stream and the share of hours lost.
    private let noShows: (asylum: Double, family: Double, hoursLost: Double)?
    private let ownProviderStart: Sampler?, nareizigerDelay: Sampler?, duoAsylumDelay: Sampler?
    private let routeDuration: [Sampler?]
    private let benefitHours: [Sampler?]
    /// Per pool: productive hours of one FTE per week, benefit priority, old-law hours per case-week.
    private let productiveWeek: [Double], benefitPriority: [Bool], oldLawWeekly: [Double]
    /// Casework hours per open case per week (`progress.casework`).
    private let caseworkWeekly: Double

    // Streams: one per purpose; the set-up streams fix the people, the others their paths.
    private let housingStream: RandomStream, intakeStream: RandomStream, handoffStream: RandomStream
    private let consultantStream: RandomStream, routeStream: RandomStream, noShowStream: RandomStream

    /// Snapshots every `snapshotEveryDays` days, or on the first of every month when nil.
    public let snapshotEveryDays: Double?
    /// Pre-drawn uniforms for a nareiziger's DUO notice (drawn at set-up: CRN).
    private var noticeDraws: [(late: Double, when: Double)] = []

    /// `plan`: the scenario compiled, when the caller compiled it once for many replications
    /// (`ScenarioPlan.compile`); compiled here otherwise (the scenario must be one the loader
    /// accepted).
    public init(scenario s: Scenario, plan: ScenarioPlan? = nil, seed: UInt64, replication: Int, snapshotEveryDays: Double? = nil) {
        self.snapshotEveryDays = snapshotEveryDays
        func stream(_ name: String) -> RandomStream { RandomStream(master: seed, replication: replication, name: name) }
        scenario = s
        let compiled = plan ?? ScenarioPlan.compiled(s)
        self.compiled = compiled
        self.plan = compiled.chain
        poolOfMunicipality = compiled.poolOfMunicipality
        dayCalendar = compiled.calendar
        let horizonEnd = compiled.horizonEnd
        self.horizonEnd = horizonEnd
        let m = s.municipalities.count
        housing = Array(repeating: SizeMatching(maxSize: 16), count: m)
        koppelingToEligible = Sampler(s.housing.koppelingToEligible)
        offerToKey = Sampler(s.housing.offerToKey)
        settling = Sampler(s.settling)
        progressHours = Sampler(s.progress.hoursPerTalk)
        handoff = Sampler(s.organisation.handoffDelay)
        familyReferral = s.inflow.familyMigrants.map { Sampler($0.referralDelay) }
        ownProviderStart = s.inflow.familyMigrants?.ownProviderStart.map(Sampler.init)
        nareizigerDelay = s.inflow.nareizigers.map { Sampler($0.delay) }
        duoAsylumDelay = s.duo?.asylumRegistrationDelay.map(Sampler.init)
        vroegeContact = s.vroegeStart.map { Sampler($0.contactDelay) }
        reschedule = s.intake.noShows.map { Sampler($0.rescheduleDays) }
        noShows = s.intake.noShows.map { ($0.asylum, $0.family, $0.hoursLost) }
        routeDuration = Route.allCases.map { s.progress.routeDurationDays[$0.rawValue].map(Sampler.init) }
        benefitHours = s.organisation.pools.map { $0.participatiewet.map { Sampler($0.hoursPerWeek) } }
        productiveWeek = s.organisation.pools.map { $0.weeklyHours * $0.productiveShare }
        benefitPriority = s.organisation.pools.map { $0.participatiewet?.priority ?? false }
        oldLawWeekly = s.organisation.pools.map { ($0.oldLaw?.hoursPerCasePerMonth ?? 0) * 12 / 52 }
        caseworkWeekly = (s.progress.casework ?? []).reduce(0) { $0 + $1.hoursPerMonth } * 12 / 52
        housingStream = stream("housing")
        intakeStream = stream("intake")
        handoffStream = stream("handoffs")
        consultantStream = stream("consultants")
        routeStream = stream("routes")
        noShowStream = stream("no-shows")
        let sessions = s.lbt.sessions
        lbtSlots = SlotCalendar(first: compiled.lbtFirstSession, period: sessions.periodDays, offsets: sessions.offsets,
                                slotsPerSession: sessions.slots, changes: compiled.lbtSlotChanges.map { ($0.from, $0.value) })

        // Organisation: pools, and each municipality's area within its pool.
        var areaOf = Array(repeating: 0, count: m)
        let perPool = s.organisation.pools.map(\.consultants)
        oldLawOpen = PerConsultant(perPool, 0)
        mbOpen = oldLawOpen
        wiOpen = oldLawOpen
        inProgress = PerConsultant(perPool, nil)
        for (pi, pool) in s.organisation.pools.enumerated() {
            let served = compiled.poolMunicipalities[pi]
            for (area, mi) in served.enumerated() { areaOf[mi] = pool.assignment == .perArea ? area : 0 }
            let areas = pool.assignment == .perArea
                ? Self.areas(consultants: pool.consultants, shares: served.map { s.municipalities[$0].share })
                : Array(repeating: 0, count: pool.consultants)
            let (cap, hours) = Self.capacity(pool, fte: pool.fte)
            let consultants = areas.map { CaseloadPool<Task>.Consultant(area: $0, cap: cap, hoursPerDay: hours) }
            pools.append(CaseloadPool(consultants: consultants, assignment: pool.assignment == .perArea ? .perArea : .pooled,
                                      overflowAfter: pool.overflowDays))
        }
        areaOfMunicipality = areaOf

        // Schools and their start moments.
        for (i, school) in s.schools.enumerated() {
            schools.append(CohortStarts(times: compiled.schoolStarts[i], minSize: school.minClass, maxSize: school.maxClass,
                                        groups: school.groups, changes: compiled.schoolGroupChanges[i].map { ($0.from, $0.value) }))
        }
        extraGroupsOpened = Array(repeating: 0, count: s.schools.count)
        chainHours = Array(repeating: 0, count: s.organisation.pools.count)
        wiHoursAsked = chainHours
        wiCaseload = Array(repeating: TimeWeighted(value: 0, at: 0), count: s.organisation.pools.count)
        demand = DemandLedger(calendar: dayCalendar, horizonEnd: horizonEnd, schools: s.schools.count, pools: s.organisation.pools.count)
        coverageLabels = compiled.coverageLabels
        coverageDays = compiled.coverageDays
        caseloadPerFTEAt = Array(repeating: Array(repeating: .nan, count: s.organisation.pools.count), count: coverageDays.count)
        waitingAt = caseloadPerFTEAt
        for (i, d) in coverageDays.enumerated() { setUp(.poolSnapshot(index: Int32(i)), at: d) }
        for (i, school) in schools.enumerated() {
            for t in school.times { setUp(.cohortStart(school: Int32(i)), at: t) }
        }

        generateInflow(seed: seed, replication: replication)
        setUpCompetingWork(seed: seed, replication: replication)
        setUp(.snapshot, at: 0)
        // Time order, and the order of scheduling among equal times.
        setUpEvents = setUpEvents.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        if let first = setUpEvents.first { calendar.schedule(.setUpNext, at: first.time) }
    }

    private mutating func setUp(_ event: Event, at time: Double) { setUpEvents.append((time, event)) }

    /// The area of each of `n` consultants: each area gets at least one, the rest by its share
    /// (largest remainder; ties to the lower index).
    public static func areas(consultants n: Int, shares: [Double]) -> [Int] {
        guard !shares.isEmpty else { return Array(repeating: 0, count: n) }
        let total = shares.reduce(0, +), spare = n - shares.count
        let exact = shares.map { spare > 0 && total > 0 ? Double(spare) * $0 / total : 0 }
        var counts = exact.map { 1 + Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down), -$0) > (exact[$1] - exact[$1].rounded(.down), -$1) }
        for i in order.prefix(max(n - counts.reduce(0, +), 0)) { counts[i] += 1 }
        return counts.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
    }

    /// A consultant's caseload cap and casework hours per calendar day at a pool FTE.
    static func capacity(_ pool: ConsultantPool, fte: Double) -> (cap: Int, hoursPerDay: Double) {
        let perConsultant = fte / Double(pool.consultants)
        return (max(1, Int((Double(pool.caseloadCap) * perConsultant).rounded())),
                perConsultant * pool.weeklyHours * pool.productiveShare / 7)
    }

    // MARK: - Set-up

    private mutating func generateInflow(seed: UInt64, replication: Int) {
        let s = scenario
        let people = RandomStream(master: seed, replication: replication, name: "inflow")
        let attributes = RandomStream(master: seed, replication: replication, name: "attributes")
        let supply = RandomStream(master: seed, replication: replication, name: "dwellings")
        let adults = Sampler(s.inflow.households.adults), minors = Sampler(s.inflow.households.minors)
        let capacity = Sampler(s.housing.dwellingCapacity)
        let nareizigers = s.inflow.nareizigers, nareizigerAdults = nareizigers.map { Sampler($0.adults) }
        let totalShare = s.municipalities.reduce(0) { $0 + $1.share }
        let shares = s.municipalities.map { $0.share / totalShare }

        // Old-law households waiting at the start take the first dwellings (no Wi2021 persons).
        for (mi, share) in shares.enumerated() {
            let backlog = Double(s.housing.backlogHouseholds ?? 0) * share
            var n = Int(backlog.rounded(.down))
            if supply.uniform() < backlog - Double(n) { n += 1 }
            for _ in 0..<n {
                let size = max(Int(adults.sample(people).rounded()), 1) + max(Int(minors.sample(people).rounded()), 0)
                households.append(Household(municipality: mi, size: size, members: [], nareizigers: []))
                setUp(.eligible(household: Int32(households.count - 1)), at: 0)
            }
        }

        for (_, a, b, regionPersons, realisation) in compiled.inflow {
            let from = max(a, 0), to = min(b, horizonEnd)
            guard to > from else { continue }
            let fraction = (to - from) / (b - a)
            for (mi, share) in shares.enumerated() {
                let target = regionPersons * share * fraction
                // Households (with their later nareizigers) until round(target) persons.
                var persons = Int(target.rounded(.down))
                if people.uniform() < target - Double(persons) { persons += 1 }
                var made = 0
                while persons > 0 {
                    let a = max(Int(adults.sample(people).rounded()), 1), k = max(Int(minors.sample(people).rounded()), 0)
                    var later = 0
                    if let n = nareizigers, let na = nareizigerAdults, people.uniform() < n.share {
                        later = max(Int(na.sample(people).rounded()), 0)
                    }
                    let koppeling = from + people.uniform() * (to - from)
                    addHousehold(municipality: mi, adults: min(a, persons), minors: min(k, max(persons - a, 0)),
                                 nareizigers: min(later, max(persons - a - k, 0)), koppeling: koppeling, attributes: attributes)
                    persons -= a + k + later
                    made += 1
                }
                // Dwellings offered evenly over the half-year: `realisation` per household.
                let dwellingsExact = realisation[mi] * Double(made)
                var dwellings = Int(dwellingsExact.rounded(.down))
                if supply.uniform() < dwellingsExact - Double(dwellings) { dwellings += 1 }
                for i in 0..<dwellings {
                    let when = from + (Double(i) + 0.5) * (to - from) / Double(dwellings)
                    let fits = max(Int(capacity.sample(supply).rounded()), 1)
                    setUp(.dwellingOffer(municipality: Int32(mi), capacity: Int32(fits)), at: when)
                }
            }
        }
        if let family = s.inflow.familyMigrants {
            let notice = Sampler(family.noticeDelay)
            // Piecewise-constant rates: `per_year`, then each schedule entry from its date.
            // Arrivals are memoryless, so each piece starts its own Poisson process.
            let rates = compiled.familyRates
            let pieces = zip(rates, rates.dropFirst().map(\.from) + [horizonEnd]).map { ($0.from, $1, $0.perYear) }
            for (mi, share) in shares.enumerated() where share > 0 {
                for (from, to, perYear) in pieces where perYear > 0 {
                    var time = from + people.exponential(mean: 365 / (perYear * share))
                    while time <= to {
                        let p = addPerson(municipality: mi, stream: .family, attributes: attributes, allowVroege: false)
                        persons[Int(p)].ownProvider = ownProviderStart != nil
                        persons[Int(p)].obligationStart = obligation(from: time + notice.sample(attributes), stream: .family, p)
                        setUp(.registered(person: p), at: time)
                        time += people.exponential(mean: 365 / (perYear * share))
                    }
                }
            }
        }
        for (mi, day, shock) in compiled.shocks {
            if shock.fromLinked == true {
                setUp(.batchHousing(municipality: Int32(mi), persons: Int32(shock.persons)), at: day)
                continue
            }
            for _ in 0..<shock.persons {
                let p = addPerson(municipality: mi, stream: shock.stream, attributes: attributes, allowVroege: false)
                persons[Int(p)].koppeling = shock.stream == .asylum ? day : .nan
                persons[Int(p)].obligationStart = max(day, compiled.duoResumed)
                if shock.stream == .family { persons[Int(p)].ownProvider = ownProviderStart != nil }
                setUp(.registered(person: p), at: day)
            }
        }
    }

    private mutating func addHousehold(municipality mi: Int, adults: Int, minors: Int, nareizigers: Int, koppeling: Double,
                                       attributes: RandomStream) {
        let h = Int32(households.count)
        var members: [Int32] = [], later: [Int32] = []
        for _ in 0..<adults where attributes.uniform() < scenario.inflow.inburgeringsplichtigShare {
            let p = addPerson(municipality: mi, stream: .asylum, attributes: attributes, allowVroege: true)
            persons[Int(p)].obligationStart = obligation(from: koppeling + (duoAsylumDelay?.sample(attributes) ?? 0), stream: .asylum, p)
            members.append(p)
        }
        for _ in 0..<nareizigers where attributes.uniform() < scenario.inflow.inburgeringsplichtigShare {
            let p = addPerson(municipality: mi, stream: .asylum, attributes: attributes, allowVroege: false)
            persons[Int(p)].nareiziger = true
            later.append(p)
        }
        households.append(Household(municipality: mi, size: adults + minors, members: members, nareizigers: later))
        setUp(.koppeling(household: h), at: koppeling)
    }

    /// DUO's start of the obligation for a person whose obligation would start at `time`:
    /// not before DUO resumed, and later for those whose notice was missed.
    private func obligation(from time: Double, stream: Stream, _ p: Int32) -> Double {
        let start = max(time, compiled.duoResumed)
        guard let late = compiled.lateNotice, late.affected.contains(start) else { return start }
        let draw = noticeDraws[Int(p)]
        guard draw.late < (stream == .asylum ? late.asylum : late.family) else { return start }
        let notice = late.notice.lowerBound + draw.when * (late.notice.upperBound - late.notice.lowerBound)
        return max(start, notice)
    }

    /// A new person with the attributes that do not depend on the organisation.
    private mutating func addPerson(municipality mi: Int, stream: Stream, attributes: RandomStream, allowVroege: Bool) -> Int32 {
        let lbt = scenario.lbt
        // Score band by stream, then the route chosen in that band.
        var u = attributes.uniform(), band = lbt.bands.count - 1
        for (i, b) in compiled.bandShares.enumerated() {
            let share = stream == .asylum ? b.asylum : b.family
            if u < share { band = i; break }
            u -= share
        }
        let weights = compiled.routeWeights[band]
        var r = attributes.uniform() * weights.reduce(0, +), route = Route.b1
        for (i, w) in weights.enumerated() {
            if r < w { route = Route.allCases[i]; break }
            r -= w
        }
        if stream == .family && route == .o && !lbt.familyORoute { route = .b1 }
        // One uniform per chain option; the first is always drawn, so the later draws keep
        // their place whatever the chain.
        let vroegeDraw = attributes.uniform(), firstOption = attributes.uniform()
        noticeDraws.append((attributes.uniform(), attributes.uniform()))
        var vroege = false
        if allowVroege, let v = scenario.vroegeStart, !v.excludedBands.contains(lbt.bands[band].name) {
            vroege = vroegeDraw < v.share
        }
        var person = PersonRecord(municipality: mi, stream: stream, route: route, vroegeStart: vroege)
        person.routeAsAdvised = lbt.bands[band].advice.map { $0.contains(route.rawValue) }
        stepDoneAt += repeatElement(.nan, count: plan.count)
        states.append(.expected)
        var options: UInt64 = 0
        let bit: UInt8 = stream == .asylum ? 1 : 2
        for (i, o) in plan.options.enumerated() {
            let u = i == 0 ? firstOption : attributes.uniform()
            if o.streams & bit != 0 && u < o.share { options |= 1 << UInt64(i) }
        }
        person.stepApplies = plan.applies(stream: stream, municipality: mi, band: band, route: route, options: options, vroegeStart: vroege)
        persons.append(person)
        track.append(Track())
        stateCounts[ChainState.expected.rawValue] += 1
        return Int32(persons.count - 1)
    }

    /// Old-law and Participatiewet cases on the caseloads from the first day, their weekly
    /// work, and the FTE schedule.
    private mutating func setUpCompetingWork(seed: UInt64, replication: Int) {
        let endings = RandomStream(master: seed, replication: replication, name: "old-law")
        for (pi, pool) in scenario.organisation.pools.enumerated() {
            let ftePerConsultant = pool.fte / Double(pool.consultants)
            let until = compiled.oldLawUntil[pi]
            for k in 0..<pool.consultants {
                if let pw = pool.participatiewet {
                    pools[pi].occupy(consultant: k, places: Int((pw.casesPerFTE * ftePerConsultant).rounded()), now: 0)
                }
                if let old = pool.oldLaw {
                    let n = Int((old.casesPerFTE * ftePerConsultant).rounded())
                    pools[pi].occupy(consultant: k, places: n, now: 0)
                    oldLawOpen[pi, k] = n
                    // Terms end uniformly until `until`: the number falls linearly in expectation.
                    for _ in 0..<n { setUp(.oldLawClose(pool: Int32(pi), consultant: Int32(k)), at: endings.uniform() * until) }
                }
            }
            if pool.participatiewet != nil || pool.oldLaw != nil || scenario.intake.mb != nil || caseworkWeekly > 0 {
                setUp(.weeklyWork(pool: Int32(pi)), at: 0)
            }
            for (j, day) in compiled.fteChangeDays[pi].enumerated() { setUp(.fteChange(pool: Int32(pi), entry: Int32(j)), at: day) }
        }
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
            if housing[household.municipality].claim(h, size: household.size) {
                calendar.schedule(.housed(household: h), after: offerToKey.sample(housingStream))
            }
        case .dwellingOffer(let mi, let capacity):
            if let h = housing[Int(mi)].offer(capacity: Int(capacity)) {
                calendar.schedule(.housed(household: h), after: offerToKey.sample(housingStream))
            }
        case .housed(let h):
            for p in households[Int(h)].members { register(p, now: now) }
            if let delay = nareizigerDelay {
                for p in households[Int(h)].nareizigers { calendar.schedule(.nareizigerArrives(person: p), after: delay.sample(housingStream)) }
            }
        case .registered(let p):
            register(p, now: now)
        case .nareizigerArrives(let p):
            persons[Int(p)].obligationStart = obligation(from: now + (duoAsylumDelay?.sample(housingStream) ?? 0), stream: .asylum, p)
            register(p, now: now)
        case .referral(let p):
            persons[Int(p)].referral = now
            move(p, to: .intakeQueue)
            let mi = persons[Int(p)].municipality
            let pi = poolOfMunicipality[mi]
            demand.admissionRequested(pool: pi, at: now)
            if let k = pools[pi].admit(Int(p), area: areaOfMunicipality[mi], now: now) {
                admitted(p, consultant: k, now: now)
            } else if let w = pools[pi].overflowAfter, w > 0 {
                calendar.schedule(.overflowCheck(person: p), after: w)
            }
        case .overflowCheck(let p):
            let mi = persons[Int(p)].municipality
            if let k = pools[poolOfMunicipality[mi]].overflow(Int(p), area: areaOfMunicipality[mi], now: now) { admitted(p, consultant: k, now: now) }
        case .stepDue(let p, let step, let rep):
            startStep(p, Int(step), rep: rep, now: now)
        case .stepEnd(let p, let step, let rep):
            repetitionDone(p, Int(step), rep: rep, now: now)
        case .lbtSession(let p, let step):
            let h = plan.samplers.sample(Int(step), consultantStream)
            if h > 0 {
                submit(Task(person: p, kind: .attend, hours: h, step: step), now: now)
                if plan.alsoTeams[Int(step)] >= 0 { submit(Task(person: p, kind: .alongside, hours: h, step: step), now: now) }
            }
        case .taskDone(let pi, let k):
            guard let task = inProgress[Int(pi), Int(k)] else { preconditionFailure("a consultant finished a task they did not have") }
            inProgress[Int(pi), Int(k)] = nil
            if let (next, finish) = pools[Int(pi)].finishTask(consultant: Int(k), hours: task.hours, now: now) {
                taskStarted(next, now: now)
                start(next, pool: Int(pi), consultant: Int(k), finish: finish)
            }
            demand.worked(pool: Int(pi), hours: task.hours, at: now)
            if task.kind != .benefit && task.kind != .oldLaw { chainHours[Int(pi)] += task.hours }
            taskFinished(task, now: now)
        case .pipFix(let p):
            fixPIP(p, now: now, registerAtSchool: false)
        case .schoolRegistration(let p):
            persons[Int(p)].schoolRegistration = now
            let si = school(of: p)
            demand.schoolRegistered(school: si, at: now)
            schools[si].register(p, now: now)
        case .cohortStart(let si):
            startGroups(school: Int(si), now: now, extra: false)
        case .extraGroup(let si):
            startGroups(school: Int(si), now: now, extra: true)
        case .ownRouteStart(let p):
            routeStarted(p, now: now)
        case .progressTalk(let p):
            guard persons[Int(p)].caseClosed.isNaN else { return }
            submit(.init(person: p, kind: .progress, hours: progressHours.sample(consultantStream)), now: now)
            track[Int(p)].progressTalks += 1
            scheduleProgress(p, after: now)
        case .caseClose(let p):
            guard persons[Int(p)].caseClosed.isNaN, track[Int(p)].closeAt == now else { return }
            persons[Int(p)].caseClosed = now
            let pi = poolOfMunicipality[persons[Int(p)].municipality]
            wiOpen[pi, Int(track[Int(p)].consultant)] -= 1
            wiCaseload[pi].update(wiCaseload[pi].value - 1, at: now)
            if let (next, k) = pools[pi].close(consultant: Int(track[Int(p)].consultant), now: now) {
                admitted(Int32(next), consultant: k, now: now)
            }
        case .weeklyWork(let pi):
            for k in pools[Int(pi)].consultants.indices { weeklyWork(pool: Int(pi), consultant: k, now: now) }
            calendar.schedule(.weeklyWork(pool: pi), after: 7)
        case .mbEnd(let p):
            let i = Int(p)
            mbOpen[poolOfMunicipality[persons[i].municipality], Int(track[i].consultant)] -= 1
        case .oldLawClose(let pi, let k):
            oldLawOpen[Int(pi), Int(k)] -= 1
            if let (next, j) = pools[Int(pi)].close(consultant: Int(k), now: now) { admitted(Int32(next), consultant: j, now: now) }
        case .batchHousing(let mi, let persons):
            // A tussenvoorziening: the longest-waiting linked households move in at once,
            // until the batch's inburgeringsplichtigen are housed.
            var housed: Int32 = 0
            while housed < persons, let h = housing[Int(mi)].takeLongestWaiting() {
                housed += Int32(households[Int(h)].members.count)
                calendar.schedule(.housed(household: h), at: now)
            }
        case .fteChange(let pi, let entry):
            let pool = scenario.organisation.pools[Int(pi)]
            guard let change = pool.fteSchedule?[Int(entry)] else { return }
            let (cap, hours) = Self.capacity(pool, fte: change.fte)
            for k in 0..<pool.consultants {
                for (id, j) in pools[Int(pi)].setCapacity(consultant: k, cap: cap, hoursPerDay: hours, now: now) {
                    admitted(Int32(id), consultant: j, now: now)
                }
            }
        case .poolSnapshot(let i):
            for (pi, pool) in pools.enumerated() {
                let fte = pool.consultants.reduce(0) { $0 + $1.hoursPerDay } * 7 / productiveWeek[pi]
                caseloadPerFTEAt[Int(i)][pi] = Double(pool.totalOpenCases) / fte
                waitingAt[Int(i)][pi] = Double(pool.waitingCases)
            }
        case .setUpNext:
            while setUpCursor < setUpEvents.count && setUpEvents[setUpCursor].time <= now {
                let next = setUpEvents[setUpCursor].event
                setUpCursor += 1
                handle(next)
            }
            if setUpCursor < setUpEvents.count { calendar.schedule(.setUpNext, at: setUpEvents[setUpCursor].time) }
        case .snapshot:
            snapshots.record(at: now, stateCounts.map(Double.init))
            let next = snapshotEveryDays.map { now + $0 } ?? nextMonth(after: now)
            if let next, next <= horizonEnd { calendar.schedule(.snapshot, at: next) }
        }
    }

    /// Consultant `k`'s week of work besides the chain's tasks: benefit work (first, when the
    /// pool gives it priority), the casework of its open Wi2021 cases, MB of its
    /// statushouders, contact with its old-law clients.
    private mutating func weeklyWork(pool pi: Int, consultant k: Int, now: Double) {
        let fteShare = pools[pi].consultants[k].hoursPerDay * 7 / productiveWeek[pi]
        if let sampler = benefitHours[pi] {
            submitOther(Task(person: -1, kind: .benefit, hours: sampler.sample(consultantStream) * fteShare),
                        pool: pi, consultant: k, priority: benefitPriority[pi], now: now)
        }
        if wiOpen[pi, k] > 0 {
            submitOther(Task(person: -1, kind: .casework, hours: Double(wiOpen[pi, k]) * caseworkWeekly), pool: pi, consultant: k,
                        priority: false, now: now)
        }
        if let mb = scenario.intake.mb, mbOpen[pi, k] > 0 {
            submitOther(Task(person: -1, kind: .mb, hours: Double(mbOpen[pi, k]) * mb.hoursPerWeek), pool: pi, consultant: k,
                        priority: false, now: now)
        }
        if oldLawOpen[pi, k] > 0 {
            submitOther(Task(person: -1, kind: .oldLaw, hours: Double(oldLawOpen[pi, k]) * oldLawWeekly[pi]), pool: pi, consultant: k,
                        priority: false, now: now)
        }
    }

    private mutating func register(_ p: Int32, now: Double) {
        let i = Int(p)
        persons[i].registration = now
        track[i].housed = true
        if track[i].waitingForHouse != 0 || track[i].pipWaitsForHouse {
            // A vroege start: the steps that wait for the house go on now.
            let waiting = track[i].waitingForHouse
            track[i].waitingForHouse = 0
            for k in 0..<plan.count where waiting & (1 << UInt64(k)) != 0 { scheduleStep(p, k, now: now) }
            if track[i].pipWaitsForHouse {
                track[i].pipWaitsForHouse = false
                pipReady(p, now: now)
            }
        } else {
            guard states[i] == .azc || states[i] == .expected else { return } // vroege start under way
            move(p, to: .settling)
            if persons[i].stream == .family && persons[i].koppeling.isNaN {
                // The municipality hears of a family migrant through DUO's notice.
                let notice = max(persons[i].obligationStart, now)
                calendar.schedule(.referral(person: p), at: notice + (familyReferral ?? settling).sample(intakeStream))
            } else {
                calendar.schedule(.referral(person: p), after: settling.sample(intakeStream))
            }
        }
    }

    private mutating func admitted(_ p: Int32, consultant k: Int, now: Double) {
        persons[Int(p)].admitted = now
        track[Int(p)].consultant = Int32(k)
        let pi = poolOfMunicipality[persons[Int(p)].municipality]
        wiOpen[pi, k] += 1
        wiCaseload[pi].update(wiCaseload[pi].value + 1, at: now)
        move(p, to: .intake)
        for root in 0..<plan.count where plan.roots & (1 << UInt64(root)) != 0 { stepReady(p, root, now: now) }
        if let mb = scenario.intake.mb, persons[Int(p)].stream == .asylum {
            mbOpen[pi, k] += 1
            calendar.schedule(.mbEnd(person: p), after: mb.weeks * 7)
        }
    }

    private mutating func submit(_ task: Task, now: Double) {
        let p = Int(task.person)
        var pi = poolOfMunicipality[persons[p].municipality]
        var k = Int(track[p].consultant)
        if task.kind == .alongside {
            // The second person of the step (`also`): the least busy member of that team.
            pi = Int(plan.alsoTeams[Int(task.step)])
            k = pools[pi].leastBusyConsultant()
        } else if task.kind == .step || task.kind == .noShow || task.kind == .attend, case let team = Int(plan.teams[Int(task.step)]), team >= 0, team != pi {
            // Another team's step (WerkSaam's intake, a tester): its next free member does it.
            pi = team
            k = pools[team].leastBusyConsultant()
        }
        demand.taskSubmitted(pool: pi, hours: task.hours, at: now)
        wiHoursAsked[pi] += task.hours
        if let finish = pools[pi].submit(task, hours: task.hours, consultant: k, now: now) {
            taskStarted(task, now: now)
            start(task, pool: pi, consultant: k, finish: finish)
        }
    }

    /// Consultant `k` of pool `pi` works on `task` until `finish`.
    private mutating func start(_ task: Task, pool pi: Int, consultant k: Int, finish: Double) {
        inProgress[pi, k] = task
        calendar.schedule(.taskDone(pool: Int32(pi), consultant: Int32(k)), at: finish)
    }

    private mutating func submitOther(_ task: Task, pool pi: Int, consultant k: Int, priority: Bool, now: Double) {
        guard task.hours > 0 else { return }
        demand.taskSubmitted(pool: pi, hours: task.hours, at: now)
        if task.kind != .benefit && task.kind != .oldLaw { wiHoursAsked[pi] += task.hours }
        if let finish = pools[pi].submit(task, hours: task.hours, consultant: k, priority: priority, now: now) {
            start(task, pool: pi, consultant: k, finish: finish)
        }
    }

    private mutating func taskStarted(_ task: Task, now: Double) {
        guard task.kind == .step, plan.intake & (1 << UInt64(task.step)) != 0 else { return }
        if persons[Int(task.person)].intakeStart.isNaN { persons[Int(task.person)].intakeStart = now }
    }

    private mutating func taskFinished(_ task: Task, now: Double) {
        switch task.kind {
        case .step: repetitionDone(task.person, Int(task.step), rep: task.rep, now: now)
        case .noShow:
            calendar.schedule(.stepDue(person: task.person, step: task.step, rep: task.rep), after: reschedule?.sample(noShowStream) ?? 0)
        default: break
        }
    }

    // MARK: - The chain's steps (ChainPlan)

    /// What step `k` follows is done: pass it over when it does not apply to the person, hold
    /// it until the house is there when it needs one, or start it after its delay.
    private mutating func stepReady(_ p: Int32, _ k: Int, now: Double) {
        let i = Int(p), bit: UInt64 = 1 << UInt64(k)
        track[i].readied |= bit
        guard persons[i].stepApplies & bit != 0 else { return stepDone(p, k, applied: false, now: now) }
        if plan.needsHousing & bit != 0 && !track[i].housed {
            track[i].waitingForHouse |= bit
            if plan.works[k] == .lbt { move(p, to: .lbt) } // waiting for the LBT
            return
        }
        scheduleStep(p, k, now: now)
    }

    private mutating func scheduleStep(_ p: Int32, _ k: Int, now: Double) {
        let bit: UInt64 = 1 << UInt64(k)
        guard plan.hasDelay & bit != 0 else { return startStep(p, k, rep: 0, now: now) }
        let days = plan.delays.sample(k, plan.delayFromIntake & bit != 0 ? intakeStream : handoffStream)
        calendar.schedule(.stepDue(person: p, step: UInt8(k), rep: 0), after: days)
    }

    /// Repetition `rep` of step `k` starts: the consultant's task, time, or an LBT session.
    private mutating func startStep(_ p: Int32, _ k: Int, rep: UInt8, now: Double) {
        let i = Int(p), bit: UInt64 = 1 << UInt64(k)
        if let state = plan.states[k], state.rawValue > states[i].rawValue { move(p, to: state) }
        if rep == 0 && plan.lbtPhase & bit != 0 { track[i].lbtPhaseRunning += 1 }
        switch plan.works[k] {
        case .consultant:
            let h = plan.samplers.sample(k, consultantStream)
            if plan.intake & bit != 0, let noShows, noShowStream.uniform() < (persons[i].stream == .asylum ? noShows.asylum : noShows.family) {
                // The person does not come: the consultant loses part of the slot, the talk is planned again.
                missedTalks += 1
                submit(Task(person: p, kind: .noShow, hours: h * noShows.hoursLost, step: UInt8(k), rep: rep), now: now)
            } else if h > 0 {
                submit(Task(person: p, kind: .step, hours: h, step: UInt8(k), rep: rep), now: now)
                if plan.alsoTeams[k] >= 0 { submit(Task(person: p, kind: .alongside, hours: h, step: UInt8(k), rep: rep), now: now) }
            } else {
                repetitionDone(p, k, rep: rep, now: now)
            }
        case .elapsed:
            calendar.schedule(.stepEnd(person: p, step: UInt8(k), rep: rep), after: plan.samplers.sample(k, handoffStream))
        case .lbt:
            let session = lbtSlots.book(earliest: now)
            demand.lbtBooked(at: now)
            if plan.attends & bit != 0 { calendar.schedule(.lbtSession(person: p, step: UInt8(k)), at: session) }
            calendar.schedule(.stepEnd(person: p, step: UInt8(k), rep: rep), at: session + scenario.lbt.resultDays)
        }
    }

    private mutating func repetitionDone(_ p: Int32, _ k: Int, rep: UInt8, now: Double) {
        if Int(rep) + 1 < plan.times[k] {
            calendar.schedule(.stepDue(person: p, step: UInt8(k), rep: rep + 1), after: plan.betweens.sample(k, intakeStream))
        } else {
            stepDone(p, k, applied: true, now: now)
        }
    }

    /// Step `k` is done (or passed over): its milestone, the end of the chain at a PIP, and
    /// the steps that now have all they follow.
    private mutating func stepDone(_ p: Int32, _ k: Int, applied: Bool, now: Double) {
        let i = Int(p), bit: UInt64 = 1 << UInt64(k)
        track[i].done |= bit
        if applied {
            stepDoneAt[i * plan.count + k] = now
            switch plan.milestones[k] {
            case .intakeDone: persons[i].intakeDone = now
            case .lbt: persons[i].lbt = now
            case nil: break
            }
            if plan.lbtPhase & bit != 0 {
                track[i].lbtPhaseRunning -= 1
                if track[i].lbtPhaseRunning == 0 && states[i].rawValue < ChainState.pipPreparation.rawValue { move(p, to: .pipPreparation) }
            }
        }
        if plan.endMask & bit != 0 && track[i].done & plan.endMask == plan.endMask {
            // The PIP and all that follows it are done (this is the last of them): fix it.
            if track[i].housed { pipReady(p, now: now) } else { track[i].pipWaitsForHouse = true }
        }
        // The steps that follow it and now have all they follow, in list order.
        var next = plan.successors[k] & ~track[i].readied
        while next != 0 {
            let j = next.trailingZeroBitCount
            next &= next - 1
            if plan.predecessors[j] & ~track[i].done == 0 && track[i].readied & (1 << UInt64(j)) == 0 { stepReady(p, j, now: now) }
        }
    }

    /// The PIP is drafted (and the person housed): fix it now, or when the school's start
    /// moment is known.
    private mutating func pipReady(_ p: Int32, now: Double) {
        switch scenario.pip.policy {
        case .fixAtOnce:
            fixPIP(p, now: now, registerAtSchool: true)
        case .waitForSchool:
            guard !persons[Int(p)].ownProvider else { return fixPIP(p, now: now, registerAtSchool: true) }
            let registration = now + handoff.sample(handoffStream)
            persons[Int(p)].schoolRegistration = registration
            calendar.schedule(.schoolRegistration(person: p), at: registration)
            let start = schools[school(of: p)].nextStart(atOrAfter: registration) ?? .infinity
            let fix = max(now, start - (scenario.pip.leadDays ?? 0))
            if fix.isFinite { calendar.schedule(.pipFix(person: p), at: fix) }
        }
    }

    private mutating func fixPIP(_ p: Int32, now: Double, registerAtSchool: Bool) {
        let i = Int(p)
        persons[i].pip = now
        if states[i] != .inRoute { move(p, to: .awaitingRoute) }
        track[i].closeAt = now + scenario.progress.termDays
        scheduleProgress(p, after: now)
        if persons[i].ownProvider, let own = ownProviderStart {
            calendar.schedule(.ownRouteStart(person: p), after: own.sample(routeStream))
        } else if registerAtSchool {
            calendar.schedule(.schoolRegistration(person: p), after: handoff.sample(handoffStream))
        }
    }

    private mutating func startGroups(school si: Int, now: Double, extra: Bool) {
        let groups = extra ? schools[si].startExtraGroup(now: now) : schools[si].start(now: now)
        for group in groups { for p in group { routeStarted(p, now: now) } }
        demand.schoolStarted(school: si, places: extra ? schools[si].maxSize : schools[si].groups(at: now) * schools[si].maxSize, at: now)
        if extra { extraGroupsOpened[si] += 1 }
        if !extra, let rule = scenario.schools[si].extraGroups, schools[si].waiting >= rule.whenLeftWaiting {
            calendar.schedule(.extraGroup(school: Int32(si)), after: rule.lagDays)
        }
    }

    private mutating func routeStarted(_ p: Int32, now: Double) {
        let i = Int(p)
        persons[i].routeStart = now
        move(p, to: .inRoute)
        if let duration = routeDuration[persons[i].route.index] {
            let end = now + duration.sample(routeStream)
            if end < track[i].closeAt { planClose(p, at: end) }
        }
    }

    /// The next voortgangsgesprek (the listed days after the PIP, then every
    /// `then_every_days`), or the close of the case when that comes first. The term's close
    /// is scheduled only here, at the end of the chain of talks, to keep the calendar small.
    private mutating func scheduleProgress(_ p: Int32, after now: Double) {
        let i = Int(p), listed = scenario.progress.talksAfterPIPDays, k = Int(track[i].progressTalks)
        let next = k < listed.count ? persons[i].pip + listed[k] : now + scenario.progress.thenEveryDays
        if next < track[i].closeAt {
            calendar.schedule(.progressTalk(person: p), at: next)
        } else {
            calendar.schedule(.caseClose(person: p), at: track[i].closeAt)
        }
    }

    private mutating func planClose(_ p: Int32, at time: Double) {
        track[Int(p)].closeAt = time
        calendar.schedule(.caseClose(person: p), at: time)
    }

    private func school(of p: Int32) -> Int {
        compiled.schoolFor[persons[Int(p)].route.index][persons[Int(p)].municipality]
    }

    private mutating func move(_ p: Int32, to state: ChainState) {
        stateCounts[states[Int(p)].rawValue] -= 1
        states[Int(p)] = state
        stateCounts[state.rawValue] += 1
    }

    /// The first of the month after `day`, within the horizon.
    private func nextMonth(after day: Double) -> Double? {
        compiled.monthStarts.first { $0 > day }
    }

    /// Runs the replication to the end of the horizon.
    public mutating func runToHorizon() {
        run(until: horizonEnd)
    }
}
