import Foundation
import InburgeringModel

/// The libFuzzer target (`make fuzz`, built with -sanitize=fuzzer,address and -DFUZZING):
/// bytes → a scenario file beside Scenarios/cases/common.yaml → validate → one short run.
/// Built without FUZZING it replays files instead: `ketensim-fuzz FILE…` prints each outcome.
let directory = ProcessInfo.processInfo.environment["KETENSIM_FUZZ_DIR"] ?? "Scenarios/cases"

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FuzzHarness.run(Data(bytes: data, count: size), directory: directory)
    return 0
}
#else
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("\(path): unreadable"); continue }
            print("\(path): \(FuzzHarness.run(data, directory: directory))")
        }
    }
}
#endif
