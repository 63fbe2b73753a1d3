#if os(Linux)
import Glibc

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
        let bytes = max(count, 1) * MemoryLayout<Double>.stride
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
        DoubleStorage.preferHugePages(raw, bytes: bytes)
        pointer = raw.bindMemory(to: Double.self, capacity: max(count, 1))
    }

    /// Buffers from this size ask for transparent huge pages.
    static let hugePageThreshold = 4 << 20

    /// Asks Linux to back the whole 2 MB pages inside a large buffer with huge pages when it
    /// first touches them (`madvise(MADV_HUGEPAGE)`; the system's THP setting is usually
    /// "madvise", which leaves every other buffer on 4 KB pages). A one-shot S3 run touches
    /// ~100 MB of fresh memory: on 4 KB pages that was ~28,000 page faults and a fifth of the
    /// process's CPU time; with huge pages, one fault per 2 MB. Memory the heap has touched
    /// before keeps its pages (repeated passes reuse warm memory either way). Best effort:
    /// where huge pages are off or unavailable, nothing changes.
    private static func preferHugePages(_ base: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= hugePageThreshold else { return }
        let huge = 2 << 20
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(huge - 1)
        guard end > start else { return }
        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 14)  // MADV_HUGEPAGE
        #endif
    }

    /// A copy of `values`.
    convenience init(copying values: [Double]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { pointer.update(from: base, count: values.count) }
        }
    }

    deinit { UnsafeMutableRawPointer(pointer).deallocate() }

    /// Applies the allocator settings below now (they are otherwise applied by the first
    /// storage): a one-shot command calls it before reading its files, so the memory of the
    /// read buffers, once freed, serves the buffers of the computation.
    static func tuneAllocator() { _ = allocatorTuned }

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
