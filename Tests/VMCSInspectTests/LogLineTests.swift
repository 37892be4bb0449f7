import Testing

@testable import VMCSInspect

@Suite struct LogLineTests {
    @Test(
        arguments: [
            ("[ 8812.402139] kvm_amd: cr_read:            0011", "cr_read:            0011", "8812.402139"),
            ("[  602.118424] [ T2291] kvm_amd: exceptions:         00060042\r", "exceptions:         00060042", "602.118424"),
            ("[T2291] [  602.118424] kvm_amd: asid: 1", "asid: 1", "602.118424"),
            ("> [  1.000000] SVM: cr_read: 0011", "cr_read: 0011", "1.000000"),
            // A paste whose selection began after the `[`.
            ("   33.881551] VMCS 000000008e180ab4, last attempted VM-entry on CPU 0", "VMCS 000000008e180ab4, last attempted VM-entry on CPU 0", "33.881551"),
            ("33.881551]x", "33.881551]x", nil),
            ("1.5] RIP = 0x1", "1.5] RIP = 0x1", nil),
            (">> > [  1.000000] SVM: cr_read: 0011", "cr_read: 0011", "1.000000"),
            ("&gt; &gt; [  1.000000] SVM: cr_read: 0011", "cr_read: 0011", "1.000000"),  // an HTML export of a thread
            ("Mar  3 14:22:07 hv07 kernel: [ 5123.700001] SVM: exit_code: 00000400", "exit_code: 00000400", "Mar 3 14:22:07"),
            // The BSDs' syslogd tags the kernel's messages with its path (intel/haxm#304).
            ("Jun 16 15:07:09 localhost /netbsd: [ 1776.3439261] SVM: asid: 1", "asid: 1", "Jun 16 15:07:09"),
            ("Jun 16 15:07:09 localhost /: asid: 1", "Jun 16 15:07:09 localhost /: asid: 1", nil),
            ("2026-11-03T10:12:01.123456+01:00 hv07 kernel: kvm_amd: asid: 1", "asid: 1", "2026-11-03T10:12:01.123456+01:00"),
            ("[Tue Nov  3 10:12:01 2026] kvm_amd: asid: 1", "asid: 1", "Tue Nov  3 10:12:01 2026"),
            ("kvm_amd: exit_code:\u{00A0}         00000400", "exit_code:          00000400", nil),
            ("\tcr_read: 0011  ", "cr_read: 0011", nil),
            ("<4>[ 1409.118352] kvm_intel: *** Guest State ***", "*** Guest State ***", "1409.118352"),
            ("<12>kvm_intel: RIP = 0x1", "RIP = 0x1", nil),
            ("4,1187,1409118352,-;kvm_intel: *** Guest State ***", "*** Guest State ***", "1409.118352"),
            ("6,9,5000042,c;SVM: asid: 1", "asid: 1", "5.000042"),
            ("kern  :warn  : [ 1409.118352] kvm_intel: RIP = 0x1", "RIP = 0x1", "1409.118352"),
            ("[ 1409.118352] hv07 kernel: kvm_intel: RIP = 0x1", "RIP = 0x1", "1409.118352"),
            ("<x>RIP = 0x1", "<x>RIP = 0x1", nil),
            ("1,2;RIP = 0x1", "1,2;RIP = 0x1", nil),
            // dmesg --color=always colours the timestamp and the subsystem prefix (util-linux
            // dmesg.c: the timestamp and the text before the first colon); a terminal capture
            // keeps a window title (OSC 0 ended by BEL or by ESC \) and stray two-byte escapes.
            ("\u{1b}[32m[ 1409.118352]\u{1b}[0m \u{1b}[33mkvm_intel: \u{1b}[0mRIP = 0x1", "RIP = 0x1", "1409.118352"),
            ("\u{1b}]0;root@hv07: ~\u{07}[ 1.000000] SVM: asid: 1", "asid: 1", "1.000000"),
            ("\u{1b}]2;title\u{1b}\\[ 1.000000] SVM: asid: 1", "asid: 1", "1.000000"),
            ("\u{1b}(B[ 1.000000] SVM: asid: 1\u{1b}[", "asid: 1", "1.000000"),
        ] as [(String, String, String?)])
    func decorationsComeOff(raw: String, content: String, timestamp: String?) {
        let line = LogLine(number: 1, raw: raw)
        #expect(line.content == content)
        #expect(line.timestamp == timestamp)
    }

    @Test func wrappedTailsJoinTheirLine() throws {
        // A tail joins only a line of its own quoting level; the dump says whether it takes it.
        let text = """
            > [ 1.000000] kvm_intel: *** Guest State ***
            > [ 1.000001] kvm_intel: CR0: actual=0x0000000080050033,
            > shadow=0x0000000080050033,
            > gh_mask=fffffffffffffff7
            > [ 1.000002] kvm_intel: RFLAGS=0x00000246         DR7 =
            > 0x0000000000000400
            >
            > An undecorated sentence after a blank line stays apart.
            """
        let (snapshots, warnings) = try SnapshotReader.read(text, name: "w", settings: InputSettings(format: .kvm))
        let snapshot = try #require(snapshots.first)
        #expect(snapshot.integer("ctrl.cr0_read_shadow") == 0x8005_0033)
        #expect(snapshot.integer("ctrl.cr0_guest_host_mask") == 0xffff_ffff_ffff_fff7)
        #expect(snapshot.integer("guest.dr7") == 0x400)
        #expect(snapshot.location == .line("w", 1))
        // The sentence has no timestamp: another stream than the dump's, so not warned about.
        #expect(warnings.allSatisfy { !$0.message.contains("undecorated") })
        // The wrap may cut the decorations themselves: joined, the line is cleaned again.
        let head = LogLine(number: 1, raw: "> Nov  2 14:09:46 hv03 kernel: [")
        let cut = head.joined(with: LogLine(number: 2, raw: "> 5012.001000] *** Guest State ***"))
        #expect(cut.content == "*** Guest State ***")
        #expect(cut.stream.quoteDepth == 1)
    }

}

@Suite struct QuotedPrintableTests {
    @Test func decodesTheTransferEncodingOnly() {
        let text = "CR0: actual=3D0x80050033, gh_mas=\r\nk=3Dffff =C2=A0 PinBased=3d000001 tail=\n"
        #expect(QuotedPrintable.isEncoded(HeadSample(bytes: Array(text.utf8), isWhole: true)))
        let decoded = String(decoding: QuotedPrintable.decode(Array(text.utf8)), as: UTF8.self)
        // Soft breaks (CRLF or LF) vanish, =3D is '=', =C2=A0 a non-breaking space; lower-case
        // "=3d" is a value, not the encoding, and a lone '=' at the end stays.
        #expect(decoded == "CR0: actual=0x80050033, gh_mask=ffff \u{a0} PinBased=3d000001 tail")
    }

    @Test func plainLogsAndBinaryAreLeftAlone() throws {
        #expect(!QuotedPrintable.isEncoded(HeadSample(bytes: Array("EntryControls=0000d3ff\nreason=3d\n".utf8), isWhole: true)))
        // A hex dump whose character column happens to hold =3D twice is not mail.
        let dump = "00000000: 3d33 443d 3344 0000 0000 0000 0000 0000  =3D=3D..........\n"
        #expect(try SnapshotReader.detect(Array(String(repeating: dump, count: 1).utf8), name: "d") == .xxd)
        func encoded(_ text: String) -> Bool { QuotedPrintable.isEncoded(HeadSample(bytes: Array(text.utf8), isWhole: true)) }
        #expect(!encoded(dump))
        // `=20` followed by a hex digit is a value (RSP=20001000), not an escaped space.
        #expect(!encoded("RSP=20000000 RBP=20001000 RSI=20002000\n"))
        #expect(encoded("RSP=20 RBP=20 RSI=20\n"))
        // Three escapes, but on a line longer than mail's 76 characters and no soft break: the
        // encoding would have wrapped it (RFC 2045 section 6.7).
        let long = "kvm: " + String(repeating: "x", count: 80) + " a=3D1 b=3D2 c=3D3\n"
        #expect(!encoded(long))
        #expect(encoded("kvm: a=3D1 b=3D2 c=3D3\n"))
        #expect(QuotedPrintable.decode(Array("a=\n".utf8)) == Array("a".utf8))
        #expect(QuotedPrintable.decode(Array("=".utf8)) == Array("=".utf8))
        #expect(QuotedPrintable.decode(Array("=4".utf8)) == Array("=4".utf8))
    }
}

/// The byte-level text helpers the readers' hot paths use.
@Suite struct ByteTextTests {
    /// Trimming the end walks back by characters: a space with a combining mark is one
    /// character, not a space; nothing but spaces leaves nothing.
    @Test func trailingCharactersAreDropped() {
        #expect(Substring("  a b  ").trimmingSpaces() == "a b")
        #expect(Substring("a \u{301}").trimmingSpaces() == "a \u{301}")
        #expect(Substring("   ").trimmingSpaces() == "")
        #expect(Substring("x,;,").droppingLast { ",;".contains($0) } == "x")
        #expect(Substring("").droppingLast { _ in true } == "")
        #expect("caf\u{E9}  ".trimmingTrailingSpaces() == "caf\u{E9}")
    }

    /// ByteSearch finds the first occurrence, by bytes, in a slice that need not start at its
    /// string's start; an empty or longer needle is never found.
    @Test func byteSearchFindsTheFirstOccurrence() {
        let line = "xx kvm_intel: *** Guest State *** and *** Guest State ***"
        let slice = line.dropFirst(3)
        let found = ByteSearch.find("*** Guest State ***", in: slice)
        #expect(found.map { line.utf8.distance(from: line.utf8.startIndex, to: $0.lowerBound) } == 14)
        #expect(found.map { String(line[$0]) } == "*** Guest State ***")
        // A false start just before the match ("aab" in "aaab"), a match at the very end.
        #expect(ByteSearch.find("aab", in: Substring("aaab")).map { String("aaab"[$0]) } == "aab")
        #expect(ByteSearch.contains("reason=3d", "3d"))
        #expect(ByteSearch.contains("é = 1, msr=0x10 value=2", "value="))
        #expect(!ByteSearch.contains("Guest State", "*** Guest State ***"))
        #expect(!ByteSearch.contains("abc", ""))
        #expect(!ByteSearch.contains("", "a"))
        // The slice's own bounds: a match beyond its end is not found.
        #expect(ByteSearch.find("State", in: line.prefix(20)) == nil)
    }

    /// The byte search itself, as the fallback for views without contiguous bytes runs it.
    @Test func byteOffsetsOnViews() {
        func walk(_ needle: String, _ text: Substring) -> Int? { ByteSearch.walk(Array(needle.utf8), in: text.utf8) }
        #expect(walk("abc", "abc") == 0)
        #expect(walk("ab", "xxab") == 2)
        #expect(walk("aab", "aaab") == 1)
        #expect(walk("abcd", "abc") == nil)
        #expect(walk("a", "") == nil)
        #expect(walk("", "abc") == nil)
        // A slice from its own start: "cd" is at 1 in "bcde", 3 in the whole string.
        let whole = "abcdef"
        #expect(walk("cd", whole.dropFirst().prefix(4)) == 1)
        #expect(walk("ef", whole.dropFirst().prefix(4)) == nil)
    }

    /// Trimming ASCII characters works on the bytes; other strings keep the scalar path.
    @Test func trimmingTakesOffTheEnds() {
        #expect("  , CR0_READ_SHADOW ,;".trimming(" ,;") == "CR0_READ_SHADOW")
        #expect("GUEST_RIP".trimming(" ") == "GUEST_RIP")
        #expect("".trimming(" ") == "")
        #expect(" ,; ".trimming(" ,;") == "")
        #expect(" é = 1 ".trimming(" ") == "é = 1")
        // A combining mark after a trimmed space stays, as it was written.
        #expect(" \u{301}x".trimming(" ") == "\u{301}x")
        #expect("«x»".trimming("«»") == "x")
    }

    /// Module names as one key: `KVM-AMD:` and `kvm_amd` are one module.
    @Test func moduleNamesAreNormalised() {
        #expect(LogReader.Open.normalized("KVM-AMD:") == "kvm_amd")
        #expect(LogReader.Open.normalized("kvm_intel") == "kvm_intel")
        #expect(LogReader.Open.normalized("SVM") == "svm")
        #expect(LogReader.Open.normalized("Ünï-x:") == "ünï_x")
    }
}
