import InburgeringModel
import Testing

@Suite struct MetricGroupTests {
    @Test func everyGroupReadsBackAsItselfAndStrangeNamesAreNone() {
        let groups: [MetricGroup] = [.all, .lbt, .municipality("Hoorn"), .stream(.family), .municipalityStream("Stede Broec", .asylum),
                                     .pool("Westfriesland-6"), .school("B1 regional"), .municipalityStream("A|B", .family)]
        for g in groups { #expect(MetricGroup(g.description) == g, "\(g)") }
        #expect(MetricGroup.municipalityStream("Hoorn", .asylum).description == "municipality:Hoorn|stream:asylum")
        for bad in ["", "everyone", "stream:refugee", "municipality:Hoorn|stream:x", "pools:x"] { #expect(MetricGroup(bad) == nil, "\(bad)") }
    }

    @Test func anObservationIsMeasuredInTheGroupARunWrites() {
        // One municipality: its stream group is the same persons, and the only one written.
        #expect(MetricGroup.observed(municipality: "Tholen", stream: .asylum, municipalities: 1) == .stream(.asylum))
        #expect(MetricGroup.observed(municipality: "Bergen", stream: .family, municipalities: 4) == .municipalityStream("Bergen", .family))
        #expect(MetricGroup.observed(municipality: nil, stream: .family, municipalities: 4) == .stream(.family))
        // And a run writes exactly these groups.
        let one = ReplicationResult.groupNames(municipalities: ["Tholen"])
        #expect(one.contains(MetricGroup.observed(municipality: "Tholen", stream: .asylum, municipalities: 1).description))
        let four = ReplicationResult.groupNames(municipalities: ["Bergen", "Uitgeest", "Castricum", "Heiloo"])
        #expect(four.contains(MetricGroup.observed(municipality: "Bergen", stream: .family, municipalities: 4).description))
        #expect(four.count == 1 + 4 + 2 + 8 && one.count == 1 + 1 + 2)
    }
}

@Suite struct MetricTests {
    @Test func everyMetricHasOneCatalogueEntryWithAMeaning() {
        let entries = MetricCatalogue.all
        #expect(entries.count == Metric.allCases.count)
        #expect(Set(entries.map(\.metric)) == Set(Metric.allCases))
        #expect(entries.allSatisfy { !$0.meaning.isEmpty })
        #expect(Metric.pipCoverage.on("2023-12-08") == "pip_coverage@2023-12-08")
        #expect(Metric.housingToPipDays.censoredShare == "housing_to_pip_days_censored_share")
        #expect(MetricCatalogue.knows(Metric.hoursAskedPerHoursAvailable.on("2023-I")) && !MetricCatalogue.knows("happiness"))
    }
}
