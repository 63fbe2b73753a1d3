/// Colour pairs allocated on demand: (foreground, background) → pair number.
///
/// ncurses draws colour through numbered pairs. Widgets use a handful of combinations out of
/// 257 × 257 possible ones, so pairs are made the first time a combination is drawn.
/// 256-colour terminals report tens of thousands of pairs; 8-colour ones 64. When the pairs
/// run out, a combination falls back to its foreground on the default background, then to
/// pair 0 (the terminal's defaults), so text stays readable.
/// Terminal-free: `allocate` is the call that defines a pair (init_extended_pair).
public struct ColorPairCache {
    /// A colour as ncurses numbers it; -1 is the terminal's default.
    public struct Key: Hashable, Sendable {
        public var foreground: Int32
        public var background: Int32
        public init(_ foreground: Int32, _ background: Int32) {
            self.foreground = foreground
            self.background = background
        }
    }

    /// How many pairs the terminal has (COLOR_PAIRS); pair 0 is fixed.
    public let capacity: Int32
    public private(set) var pairs: [Key: Int32] = [:]
    private var next: Int32 = 1

    public init(capacity: Int32) {
        self.capacity = max(1, capacity)
    }

    /// How many pairs have been defined.
    public var allocated: Int { pairs.count }

    /// The pair for a combination, defining it through `allocate(pair, fg, bg)` when new.
    /// `allocate` returns false when ncurses refuses; the combination then falls back.
    public mutating func pair(foreground: Int32, background: Int32, allocate: (Int32, Int32, Int32) -> Bool) -> Int32 {
        if foreground == -1 && background == -1 { return 0 }
        let key = Key(foreground, background)
        if let p = pairs[key] { return p }
        if next < capacity, allocate(next, foreground, background) {
            pairs[key] = next
            next += 1
            return next - 1
        }
        // Out of pairs: keep the foreground (the text's meaning) and drop the background.
        if background != -1 { return pair(foreground: foreground, background: -1, allocate: allocate) }
        return 0
    }
}
