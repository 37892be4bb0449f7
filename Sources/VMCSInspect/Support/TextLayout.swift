extension String {
    /// The string padded with spaces to `width` characters (never cut).
    public func padded(to width: Int) -> String {
        let count = self.count
        return count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
