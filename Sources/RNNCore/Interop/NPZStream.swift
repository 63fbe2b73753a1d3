import Foundation

/// A stored `.npz` written into an `AtomicFile.Session` a few members at a time, each piece
/// straight from where the computation left it (`OutputArray`): the bytes of
/// `NPZ.encode` (same `StoredZIP.Layout`), without the archive ever being in memory.
///
/// `rnnlab run` writes the forward arrays while the backward pass is still to come, and asks
/// the kernel to start putting them on the disk (`startWriteback`), so the final `fsync` has
/// only the gradients left to wait for. All members are named up front (their sizes fix every
/// offset); `write` then fills any of them, in any order, and `finish` adds the directory.
final class NPZStream {
    let layout: StoredZIP.Layout
    /// Member index by array name.
    private let index: [String: Int]
    /// Each member's shape, as named in `init`.
    private let shapes: [[Int]]
    private var crcs: [UInt32]
    private var written: [Bool]

    /// Values per piece: 256 KB, checksummed and written while still in cache.
    static let pieceCount = 32 * 1024

    /// An archive of float64 arrays with these names and shapes (members in name order, as
    /// `NPZ.encode` writes them).
    init(arrays: [(name: String, shape: [Int])], now: Date = Date()) {
        let sorted = arrays.sorted { $0.name < $1.name }
        layout = StoredZIP.Layout(names: sorted.map { $0.name + ".npy" },
                                  headers: sorted.map { NPY.headerBytes(shape: $0.shape, dtype: .float64) },
                                  dataSizes: sorted.map { $0.shape.reduce(1, *) * 8 }, now: now)
        index = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.name, $0) })
        shapes = sorted.map(\.shape)
        crcs = [UInt32](repeating: 0, count: sorted.count)
        written = [Bool](repeating: false, count: sorted.count)
    }

    /// Whether the archive fits classic ZIP (else `NPZ.encode`'s ZIP64 path must write it).
    var fitsClassic: Bool { layout.fitsClassic() }

    /// Writes `arrays` (members named in `init`) into `session`, on two threads when they are
    /// large. Each piece is checked for NaN and infinity while in cache: returns the first such
    /// value in name order, if any (the caller then abandons the file). A nil `session` (the
    /// file could not be created) only checks.
    func write(_ arrays: [OutputArray], to session: AtomicFile.Session?) -> NonFiniteValue? {
        let members = arrays.sorted { $0.name < $1.name }
        let ks = members.map { array -> Int in
            guard let k = index[array.name] else { preconditionFailure("'\(array.name)' is not a member of this archive") }
            precondition(!written[k], "'\(array.name)' written twice")
            // Its header, and so every offset, was laid out from this shape.
            precondition(shapes[k] == array.shape, "'\(array.name)' is \(array.shape), announced as \(shapes[k])")
            return k
        }
        var found = [NonFiniteValue?](repeating: nil, count: members.count)
        var crcs = [UInt32](repeating: 0, count: members.count)
        let total = ks.reduce(0) { $0 + layout.sizes[$1] }
        let parts = StoredZIP.groups(ks.map { layout.sizes[$0] },
                                     count: ThreadPolicy.maxThreads >= 2 && total >= StoredZIP.parallelThreshold ? 2 : 1)
        found.withUnsafeMutableBufferPointer { found in
            crcs.withUnsafeMutableBufferPointer { crcs in
                let slots = Slots(found: found, crcs: crcs)
                let writePart = { (part: Int) in
                    let piece = UnsafeMutablePointer<Double>.allocate(capacity: Self.pieceCount)
                    defer { piece.deallocate() }
                    for m in parts[part] {
                        let (crc, bad) = self.writeMember(members[m], k: ks[m], piece: piece, session: session)
                        slots.crcs[m] = crc
                        slots.found[m] = bad
                    }
                }
                if parts.count == 1 { writePart(0) } else { ThreadPolicy.parallel(parts.count, writePart) }
            }
        }
        for (m, k) in ks.enumerated() {
            self.crcs[k] = crcs[m]
            written[k] = true
        }
        return found.lazy.compactMap { $0 }.first
    }

    /// Writes the central directory and end record; every member must have been written.
    func finish(to session: AtomicFile.Session) {
        precondition(written.allSatisfy { $0 }, "NPZStream finished before all members were written")
        let size = layout.total - layout.directoryStart
        let bytes = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { bytes.deallocate() }
        layout.writeDirectory(crcs: crcs, to: bytes)
        session.write(UnsafeRawBufferPointer(start: bytes, count: size), at: layout.directoryStart)
    }

    /// One member: its values piece by piece after its `.npy` header, then the local header
    /// and the `.npy` header together (the CRC, which the local header records, is known only
    /// once every value has passed). Returns the CRC and the first non-finite value.
    private func writeMember(_ array: OutputArray, k: Int, piece: UnsafeMutablePointer<Double>,
                             session: AtomicFile.Session?) -> (UInt32, NonFiniteValue?) {
        let header = layout.headers[k]
        var crc = header.withUnsafeBytes { ZipCRC32.checksum($0) }
        var bad: NonFiniteValue?
        let dataStart = layout.bodyOffset(k) + header.count
        var start = 0
        while start < array.count {
            let n = min(Self.pieceCount, array.count - start)
            array.copy(start..<(start + n), piece)
            if bad == nil, let offset = OutputArray.firstNonFinite(piece, count: n) {
                bad = NonFiniteValue(name: array.name, offset: start + offset, value: piece[offset])
            }
            #if _endian(big)
            for j in 0..<n { piece[j] = Double(bitPattern: piece[j].bitPattern.littleEndian) }
            #endif
            let bytes = UnsafeRawBufferPointer(start: piece, count: n * 8)
            crc = ZipCRC32.checksum(bytes, continuing: crc)
            session?.write(bytes, at: dataStart + start * 8)
            start += n
        }
        let headLength = layout.localHeaderLength(k)
        let head = UnsafeMutableRawPointer.allocate(byteCount: headLength + header.count, alignment: 8)
        defer { head.deallocate() }
        layout.writeLocalHeader(k, crc: crc, to: head)
        UnsafeMutableRawBufferPointer(start: head + headLength, count: header.count).copyBytes(from: header)
        session?.write(UnsafeRawBufferPointer(start: head, count: headLength + header.count), at: layout.offsets[k])
        return (crc, bad)
    }

    /// What the two threads share: one result slot per member (each thread writes only its own).
    private struct Slots: @unchecked Sendable {
        let found: UnsafeMutableBufferPointer<NonFiniteValue?>
        let crcs: UnsafeMutableBufferPointer<UInt32>
    }
}
