import CGSL

/// GSL's default error handler aborts the process; ketensim turns it off once and
/// checks return values instead.
private let gslErrorsQuieted: Void = ketensim_gsl_quiet_errors()

/// The version of the GSL library ketensim was compiled against (for run manifests).
public let gslVersion: String = String(cString: ketensim_gsl_version())

/// One independent stream of random numbers: a GSL generator of ketensim's own
/// `xoshiro256++` type (see `CGSL/shim.h`), seeded with a full 64-bit seed.
///
/// A stream is owned by one replication and never shared between threads.
/// All `gsl_ran_*` samplers draw from it through `pointer`.
public final class RandomStream {
    /// The generator. Valid for the lifetime of the stream.
    public let pointer: UnsafeMutablePointer<gsl_rng>
    /// The 64-bit seed the generator state was derived from.
    public let seed: UInt64

    /// The name of the generator behind every stream (for manifests).
    public static let generatorName = "xoshiro256++ (GSL rng type, state from SplitMix64)"

    public init(seed: UInt64) {
        _ = gslErrorsQuieted
        guard let rng = gsl_rng_alloc(ketensim_rng_xoshiro256pp()) else {
            fatalError("GSL could not allocate a random number generator (out of memory)")
        }
        gsl_rng_set(rng, UInt(seed))
        self.pointer = rng
        self.seed = seed
    }

    /// The stream for one purpose (`name`, e.g. "arrivals") of one replication.
    public convenience init(master: UInt64, replication: Int, name: String) {
        self.init(seed: StreamSeed.derive(master: master, replication: replication, name: name))
    }

    deinit { gsl_rng_free(pointer) }

    /// Uniform on [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(pointer) }

    /// Uniform on (0, 1).
    @inlinable public func uniformPositive() -> Double { gsl_rng_uniform_pos(pointer) }

    /// Exponential with the given mean.
    @inlinable public func exponential(mean: Double) -> Double { gsl_ran_exponential(pointer, mean) }

    /// Uniform integer in 0 ..< n (n > 0).
    @inlinable public func integer(below n: Int) -> Int {
        precondition(n > 0, "integer(below:) needs n > 0")
        return Int(gsl_rng_uniform_int(pointer, UInt(n)))
    }

    /// The next raw 64-bit output of the generator.
    @inlinable public func next() -> UInt64 { UInt64(gsl_rng_get(pointer)) }
}

/// Derivation of stream seeds from (master seed, replication index, stream name).
///
/// `seed = mix(mix(mix(master) ^ replication) ^ fnv1a64(name))`, with `mix` the
/// SplitMix64 finaliser (a bijection on 64 bits). For a fixed master and name,
/// different replications therefore never share a seed; for a fixed replication and
/// name, different masters never do; different names collide only if their 64-bit
/// FNV-1a hashes do. Replication results depend only on their index, never on the
/// thread that ran them, and two scenarios that use the same stream name see the same
/// numbers (common random numbers).
public enum StreamSeed {
    public static let description =
        "seed = mix(mix(mix(master) xor replication) xor fnv1a64(name)); mix = SplitMix64 finaliser"

    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public static func fnv1a64(_ text: String) -> UInt64 { fnv1a64(bytes: text.utf8) }

    /// 64-bit FNV-1a of a byte sequence (also the file hash in run manifests).
    public static func fnv1a64<Bytes: Sequence>(bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    public static func derive(master: UInt64, replication: Int, name: String) -> UInt64 {
        mix(mix(mix(master) ^ UInt64(bitPattern: Int64(replication))) ^ fnv1a64(name))
    }
}
