import Foundation
import InburgeringModel

/// The libFuzzer target (`make fuzz`, built with -sanitize=fuzzer,address and -DFUZZING):
/// bytes → an input of KETENSIM_FUZZ_KIND (scenario, sizing, calibration, criteria, results;
/// see `Harnesses`) in KETENSIM_FUZZ_DIR → what its command does with it, cut short.
/// Built without FUZZING it replays files instead: `ketensim-fuzz FILE…` prints each outcome.
let environment = ProcessInfo.processInfo.environment
let kind = Kind(rawValue: environment["KETENSIM_FUZZ_KIND"] ?? "scenario") ?? .scenario
let defaultDirectory: [Kind: String] = [.scenario: "Scenarios/cases", .sizing: "Scenarios/westfriesland", .calibration: "Scenarios/cases",
                                        .criteria: "Scenarios/westfriesland", .results: ".build/fuzz-results-seed"]
let directory = environment["KETENSIM_FUZZ_DIR"] ?? defaultDirectory[kind]!

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    Harnesses.run(Data(bytes: data, count: size), kind: kind, directory: directory)
    return 0
}
#else
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("\(path): unreadable"); continue }
            if kind == .scenario { print("\(path): \(FuzzHarness.run(data, directory: directory))") } else {
                Harnesses.run(data, kind: kind, directory: directory)
                print("\(path): done")
            }
        }
    }
}
#endif
