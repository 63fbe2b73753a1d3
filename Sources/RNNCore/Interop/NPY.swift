import Foundation

/// Reading and writing NumPy `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// Layout: the magic `\x93NUMPY`, a major and minor version byte, the header length (uint16
/// little-endian in 1.0, uint32 in 2.0/3.0), the header dict (see `NPYHeader`) padded with
/// spaces and a newline so the data starts on a 64-byte boundary, then the raw elements.
/// rnnlab reads float32 and float64 in either byte order, C order only; anything else is
/// rejected with a message that names the array and its dtype.
public enum NPY {
    /// The six magic bytes at the start of every `.npy` file.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    /// Reads a `.npy` file (checked first: a directory, an empty or special file is an error).
    public static func read(_ url: URL) throws -> NDArray {
        try read(path: url.path)
    }

    /// Reads the `.npy` file at `path`; messages name it as given (`x.npy`, not the absolute path).
    public static func read(path: String) throws -> NDArray {
        try decode(InteropError.reading { try InputFile.read(path) }, context: path)
    }

    /// Writes a `.npy` file (version 1.0 unless the header needs more room) through
    /// `AtomicFile`: the old file stays whole if anything fails.
    public static func write(_ array: NDArray, to url: URL) throws {
        try InteropError.writing { try AtomicFile.write(encode(array), to: url.path) }
    }

    /// Parses the bytes of a `.npy` file. `context` names the file or `file.npz: array 'x'`
    /// in error messages.
    public static func decode(_ data: Data, context: String) throws -> NDArray {
        let bytes = [UInt8](data)
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw InteropError("\(context): not a NumPy .npy file (missing the \\x93NUMPY magic)")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw InteropError("\(context): truncated .npy header") }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw InteropError("\(context): unsupported .npy format version \(major).\(bytes[7])")
        }
        guard bytes.count >= headerStart + headerLength else {
            throw InteropError("\(context): truncated .npy file: header says \(headerLength) bytes, file has \(bytes.count - headerStart) after the preamble")
        }
        // Version 3.0 allows UTF-8 in the header; 1.0/2.0 are latin-1, which ASCII headers satisfy too.
        let headerBytes = bytes[headerStart..<(headerStart + headerLength)]
        guard let text = String(bytes: headerBytes, encoding: major == 3 ? .utf8 : .isoLatin1) else {
            throw InteropError("\(context): .npy header is not text")
        }
        let header = try NPYHeader.parse(text, context: context)
        let (dtype, bigEndian) = try elementType(header.descr, context: context)
        if header.fortranOrder && header.shape.filter({ $0 > 1 }).count > 1 {
            throw InteropError("\(context): array is stored in Fortran (column-major) order; save it in C order (numpy.ascontiguousarray)")
        }
        // A corrupt header can claim an absurd shape: refuse products that overflow.
        var count = 1
        for n in header.shape + [dtype.size] {
            let (product, overflow) = count.multipliedReportingOverflow(by: n)
            guard !overflow else {
                throw InteropError("\(context): .npy header claims an impossible shape \(numpyShapeDescription(header.shape))")
            }
            count = product
        }
        count /= dtype.size
        let payloadStart = headerStart + headerLength
        let needed = count * dtype.size
        let available = bytes.count - payloadStart
        guard available >= needed else {
            throw InteropError("\(context): truncated .npy data: shape \(numpyShapeDescription(header.shape)) of \(dtype.rawValue) needs \(needed) bytes, file has \(available)")
        }
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBufferPointer { buf in
            let base = buf.baseAddress! + payloadStart
            switch dtype {
            case .float32:
                for k in 0..<count {
                    var bits: UInt32 = 0
                    for b in 0..<4 { bits |= UInt32(base[k * 4 + b]) << (8 * UInt32(b)) }
                    values[k] = Double(Float(bitPattern: bigEndian ? bits.byteSwapped : bits))
                }
            case .float64:
                for k in 0..<count {
                    var bits: UInt64 = 0
                    for b in 0..<8 { bits |= UInt64(base[k * 8 + b]) << (8 * UInt64(b)) }
                    values[k] = Double(bitPattern: bigEndian ? bits.byteSwapped : bits)
                }
            }
        }
        return NDArray(shape: header.shape, data: values, dtype: dtype)
    }

    /// The bytes of a `.npy` file for `array`, little-endian, C order, in `array.dtype`.
    public static func encode(_ array: NDArray) -> Data {
        let header = NPYHeader(descr: array.dtype.littleEndianDescr, shape: array.shape).dictText
        // Pad with spaces so that preamble + header + newline is a multiple of 64 bytes.
        var version: UInt8 = 1
        var preamble = 10
        var total = preamble + header.utf8.count + 1
        if (total + 63) / 64 * 64 - preamble > Int(UInt16.max) {
            version = 2
            preamble = 12
            total = preamble + header.utf8.count + 1
        }
        let padded = (total + 63) / 64 * 64
        let headerText = header + String(repeating: " ", count: padded - total) + "\n"
        let headerLength = headerText.utf8.count

        var out = Data(capacity: padded + array.count * array.dtype.size)
        out.append(contentsOf: magic)
        out.append(contentsOf: [version, 0])
        if version == 1 {
            out.append(contentsOf: [UInt8(headerLength & 0xFF), UInt8(headerLength >> 8)])
        } else {
            out.append(contentsOf: (0..<4).map { UInt8((headerLength >> (8 * $0)) & 0xFF) })
        }
        out.append(contentsOf: Array(headerText.utf8))
        switch array.dtype {
        case .float32:
            for v in array.data {
                let bits = Float(v).bitPattern.littleEndian
                withUnsafeBytes(of: bits) { out.append(contentsOf: $0) }
            }
        case .float64:
            for v in array.data {
                let bits = v.bitPattern.littleEndian
                withUnsafeBytes(of: bits) { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    /// Maps a NumPy type string to an rnnlab dtype and byte order, or says which dtype it was.
    static func elementType(_ descr: String, context: String) throws -> (NDArray.DType, bigEndian: Bool) {
        let order = descr.first
        let body = order.map { "<>=|".contains($0) } == true ? String(descr.dropFirst()) : descr
        // '=' means native; every platform Swift runs rnnlab on is little-endian.
        let bigEndian = order == ">"
        switch body {
        case "f4": return (.float32, bigEndian)
        case "f8": return (.float64, bigEndian)
        default:
            throw InteropError("\(context): dtype \(dtypeName(descr)) ('\(descr)') is not supported; rnnlab reads float32 or float64 arrays (use .astype(numpy.float64))")
        }
    }

    /// A readable name for a NumPy type string: `<i8` → `int64`, `|b1` → `bool`.
    static func dtypeName(_ descr: String) -> String {
        let body = descr.drop { "<>=|".contains($0) }
        if body == "O" { return "object" }
        guard let kind = body.first, let size = Int(body.dropFirst()) else { return String(descr) }
        switch kind {
        case "f": return "float\(size * 8)"
        case "i": return "int\(size * 8)"
        case "u": return "uint\(size * 8)"
        case "c": return "complex\(size * 8)"
        case "b": return "bool"
        case "U": return "unicode string"
        case "S": return "byte string"
        case "O": return "object"
        default: return String(descr)
        }
    }
}
