import Foundation
import ZIPFoundation

/// Reading and writing NumPy `.npz` archives: a ZIP file with one `<name>.npy` member per
/// array, as `numpy.savez` (stored) and `numpy.savez_compressed` (deflated) write them.
///
/// rnnlab writes stored (uncompressed) archives; the arrays are small and stored members
/// need no decompression to inspect.
public enum NPZ {
    /// Reads every array of an archive, keyed by name (the member path without `.npy`).
    /// The file is checked and read into memory first (`InputFile`): ZIPFoundation opening a
    /// directory itself would seek in it forever.
    public static func read(_ url: URL) throws -> [String: NDArray] {
        try read(path: url.path)
    }

    /// Reads the archive at `path`; messages name it as given.
    public static func read(path file: String) throws -> [String: NDArray] {
        try decode(InteropError.reading { try InputFile.read(file) }, file: file)
    }

    /// Reads every array of the archive held in `contents`; `file` names it in messages.
    public static func decode(_ contents: Data, file: String) throws -> [String: NDArray] {
        let archive: Archive
        do {
            archive = try Archive(data: contents, accessMode: .read)
        } catch {
            // ZIPFoundation's error names (missingEndOfCentralDirectoryRecord) mean nothing to a learner.
            throw InteropError("\(file): not a valid .npz archive (no readable ZIP directory: the file is truncated or not a ZIP file)")
        }
        var arrays: [String: NDArray] = [:]
        // A small compressed archive can claim gigabytes (a zip bomb): the arrays together may
        // hold no more than rnnlab reads from any file.
        var budget = InputFile.maximumBytes
        for entry in archive where entry.type == .file {
            let name = arrayName(forMember: entry.path)
            let context = "\(file): array '\(name)'"
            guard entry.uncompressedSize <= UInt64(budget) else {
                throw InteropError("\(context) is \(InputFile.byteCount(Int(clamping: entry.uncompressedSize))) uncompressed; rnnlab reads archives of at most \(InputFile.byteCount(InputFile.maximumBytes)) in all")
            }
            // The declared size may lie; stop at it rather than trust it.
            let limit = Int(entry.uncompressedSize)
            var bytes = Data(capacity: limit)
            do {
                // ZIPFoundation's CRC goes a byte at a time on Linux; ZipCRC32 checks it below.
                _ = try archive.extract(entry, skipCRC32: true) { chunk in
                    guard bytes.count + chunk.count <= limit else { throw OversizedMember() }
                    bytes.append(chunk)
                }
            } catch {
                throw InteropError("\(context): the archive member is corrupt or truncated (it cannot be extracted)")
            }
            budget -= bytes.count
            // Extracting to memory does not verify the CRC itself.
            guard bytes.withUnsafeBytes({ ZipCRC32.checksum($0) }) == entry.checksum else {
                throw InteropError("\(context): the archive member is corrupt (CRC-32 mismatch)")
            }
            guard arrays[name] == nil else {
                throw InteropError("\(file): array '\(name)' appears twice in the archive")
            }
            arrays[name] = try NPY.decode(bytes, context: context)
        }
        return arrays
    }

    /// Writes `arrays` as a stored (uncompressed) archive, members in name order, through
    /// `AtomicFile`: `url` is replaced only when the whole archive is on disk, and only if it
    /// is a regular file or a new path that is none of `inputs`.
    public static func write(_ arrays: [String: NDArray], to url: URL, inputs: [AtomicFile.Input] = []) throws {
        let bytes = try encode(arrays, file: url.path)
        try InteropError.writing { try AtomicFile.write(bytes, to: url.path, inputs: inputs) }
    }

    /// The bytes of a stored archive of `arrays`, members in name order. `file` names the
    /// archive in the error message.
    ///
    /// Written in one pass into a buffer of the final size: each member's `.npy` bytes go
    /// straight into place and their CRC-32 is computed piece by piece while they are in
    /// cache (see `StoredZIP`). An archive past the classic ZIP limits (4 GB, 65535 members)
    /// is built by ZIPFoundation, which writes ZIP64.
    public static func encode(_ arrays: [String: NDArray], file: String) throws -> Data {
        let names = arrays.keys.sorted()
        let members = names.map { StoredZIP.Member(name: $0 + ".npy", array: arrays[$0]!) }
        if let data = StoredZIP.archive(members) { return data }
        return try encodeZIP64(names.map { ($0, arrays[$0]!) }, file: file)
    }

    /// Builds the archive with ZIPFoundation (ZIP64 when needed; slower: it grows `Data`).
    static func encodeZIP64(_ arrays: [(name: String, array: NDArray)], file: String) throws -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for (name, array) in arrays {
                let bytes = NPY.encode(array)
                try archive.addEntry(with: name + ".npy", type: .file, uncompressedSize: Int64(bytes.count),
                                     compressionMethod: .none) { position, size in
                    bytes.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
            guard let data = archive.data else { throw InteropError("no archive data", category: .output) }
            return data
        } catch {
            // Building in memory fails only on an impossible archive.
            throw InteropError("\(file): cannot build the .npz archive (\(type(of: error)))", category: .output)
        }
    }

    /// A member that inflates past its declared size.
    private struct OversizedMember: Error {}

    /// `x.npy` → `x`; numpy names members after the keyword given to `savez`.
    static func arrayName(forMember path: String) -> String {
        path.hasSuffix(".npy") ? String(path.dropLast(4)) : path
    }
}
