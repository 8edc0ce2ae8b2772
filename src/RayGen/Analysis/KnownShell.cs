using System;
using System.Collections.Generic;
using System.Linq;
using RayGen.Shell;

namespace RayGen.Analysis
{
    /// <summary>
    /// rules.md §0.3 "Known shell": a command word whose basename is <c>sh</c>, <c>bash</c>, <c>dash</c>,
    /// <c>ash</c>, <c>zsh</c> or <c>ksh</c>, optionally behind <c>env</c> (<c>/usr/bin/env bash</c> as one word or
    /// as two words), and where its script argument is: the first operand after an option word that
    /// contains <c>c</c> (<c>-c</c>, <c>-lc</c>, <c>-euxc</c>), also when more options follow it; without such an
    /// option the first operand is a script file. <c>--</c> ends the options.
    /// Works on plain word lists, so it serves exec-form arrays and parsed simple commands alike
    /// (a <c>null</c> word stands for one whose value is not known, e.g. <c>"$X"</c>).
    /// </summary>
    internal sealed class KnownShell
    {
        private static readonly string[] Names = { "sh", "bash", "dash", "ash", "zsh", "ksh" };

        private KnownShell(string name, int shellIndex, int? optionIndex, int? scriptIndex, int? scriptFileIndex, bool isLogin)
        {
            Name = name;
            ShellIndex = shellIndex;
            OptionIndex = optionIndex;
            ScriptIndex = scriptIndex;
            ScriptFileIndex = scriptFileIndex;
            IsLogin = isLogin;
        }

        /// <summary>Basename of the shell (<c>bash</c>, <c>sh</c>, …).</summary>
        public string Name { get; }

        /// <summary>Index of the word naming the shell (or of <c>env</c>'s operand).</summary>
        public int ShellIndex { get; }

        /// <summary>Index of the option word that contains <c>c</c>, if any.</summary>
        public int? OptionIndex { get; }

        /// <summary>Index of the script argument (the inline shell text), if the option has one.</summary>
        public int? ScriptIndex { get; }

        /// <summary>Index of a script file operand (<c>bash /x/run.sh</c>), when there is no <c>-c</c>.</summary>
        public int? ScriptFileIndex { get; }

        /// <summary>True when the options make it a login shell (<c>-l</c>, <c>-lc</c>, <c>--login</c>).</summary>
        public bool IsLogin { get; }

        /// <summary>True when an option word contains <c>c</c>: the shell runs inline text.</summary>
        public bool HasCommandOption => OptionIndex.HasValue;

        /// <summary>dash (POSIX) for <c>sh</c>/<c>dash</c>/<c>ash</c>, bash otherwise.</summary>
        public ShellDialect Dialect => DialectOf(Name);

        /// <summary>dash (POSIX) for <c>sh</c>/<c>dash</c>/<c>ash</c> (also as paths: <c>/bin/sh</c>), bash otherwise.</summary>
        public static ShellDialect DialectOf(string shell) => BaseName(shell) is "sh" or "dash" or "ash" ? ShellDialect.Posix : ShellDialect.Bash;

        /// <summary>True when <paramref name="word"/>'s basename is one of the known shells.</summary>
        public static bool IsShellName(string? word) => word is not null && Names.Contains(BaseName(word.Trim()));

        /// <summary>The part after the last <c>/</c>.</summary>
        public static string BaseName(string word)
        {
            int slash = word.LastIndexOf('/');
            return slash < 0 ? word : word.Substring(slash + 1);
        }

        /// <summary>The known shell started by <paramref name="words"/> (from index <paramref name="start"/>), or null.</summary>
        public static KnownShell? Find(IReadOnlyList<string?> words, int start = 0)
        {
            if (start >= words.Count || words[start] is not { } first)
            {
                return null;
            }

            int shellIndex = start;
            string program = first.Trim();

            // env as one word ("/usr/bin/env bash") or as two words ("/usr/bin/env", "bash").
            string[] parts = program.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && BaseName(parts[0]) == "env")
            {
                program = parts[1];
            }
            else if (BaseName(program) == "env")
            {
                int next = start + 1;
                while (next < words.Count && words[next] is { } w && (w.StartsWith("-", StringComparison.Ordinal) || w.Contains('=')))
                {
                    next++;
                }

                if (next >= words.Count || words[next] is not { } operand)
                {
                    return null;
                }

                shellIndex = next;
                program = operand.Trim();
            }

            if (!IsShellName(program) || program.IndexOfAny(new[] { ' ', '\t' }) >= 0)
            {
                return null;
            }

            string name = BaseName(program);
            bool login = false;
            int? option = null;
            for (int i = shellIndex + 1; i < words.Count; i++)
            {
                if (words[i] is not { } word)
                {
                    // A word with expansions: after -c it is the script argument ("$X"); before, it may be an option.
                    return option is null ? new KnownShell(name, shellIndex, null, null, null, login) : Operand(i);
                }

                if (word == "--")
                {
                    // Options end: the next word is the script argument (with -c) or a script file.
                    return Operand(i + 1);
                }

                if (word.StartsWith("--", StringComparison.Ordinal))
                {
                    login |= word == "--login";
                    continue;
                }

                if (word.Length > 1 && (word[0] == '-' || word[0] == '+'))
                {
                    if (word.Substring(1) is "o" or "O")
                    {
                        i++; // -o NAME, -O NAME
                        continue;
                    }

                    login |= word[0] == '-' && word.IndexOf('l') > 0;
                    if (word[0] == '-' && word.IndexOf('c') > 0)
                    {
                        option ??= i;
                    }

                    continue;
                }

                return Operand(i);
            }

            return new KnownShell(name, shellIndex, option, null, null, login);

            KnownShell Operand(int index)
            {
                int? operand = index < words.Count ? index : null;
                return option is null
                    ? new KnownShell(name, shellIndex, null, null, operand, login)
                    : new KnownShell(name, shellIndex, option, operand, null, login);
            }
        }
    }
}
