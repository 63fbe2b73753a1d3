import Foundation

/// Reading and writing NumPy `.npy` files (format versions 1.0, 2.0 and 3.0).
///
/// Layout: the magic `\x93NUMPY`, a major and minor version byte, the header length (uint16
/// little-endian in 1.0, uint32 in 2.0/3.0), the header dict (see `NPYHeader`) padded with
/// spaces and a newline so the data starts on a 64-byte boundary, then the raw elements.
/// rnnlab reads float16, float32 and float64 in either byte order, in C or Fortran order
/// (Fortran-order arrays are put in C order); anything else is rejected with a message that
/// names the array, its dtype and its shape.
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
        try data.withUnsafeBytes { try decode($0, context: context) }
    }

    /// Parses the bytes of a `.npy` file in memory (see `decode(_:context:)`).
    static func decode(_ bytes: UnsafeRawBufferPointer, context: String) throws -> NDArray {
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
        let (dtype, bigEndian) = try elementType(header.descr, shape: header.shape, context: context)
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
        let payload = UnsafeRawBufferPointer(rebasing: bytes[payloadStart..<(payloadStart + needed)])
        let values = [Double](unsafeUninitializedCapacity: count) { out, initialized in
            readElements(payload, dtype: dtype, bigEndian: bigEndian, into: out.baseAddress!, count: count)
            initialized = count
        }
        // Fortran order: the first axis varies fastest in the file. With at most one axis
        // longer than 1 the two orders are the same sequence.
        let reordered = header.fortranOrder && header.shape.filter({ $0 > 1 }).count > 1
            ? cOrder(fromFortranOrder: values, shape: header.shape) : values
        return NDArray(shape: header.shape, data: reordered, dtype: dtype)
    }

    /// Converts `count` elements of `dtype` (little- or big-endian) to Doubles, exactly.
    private static func readElements(_ payload: UnsafeRawBufferPointer, dtype: NDArray.DType, bigEndian: Bool,
                                     into out: UnsafeMutablePointer<Double>, count: Int) {
        switch dtype {
        case .float16:
            for k in 0..<count {
                let bits = payload.loadUnaligned(fromByteOffset: k * 2, as: UInt16.self)
                out[k] = Half.double(fromBits: bigEndian ? UInt16(bigEndian: bits) : UInt16(littleEndian: bits))
            }
        case .float32:
            for k in 0..<count {
                let bits = payload.loadUnaligned(fromByteOffset: k * 4, as: UInt32.self)
                out[k] = Double(Float(bitPattern: bigEndian ? UInt32(bigEndian: bits) : UInt32(littleEndian: bits)))
            }
        case .float64:
            #if _endian(little)
            if !bigEndian {
                // The file's bytes are already this machine's Doubles.
                UnsafeMutableRawPointer(out).copyMemory(from: payload.baseAddress!, byteCount: count * 8)
                return
            }
            #endif
            for k in 0..<count {
                let bits = payload.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self)
                out[k] = Double(bitPattern: bigEndian ? UInt64(bigEndian: bits) : UInt64(littleEndian: bits))
            }
        }
    }

    /// The elements of an array of `shape` stored in Fortran (column-major) order, put in C
    /// (row-major) order: element (i0, …, in-1) is at i0 + s0·(i1 + s1·(…)) in `values`.
    static func cOrder(fromFortranOrder values: [Double], shape: [Int]) -> [Double] {
        let n = shape.count
        guard values.count > 0, n > 1 else { return values }
        // The Fortran-order stride of each axis.
        var strides = [Int](repeating: 1, count: n)
        for axis in 1..<n { strides[axis] = strides[axis - 1] * shape[axis - 1] }
        let last = shape[n - 1]
        let lastStride = strides[n - 1]
        var index = [Int](repeating: 0, count: n - 1)
        return [Double](unsafeUninitializedCapacity: values.count) { out, initialized in
            values.withUnsafeBufferPointer { src in
                var source = 0  // Fortran offset of (index…, 0)
                var target = 0
                while target < values.count {
                    // One C-order row: the last axis, which is the slowest in the file.
                    for j in 0..<last { out[target + j] = src[source + j * lastStride] }
                    target += last
                    // Odometer over the other axes, last of them fastest.
                    var axis = n - 2
                    while axis >= 0 {
                        index[axis] += 1
                        source += strides[axis]
                        if index[axis] < shape[axis] { break }
                        source -= strides[axis] * shape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
            initialized = values.count
        }
    }

    /// The bytes of a `.npy` file for `array`, little-endian, C order, in `array.dtype`.
    public static func encode(_ array: NDArray) -> Data {
        let header = headerBytes(for: array)
        var out = Data(count: header.count + array.count * array.dtype.size)
        out.withUnsafeMutableBytes { buffer in
            buffer.copyBytes(from: header)
            writeElements(of: array, to: buffer.baseAddress! + header.count)
        }
        return out
    }

    /// The size in bytes of `encode(array)`.
    static func encodedSize(of array: NDArray) -> Int {
        headerBytes(for: array).count + array.count * array.dtype.size
    }

    /// Magic, version, header length and the header dict padded with spaces and a newline so
    /// the data starts on a multiple of 64 bytes.
    static func headerBytes(for array: NDArray) -> [UInt8] {
        headerBytes(shape: array.shape, dtype: array.dtype)
    }

    /// The header of an array of `shape` and `dtype` (see `headerBytes(for:)`).
    static func headerBytes(shape: [Int], dtype: NDArray.DType) -> [UInt8] {
        let header = NPYHeader(descr: dtype.littleEndianDescr, shape: shape).dictText
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

        var out = magic + [version, 0]
        out.reserveCapacity(padded)
        if version == 1 {
            out += [UInt8(headerLength & 0xFF), UInt8(headerLength >> 8)]
        } else {
            out += (0..<4).map { UInt8((headerLength >> (8 * $0)) & 0xFF) }
        }
        out += Array(headerText.utf8)
        return out
    }

    /// Writes the elements of `array`, little-endian in `array.dtype`, at `destination`
    /// (`array.count * array.dtype.size` bytes, any alignment).
    static func writeElements(of array: NDArray, to destination: UnsafeMutableRawPointer) {
        writeElements(of: array, range: 0..<array.count, to: destination)
    }

    /// Writes the elements `range` of `array` (C order) at `destination`.
    static func writeElements(of array: NDArray, range: Range<Int>, to destination: UnsafeMutableRawPointer) {
        array.data.withUnsafeBufferPointer { all in
            let src = UnsafeBufferPointer(rebasing: all[range])
            switch array.dtype {
            case .float16:
                for (k, v) in src.enumerated() {
                    destination.storeBytes(of: Half.bits(rounding: v).littleEndian, toByteOffset: k * 2, as: UInt16.self)
                }
            case .float32:
                for (k, v) in src.enumerated() {
                    destination.storeBytes(of: Float(v).bitPattern.littleEndian, toByteOffset: k * 4, as: UInt32.self)
                }
            case .float64:
                #if _endian(little)
                if let start = src.baseAddress { destination.copyMemory(from: start, byteCount: src.count * 8) }
                #else
                for (k, v) in src.enumerated() {
                    destination.storeBytes(of: v.bitPattern.littleEndian, toByteOffset: k * 8, as: UInt64.self)
                }
                #endif
            }
        }
    }

    /// Maps a NumPy type string to an rnnlab dtype and byte order, or says which dtype it was
    /// (with the array's shape, so the learner can tell which array it is).
    static func elementType(_ descr: String, shape: [Int], context: String) throws -> (NDArray.DType, bigEndian: Bool) {
        if descr.hasPrefix("[") {
            throw InteropError("\(context): structured (record) dtype \(descr) of shape \(numpyShapeDescription(shape)) is not supported; rnnlab reads float16, float32 or float64 arrays (save each field as its own array)")
        }
        let order = descr.first
        let body = order.map { "<>=|".contains($0) } == true ? String(descr.dropFirst()) : descr
        // '=' means native; every platform Swift runs rnnlab on is little-endian.
        let bigEndian = order == ">"
        switch body {
        case "f2": return (.float16, bigEndian)
        case "f4": return (.float32, bigEndian)
        case "f8": return (.float64, bigEndian)
        default:
            throw InteropError("\(context): dtype \(dtypeName(descr)) ('\(descr)') of shape \(numpyShapeDescription(shape)) is not supported; rnnlab reads float16, float32 or float64 arrays (use .astype(numpy.float64))")
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
