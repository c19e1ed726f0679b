import CGSL

/// GSL's Sobol low-discrepancy sequence in [0, 1)^d (`gsl_qrng_sobol`, d ≤ 40): the
/// space-filling design of calibration and the sample matrices of Sobol indices.
public final class SobolSequence {
    private let pointer: UnsafeMutablePointer<gsl_qrng>
    public let dimension: Int

    /// nil when GSL does not offer the dimension (1 … 40).
    public init?(dimension: Int) {
        guard (1...40).contains(dimension), let q = gsl_qrng_alloc(ketensim_qrng_sobol(), UInt32(dimension)) else { return nil }
        pointer = q
        self.dimension = dimension
    }

    deinit { gsl_qrng_free(pointer) }

    /// The next point.
    public func next() -> [Double] {
        var x = [Double](repeating: 0, count: dimension)
        x.withUnsafeMutableBufferPointer { _ = gsl_qrng_get(pointer, $0.baseAddress) }
        return x
    }
}
