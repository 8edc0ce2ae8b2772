using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RayGen.Shell;

namespace RayGen.Analysis
{
    /// <summary>
    /// rules.md §0.3 "known shell": <c>sh</c>, <c>bash</c>, <c>dash</c>, <c>ash</c>, <c>zsh</c>, <c>ksh</c> (by
    /// basename, optionally behind <c>env</c>), and its script argument: the first operand after an option word
    /// containing <c>c</c> (<c>-c</c>, <c>-lc</c>, <c>-euxc</c>), skipping <c>--</c>.
    /// </summary>
    internal static class KnownShell
    {
        private static readonly string[] Shells = { "sh", "bash", "dash", "ash", "zsh", "ksh" };

        public static bool IsShell(string word) => Shells.Contains(Path.GetFileName(word.Trim()));

        /// <summary>The index of the script argument in an exec-form word list, with the dialect to parse it in.</summary>
        public static bool TryGetScript(IReadOnlyList<string> words, out int scriptIndex, out ShellDialect dialect)
        {
            scriptIndex = -1;
            dialect = ShellDialect.Bash;
            int i = 0;
            if (words.Count > 0 && Path.GetFileName(words[0].Trim()) == "env")
            {
                i++;
            }

            if (i >= words.Count || !IsShell(words[i]))
            {
                return false;
            }

            string program = Path.GetFileName(words[i].Trim());
            dialect = program is "sh" or "dash" or "ash" ? ShellDialect.Posix : ShellDialect.Bash;
            for (i++; i < words.Count; i++)
            {
                string word = words[i];
                if (word == "--" || !word.StartsWith("-", StringComparison.Ordinal) || word.StartsWith("--", StringComparison.Ordinal))
                {
                    return false; // an operand before any -c: a script file, not inline text
                }

                if (word.IndexOf('c') >= 0)
                {
                    int script = i + 1;
                    while (script < words.Count && words[script] == "--")
                    {
                        script++;
                    }

                    scriptIndex = script;
                    return script < words.Count;
                }
            }

            return false;
        }
    }
}
