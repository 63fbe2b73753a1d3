extension TextWidth {
    /// `text` cut to at most `width` display columns, ending with `ellipsis` when it was cut.
    ///
    /// Whole graphemes only: a wide grapheme (two columns) that would straddle the limit is
    /// dropped with everything after it, so the result may be one column short of `width`.
    /// Text that fits is returned unchanged. When not even the ellipsis fits, the text is cut
    /// without one (the columns are too few to say more). Never wider than `width`; empty for
    /// `width <= 0`.
    public static func truncate(_ text: String, to width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let mark = of(ellipsis) <= width ? ellipsis : ""
        let room = width - of(mark)
        var out = ""
        var used = 0
        for g in text {
            let w = of(g)
            if used + w > room { break }
            out.append(g)
            used += w
        }
        return out + mark
    }
}
