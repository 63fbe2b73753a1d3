#if canImport(CZlib)
// zlib, which ZIPFoundation already links on Linux through its CZlib module (see DECISIONS.md).
import CZlib
#endif

/// The CRC-32 of ZIP archives (IEEE 802.3, reflected polynomial 0xEDB88320), which every
/// `.npz` member carries.
///
/// Computed by zlib's `crc32` where zlib is reachable (on Linux, through ZIPFoundation's
/// CZlib module; zlib 1.2.12+ computes it a word at a time), otherwise by slicing-by-8 tables
/// here. ZIPFoundation's own checksum on Linux goes a byte at a time, which cost more than
/// computing an S3 LSTM pass when writing its results.
public enum ZipCRC32 {
    /// The checksum of `bytes`, continuing from `crc` (0 to start): the CRC of two pieces
    /// one after the other equals the CRC of the whole.
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        #if canImport(CZlib)
        var crc = crc
        var rest = bytes
        // zlib takes the length as a 32-bit uInt: feed larger buffers in pieces.
        while !rest.isEmpty {
            let n = min(rest.count, 1 << 30)
            crc = UInt32(truncatingIfNeeded: CZlib.crc32(UInt(crc), rest.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(n)))
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
        }
        return crc
        #else
        return slicingBy8(bytes, continuing: crc)
        #endif
    }

    /// The checksum of `bytes`.
    public static func checksum<C: Collection>(of bytes: C, continuing crc: UInt32 = 0) -> UInt32 where C.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ checksum(UnsafeRawBufferPointer($0), continuing: crc) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes { checksum($0, continuing: crc) }
    }

    /// Whether `checksum` uses zlib (true where it is reachable) rather than the tables here.
    public static var usesZlib: Bool {
        #if canImport(CZlib)
        return true
        #else
        return false
        #endif
    }

    /// Slicing-by-8 (Intel's method): eight table lookups per 8 bytes instead of one per byte.
    /// The fallback where zlib is not reachable; tests compare it with `checksum`.
    static func slicingBy8(_ bytes: UnsafeRawBufferPointer, continuing start: UInt32 = 0) -> UInt32 {
        var crc = ~start
        let n = bytes.count
        var k = 0
        tables.withUnsafeBufferPointer { t in
            while k + 8 <= n {
                let lo = bytes.loadUnaligned(fromByteOffset: k, as: UInt32.self).littleEndian ^ crc
                let hi = bytes.loadUnaligned(fromByteOffset: k + 4, as: UInt32.self).littleEndian
                crc = t[7 * 256 + Int(lo & 0xFF)] ^ t[6 * 256 + Int((lo >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((lo >> 16) & 0xFF)] ^ t[4 * 256 + Int(lo >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                k += 8
            }
            while k < n {
                crc = t[Int((crc ^ UInt32(bytes[k])) & 0xFF)] ^ (crc >> 8)
                k += 1
            }
        }
        return ~crc
    }

    /// Table j gives the CRC of a byte followed by j zero bytes (table 0 is the classic one).
    private static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for b in 0..<256 {
            var c = UInt32(b)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[b] = c
        }
        for j in 1..<8 {
            for b in 0..<256 {
                let prev = t[(j - 1) * 256 + b]
                t[j * 256 + b] = t[Int(prev & 0xFF)] ^ (prev >> 8)
            }
        }
        return t
    }()
}
