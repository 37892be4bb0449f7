/// Values the argument parser would take for options of their own: `-1` after `--offset`, or
/// `-@1` (dump 1 of standard input) after `fields --input`. Such a word is joined to its option
/// (`--offset=-1`) before parsing, so it is judged as the `=` form is, by the option's own rule,
/// instead of the option being reported as having no value.
enum OptionValues {
    /// The options whose value is a number: no option of this tool is spelled as one, so a
    /// negative number after them is their value.
    static let numeric: Set<String> = ["--offset", "--index", "--phys", "--maxphyaddr", "--min-confidence"]

    /// `arguments` with each of `options` followed by a word `value` accepts joined to it, up
    /// to a `--` (after which every word is an argument).
    static func joined(_ arguments: [String], options: Set<String>, when value: (String) -> Bool) -> [String] {
        var out: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                out += arguments[index...]
                break
            }
            if options.contains(argument), index + 1 < arguments.count, value(arguments[index + 1]) {
                out.append(argument + "=" + arguments[index + 1])
                index += 2
                continue
            }
            out.append(argument)
            index += 1
        }
        return out
    }

    /// The numeric options' negative values joined to them.
    static func joiningNegativeNumbers(_ arguments: [String]) -> [String] {
        joined(arguments, options: numeric, when: isNegativeNumber)
    }

    /// `-1`, `-0x10`: a minus sign and a digit.
    static func isNegativeNumber(_ word: String) -> Bool {
        let utf8 = word.utf8
        guard utf8.count >= 2, utf8.first == UInt8(ascii: "-") else { return false }
        let second = utf8[utf8.index(after: utf8.startIndex)]
        return second >= UInt8(ascii: "0") && second <= UInt8(ascii: "9")
    }
}
