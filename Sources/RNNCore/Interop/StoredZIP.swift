import Foundation

/// A ZIP archive of stored (uncompressed) `.npy` members, what `numpy.savez` writes, built in
/// one pass into a buffer of its final size (APPNOTE 6.3: a local header before each member,
/// the central directory and its end record after them).
///
/// Faster than building it with ZIPFoundation, which grows `Data` a chunk at a time and, on
/// Linux, computes the CRC-32 a byte at a time: for the ~45 MB of an S3 LSTM run with
/// gradients that took longer than the cell itself. Classic ZIP only (no ZIP64): `archive`
/// returns nil past its limits and `NPZ.encode` falls back to ZIPFoundation.
enum StoredZIP {
    /// One member: its path in the archive and the array whose `.npy` bytes it holds.
    struct Member {
        var name: String
        var array: NDArray
    }

    /// The largest member size, offset and central directory size classic ZIP can record.
    static let classicLimit = Int(UInt32.max) - 1
    /// Bytes of .npy data written between two CRC updates: small enough to stay in L2.
    static let crcChunk = 128 * 1024

    static let localHeaderSize = 30
    static let centralHeaderSize = 46
    static let endRecordSize = 22

    /// Where everything of an archive goes, from the member names and sizes alone (no data):
    /// what `archive` fills in memory and `NPZStream` writes to a file piece by piece, so
    /// both give the same bytes.
    struct Layout {
        /// The member paths as UTF-8.
        let names: [[UInt8]]
        /// Each member's `.npy` header (its first bytes).
        let headers: [[UInt8]]
        /// Each member's size: header and data.
        let sizes: [Int]
        /// Where each member's local header starts.
        let offsets: [Int]
        let directoryStart: Int
        let directorySize: Int
        /// The archive's size.
        let total: Int
        /// The MS-DOS time and date every header records.
        let time: UInt16, date: UInt16

        /// `dataSizes`: the bytes of each member's elements (after its header).
        init(names: [String], headers: [[UInt8]], dataSizes: [Int], now: Date) {
            self.names = names.map { Array($0.utf8) }
            self.headers = headers
            sizes = zip(headers, dataSizes).map { $0.count + $1 }
            var offsets: [Int] = []
            var total = 0
            for k in sizes.indices {
                offsets.append(total)
                total += StoredZIP.localHeaderSize + self.names[k].count + sizes[k]
            }
            self.offsets = offsets
            directoryStart = total
            directorySize = self.names.reduce(0) { $0 + StoredZIP.centralHeaderSize + $1.count }
            self.total = total + directorySize + StoredZIP.endRecordSize
            (time, date) = StoredZIP.dosTimeAndDate(now)
        }

        /// Whether classic ZIP can record it: no member, offset or directory over `limit`
        /// bytes, at most 65535 members.
        func fitsClassic(limit: Int = StoredZIP.classicLimit) -> Bool {
            names.count <= Int(UInt16.max) && directoryStart <= limit && directorySize <= limit && sizes.allSatisfy { $0 <= limit }
        }

        /// Bytes of member `k`'s local header (with its name).
        func localHeaderLength(_ k: Int) -> Int { StoredZIP.localHeaderSize + names[k].count }
        /// Where member `k`'s `.npy` bytes start.
        func bodyOffset(_ k: Int) -> Int { offsets[k] + localHeaderLength(k) }

        /// Bit 11: the name is UTF-8 (only needed, and only set, when it is not ASCII).
        private func flags(_ k: Int) -> UInt16 { names[k].contains { $0 >= 0x80 } ? 0x0800 : 0 }

        /// Writes member `k`'s local header (`localHeaderLength(k)` bytes) at `destination`.
        func writeLocalHeader(_ k: Int, crc: UInt32, to destination: UnsafeMutableRawPointer) {
            var w = Writer(base: destination, at: 0)
            w.u32(0x0403_4B50)
            w.u16(20)  // version needed: 2.0
            w.u16(flags(k))
            w.u16(0)   // stored
            w.u16(time)
            w.u16(date)
            w.u32(crc)
            w.u32(UInt32(sizes[k]))
            w.u32(UInt32(sizes[k]))
            w.u16(UInt16(names[k].count))
            w.u16(0)   // no extra field
            w.bytes(names[k])
        }

        /// Writes the central directory and its end record (`total - directoryStart` bytes)
        /// at `destination`.
        func writeDirectory(crcs: [UInt32], to destination: UnsafeMutableRawPointer) {
            var w = Writer(base: destination, at: 0)
            for k in names.indices {
                w.u32(0x0201_4B50)
                w.u16(3 << 8 | 20)  // made by: Unix, ZIP 2.0 (so the mode below is read)
                w.u16(20)
                w.u16(flags(k))
                w.u16(0)
                w.u16(time)
                w.u16(date)
                w.u32(crcs[k])
                w.u32(UInt32(sizes[k]))
                w.u32(UInt32(sizes[k]))
                w.u16(UInt16(names[k].count))
                w.u16(0)   // extra field
                w.u16(0)   // comment
                w.u16(0)   // disk number
                w.u16(0)   // internal attributes
                w.u32(UInt32(0o100644) << 16)  // external: a regular file, rw-r--r--
                w.u32(UInt32(offsets[k]))
                w.bytes(names[k])
            }
            w.u32(0x0605_4B50)
            w.u16(0)
            w.u16(0)
            w.u16(UInt16(names.count))
            w.u16(UInt16(names.count))
            w.u32(UInt32(directorySize))
            w.u32(UInt32(directoryStart))
            w.u16(0)   // comment length
        }
    }

    /// The archive's bytes, or nil when it needs ZIP64 (a member or the whole over
    /// `limit` bytes, or more than 65535 members).
    static func archive(_ members: [Member], limit: Int = classicLimit, now: Date = Date()) -> Data? {
        let layout = Layout(names: members.map(\.name), headers: members.map { NPY.headerBytes(for: $0.array) },
                            dataSizes: members.map { $0.array.count * $0.array.dtype.size }, now: now)
        guard layout.fitsClassic(limit: limit) else { return nil }

        // Not zeroed (every byte is written below), and from the heap, whose pages an S3 run
        // has mostly touched already (a fresh mapping with huge pages was tried: the run's page
        // faults went from 50.3k to 48.6k, its time did not change measurably).
        let base = malloc(max(layout.total, 1))!
        var crcs = [UInt32](repeating: 0, count: members.count)
        // Each member goes to its own place, so two threads can write (and checksum) two
        // sets of members at once: the CRC is most of the work.
        let parts = groups(layout.sizes, count: ThreadPolicy.maxThreads >= 2 && layout.total >= parallelThreshold ? 2 : 1)
        crcs.withUnsafeMutableBufferPointer { crcs in
            let job = MemberJob(base: base, crcs: crcs)
            let writePart = { (part: Int) in
                for k in parts[part] {
                    let header = layout.headers[k]
                    let body = job.base + layout.bodyOffset(k)
                    UnsafeMutableRawBufferPointer(start: body, count: header.count).copyBytes(from: header)
                    var crc = ZipCRC32.checksum(UnsafeRawBufferPointer(start: body, count: header.count))
                    crc = writeElements(members[k].array, to: body + header.count, continuing: crc)
                    job.crcs[k] = crc
                    layout.writeLocalHeader(k, crc: crc, to: job.base + layout.offsets[k])
                }
            }
            if parts.count == 1 { writePart(0) } else { ThreadPolicy.parallel(parts.count, writePart) }
        }
        layout.writeDirectory(crcs: crcs, to: base + layout.directoryStart)
        return Data(bytesNoCopy: base, count: layout.total, deallocator: .free)
    }

    /// Archives from this size are written by two threads (below, waking the helper costs more
    /// than it saves).
    static let parallelThreshold = 1 << 20

    /// Member indices in `count` groups of about equal bytes (largest first, each to the
    /// lightest group so far), each group in archive order.
    static func groups(_ sizes: [Int], count: Int) -> [[Int]] {
        guard count > 1 else { return [Array(sizes.indices)] }
        var groups = [[Int]](repeating: [], count: count)
        var load = [Int](repeating: 0, count: count)
        for k in sizes.indices.sorted(by: { sizes[$0] > sizes[$1] }) {
            let lightest = load.indices.min { load[$0] < load[$1] }!
            groups[lightest].append(k)
            load[lightest] += sizes[k]
        }
        return groups.map { $0.sorted() }
    }

    /// What the threads share: the archive's buffer and one CRC slot per member (each thread
    /// writes only its members' bytes and slots).
    private struct MemberJob: @unchecked Sendable {
        let base: UnsafeMutableRawPointer
        let crcs: UnsafeMutableBufferPointer<UInt32>
    }

    /// Writes the array's elements at `destination` in pieces of `crcChunk` bytes, each
    /// checksummed right after it is written (while it is still in cache).
    private static func writeElements(_ array: NDArray, to destination: UnsafeMutableRawPointer, continuing crc: UInt32) -> UInt32 {
        let size = array.dtype.size
        let perChunk = max(1, crcChunk / size)
        var crc = crc
        var start = 0
        while start < array.count {
            let end = min(array.count, start + perChunk)
            let piece = destination + start * size
            NPY.writeElements(of: array, range: start..<end, to: piece)
            crc = ZipCRC32.checksum(UnsafeRawBufferPointer(start: piece, count: (end - start) * size), continuing: crc)
            start = end
        }
        return crc
    }

    /// MS-DOS time and date (local time, 2-second resolution), as ZIP records them.
    static func dosTimeAndDate(_ date: Date) -> (time: UInt16, date: UInt16) {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil, parts.tm_year >= 80 else { return (0, 0x21) }  // 1980-01-01
        let time = parts.tm_hour << 11 | parts.tm_min << 5 | parts.tm_sec / 2
        let day = (parts.tm_year - 80) << 9 | (parts.tm_mon + 1) << 5 | parts.tm_mday
        return (UInt16(truncatingIfNeeded: time), UInt16(truncatingIfNeeded: day))
    }

    /// Little-endian fields written at a moving offset.
    struct Writer {
        let base: UnsafeMutableRawPointer
        var at: Int

        mutating func u16(_ v: UInt16) {
            base.storeBytes(of: v.littleEndian, toByteOffset: at, as: UInt16.self)
            at += 2
        }

        mutating func u32(_ v: UInt32) {
            base.storeBytes(of: v.littleEndian, toByteOffset: at, as: UInt32.self)
            at += 4
        }

        mutating func bytes(_ b: [UInt8]) {
            UnsafeMutableRawBufferPointer(start: base + at, count: b.count).copyBytes(from: b)
            at += b.count
        }
    }
}
