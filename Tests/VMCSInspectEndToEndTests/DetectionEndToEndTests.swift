import Foundation
import Testing

/// Text that is no dump, on standard input: exit status 2, nothing on stdout, one line on
/// stderr saying what the text looked like; named with `--format`, a page is read as it says.
@Suite struct DetectionEndToEndTests {
    static let refused: [(String, String)] = [
        (
            "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu vme de pse tsc msr pae vmx ept vpid\naddress sizes\t: 39 bits physical, 48 bits virtual\n",
            "that look like /proc/cpuinfo"
        ),
        (
            "(gdb) bt\n#0  0x00007ffff7a42e2b in __GI_raise (sig=sig@entry=6) at raise.c:50\n#1  0x00007ffff7a24859 in __GI_abort () at abort.c:79\n",
            "that look like gdb output"
        ),
        ("qemu-system-x86_64 -machine q35,accel=kvm -cpu host,vmx=on -m 4096 -smp 4\n", "that looks like a QEMU command line"),
        ("{\"name\": \"vmcs-tools\", \"config\": {\"GUEST_RIP\": \"0xffffffff81000000\"}}\n", "a JSON document but not show --json output"),
        ("CR0 = 0x80050033\nCR3 = 0x10a6b2000\nRIP = 0xffffffff8107a3b5\n", "the closest is field log"),
    ]

    @Test(arguments: refused)
    func textWithoutADumpIsRefused(text: String, words: String) throws {
        let result = try Binary.run(["show", "-"], stdin: Data(text.utf8))
        #expect(result.status == 2)
        #expect(result.stdout == "")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("vmcs-inspect: error: <stdin>: cannot tell the input format: ") == true, "\(result.stderr)")
        #expect(result.stderr.contains(words), "\(result.stderr)")
    }

    @Test func aPageOfZerosIsReadOnlyWhenNamed() throws {
        let zeros = Data(count: 4096)
        let refused = try Binary.run(["show", "-"], stdin: zeros)
        #expect(refused.status == 2)
        #expect(refused.stdout == "")
        #expect(
            refused.stderr
                == "vmcs-inspect: error: <stdin>: byte 0x0: the page is all zero bytes: name what it is, with --layout for a VMCS or --format raw to read it as a VMCB anyway\n"
        )
        let named = try Binary.run(["show", "--format", "raw", "-"], stdin: zeros)
        #expect(named.status == 0)
        #expect(named.stdout.hasPrefix("VMCB <stdin> (raw page)"))
    }
}
