import ArgumentParser

/// The lines that install shell completion by hand. They follow the top-level help unwrapped,
/// whatever the terminal's width, so each can be copied and pasted as it stands; the man page
/// and the README quote them (a test keeps the three the same).
enum CompletionInstall {
    static let commands = [
        "d=~/.local/share/bash-completion/completions; mkdir -p $d && vmcs-inspect --generate-completion-script bash > $d/vmcs-inspect",
        "d=~/.local/share/zsh/site-functions; mkdir -p $d && vmcs-inspect --generate-completion-script zsh > $d/_vmcs-inspect",
        "set d ~/.config/fish/completions; mkdir -p $d && vmcs-inspect --generate-completion-script fish > $d/vmcs-inspect.fish",
    ]

    static var section: String {
        """
        SHELL COMPLETION:
          make install puts the scripts in place. By hand, run the line for your shell
          (bash, zsh, fish); zsh also needs fpath=(~/.local/share/zsh/site-functions
          $fpath) before compinit in ~/.zshrc.

        """ + commands.map { "  " + $0 + "\n" }.joined()
    }

    /// The top-level help with `section` after the discussion (before USAGE), when `error`
    /// asks for the top-level help (`--help`, `help`, no arguments); nil for anything else.
    static func topLevelHelp(for error: any Error) -> String? {
        let message = VMCSInspectCommand.fullMessage(for: error)
        guard message == VMCSInspectCommand.helpMessage() else { return nil }
        var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let usage = lines.firstIndex { $0.hasPrefix("USAGE: ") } ?? lines.endIndex
        lines.insert(contentsOf: section.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), at: usage)
        return lines.joined(separator: "\n")
    }
}
