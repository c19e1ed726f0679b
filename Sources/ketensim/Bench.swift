import ArgumentParser
import Foundation
import HeapModule
import SimKernel
import Stochastics

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks of the simulation kernel.",
        subcommands: [MMc.self, HeapBench.self, Chain.self]
    )
}

/// Bytes of memory `body` holds at its peak: freed memory goes back to the system first
/// (`malloc_trim`) and the peak resident size is reset (`/proc/self/clear_refs`), so the
/// peak's growth over the resident size before is what `body` itself took. nil without
/// Linux's /proc (the figure is then not shown).
func peakMemory(_ body: () -> Void) -> Int? {
    func status(_ key: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
    }
    // glibc's malloc_trim (not in Swift's Glibc module): give freed memory back first.
    if let trim = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
        _ = unsafeBitCast(trim, to: (@convention(c) (Int) -> Int32).self)(0)
    }
    guard let fd = fopen("/proc/self/clear_refs", "w") else { body(); return nil }
    fputs("5", fd)
    fclose(fd)
    guard let before = status("VmRSS"), let reset = status("VmHWM"), reset <= before + 64 * 1024 else { body(); return nil }
    body()
    return status("VmHWM").map { $0 - before }
}

/// Wall-clock seconds of `body`.
func measure(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

extension Bench {
    struct MMc: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mmc",
            abstract: "M/M/c through the generic kernel and ServerPool, against Erlang C."
        )

        @Option(help: "Number of servers c.") var servers = 5
        @Option(help: "Utilisation rho = lambda / (c mu).") var rho = 0.9
        @Option(help: "Service rate per server.") var mu = 1.0
        @Option(help: "Customers to simulate (the run ends when the last has left).") var customers = 1_000_000
        @Option(help: "Customers whose waits are dropped as warm-up.") var warmUp = 10_000
        @Option(help: "Master seed.") var seed: UInt64 = 12345
        @Flag(help: "Print one JSON object.") var json = false

        func validate() throws {
            guard servers > 0 else { throw ValidationError("--servers must be positive") }
            guard rho > 0 && rho < 1 else { throw ValidationError("--rho must lie in (0, 1) for a stable queue") }
            guard mu > 0 else { throw ValidationError("--mu must be positive") }
            guard customers > warmUp else { throw ValidationError("--customers must exceed --warm-up") }
        }

        func run() throws {
            let lambda = rho * Double(servers) * mu
            var model = QueueModel.mmc(servers: servers, lambda: lambda, mu: mu, customers: customers,
                                       warmUpCustomers: warmUp, seed: seed)
            let wall = measure { model.runToCompletion() }
            let events = model.calendar.processed
            let result = MMcResult(
                customers: customers, events: events, wall_seconds: wall,
                events_per_second: Double(events) / wall, mean_wait: model.pool.waits.mean,
                erlang_c_wait: QueueingTheory.mmcMeanWait(servers: servers, lambda: lambda, mu: mu))
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(result), as: UTF8.self))
            } else {
                print("M/M/\(servers)  lambda=\(lambda) mu=\(mu) rho=\(rho)  seed=\(seed)")
                print("customers          \(customers)")
                print("events             \(events)")
                print("wall seconds       \(String(format: "%.3f", wall))")
                print("events per second  \(String(format: "%.0f", result.events_per_second))")
                print("mean wait          \(String(format: "%.6f", result.mean_wait))  (after \(warmUp) warm-up customers)")
                print("Erlang C wait      \(String(format: "%.6f", result.erlang_c_wait))")
            }
        }
    }

    struct MMcResult: Encodable {
        let customers: Int
        let events: Int
        let wall_seconds: Double
        let events_per_second: Double
        let mean_wait: Double
        let erlang_c_wait: Double
    }

    struct HeapBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "heap",
            abstract: "Hold model: ketensim's KeyedHeap against swift-collections' Heap."
        )

        @Option(help: "Events pending in the calendar.") var pending = 1_000
        @Option(help: "Hold operations (pop the earliest, push it back later).") var holds = 5_000_000
        @Option(help: "Seed.") var seed: UInt64 = 1

        /// swift-collections' Heap needs a Comparable element: (time, sequence, payload).
        struct Entry: Comparable {
            let time: Double
            let sequence: UInt64
            let payload: Int
            static func < (a: Entry, b: Entry) -> Bool {
                a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
            }
            static func == (a: Entry, b: Entry) -> Bool { a.time == b.time && a.sequence == b.sequence }
        }

        func run() {
            let increments: [Double] = {
                let s = RandomStream(seed: seed)
                return (0..<(pending + holds)).map { _ in s.exponential(mean: 1) }
            }()
            var checksumOwn = 0.0, checksumCollections = 0.0
            let own = measure {
                var heap = KeyedHeap<Int>(capacity: pending)
                for i in 0..<pending { heap.insert(i, key: increments[i]) }
                for i in 0..<holds {
                    guard let (t, v) = heap.popMin() else { break }
                    checksumOwn += t
                    heap.insert(v, key: t + increments[pending + i])
                }
            }
            let collections = measure {
                var heap = Heap<Entry>()
                var sequence: UInt64 = 0
                for i in 0..<pending {
                    heap.insert(Entry(time: increments[i], sequence: sequence, payload: i))
                    sequence += 1
                }
                for i in 0..<holds {
                    guard let e = heap.popMin() else { break }
                    checksumCollections += e.time
                    heap.insert(Entry(time: e.time + increments[pending + i], sequence: sequence, payload: e.payload))
                    sequence += 1
                }
            }
            print("hold model: \(pending) pending, \(holds) holds (same increments for both)")
            print(String(format: "KeyedHeap (ketensim)        %7.1f ns/hold", own / Double(holds) * 1e9))
            print(String(format: "Heap (swift-collections)    %7.1f ns/hold", collections / Double(holds) * 1e9))
            print(String(format: "ratio collections / own     %7.2f", collections / own))
            if checksumOwn != checksumCollections { print("warning: the two heaps popped different times") }
        }
    }
}
