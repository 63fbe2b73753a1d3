#if os(Linux)
/// glibc's mallopt (malloc.h is not part of the Glibc module): M_TRIM_THRESHOLD = −1, M_MMAP_THRESHOLD = −3.
@_silgen_name("mallopt") private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif

/// A fixed-size, heap-allocated run of Doubles with a stable pointer: the workspaces of the
/// sequence kernels. Unlike `[Double]` it never copies on write and hands out a raw pointer
/// without a closure, which keeps the hot loops free of allocation and exclusivity checks.
///
/// Sendable because every owner treats it as immutable once the computation that filled it
/// has returned (a `SequenceTrace` never writes to its storage again).
final class DoubleStorage: @unchecked Sendable {
    let count: Int
    let pointer: UnsafeMutablePointer<Double>

    /// `count` zeros.
    convenience init(count: Int) {
        self.init(uninitializedCount: count)
        pointer.initialize(repeating: 0, count: max(count, 1))
    }

    /// `count` values the caller must write before reading them: for buffers that a kernel
    /// fills completely (pre-activations, gates, ∂L/∂a), where zeroing would be a wasted pass
    /// over tens of megabytes at S3.
    init(uninitializedCount count: Int) {
        _ = DoubleStorage.allocatorTuned
        self.count = count
        // 64-byte aligned (a cache line): a packed B panel row is 64 bytes, so each of the
        // kernel's two 32-byte loads stays within one line (glibc's 16-byte alignment put one
        // of them across two lines on every depth step).
        pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Double>.stride, alignment: 64)
            .bindMemory(to: Double.self, capacity: max(count, 1))
    }

    /// A copy of `values`.
    convenience init(copying values: [Double]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { pointer.update(from: base, count: values.count) }
        }
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }

    /// glibc serves blocks above 128 KiB with a fresh mmap, so every trace of a long sequence
    /// would pay page faults and zeroing of new pages. Keeping such blocks in the heap lets
    /// repeated forward/backward passes reuse warm memory (set once per process, Linux only).
    private static let allocatorTuned: Bool = {
        #if os(Linux)
        _ = glibcMallopt(-3, 256 << 20)  // M_MMAP_THRESHOLD
        _ = glibcMallopt(-1, 512 << 20)  // M_TRIM_THRESHOLD
        #endif
        return true
    }()

    /// Rows `offset ..< offset + rows·cols` as a new `(rows × cols)` matrix.
    func matrix(offset: Int, rows: Int, cols: Int) -> Matrix {
        precondition(offset >= 0 && offset + rows * cols <= count, "storage slice out of range")
        return Matrix(rows: rows, cols: cols, data: Array(UnsafeBufferPointer(start: pointer + offset, count: rows * cols)))
    }

    /// Copies `m` into the storage at `offset`.
    func write(_ m: Matrix, at offset: Int) {
        precondition(offset >= 0 && offset + m.count <= count, "storage slice out of range")
        m.data.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { (pointer + offset).update(from: base, count: m.count) }
        }
    }
}
