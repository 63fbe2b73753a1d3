/// One terminal cell: the grapheme it shows and its style.
///
/// A wide grapheme (East Asian wide, most emoji) occupies two cells: the first holds the
/// symbol, the second is a continuation cell whose `symbol` is empty.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    public var style: Style

    public init(_ symbol: String = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    public static let blank = Cell()
    /// The right half of a wide grapheme.
    public static func continuation(style: Style) -> Cell { Cell("", style: style) }
    public var isContinuation: Bool { symbol.isEmpty }
}
