/// The colours diagrams share, after the cs231n figures: inputs red, hidden states green,
/// outputs blue, the shared weights amber, gradients magenta.
public struct DiagramPalette: Hashable, Sendable {
    public var input: Style
    public var hidden: Style
    public var output: Style
    public var weights: Style
    public var gradient: Style
    public var label: Style
    public var current: Style

    /// Chosen so that each maps to the intended basic colour on an 8-colour terminal
    /// (203 → red, 71 → green, 63 → blue, 214 → yellow, 205 → magenta).
    public static let standard = DiagramPalette(
        input: .fg(.indexed(203)), hidden: .fg(.indexed(71)), output: .fg(.indexed(63)),
        weights: .fg(.indexed(214)), gradient: .fg(.indexed(205)), label: .plain,
        current: Style.fg(.indexed(226)).bold
    )

    /// The style of a node drawn as a coloured block (bold white on the node's colour).
    func block(_ node: Style, caps: Capabilities, current: Bool = false) -> Style {
        Style(foreground: caps.resolve(Color.ansi(15)), background: node.foreground, attributes: current ? [.bold, .underline] : [.bold])
    }

    /// The palette mapped to what the terminal shows.
    public func resolved(for caps: Capabilities) -> DiagramPalette {
        DiagramPalette(input: caps.resolve(input), hidden: caps.resolve(hidden), output: caps.resolve(output),
                       weights: caps.resolve(weights), gradient: caps.resolve(gradient), label: caps.resolve(label),
                       current: caps.resolve(current))
    }
}

/// Subscripted labels for diagrams: `h₁₂` in Unicode, `h_12` in ASCII.
enum DiagramLabel {
    static func indexed(_ name: String, _ index: Int, unicode: Bool) -> String {
        if unicode, let s = MathSymbols.scriptForm(String(index), superscript: false) { return name + s }
        return name + "_" + String(index)
    }

    /// `name` subscripted with a letter (`hₜ`, `h_T`): Unicode only when the letter has a subscript form.
    static func indexed(_ name: String, _ letter: String, unicode: Bool) -> String {
        if unicode, let s = MathSymbols.scriptForm(letter, superscript: false) { return name + s }
        return name + "_" + letter
    }
}
