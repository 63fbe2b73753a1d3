import Foundation
import ZIPFoundation

/// Reading and writing NumPy `.npz` archives: a ZIP file with one `<name>.npy` member per
/// array, as `numpy.savez` (stored) and `numpy.savez_compressed` (deflated) write them.
///
/// rnnlab writes stored (uncompressed) archives; the arrays are small and stored members
/// need no decompression to inspect.
public enum NPZ {
    /// Reads every array of an archive, keyed by name (the member path without `.npy`).
    public static func read(_ url: URL) throws -> [String: NDArray] {
        let file = url.path
        guard FileManager.default.fileExists(atPath: file) else {
            throw InteropError("\(file): cannot read file (No such file or directory)")
        }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw InteropError("\(file): not a valid .npz archive (the ZIP directory cannot be read: \(error))")
        }
        var arrays: [String: NDArray] = [:]
        for entry in archive where entry.type == .file {
            let name = arrayName(forMember: entry.path)
            let context = "\(file): array '\(name)'"
            var bytes = Data()
            let checksum: CRC32
            do {
                checksum = try archive.extract(entry, skipCRC32: false) { chunk in bytes.append(chunk) }
            } catch {
                throw InteropError("\(context): the archive member is corrupt or truncated (\(error))")
            }
            // Extracting to memory does not verify the CRC itself.
            guard checksum == entry.checksum else {
                throw InteropError("\(context): the archive member is corrupt (CRC-32 mismatch)")
            }
            guard arrays[name] == nil else {
                throw InteropError("\(file): array '\(name)' appears twice in the archive")
            }
            arrays[name] = try NPY.decode(bytes, context: context)
        }
        return arrays
    }

    /// Writes `arrays` as a stored (uncompressed) archive, members in name order; replaces `url`.
    public static func write(_ arrays: [String: NDArray], to url: URL) throws {
        let file = url.path
        let fm = FileManager.default
        do {
            if fm.fileExists(atPath: file) { try fm.removeItem(at: url) }
            let archive = try Archive(url: url, accessMode: .create)
            for name in arrays.keys.sorted() {
                let bytes = NPY.encode(arrays[name]!)
                try archive.addEntry(with: name + ".npy", type: .file, uncompressedSize: Int64(bytes.count),
                                     compressionMethod: .none) { position, size in
                    bytes.subdata(in: Int(position)..<(Int(position) + size))
                }
            }
        } catch {
            throw InteropError("\(file): cannot write .npz archive (\(fileErrorReason(error)))", category: .output)
        }
    }

    /// `x.npy` → `x`; numpy names members after the keyword given to `savez`.
    static func arrayName(forMember path: String) -> String {
        path.hasSuffix(".npy") ? String(path.dropLast(4)) : path
    }
}
