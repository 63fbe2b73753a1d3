/// One float64 array of `rnnlab run`'s output, read where the computation left it: a name, a
/// shape, and a way to copy any run of its values (in C order) out.
///
/// The passes keep their results time-major (h_t of the whole batch together) while the
/// output wants (batch, time, units): building a C-order copy of every array first cost a
/// fresh 40 MB at S3 (page faults and a pass over it) only to be copied again into the file.
/// `NPZStream` copies each piece straight from the trace into a small buffer it then
/// checksums and writes.
struct OutputArray {
    /// The array's name in the `.npz` (`h`, `grad_x`, …).
    let name: String
    let shape: [Int]
    /// The number of values (the product of `shape`).
    let count: Int
    /// Writes the values `range` (C order) at the destination.
    let copy: (Range<Int>, UnsafeMutablePointer<Double>) -> Void

    /// An array already in memory (float64 only: the output holds nothing else).
    init(name: String, array: NDArray) {
        precondition(array.dtype == .float64, "output array '\(name)' is \(array.dtype.rawValue); the output is float64")
        self.name = name
        shape = array.shape
        count = array.count
        copy = { range, destination in
            array.data.withUnsafeBufferPointer { all in
                if let base = all.baseAddress { destination.update(from: base + range.lowerBound, count: range.count) }
            }
        }
    }

    /// An array whose C order is `rows` runs of `rowLength` contiguous values in `storage`,
    /// run r starting at `rowStart(r)` (e.g. h: run (b, t) is h_t of sequence b).
    init(name: String, shape: [Int], rowLength: Int, storage: DoubleStorage, rowStart: @escaping (Int) -> Int) {
        let count = shape.reduce(1, *)
        precondition(rowLength > 0 && count % rowLength == 0, "output array '\(name)': rows of \(rowLength) do not tile \(shape)")
        self.name = name
        self.shape = shape
        self.count = count
        copy = { range, destination in
            var k = range.lowerBound
            var out = destination
            while k < range.upperBound {
                let (row, column) = k.quotientAndRemainder(dividingBy: rowLength)
                let n = min(rowLength - column, range.upperBound - k)
                out.update(from: storage.pointer + rowStart(row) + column, count: n)
                out += n
                k += n
            }
        }
    }

    /// The values as an `NDArray` (a copy).
    func materialized() -> NDArray {
        let values = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress { copy(0..<count, base) }
            initialized = count
        }
        return NDArray(shape: shape, data: values)
    }

    /// The offset of the first NaN or infinity among `count` values at `values`, if any.
    /// v · 0 is 0 for a finite v and NaN otherwise, so one sum of such products in four
    /// vector lanes tells whether a block has one (no branch per value; the exact place is
    /// looked for only then).
    static func firstNonFinite(_ values: UnsafePointer<Double>, count: Int) -> Int? {
        let raw = UnsafeRawPointer(values)
        var a = SIMD4<Double>(), b = SIMD4<Double>(), c = SIMD4<Double>(), d = SIMD4<Double>()
        var k = 0
        while k + 16 <= count {
            a += raw.loadUnaligned(fromByteOffset: k * 8, as: SIMD4<Double>.self) * 0
            b += raw.loadUnaligned(fromByteOffset: k * 8 + 32, as: SIMD4<Double>.self) * 0
            c += raw.loadUnaligned(fromByteOffset: k * 8 + 64, as: SIMD4<Double>.self) * 0
            d += raw.loadUnaligned(fromByteOffset: k * 8 + 96, as: SIMD4<Double>.self) * 0
            k += 16
        }
        var sum = ((a + b) + (c + d)).sum()
        while k < count {
            sum += values[k] * 0
            k += 1
        }
        guard sum.isNaN else { return nil }
        return (0..<count).first { !values[$0].isFinite }
    }
}

/// The first NaN or infinity of a set of output arrays, in name order.
struct NonFiniteValue: Equatable {
    var name: String
    var offset: Int
    var value: Double

    static func == (a: NonFiniteValue, b: NonFiniteValue) -> Bool {
        a.name == b.name && a.offset == b.offset && a.value.bitPattern == b.value.bitPattern
    }
}
