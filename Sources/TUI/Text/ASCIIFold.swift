/// Folds text to 7-bit ASCII for terminals that cannot show Unicode (non-UTF-8 locales).
///
/// Widgets call this on text they did not choose themselves (titles, table cells, lesson
/// prose) when the glyph set is ASCII, so that no byte above 0x7F ever reaches such a
/// terminal. Each character is spelled by `ASCIIFallback.text(for:)`: common typography gets
/// a readable stand-in; letters lose their accents; anything else becomes `?`, one per
/// display column so layouts keep their widths.
public enum ASCIIFold {
    /// The text with every non-ASCII grapheme replaced.
    public static func fold(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var out = ""
        for g in text { out += ASCIIFallback.text(for: g) }
        return out
    }

    /// `fold(text)` for ASCII capabilities, the text unchanged otherwise.
    public static func fitting(_ text: String, _ caps: Capabilities) -> String {
        caps.unicode ? text : fold(text)
    }
}
