import Foundation

/// A map from values in a domain to colours, for heatmaps and their legends.
///
/// Two kinds, as in the lecture's pictures: a sequential ramp for gates in [0, 1] (dark
/// purple, closed, to yellow, open; viridis) and a diverging ramp for states in [-1, 1]
/// (blue, negative, through near-white at zero, to red, positive; ColorBrewer RdBu). Each has
/// a 256-colour version (RGB stops mapped to the nearest xterm entries), an 8-colour version,
/// and, without colour, a shade glyph per level.
public struct ColorRamp: Hashable, Sendable {
    /// Sequential (low to high) or diverging (around the middle).
    public enum Kind: String, Hashable, Sendable {
        case sequential
        case diverging
    }

    /// Which palette the ramp uses.
    public var kind: Kind
    /// The value of the first colour (values below clamp to it).
    public var lower: Double
    /// The value of the last colour (values above clamp to it).
    public var upper: Double
    /// Linear, or log10 for magnitudes spanning decades (gradient norms per unit and step);
    /// on a log ramp values <= 0 take the lowest colour.
    public var scale: ScaleKind

    /// A ramp over `lower...upper`; a log ramp needs positive ends.
    public init(kind: Kind, lower: Double, upper: Double, scale: ScaleKind = .linear) {
        self.kind = kind
        self.scale = scale
        if scale == .log10 {
            let lo = lower > 0 ? lower : 1e-12
            self.lower = lo
            self.upper = upper > lo ? upper : lo * 10
        } else {
            self.lower = lower
            self.upper = upper > lower ? upper : lower + 1
        }
    }

    /// Gradient magnitudes: 1e-12 ... 1e+0 on a log10 sequential ramp.
    public static let gradients = ColorRamp(kind: .sequential, lower: 1e-12, upper: 1, scale: .log10)

    /// Gates: 0 ... 1, sequential.
    public static let gates = ColorRamp(kind: .sequential, lower: 0, upper: 1)
    /// States: -1 ... 1, diverging around zero.
    public static let states = ColorRamp(kind: .diverging, lower: -1, upper: 1)

    /// The value's position in 0...1 (clamped); nil for NaN.
    @inline(__always)
    public func fraction(_ v: Double) -> Double? {
        if v.isNaN { return nil }
        let f: Double
        if scale == .log10 {
            if v <= 0 { return 0 }
            f = (Foundation.log10(v) - Foundation.log10(lower)) / (Foundation.log10(upper) - Foundation.log10(lower))
        } else {
            f = (v - lower) / (upper - lower)
        }
        return min(1, max(0, f))
    }

    /// The colours of this ramp for an output, low to high (empty without colour).
    public func colors(_ caps: Capabilities) -> [Color] {
        switch (caps.colors, kind) {
        case (.none, _): return []
        case (.eight, .sequential): return ColorRamp.eightSequential.map { .ansi($0) }
        case (.eight, .diverging): return ColorRamp.eightDiverging.map { .ansi($0) }
        case (.full, .sequential): return ColorRamp.viridis256.map { .indexed($0) }
        case (.full, .diverging): return ColorRamp.rdbu256.map { .indexed($0) }
        }
    }

    /// The colour for a value; `.default` for NaN or without colour.
    public func color(_ v: Double, _ caps: Capabilities) -> Color {
        let cs = colors(caps)
        guard !cs.isEmpty, let f = fraction(v) else { return .default }
        return cs[ColorRamp.level(f, count: cs.count)]
    }

    /// The shade glyph for a value (monochrome heatmaps): ` ░▒▓█` or ` .:-=+*#%@`.
    /// NaN shows as `?` so a missing value is never mistaken for zero.
    public func shade(_ v: Double, _ caps: Capabilities) -> String {
        let shades = caps.glyphTable.shades
        guard let f = fraction(v) else { return "?" }
        return shades[ColorRamp.level(f, count: shades.count)]
    }

    /// The index of `f` in 0...1 among `count` equal bins.
    @inline(__always)
    static func level(_ f: Double, count: Int) -> Int {
        min(count - 1, max(0, Int(f * Double(count))))
    }

    // MARK: palettes

    /// Basic colours: black, blue, cyan, green, yellow, white (dark = closed gate).
    static let eightSequential: [UInt8] = [0, 4, 6, 2, 3, 7]
    /// Basic colours: blue, cyan, black (zero), yellow, red.
    static let eightDiverging: [UInt8] = [4, 6, 0, 3, 1]

    /// Viridis at 12 stops, nearest xterm-256 entries.
    static let viridis256: [UInt8] = ramp256([
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ], steps: 12)

    /// ColorBrewer RdBu reversed (blue negative, red positive) at 11 stops.
    static let rdbu256: [UInt8] = ramp256([
        (5, 48, 97), (33, 102, 172), (67, 147, 195), (146, 197, 222), (209, 229, 240), (247, 247, 247),
        (253, 219, 199), (244, 165, 130), (214, 96, 77), (178, 24, 43), (103, 0, 31),
    ], steps: 11)

    /// Interpolates RGB stops to `steps` colours and maps each to the nearest xterm-256 entry.
    static func ramp256(_ stops: [(Int, Int, Int)], steps: Int) -> [UInt8] {
        (0..<steps).map { i in
            let t = Double(i) / Double(steps - 1) * Double(stops.count - 1)
            let k = min(stops.count - 2, Int(t))
            let u = t - Double(k)
            let a = stops[k], b = stops[k + 1]
            func mix(_ x: Int, _ y: Int) -> Int { Int((Double(x) + (Double(y) - Double(x)) * u).rounded()) }
            return nearest256(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
        }
    }

    /// The xterm-256 entry (16...255) nearest to an RGB colour.
    public static func nearest256(_ r: Int, _ g: Int, _ b: Int) -> UInt8 {
        var best: UInt8 = 16
        var bestD = Int.max
        for n in 16...255 {
            let (cr, cg, cb) = Capabilities.rgb(UInt8(n))
            // Weighted distance: the eye is most sensitive to green.
            let d = 3 * (r - cr) * (r - cr) + 4 * (g - cg) * (g - cg) + 2 * (b - cb) * (b - cb)
            if d < bestD { bestD = d; best = UInt8(n) }
        }
        return best
    }
}
